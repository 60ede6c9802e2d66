// TEN-4-FACESp: bruising in a child under 4 on the Torso, Ears or Neck, on the
// Frenulum, Angle of the jaw, Cheeks, Eyelids or Subconjunctivae; any bruise
// in an infant of 4.99 months or younger; or Patterned bruising. Validated as a
// bruising clinical decision rule for physical abuse (sensitivity 95.6%,
// specificity 87.1%) by Pierce et al., JAMA Netw Open 2021;4(4):e215832.
import type { EvidenceRecord } from '../../household/derive.ts';
import type { Injury } from '../../records/types.ts';
import { describeAge, wholeMonthsAt } from '../age.ts';
import { childInjuries, isBruise, newInjuries, parentalRiskFactors } from '../facts.ts';
import type { Rule } from '../types.ts';

const REGION: Record<string, string> = {
  chest: 'torso', abdomen: 'torso', back: 'torso', buttock: 'torso', genitals: 'torso',
  ear: 'ear', neck: 'neck', frenulum: 'frenulum', 'jaw-angle': 'angle of the jaw', cheek: 'cheek',
  eyelid: 'eyelid', subconjunctiva: 'subconjunctiva',
};

/** The TEN-4-FACESp features of one injury on a child of this many whole months, in words (none from 4 years). */
export function ten4InjuryFeatures(i: Injury, months: number | null): string[] {
  if (months === null || months >= 48) return [];
  const out: string[] = [];
  const bruise = isBruise(i);
  if (bruise && REGION[i.site]) out.push(`bruising to the ${REGION[i.site]}`);
  if (i.site === 'subconjunctiva') out.push('subconjunctival haemorrhage');
  if (bruise && months < 5) out.push('a bruise on an infant of 4.99 months or younger');
  if (bruise && i.patterned) out.push('patterned bruising');
  return out;
}

/**
 * The TEN-4-FACESp features of one record's injuries for a child of this date of birth, in words. Given the
 * child's other records, an injury they showed in the days before (a review of it) is not counted again.
 */
export function ten4Features(r: EvidenceRecord, childId: number, dob: string | null, records?: readonly EvidenceRecord[]): string[] {
  const months = wholeMonthsAt(dob, r.occurredOn);
  const injuries = records ? newInjuries(r, childId, records) : childInjuries(r, childId);
  return [...new Set(injuries.flatMap((i) => ten4InjuryFeatures(i, months)))];
}

export const ten4: Rule = {
  id: 'ten-4-facesp',
  version: 2,
  title: 'Bruising in a pattern that predicts physical abuse (TEN-4-FACESp)',
  source: 'Pierce MC et al. Validation of a clinical decision rule to predict abuse in young children based on bruising characteristics. JAMA Netw Open 2021;4(4):e215832',
  evaluate(p) {
    const hits = p.today.map((r) => ({ r, features: ten4Features(r, p.personId, p.dob, p.records) })).filter((h) => h.features.length);
    if (!hits.length) return null;
    const factors = parentalRiskFactors(p.records, p.personId, hits.map((h) => h.r.source));
    const age = describeAge(p.dob, p.asOf);
    return {
      severity: 'high',
      evidence: hits.map((h) => h.r.source),
      explanation: `${p.name}${age ? `, ${age},` : ''} has ${[...new Set(hits.flatMap((h) => h.features))].join(', ')} (${hits.map((h) => h.r.source).join(', ')}): a TEN-4-FACESp positive bruising pattern in a child under 4, which calls for a child-protection assessment.`
        + (factors.length ? ` Parental risk factors recorded: ${[...new Set(factors.map((f) => f.factor))].join(', ')}.` : ''),
      ...(factors.length ? { contributing: [...new Set(factors.map((f) => f.source))] } : {}),
    };
  },
};

export type { Injury };

// TEN-4-FACESp: bruising in a child under 4 on the Torso, Ears or Neck, on the
// Frenulum, Angle of the jaw, Cheeks, Eyelids or Subconjunctivae; any bruise
// in an infant of 4.99 months or younger; or Patterned bruising. Validated as a
// bruising clinical decision rule for physical abuse (sensitivity 95.6%,
// specificity 87.1%, so LR+ 7.4) by Pierce et al., JAMA Netw Open 2021;4(4):e215832.
// From 4 years NICE CG89 takes over (nice-cg89.ts: patterned bruising and bruises on the ears, neck,
// buttocks or hands at any age).
//
// Context that lowers, and says so (never for a patterned bruise):
// - a documented birth injury (ventouse, forceps, cephalhaematoma) explains bruising of the head and face in
//   a baby's first four weeks, and a scalp swelling in the first three months: cancelled; a bruise elsewhere
//   in those four weeks is lowered (a difficult delivery); after them it explains nothing;
// - a bleeding disorder confirmed by haematology lowers the bruise's weight, never cancels it;
// - an accident seen by an independent witness (a nursery worker, a teacher, a public place; not the parent or
//   their partner, whose words are the account itself) is the "confirmed accidental trauma in a public setting"
//   the rule was validated without: cancelled, as the fracture rule does for a witnessed fall;
// - a professional's documented assessment that the injury fits the account, or was accidental ("consistent
//   with the history given"): lowered to medium, never cancelled (the assessment is the one TEN-4-FACESp asks
//   for, but a baby's bruise is a sentinel injury until a child-protection assessment has weighed it);
// - an entry a later record corrects (a Mongolian blue spot charted as a bruise): withdrawn, and the finding
//   left on its day says so (low: "Not counted: corrected by ...").
// Birthmarks the record itself names, its own corrections and scratches are not injuries at all (facts.ts childInjuries).
import type { EvidenceRecord } from '../../household/derive.ts';
import type { Injury } from '../../records/types.ts';
import { describeAge, wholeMonthsAt } from '../age.ts';
import { childInjuries, daysBetween, isBruise, newInjuries, parentalRiskFactors } from '../facts.ts';
import { assessedConsistent, birthInjury, bleedingDisorder, correctable, said, type Context, type Corrections } from '../injury-context.ts';
import type { Rule, Term } from '../types.ts';
import { ASSESSED_CONSISTENT_LOWERS, ASSESSED_CONSISTENT_SOURCE, BIRTH_INJURY_LOWERS, BLEEDING_DISORDER_LOWERS, CORRECTION_SOURCE, factorTerms, PIERCE_2021, TEN4_WEIGHT } from './physical-weights.ts';

const REGION: Record<string, string> = {
  chest: 'torso', abdomen: 'torso', back: 'torso', buttock: 'torso', genitals: 'torso',
  ear: 'ear', neck: 'neck', frenulum: 'frenulum', 'jaw-angle': 'angle of the jaw', cheek: 'cheek',
  eyelid: 'eyelid', subconjunctiva: 'subconjunctiva',
};
/** Where a ventouse cup, forceps blades or the birth canal mark a baby's head and face. */
export const BIRTH_SITES = new Set(['scalp', 'forehead', 'eyelid', 'subconjunctiva', 'nose', 'cheek', 'ear', 'jaw-angle', 'chin', 'skull']);
/**
 * How long after birth a documented birth injury explains a mark on the head or face: bruising and
 * subconjunctival haemorrhage from delivery fade within two to three weeks (four allowed), a cephalhaematoma
 * (a swelling of the scalp) within about three months.
 */
export const BIRTH_BRUISE_DAYS = 28;
export const CEPHALHAEMATOMA_DAYS = 92;
const explainedByBirth = (i: Injury, ageDays: number) =>
  BIRTH_SITES.has(i.site) && ageDays <= (i.type === 'swelling' && ['scalp', 'skull'].includes(i.site) ? CEPHALHAEMATOMA_DAYS : BIRTH_BRUISE_DAYS);

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

export interface Ten4Assessment {
  injury: Injury;
  index: number;
  features: string[];
  /** context that lowered it (negative terms) */
  lowered: Term[];
  /** why it does not count at all, when it does not */
  cancelled: string | null;
}

const describe = (i: Injury, index: number) => `injuries[${index}]: ${i.type}, ${i.site}${i.patterned ? ', patterned' : ''}`;

/**
 * Each TEN-4-FACESp-positive injury of the record, with the child's context (from `records`, or the record
 * alone) applied. Given records, an injury shown in the days before (a review of it) is not counted again.
 * Given the child's corrections, a bruise a later record corrects is assessed and cancelled, saying so.
 */
export function ten4Assess(r: EvidenceRecord, childId: number, dob: string | null, records?: readonly EvidenceRecord[], corrections?: Corrections): Ten4Assessment[] {
  const months = wholeMonthsAt(dob, r.occurredOn);
  const all = childInjuries(r, childId);
  const injuries = records ? newInjuries(r, childId, records) : all;
  const context = records ?? [r];
  const correction = corrections?.get(r.source) ?? null;
  const assessed = assessedConsistent(context, r, childId);
  const out: Ten4Assessment[] = [];
  for (const injury of injuries) {
    const features = ten4InjuryFeatures(injury, months);
    if (!features.length) continue;
    const index = all.indexOf(injury);
    const lowered: Term[] = [];
    let cancelled: string | null = null;
    if (correction && correctable(injury)) {
      cancelled = `corrected by a later record ("${correction.phrase}", ${correction.source}): the ${injury.type} to the ${injury.site} charted in ${r.source} was not an injury, and what it raised is withdrawn`;
      lowered.push({ label: 'corrected by a later record', weight: -TEN4_WEIGHT, source: CORRECTION_SOURCE, evidence: correction.source, basis: `${correction.field}: "${correction.phrase}"` });
      out.push({ injury, index, features, lowered, cancelled });
      continue;
    }
    const ageDays = dob && /^\d{4}-\d{2}-\d{2}$/.test(dob) ? daysBetween(dob, r.occurredOn) : null;
    const birth: Context | null = months !== null && months < 5 ? birthInjury(context, childId, r.occurredOn) : null;
    // After the weeks in which delivery marks fade, a birth injury explains nothing and is not mentioned.
    const neonatal = ageDays !== null && (ageDays <= BIRTH_BRUISE_DAYS || explainedByBirth(injury, ageDays));
    if (birth && !injury.patterned && neonatal) {
      if (explainedByBirth(injury, ageDays)) {
        cancelled = `a documented birth injury ("${birth.phrase}", ${birth.source}) explains a ${injury.type} to the ${injury.site} at ${ageDays} days old`;
        lowered.push({ label: 'a documented birth injury explains it', weight: -TEN4_WEIGHT, source: PIERCE_2021, evidence: birth.source, basis: `${birth.field}: "${birth.phrase}"` });
      } else {
        lowered.push({ label: 'a documented birth injury', weight: BIRTH_INJURY_LOWERS, source: 'NICE CG89 (an alternative explanation); judgement: one halving', evidence: birth.source, basis: `${birth.field}: "${birth.phrase}"` });
      }
    }
    const bleeding = cancelled || injury.patterned ? null : bleedingDisorder(context, childId, r.occurredOn);
    if (bleeding) {
      lowered.push({ label: 'a bleeding disorder confirmed', weight: BLEEDING_DISORDER_LOWERS, source: 'Kemp AM, Collins P et al., bruising in children with inherited bleeding disorders (Cardiff); judgement', evidence: bleeding.source, basis: `${bleeding.field}: "${bleeding.phrase}"` });
    }
    const witnessed = cancelled || injury.patterned ? undefined : said(r, 'witnessed-accident')[0];
    if (witnessed) {
      cancelled = `an accident seen by an independent witness ("${witnessed.phrase}", ${r.source}) explains the ${injury.type} to the ${injury.site}`;
      lowered.push({ label: 'an accident seen by an independent witness', weight: -TEN4_WEIGHT, source: PIERCE_2021, evidence: r.source, basis: `${witnessed.field}: "${witnessed.phrase}"` });
    }
    if (!cancelled && !injury.patterned && assessed) {
      lowered.push({ label: 'a professional assessed the injury as fitting the account', weight: ASSESSED_CONSISTENT_LOWERS, source: ASSESSED_CONSISTENT_SOURCE, evidence: assessed.source, basis: `${assessed.field}: "${assessed.phrase}"` });
    }
    out.push({ injury, index, features, lowered, cancelled });
  }
  return out;
}

/** The TEN-4-FACESp features of one record's injuries that stand once the child's context is applied, in words. */
export function ten4Features(r: EvidenceRecord, childId: number, dob: string | null, records?: readonly EvidenceRecord[], corrections?: Corrections): string[] {
  return [...new Set(ten4Assess(r, childId, dob, records, corrections).filter((a) => !a.cancelled).flatMap((a) => a.features))];
}

export const ten4: Rule = {
  id: 'ten-4-facesp',
  version: 5,
  title: 'Bruising in a pattern that predicts physical abuse (TEN-4-FACESp)',
  source: 'Pierce MC et al. Validation of a clinical decision rule to predict abuse in young children based on bruising characteristics. JAMA Netw Open 2021;4(4):e215832',
  evaluate(p) {
    const hits = p.today.map((r) => ({ r, assessed: ten4Assess(r, p.personId, p.dob, p.records, p.corrections) })).filter((h) => h.assessed.length);
    if (!hits.length) return null;
    const standing = hits.map((h) => ({ r: h.r, assessed: h.assessed.filter((a) => !a.cancelled) })).filter((h) => h.assessed.length);
    const cancelled = hits.flatMap((h) => h.assessed.filter((a) => a.cancelled));
    const terms: Term[] = [];
    for (const h of hits) {
      terms.push({ label: `TEN-4-FACESp positive: ${[...new Set(h.assessed.flatMap((a) => a.features))].join(', ')}`, weight: TEN4_WEIGHT, source: PIERCE_2021,
        evidence: h.r.source, basis: h.assessed.map((a) => describe(a.injury, a.index)).join('; ') });
      for (const a of h.assessed) terms.push(...a.lowered);
    }
    const lowered = standing.some((h) => h.assessed.some((a) => a.lowered.length && !a.injury.patterned));
    const factors = parentalRiskFactors(p.records, p.personId, hits.map((h) => h.r.source));
    const age = describeAge(p.dob, p.asOf);
    const set = cancelled.length ? ` Not counted: ${cancelled.map((a) => a.cancelled).join('; ')}.` : '';
    const lowers = [...new Set(standing.flatMap((h) => h.assessed.flatMap((a) => a.lowered.map((t) => `${t.label} (${t.evidence}: ${t.basis})`))))];
    if (!standing.length) {
      return {
        severity: 'low',
        evidence: hits.map((h) => h.r.source),
        terms,
        explanation: `${p.name}${age ? `, ${age},` : ''} has a bruise TEN-4-FACESp would count (${hits.map((h) => h.r.source).join(', ')}), but it is explained.${set}`,
      };
    }
    return {
      severity: lowered ? 'medium' : 'high',
      evidence: standing.map((h) => h.r.source),
      terms: [...terms, ...factorTerms(factors)],
      explanation: `${p.name}${age ? `, ${age},` : ''} has ${[...new Set(standing.flatMap((h) => h.assessed.flatMap((a) => a.features)))].join(', ')} (${standing.map((h) => h.r.source).join(', ')}): a TEN-4-FACESp positive bruising pattern in a child under 4, which calls for a child-protection assessment.`
        + (lowers.length ? ` Lowered by: ${lowers.join('; ')}.` : '') + set
        + (factors.length ? ` Parental risk factors recorded: ${[...new Set(factors.map((f) => f.factor))].join(', ')}.` : ''),
      ...(factors.length ? { contributing: [...new Set(factors.map((f) => f.source))] } : {}),
    };
  },
};

export type { Injury };

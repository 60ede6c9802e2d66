// NICE CG89 (Child maltreatment: when to suspect maltreatment in under 18s,
// 2009, updated 2017), the "suspect" features of injury: bruising in a child
// who is not independently mobile; a fracture in a child under 18 months
// without a confirmed accidental cause; an injury with no explanation, or one
// that does not fit. Mobility is not in the record, so it is taken from age:
// under 9 months (WHO motor milestones: hands-and-knees crawling and standing
// with help are reached at a median of about 8.5 and 9.2 months).
import type { EvidenceRecord } from '../../household/derive.ts';
import { wholeMonthsAt, describeAge } from '../age.ts';
import { childInjuries, isBruise, newInjuries, parentalRiskFactors, raisedBy } from '../facts.ts';
import type { Rule, Severity } from '../types.ts';
import { ten4InjuryFeatures } from './ten-4-facesp.ts';

export const NOT_MOBILE_MONTHS = 9;
const NO_EXPLANATION = /^\s*(none|no explanation|unexplained|unknown|not known|nil)\b|\b(none clear|unclear|not clear|cannot explain|can't explain|no clear explanation)\b/i;

export interface SuspectFeature {
  feature: string;
  severity: Severity;
}

/** Given the child's other records, an injury they showed in the days before (a review of it) is not counted again. */
export function niceFeatures(r: EvidenceRecord, childId: number, dob: string | null, records?: readonly EvidenceRecord[]): SuspectFeature[] {
  const all = childInjuries(r, childId);
  if (!all.length) return [];
  const injuries = records ? newInjuries(r, childId, records) : all;
  const months = wholeMonthsAt(dob, r.occurredOn);
  const out: SuspectFeature[] = [];
  // One bruise raises one alert: a bruise TEN-4-FACESp already finds (any bruise under 5 months, a bruise to
  // the torso, ears, neck or face, a patterned bruise) is not raised again here.
  if (months !== null && months < NOT_MOBILE_MONTHS && injuries.some((i) => isBruise(i) && !ten4InjuryFeatures(i, months).length)) {
    out.push({ feature: 'bruising in a child not yet independently mobile', severity: 'high' });
  }
  // "Suspect child maltreatment if there are lacerations, abrasions or scars in a child who is not independently
  // mobile", and an oral injury (a torn frenulum) in a baby (CG89 1.2.3).
  if (months !== null && months < NOT_MOBILE_MONTHS && injuries.some((i) => ['laceration', 'abrasion', 'burn', 'scald', 'bite'].includes(i.type) || i.site === 'frenulum')) {
    out.push({ feature: 'a cut, graze, burn, bite or mouth injury in a child not yet independently mobile', severity: 'high' });
  }
  if (months !== null && months < 18 && injuries.some((i) => i.type === 'fracture')) {
    out.push({ feature: 'a fracture in a child under 18 months with no confirmed accidental cause', severity: 'high' });
  }
  // An explanation is asked for where a child is examined; a home visit's observations are not one.
  const explanation = (r.document.body as { explanation?: string }).explanation;
  if (r.kind === 'attendance' && (explanation === undefined || NO_EXPLANATION.test(explanation))) {
    out.push({ feature: explanation === undefined ? 'an injury with no explanation recorded' : `an injury without a clear explanation ("${explanation}")`, severity: 'medium' });
  }
  return out;
}

export const niceCg89: Rule = {
  id: 'nice-cg89-suspect',
  version: 2,
  title: 'Injury features that should make a professional suspect maltreatment (NICE CG89)',
  source: 'NICE guideline CG89, Child maltreatment: when to suspect maltreatment in under 18s (2009, updated 2017), section 1.2 (physical features)',
  evaluate(p) {
    const hits = p.today.map((r) => ({ r, features: niceFeatures(r, p.personId, p.dob, p.records) })).filter((h) => h.features.length);
    if (!hits.length) return null;
    const features = hits.flatMap((h) => h.features);
    const base: Severity = features.some((f) => f.severity === 'high') ? 'high' : 'medium';
    const factors = parentalRiskFactors(p.records, p.personId, hits.map((h) => h.r.source));
    const severity = raisedBy(base, factors);
    const age = describeAge(p.dob, p.asOf);
    return {
      severity,
      evidence: hits.map((h) => h.r.source),
      explanation: `${p.name}${age ? ` (${age})` : ''}: ${[...new Set(features.map((f) => f.feature))].join('; ')} (${hits.map((h) => h.r.source).join(', ')}). NICE CG89 says to suspect maltreatment.`
        + (severity !== base ? ` Raised from ${base} by parental risk factors recorded: ${[...new Set(factors.map((f) => `${f.factor} (${f.source})`))].join(', ')}.` : ''),
      ...(severity !== base ? { contributing: [...new Set(factors.map((f) => f.source))] } : {}),
    };
  },
};

// Injuries and concerns accumulating across agencies. Peter Connelly's
// injuries were "treated as discrete events" (Haringey LSCB, Serious Case
// Review 'Child A', 2009); Working Together to Safeguard Children (2023)
// asks agencies to see cumulative harm. Counted over the last 90 days: records
// about the child with an injury, a concern, or a referral to social care.
// - 2 or more, from 2 or more agencies: medium
// - 3 or more, or 2 or more with a suspect feature (TEN-4-FACESp or NICE CG89 high): high
// - 3 or more with a suspect feature, from 2 or more agencies: critical
// Parental risk factors raise medium to high, never further.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childInjuries, daysBetween, parentalRiskFactors, raisedBy, within } from '../facts.ts';
import type { Rule, Severity } from '../types.ts';
import { niceFeatures } from './nice-cg89.ts';
import { ten4Features } from './ten-4-facesp.ts';

export const WINDOW_DAYS = 90;

function counts(r: EvidenceRecord, childId: number): boolean {
  if (!aboutChild(r, childId)) return false;
  return childInjuries(r, childId).length > 0 || r.kind === 'concern' || (r.kind === 'referral');
}

export const accumulatingHarm: Rule = {
  id: 'accumulating-harm',
  version: 1,
  title: 'Injuries and concerns accumulating across agencies',
  source: 'Haringey LSCB, Serious Case Review: Child A (2009); HM Government, Working Together to Safeguard Children (2023), cumulative harm',
  evaluate(p) {
    if (!p.today.some((r) => counts(r, p.personId))) return null;
    const events = p.records.filter((r) => within(r, p.asOf, WINDOW_DAYS) && counts(r, p.personId));
    const agencies = new Set(events.map((r) => r.agencyId));
    if (events.length < 2) return null;
    const suspect = events.filter((r) => ten4Features(r, p.personId, p.dob).length
      || niceFeatures(r, p.personId, p.dob).some((f) => f.severity === 'high'));
    let base: Severity | null = null;
    if (events.length >= 3 && suspect.length && agencies.size >= 2) base = 'critical';
    else if (events.length >= 3 || suspect.length) base = 'high';
    else if (agencies.size >= 2) base = 'medium';
    if (!base) return null;
    const dates = [...new Set(events.map((r) => r.occurredOn))].sort();
    const gaps = dates.slice(1).map((d, i) => daysBetween(dates[i]!, d));
    const rising = gaps.length >= 2 && gaps[gaps.length - 1]! < gaps[gaps.length - 2]!;
    const factors = parentalRiskFactors(p.records, p.personId);
    const severity = raisedBy(base, factors);
    return {
      severity,
      evidence: events.map((r) => r.source),
      explanation: `${events.length} injuries, concerns or referrals about ${p.name} in ${WINDOW_DAYS} days from ${agencies.size} agenc${agencies.size === 1 ? 'y' : 'ies'} (${[...agencies].join(', ')})`
        + (suspect.length ? `, ${suspect.length} of them with a suspect injury pattern (${suspect.map((r) => r.source).join(', ')})` : '')
        + (rising ? `, coming closer together (${gaps.join(', ')} days apart)` : '')
        + ': seen together they are a pattern, not separate events.'
        + (severity !== base ? ` Raised from ${base} by parental risk factors: ${[...new Set(factors.map((f) => f.factor))].join(', ')}.` : ''),
      ...(severity !== base ? { contributing: [...new Set(factors.map((f) => f.source))] } : {}),
    };
  },
};

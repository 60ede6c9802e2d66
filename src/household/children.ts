// Whose household a replay report shows: the children, as far as the records tell, by the same reading
// the alerts use (adulthood.ts isChildOn): the subject of at least one record who is not an adult on the
// date of the last record, by date of birth, or, with none, by role or description.
// Kept simple on purpose: a household for an adult or a missed child is visible and harmless.
import { occurredDate } from '../records/dates.ts';
import { mentionId, type AgencyRecord } from '../records/types.ts';
import { isChildOn } from './adulthood.ts';

export function childPersonIds(
  people: { id: number; dob: string | null; mentions: string[] }[],
  records: AgencyRecord[],
): number[] {
  const mentions = new Map<string, { role: string; relationship?: string }>();
  let last = '';
  for (const r of records) {
    const on = occurredDate(r.occurredAt);
    if (on > last) last = on;
    for (const p of r.people) mentions.set(mentionId(r.agency, r.ref, p.key), { role: p.role, ...(p.relationship ? { relationship: p.relationship } : {}) });
  }
  return people.filter((p) => {
    const own = p.mentions.map((m) => mentions.get(m)).filter((m) => m !== undefined);
    return isChildOn({ dob: p.dob, roles: own.map((m) => m.role), relationships: own.flatMap((m) => m.relationship ?? []) }, last);
  }).map((p) => p.id);
}

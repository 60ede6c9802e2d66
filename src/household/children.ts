// Whose household a replay report shows: the children, as far as the records tell.
// A person counts when they are the subject of at least one record and either
// - their date of birth makes them under 18 on the date of the last record, or
// - no date of birth is known, they are the subject of a social-care or health record
//   (the agencies that record children as the subject), and no record names them as a
//   parent, carer or partner of a parent (adults are subjects of health records too).
// Kept simple on purpose: a household for an adult or a missed child is visible and harmless.
import { occurredDate } from '../records/dates.ts';
import { mentionId, type AgencyRecord, type ScenarioAgency } from '../records/types.ts';
import { ageAt } from './derive.ts';

const CHILD_RECORD_AGENCIES = new Set(['social-care', 'gp', 'hospital', 'health-visiting', 'community-health', 'ambulance']);
const ADULT_ROLES = new Set(['parent', 'carer', 'partner-of-parent']);

export function childPersonIds(
  people: { id: number; dob: string | null; mentions: string[] }[],
  records: AgencyRecord[],
  agencies: ScenarioAgency[],
): number[] {
  const kindOf = new Map(agencies.map((a) => [a.id, a.kind as string]));
  const mentions = new Map<string, { role: string; agencyKind: string }>();
  let last = '';
  for (const r of records) {
    const on = occurredDate(r.occurredAt);
    if (on > last) last = on;
    for (const p of r.people) mentions.set(mentionId(r.agency, r.ref, p.key), { role: p.role, agencyKind: kindOf.get(r.agency) ?? 'other' });
  }
  return people.filter((p) => {
    const own = p.mentions.map((m) => mentions.get(m)).filter((m) => m !== undefined);
    if (!own.some((m) => m.role === 'subject')) return false;
    const age = p.dob ? yearsAt(p.dob, last) : null;
    if (age !== null) return age < 18;
    return own.some((m) => m.role === 'subject' && CHILD_RECORD_AGENCIES.has(m.agencyKind)) && !own.some((m) => ADULT_ROLES.has(m.role));
  }).map((p) => p.id);
}

/** Whole years, from a bare year too (then only roughly, which is enough to tell a child from an adult). */
function yearsAt(dob: string, on: string): number | null {
  return ageAt(dob, on) ?? (/^\d{4}$/.test(dob) ? Number(on.slice(0, 4)) - Number(dob) : null);
}

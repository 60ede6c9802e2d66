// Evidence for the risk rules straight from the synthetic truth, one household
// at a time: every record mentioning a child is grouped under that child's
// true identity (truth.people says which mention is whom), so the rules are
// measured on perfect linkage (linkage itself is benchmarked by
// bench/linkage.bench.ts and bench/link-ingest.bench.ts). As in
// src/household/household.ts childEvidence, police records at the child's
// home are added too: here, the household's own police records (an arrest or
// bail record names only the suspect and the victim) in which someone is
// recorded at a postcode the child lived at, from the child's first address on.
// Neighbours' police records are not looked for.
import { deriveHousehold, type EvidenceRecord } from '../src/household/derive.ts';
import { normalisePostcode } from '../src/identity/normalise.ts';
import type { HouseholdRecords } from '../src/synth/generate.ts';

export interface ChildEvidence {
  label: string;
  personId: number;
  evidence: EvidenceRecord[];
  /** years the child was a child at home inside the period */
  childYears: number;
  dob: string;
}

interface MemberTruth { person: string; kind: string; dob: string; from?: string; to?: string }

/** Person ids for truth labels, stable across households. */
export class PersonIds {
  private readonly ids = new Map<string, number>();
  of(label: string): number {
    let id = this.ids.get(label);
    if (id === undefined) this.ids.set(label, (id = this.ids.size + 1));
    return id;
  }
}

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function eighteenth(dob: string): number {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y + 18, m - 1, d);
  // 29 February: the 18th birthday is 28 February (as src/synth/dates.ts addYears).
  return new Date(t).getUTCDate() === d ? t : Date.UTC(y + 18, m - 1, 28);
}

/** Child-years inside [start, end] (inclusive ISO dates) while at home and under 18. */
export function childYears(m: MemberTruth, start: string, end: string): number {
  const from = Math.max(day(start), day(m.dob), m.from ? day(m.from) : -Infinity);
  const to = Math.min(day(end) + DAY, eighteenth(m.dob), m.to ? day(m.to) : Infinity);
  return to > from ? (to - from) / DAY / 365.25 : 0;
}

let nextRecordId = 1;

export function householdEvidence(
  h: HouseholdRecords, ids: PersonIds, agencyKinds: Record<string, string>, period: { start: string; end: string },
): ChildEvidence[] {
  const labelOf = new Map<string, string>();
  for (const [label, mentions] of Object.entries(h.people)) for (const m of mentions) labelOf.set(m, label);
  const records: EvidenceRecord[] = h.records.map((doc) => {
    const source = `${doc.agency}/${doc.ref}`;
    const personOf: Record<string, number | null> = {};
    for (const p of doc.people) {
      const label = labelOf.get(`${source}#${p.key}`);
      personOf[p.key] = label === undefined ? null : ids.of(label);
    }
    return {
      recordId: nextRecordId++, source, agencyId: doc.agency, agencyName: doc.agency, agencyKind: agencyKinds[doc.agency] ?? 'other', kind: doc.kind,
      occurredOn: doc.occurredAt.slice(0, 10), document: doc, personOf,
    };
  });
  const members = (h.truth as { members: MemberTruth[] }).members;
  const out: ChildEvidence[] = [];
  for (const m of members) {
    if (m.kind !== 'child') continue;
    const personId = ids.of(m.person);
    const about = records.filter((r) => Object.values(r.personOf).includes(personId));
    const evidence = [...about];
    if (about.length) {
      const homes = deriveHousehold({ personId, records: about }).addresses;
      const postcodes = new Set(homes.map((a) => a.postcode).filter((p): p is string => p !== null));
      const since = homes[0]?.from;
      if (postcodes.size && since) {
        for (const r of records) {
          if (r.agencyKind !== 'police' || r.occurredOn < since || about.includes(r)) continue;
          if (r.document.people.some((p) => postcodes.has(normalisePostcode(p.address?.postcode) ?? ''))) evidence.push(r);
        }
      }
    }
    out.push({ label: m.person, personId, evidence, childYears: childYears(m, period.start, period.end), dob: m.dob });
  }
  return out;
}

// Agency records (agency-record/1, revision 2) for the independent benign
// population, built straight from a family: each record names the people the
// agency knows, as it knows them, and every mention carries the true person id
// (perfect linkage: linkage is benchmarked elsewhere).
import type { EvidenceRecord } from '../../src/household/derive.ts';
import type { AgencyRecord } from '../../src/records/types.ts';
import type { Rng } from './random.ts';

/** The agencies of the population, by kind. */
export const AGENCIES = {
  gp: { id: 'ind-gp', kind: 'gp' },
  hospital: { id: 'ind-hospital', kind: 'hospital' },
  hv: { id: 'ind-hv', kind: 'health-visiting' },
  school: { id: 'ind-school', kind: 'school' },
  socialCare: { id: 'ind-csc', kind: 'social-care' },
  police: { id: 'ind-police', kind: 'police' },
  education: { id: 'ind-education', kind: 'other' },
} as const;
export type AgencyName = keyof typeof AGENCIES;
export const AGENCY_KINDS: Record<string, string> = Object.fromEntries(Object.values(AGENCIES).map((a) => [a.id, a.kind]));

export interface Person {
  id: number;
  given: string;
  family: string;
  dob: string;
  sex: 'female' | 'male';
  nhsNumber: string;
}

export interface Home {
  lines: string[];
  postcode: string;
}

export type Role = 'subject' | 'parent' | 'carer' | 'partner-of-parent' | 'sibling' | 'relative' | 'alleged-perpetrator' | 'other';

export interface Mention {
  key: string;
  person: Person;
  role: Role;
  relationship?: string;
  lives?: 'yes' | 'no' | 'unknown';
  home?: Home;
}

/** What a record is an example of, for the bench's breakdown of false alarms by their benign cause. */
export type Mimic = string;

export interface BuiltRecord {
  evidence: EvidenceRecord;
  mimics: Mimic[];
}

const HEALTH = new Set<AgencyName>(['gp', 'hospital', 'hv']);

/** Revision 2 of the contract adds `measurement` and `education`; the project's types may not have them yet. */
export type Kind = AgencyRecord['kind'] | 'measurement' | 'education';

export interface RecordSpec {
  agency: AgencyName;
  kind: Kind;
  on: string;
  people: Mention[];
  body: Record<string, unknown>;
  narrative?: string;
  author: { name: string; role: string };
  mimics?: Mimic[];
  /** the agency's own reference; default a running number of the child */
  ref?: string;
}

/** One agency record and its evidence form. `serial` makes the ref unique within a child's records. */
export function buildRecord(spec: RecordSpec, childTag: string, serial: number, rng: Rng, recordId: number): BuiltRecord {
  const agency = AGENCIES[spec.agency];
  const ref = spec.ref ?? `${childTag}-${String(serial).padStart(3, '0')}`;
  const health = HEALTH.has(spec.agency);
  const people = spec.people.map((m) => ({
    key: m.key,
    role: m.role,
    ...(m.relationship ? { relationship: m.relationship } : {}),
    ...(health ? { nhsNumber: m.person.nhsNumber } : {}),
    localId: `${spec.agency.toUpperCase()}${m.person.id}`,
    name: { given: m.person.given, family: m.person.family },
    dob: m.person.dob,
    sex: m.person.sex,
    ...(m.home ? { address: { lines: [...m.home.lines], postcode: m.home.postcode } } : {}),
    ...(m.lives ? { livesWithSubject: m.lives } : {}),
  }));
  // Recorded the same day or a few days later, in office hours.
  const lag = rng.chance(0.7) ? 0 : rng.int(1, 4);
  const recorded = new Date(Date.parse(`${spec.on}T00:00:00Z`) + lag * 86_400_000 + rng.int(9, 17) * 3_600_000);
  const document = {
    format: 'agency-record/1',
    agency: agency.id,
    ref,
    kind: spec.kind,
    occurredAt: spec.on,
    recordedAt: recorded.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    certainty: 'documented',
    people,
    body: spec.body,
    ...(spec.narrative ? { narrative: spec.narrative } : {}),
    author: spec.author,
  } as unknown as AgencyRecord;
  const personOf = Object.fromEntries(spec.people.map((m) => [m.key, m.person.id]));
  return {
    evidence: {
      recordId, source: `${agency.id}/${ref}`, agencyId: agency.id, agencyName: agency.id, agencyKind: agency.kind,
      kind: spec.kind, occurredOn: spec.on, document, personOf,
    },
    mimics: spec.mimics ?? [],
  };
}

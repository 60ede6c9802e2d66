// Building a child's evidence records for the rule tests: each test states only
// the record kind, the day, who sent it and what it says.
import type { EvidenceRecord } from '../household/derive.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';

export const CHILD_ID = 1;
export const MOTHER_ID = 2;
export const PARTNER_ID = 3;

const HOME = { lines: ['Flat 3', '40 Birch Road'], postcode: 'N17 9ZZ' };

const PEOPLE: Record<string, { id: number; mention: PersonMention }> = {
  child: { id: CHILD_ID, mention: { key: 'child', role: 'subject', name: { given: 'Sam', family: 'Testchild' }, dob: '2020-01-15', address: HOME } },
  m: { id: MOTHER_ID, mention: { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Ann', family: 'Testchild' }, dob: '1990-05-05', address: HOME, livesWithSubject: 'yes' } },
  p: { id: PARTNER_ID, mention: { key: 'p', role: 'partner-of-parent', relationship: "mother's partner", name: { given: 'Rob', family: 'Other' }, dob: '1985-03-03', address: HOME } },
};

export const AGENCY_KINDS: Record<string, string> = {
  'gp-1': 'gp', 'hosp-1': 'hospital', 'csc-1': 'social-care', 'police-1': 'police', 'hv-1': 'health-visiting', 'school-1': 'school',
};

let n = 0;

export function rec(
  agency: string,
  kind: AgencyRecord['kind'],
  on: string,
  body: Record<string, unknown>,
  opts: { people?: string[]; dob?: string; extra?: Partial<AgencyRecord>; overrides?: Record<string, Partial<PersonMention>> } = {},
): EvidenceRecord {
  n++;
  const keys = opts.people ?? ['child'];
  const people = keys.map((k) => ({
    ...PEOPLE[k]!.mention,
    ...(k === 'child' && opts.dob ? { dob: opts.dob } : {}),
    ...(opts.overrides?.[k] ?? {}),
  }));
  const ref = `${kind}-${n}`;
  const document = {
    format: 'agency-record/1', agency, ref, kind, occurredAt: on, certainty: 'documented', people, body, ...opts.extra,
  } as AgencyRecord;
  return {
    recordId: n,
    source: `${agency}/${ref}`,
    agencyId: agency,
    agencyName: agency,
    agencyKind: AGENCY_KINDS[agency] ?? 'other',
    kind,
    occurredOn: on,
    document,
    personOf: Object.fromEntries(keys.map((k) => [k, PEOPLE[k]!.id])),
  };
}

export const bruise = (site: string, extra: Record<string, unknown> = {}) => ({ type: 'bruise', site, ...extra });

export function attendance(on: string, injuries: Record<string, unknown>[], opts: { agency?: string; explanation?: string | null; dob?: string; examination?: string } = {}): EvidenceRecord {
  return rec(opts.agency ?? 'gp-1', 'attendance', on, {
    setting: 'gp', complaint: 'injury', injuries, examination: opts.examination ?? 'complete',
    ...(opts.explanation === null ? {} : { explanation: opts.explanation ?? 'fell over in the park' }),
  }, { ...(opts.dob ? { dob: opts.dob } : {}) });
}

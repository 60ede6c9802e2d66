// Building valid agency records for tests, so each test states only what it is about.
import type { AgencyRecord, PersonMention } from '../../src/records/types.ts';

export const CHILD: PersonMention = {
  key: 'child',
  role: 'subject',
  name: { given: 'Amy', family: 'Example' },
  dob: '2020-02-03',
  sex: 'female',
  nhsNumber: '9990000018',
  address: { lines: ['1 Test Street', 'London'], postcode: 'N1 1AA' },
};

export const MOTHER: PersonMention = {
  key: 'm',
  role: 'parent',
  relationship: 'mother',
  name: { given: 'Beth', family: 'Example' },
  dob: '1990-07-08',
  sex: 'female',
};

let counter = 0;

export function gpAttendance(overrides: Partial<AgencyRecord> = {}): AgencyRecord {
  counter++;
  return {
    format: 'agency-record/1',
    agency: 'gp-1',
    ref: `att-${counter}`,
    kind: 'attendance',
    occurredAt: '2021-05-06',
    certainty: 'documented',
    people: [structuredClone(CHILD), structuredClone(MOTHER)],
    body: { setting: 'gp', complaint: 'cough', broughtBy: 'm', outcome: 'discharged-home' },
    ...overrides,
  };
}

// The new record kinds of contract revision 2 reach the allocated worker of a
// child on a plan as any other agency contact does (CP-IS, for every agency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';

const fired = (records: EvidenceRecord[]) =>
  evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS }).filter((f) => f.rule === 'known-child-seen');
const plan = rec('csc-1', 'conference', '2023-01-10', { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] });

test('a measurement by the health visitor and an education change by the school, for a child on a plan, tell the worker', () => {
  const weighed = rec('hv-1', 'measurement', '2023-02-01', { setting: 'health-visiting', weightKg: 14.2, centiles: { weight: 2 } });
  const withdrawn = rec('school-1', 'education', '2023-03-01', { change: 'withdrawn-home-education' });
  for (const r of [weighed, withdrawn]) {
    const f = fired([plan, r]).filter((x) => x.evidence.includes(r.source));
    assert.equal(f.length, 1, r.kind);
    assert.equal(f[0]!.severity, 'low');
    assert.match(f[0]!.explanation, new RegExp(`${r.kind} ${r.source}`));
  }
  assert.equal(fired([weighed, withdrawn]).length, 0, 'no plan, nothing open: no alert');
});

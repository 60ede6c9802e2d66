// The unknown-adult rule looks for adults the professionals do not know of: a father recorded by the health
// services at the child's home since birth is known, even when a social-care record names only the mother.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS }).filter((f) => f.rule === 'unknown-adult');
// The child in the test records is born 2020-01-15; 'p' is made the father here.
const father = { p: { role: 'parent' as const, relationship: 'father', livesWithSubject: 'yes' as const } };
const birthVisit = (on: string) => rec('hv-1', 'visit', on, { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false },
  { people: ['child', 'm', 'p'], overrides: father });
const motherOnly = rec('csc-1', 'visit', '2021-03-01', { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: false }, { people: ['child', 'm'] });
const fatherAtGp = rec('gp-1', 'attendance', '2021-04-01', { setting: 'gp', complaint: 'cough' }, { people: ['child', 'p'], overrides: father });

test('a father living with the child since birth on the health visitor\'s records is not an unknown adult', () => {
  assert.equal(run([birthVisit('2020-01-25'), motherOnly, fatherAtGp]).length, 0);
});

test('the same father first recorded at the home when the child is a year old is still raised, as a parent', () => {
  const f = run([birthVisit('2021-01-25'), motherOnly, fatherAtGp]);
  assert.ok(f.length >= 1);
  assert.match(f[0]!.explanation, /Rob Other \(father\)/);
  assert.ok(f[0]!.terms?.every((t) => t.weight < 0.5), 'a parent carries little weight (Stiffman 2002: aOR 1.1)');
});

test('a mother\'s partner at the home is raised with the weight of an unrelated adult, and a father since birth beside him is named as not counted', () => {
  const partner = rec('police-1', 'police-action', '2021-03-10', { action: 'incident-attended' }, { people: ['child', 'p'] });
  const f = run([motherOnly, partner]);
  assert.equal(f.length, 1);
  assert.ok(Math.abs(f[0]!.terms![0]!.weight - Math.log2(8.8)) < 1e-9);
  assert.match(f[0]!.terms![0]!.source, /Stiffman/);
});

test('a father since birth who is an alleged perpetrator is never set aside', () => {
  const arrest = rec('police-1', 'police-action', '2021-03-05', { action: 'arrest', suspect: 'p', offence: 'assault' },
    { people: ['child', 'p'], overrides: { p: { ...father.p, role: 'alleged-perpetrator' } } });
  assert.equal(run([birthVisit('2020-01-25'), motherOnly, arrest]).length, 1);
});

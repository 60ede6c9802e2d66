// The one-line chronology summaries of contract revision 2: a growth
// measurement in figures and centiles, a change of schooling in words, who
// raised a concern, and how far a visit got.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ordinal, summarise } from './summary.ts';
import type { AgencyRecord } from '../records/types.ts';

const record = (kind: AgencyRecord['kind'], body: Record<string, unknown>): AgencyRecord => ({
  format: 'agency-record/1', agency: 'hv-1', ref: 'r1', kind, occurredAt: '2024-01-02',
  people: [{ key: 'child', role: 'subject', name: { given: 'Sam', family: 'Test' } }], body,
});

test('a measurement: each measure with its centile, the setting and the note', () => {
  assert.equal(summarise(record('measurement', { weightKg: 7.2, centiles: { weight: 9 } })), 'Weight 7.2 kg (9th centile)');
  assert.equal(
    summarise(record('measurement', { setting: 'health-visiting', weightKg: 7.2, heightCm: 68, headCm: 44.5, centiles: { weight: 0.4, head: 50 }, note: 'weighed undressed' })),
    'Weight 7.2 kg (0.4th centile), height 68 cm, head circumference 44.5 cm (50th centile) (health visiting); weighed undressed',
  );
  assert.equal(summarise(record('measurement', { setting: 'gp', heightCm: 101 })), 'Height 101 cm (GP)');
});

test('centiles are said as ordinals', () => {
  assert.deepEqual([1, 2, 3, 9, 11, 12, 13, 21, 22, 91, 98, 100, 0.4, 99.6].map(ordinal),
    ['1st', '2nd', '3rd', '9th', '11th', '12th', '13th', '21st', '22nd', '91st', '98th', '100th', '0.4th', '99.6th']);
});

test('an education change in words, with the school and attendance', () => {
  const said = (body: Record<string, unknown>) => summarise(record('education', body));
  assert.equal(said({ change: 'withdrawn-home-education', school: 'Hill Primary' }), 'Withdrawn from Hill Primary to be educated at home (elective home education)');
  assert.equal(said({ change: 'removed-from-roll', school: 'Hill Primary', note: 'family said to have moved abroad' }), 'Removed from the roll of Hill Primary; family said to have moved abroad');
  assert.equal(said({ change: 'attendance-concern', attendancePercent: 62 }), 'Concern about attendance; attendance 62%');
  assert.equal(said({ change: 'missing-education' }), 'Missing education: not on a school roll and not known to be educated otherwise');
  assert.equal(said({ change: 'exclusion-permanent', school: 'Park Academy' }), 'Permanently excluded from Park Academy');
  assert.equal(said({ change: 'enrolled' }), 'Enrolled');
  assert.equal(said({ change: 'left' }), 'Left school');
});

test('who raised a concern or a referral, and how far a visit got', () => {
  assert.equal(summarise(record('concern', { category: 'neglect', description: 'children left alone', reportedBy: 'neighbour' })),
    'Concern (neglect), raised by a neighbour: children left alone');
  assert.equal(summarise(record('referral', { to: 'csc-1', urgency: 'within-24h', reason: 'disclosure at school', reportedBy: 'child' })),
    'Referral to csc-1 (within 24h), raised by the child: disclosure at school');
  assert.equal(summarise(record('concern', { description: 'no source given' })), 'Concern: no source given');
  assert.equal(summarise(record('visit', { purpose: 'statutory', announced: false, childSeen: false, childSeenAlone: false, access: 'no-reply' })),
    'Unannounced statutory visit; no reply at the door; child not seen');
  assert.equal(summarise(record('visit', { purpose: 'welfare-check', announced: false, childSeen: true, childSeenAlone: false, access: 'doorstep' })),
    'Unannounced welfare check visit; on the doorstep only; child seen, not alone');
  assert.equal(summarise(record('visit', { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: true })),
    'Announced statutory visit; child seen alone', 'a revision-1 visit reads as before');
});

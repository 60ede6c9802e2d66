// signalsIn over whole records: which fields it reads, what it cites, and its cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyRecord } from '../../records/types.ts';
import { signalsIn } from './signals.ts';
import { PEOPLE } from './test-reading.ts';

function record(kind: AgencyRecord['kind'], body: Record<string, unknown>, narrative?: string): { source: string; document: AgencyRecord } {
  const document: AgencyRecord = { format: 'agency-record/1', agency: 'ed-1', ref: `r-${kind}`, kind, occurredAt: '2026-03-02', people: PEOPLE, body, ...(narrative ? { narrative } : {}) };
  return { source: `ed-1/r-${kind}`, document };
}

test('reads the narrative and every free-text body field, and says which', () => {
  const r = record(
    'attendance',
    {
      setting: 'emergency',
      complaint: 'Burn to the right hand.',
      explanation: "Mum doesn't know how it happened.",
      examinationNote: 'Clear tide line at the wrist.',
      injuries: [{ type: 'burn', site: 'hand', ageEstimate: 'several days old', note: 'Glove distribution.' }],
    },
    'Brought three days later by mum.',
  );
  const byField = new Map(signalsIn(r).map((s) => [`${s.field} ${s.code}`, s]));
  assert.ok(byField.has('narrative delayed-presentation'));
  assert.ok(byField.has('body.complaint injury'));
  assert.ok(byField.has('body.explanation explanation-absent'));
  assert.ok(byField.has('body.examinationNote immersion-pattern'));
  assert.ok(byField.has('body.injuries[0].note immersion-pattern'));
  for (const s of signalsIn(r)) assert.equal(s.source, 'ed-1/r-attendance');
  assert.equal(byField.get('body.explanation explanation-absent')!.phrase, "Mum doesn't know how it happened.");
  assert.equal(byField.get('body.explanation explanation-absent')!.attribution, 'parent');
});

test('codes, not words: enumerated body fields are not read', () => {
  const r = record('visit', { purpose: 'welfare-check', announced: false, childSeen: true, childSeenAlone: false, access: 'no-reply' });
  assert.deepEqual(signalsIn(r), []);
});

test('core-group actions, offences, dissent and notes are read', () => {
  assert.ok(signalsIn(record('core-group', { agenciesPresent: [], agenciesAbsent: [], actions: ['HV to weigh: weight loss since last review'] })).some((s) => s.field === 'body.actions[0]' && s.code === 'faltering-growth'));
  assert.ok(signalsIn(record('police-action', { action: 'arrest', offence: 'Assault occasioning actual bodily harm' })).some((s) => s.field === 'body.offence' && s.code === 'violent-adult'));
  assert.ok(signalsIn(record('education', { change: 'attendance-concern', note: 'Arrives hungry most days.' })).some((s) => s.field === 'body.note' && s.code === 'hunger'));
});

test("a concern's or referral's description is the reporter's, unless the text names someone else", () => {
  const neighbour = signalsIn(record('concern', { description: 'Children left alone and hungry.', reportedBy: 'neighbour' }));
  assert.equal(neighbour.find((s) => s.code === 'hunger')!.attribution, 'neighbour');
  const anonymous = signalsIn(record('referral', { to: 'sc-1', reason: 'Children dirty and hungry.', urgency: 'routine', reportedBy: 'anonymous' }));
  assert.equal(anonymous.find((s) => s.code === 'hunger')!.attribution, 'public');
  const relayed = signalsIn(record('concern', { description: 'Her brother disclosed that dad hits her.', reportedBy: 'professional' }));
  assert.equal(relayed.find((s) => s.code === 'disclosure')!.attribution, 'sibling');
  const narrative = signalsIn(record('concern', { description: 'x', reportedBy: 'neighbour' }, 'Bruise to cheek seen at visit.'));
  assert.equal(narrative.find((s) => s.code === 'injury')!.attribution, null);
});

test('cached by record: the same document gives the same array; equal words from a fresh object too', () => {
  const r = record('attendance', { setting: 'gp', complaint: 'Bruising to both ears, no explanation.' });
  const first = signalsIn(r);
  assert.equal(signalsIn(r), first);
  const reloaded = { source: r.source, document: structuredClone(r.document) };
  assert.equal(signalsIn(reloaded), first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first[0]));
  const changed = { source: r.source, document: { ...structuredClone(r.document), body: { setting: 'gp', complaint: 'Cough.' } } };
  assert.notEqual(signalsIn(changed), first);
  assert.deepEqual(signalsIn(changed), []);
  const otherSource = { source: 'gp-9/x', document: structuredClone(r.document) };
  assert.equal(signalsIn(otherSource)[0]!.source, 'gp-9/x');
});

test('a short non-answer in the explanation field is an absent explanation', () => {
  for (const explanation of ['Unsure.', 'Mum unsure', 'Not known', '?', 'N/K', 'None given', "Don't know", "I don't know, he was fine at bedtime", 'Not sure, did not see']) {
    const signals = signalsIn(record('attendance', { setting: 'emergency', complaint: 'Bruise to ear.', explanation }));
    assert.ok(signals.some((s) => s.code === 'explanation-absent' && s.field === 'body.explanation' && !s.negated), explanation);
  }
  for (const explanation of ['Fell off the swing at the park, seen by dad.', 'Walked into the table edge.']) {
    const signals = signalsIn(record('attendance', { setting: 'emergency', complaint: 'Bruise to shin.', explanation }));
    assert.ok(!signals.some((s) => s.code === 'explanation-absent'), explanation);
  }
});

// The engine resumed from its kept state gives exactly what running every day
// again gives, whatever arrives: a record after the last day looked at (one day
// run), an earlier-dated one, a new version of a record, a mention moved to
// another person (a merge or split), a sign-off; and it starts again from the
// start when what every day depends on changes (the child's date of birth, the
// rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EvidenceRecord } from '../household/derive.ts';
import { evaluateChild, FROM_THE_START, NOTHING_CHANGED, resumeChild, RULES, type EngineState } from './engine.ts';
import { firingKey } from './alerts.ts';
import { AGENCY_KINDS, attendance, bruise, CHILD_ID, rec } from './test-records.ts';
import type { Firing } from './types.ts';

const day = (n: number) => new Date(Date.parse('2023-02-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
const HOME = { lines: ['Flat 3', '40 Birch Road'], postcode: 'N17 9ZZ' };

/** A pool of records about one child, on the days given: injuries, concerns, a plan, the police at the home. */
function pool(days: number[]): EvidenceRecord[] {
  const d = (i: number) => day(days[i % days.length]!);
  return [
    attendance(d(0), [bruise('ear')], { agency: 'hosp-1' }),
    attendance(d(1), [bruise('shin')], { explanation: null }),
    rec('school-1', 'concern', d(2), { category: 'physical', description: 'bruise on the arm' }),
    rec('gp-1', 'referral', d(3), { to: 'csc-1', reason: 'bruising', urgency: 'within-24h' }),
    rec('csc-1', 'conference', d(4), { type: 'initial', decision: 'plan', categories: ['physical'] }, { people: ['child', 'm'] }),
    rec('csc-1', 'visit', d(5), { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: false }, { people: ['child', 'm'] }),
    rec('police-1', 'police-action', d(6), { action: 'incident-attended', suspect: 'p', offence: 'domestic abuse' },
      { people: ['m', 'p'], overrides: { m: { role: 'subject', address: HOME }, p: { role: 'alleged-perpetrator', address: HOME } } }),
    rec('gp-1', 'appointment-missed', d(7), { service: 'immunisation', wasNotBrought: true }),
    rec('hosp-1', 'appointment-missed', d(8), { service: 'audiology', wasNotBrought: true }),
    attendance(d(9), [{ type: 'fracture', site: 'forearm' }], { agency: 'hosp-1', explanation: 'not sure' }),
    rec('csc-1', 'household-change', d(10), { person: 'p', change: 'moved-in' }, { people: ['child', 'p'] }),
  ];
}

type Step = { kind: 'add' } | { kind: 'revise'; which: number } | { kind: 'regroup'; which: number } | { kind: 'sign-off'; which: number };
const steps = fc.array(fc.oneof(
  { weight: 6, arbitrary: fc.constant<Step>({ kind: 'add' }) },
  { weight: 1, arbitrary: fc.nat(20).map<Step>((which) => ({ kind: 'revise', which })) },
  { weight: 1, arbitrary: fc.nat(20).map<Step>((which) => ({ kind: 'regroup', which })) },
  { weight: 1, arbitrary: fc.nat(20).map<Step>((which) => ({ kind: 'sign-off', which })) },
), { minLength: 5, maxLength: 25 });

const keys = (fs: Firing[]) => fs.map((f) => `${firingKey(f)}|${f.explanation}`);

test('resumed after every change, the firings are those of running every day again', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 11, maxLength: 11 }), fc.array(fc.nat(), { minLength: 11, maxLength: 11 }), steps, fc.boolean(),
    (days, order, plan, refreshedLater) => {
      const arriving = pool(days).map((r, i) => ({ r, k: order[i]! })).sort((a, b) => a.k - b.k).map((x) => x.r);
      let held: EvidenceRecord[] = [];
      const signOffs = new Map<string, string>();
      let state: EngineState | null = null;
      let standing: Firing[] = [];
      let nextId = 10_000;
      for (const step of plan) {
        if (step.kind === 'add' && arriving.length) held.push(arriving.shift()!);
        else if (step.kind === 'revise' && held.length) {
          // A new version of a record: its content (and id) change, its injuries are gone.
          const i = step.which % held.length;
          const old = held[i]!;
          held[i] = { ...old, recordId: nextId++, document: { ...old.document, body: { ...old.document.body, injuries: [] } } };
        } else if (step.kind === 'regroup' && held.length) {
          // A mention moved to another person: the partner in one record is now someone else.
          const i = step.which % held.length;
          held[i] = { ...held[i]!, personOf: { ...held[i]!.personOf, ...('p' in held[i]!.personOf ? { p: 99 } : { m: 98 }) } };
        } else if (step.kind === 'sign-off' && held.length) {
          const r = held[step.which % held.length]!;
          signOffs.set(r.source, r.occurredOn);
        }
        held = [...held];
        const opts = { agencyKinds: AGENCY_KINDS, signOffs: new Map(signOffs), ...(refreshedLater ? { until: day(500) } : {}) };
        const run = resumeChild(CHILD_ID, held, opts, state && JSON.parse(JSON.stringify(state)));
        standing = [...standing.filter((f) => f.at < run.from), ...run.firings];
        state = run.state;
        assert.deepEqual(keys(standing), keys(evaluateChild(CHILD_ID, held, opts)));
      }
    }), { numRuns: Number(process.env.RESUME_RUNS ?? 60) });
});

test('a record after the last day looked at runs its own day; an earlier one, from its day; the same records, nothing', () => {
  const first = [attendance(day(0), [bruise('shin')]), attendance(day(30), [bruise('ear')], { agency: 'hosp-1' })];
  const opts = { agencyKinds: AGENCY_KINDS };
  const start = resumeChild(CHILD_ID, first, opts, null);
  assert.equal(start.from, FROM_THE_START);
  assert.equal(start.daysRun, 2);
  const again = resumeChild(CHILD_ID, first, opts, start.state);
  assert.equal(again.from, NOTHING_CHANGED);
  assert.equal(again.daysRun, 0);
  assert.deepEqual(again.firings, []);
  const later = resumeChild(CHILD_ID, [...first, attendance(day(60), [bruise('cheek')])], opts, start.state);
  assert.equal(later.from, day(60));
  assert.equal(later.daysRun, 1);
  assert.equal(later.kept, start.state.firings.length);
  const earlier = resumeChild(CHILD_ID, [...first, attendance(day(10), [bruise('neck')])], opts, start.state);
  assert.equal(earlier.from, day(10));
  assert.equal(earlier.daysRun, 2, 'its own day and the one after it');
});

test('a different date of birth, or changed rules, look at every day again', () => {
  const records = [attendance(day(0), [bruise('shin')]), attendance(day(30), [bruise('ear')], { agency: 'hosp-1' })];
  const opts = { agencyKinds: AGENCY_KINDS };
  const start = resumeChild(CHILD_ID, records, opts, null);
  const older = records.map((r) => ({ ...r, document: { ...r.document, people: r.document.people.map((p) => ({ ...p, dob: '2019-01-15' })) } }));
  assert.equal(resumeChild(CHILD_ID, older, opts, start.state).from, FROM_THE_START);
  const revised = RULES.map((r) => (r.id === 'ten-4-facesp' ? { ...r, version: r.version + 1 } : r));
  assert.equal(resumeChild(CHILD_ID, records, { ...opts, rules: revised }, start.state).from, FROM_THE_START);
  // An agency no record names may be registered without anything run again.
  assert.equal(resumeChild(CHILD_ID, records, { agencyKinds: { ...AGENCY_KINDS, 'school-9': 'school' } }, start.state).from, NOTHING_CHANGED);
});

// Injected abuse patterns: valid records, the truth that names them, and each
// pattern's records saying what the pattern is (the bench:alerts benchmark
// then asks whether the rules see it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyRecord, Scenario } from '../records/types.ts';
import { validateRecord } from '../records/validate.ts';
import { ABUSE_PATTERNS, type AbuseCase } from './abuse.ts';
import { generateByHousehold, generateScenario } from './generate.ts';

const scenario = generateScenario({ seed: 17, children: 4000, abuse: { share: 0.3 } });
const cases = scenario.truth!.abused as AbuseCase[];
const bySource = new Map(scenario.records.map((r) => [`${r.agency}/${r.ref}`, r]));
const labelOf = new Map<string, string>();
for (const [label, ids] of Object.entries(scenario.truth!.people)) for (const id of ids) labelOf.set(id, label);
const kindOf = new Map(scenario.agencies.map((a) => [a.id, a.kind]));
interface Member { person: string; kind: string; dob: string; from?: string }
const members = new Map<string, Member>();
for (const h of Object.values(scenario.truth!.households as Record<string, { members: Member[] }>)) for (const m of h.members) members.set(m.person, m);

const who = (r: AgencyRecord, key: string | undefined) => (key === undefined ? undefined : labelOf.get(`${r.agency}/${r.ref}#${key}`));
const keyOf = (r: AgencyRecord, label: string) => r.people.find((p) => who(r, p.key) === label)?.key;
const subject = (r: AgencyRecord) => who(r, r.people.find((p) => p.role === 'subject')?.key);
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
function months(label: string, on: string): number {
  const [y, m, d] = members.get(label)!.dob.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = on.slice(0, 10).split('-').map(Number) as [number, number, number];
  return (y2 - y) * 12 + (m2 - m) - (d2 < d ? 1 : 0);
}
const recordsOf = (k: AbuseCase) => k.records.map((s) => bySource.get(s)!);
const injuriesOf = (r: AgencyRecord) => (r.body.injuries ?? []);
const TEN4 = new Set(['chest', 'abdomen', 'back', 'buttock', 'ear', 'neck', 'jaw-angle', 'cheek', 'eyelid']);

test('every pattern is injected, every record still passes validation, and the truth lists each case', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  for (const r of scenario.records) {
    const v = validateRecord(r, now);
    assert.ok(v.ok, `${r.agency}/${r.ref}: ${JSON.stringify(v.ok ? [] : v.problems)}`);
  }
  for (const p of ABUSE_PATTERNS) assert.ok(cases.filter((k) => k.pattern === p).length >= 10, `${p}: ${cases.filter((k) => k.pattern === p).length} cases`);
  const households = new Set<string>();
  for (const k of cases) {
    assert.ok(!households.has(k.household), 'one abused child a household');
    households.add(k.household);
    assert.equal(members.get(k.child)?.kind, 'child');
    assert.ok(k.records.length > 0 && k.records.every((s) => bySource.has(s)), `${k.child}: records exist`);
    const rs = recordsOf(k);
    assert.equal(k.firstDate, rs.map((r) => r.occurredAt).sort()[0]);
    assert.ok(rs.every((r) => keyOf(r, k.child) !== undefined), `${k.child}: every record of the case names the child`);
    assert.ok(k.description && k.source && k.expectedRule);
  }
});

test('the patterns say what they are', () => {
  for (const k of cases) {
    const rs = recordsOf(k);
    const at = `${k.pattern} ${k.child}`;
    switch (k.pattern) {
      case 'sentinel-bruise': {
        const [r] = rs;
        assert.ok(injuriesOf(r!).some((i) => i.type === 'bruise'), at);
        assert.ok(months(k.child, k.firstDate) < 10, `${at} at ${months(k.child, k.firstDate)} months`);
        break;
      }
      case 'sentinel-intraoral':
        assert.ok(injuriesOf(rs[0]!).some((i) => i.site === 'frenulum' && i.type === 'laceration') && months(k.child, k.firstDate) < 10, at);
        break;
      case 'ten4-bruising':
        assert.ok(injuriesOf(rs[0]!).every((i) => i.type === 'bruise' && TEN4.has(i.site)), at);
        assert.ok(months(k.child, k.firstDate) >= 9 && months(k.child, k.firstDate) < 48, at);
        break;
      case 'fracture-under-18m':
        assert.ok(injuriesOf(rs[0]!).some((i) => i.type === 'fracture') && months(k.child, k.firstDate) < 18, at);
        break;
      case 'repeated-injuries':
        assert.ok(rs.length >= 2 && days(rs[0]!.occurredAt, rs.at(-1)!.occurredAt) <= 70, at);
        if (rs.length === 3) assert.ok(new Set(rs.map((r) => r.agency)).size >= 2, at);
        break;
      case 'conflicting-explanations': {
        if (rs.length < 2) break; // the second visit fell after the period's end
        const [a, b] = rs as [AgencyRecord, AgencyRecord];
        assert.ok(a.agency !== b.agency && days(a.occurredAt, b.occurredAt) <= 14 && a.body.explanation !== b.body.explanation, at);
        break;
      }
      case 'returned-to-suspect': {
        const back = rs.find((r) => r.kind === 'placement' && r.body.change === 'returned-home');
        if (!back) break;
        const opened = rs.find((r) => r.kind === 'police-action' && r.body.action === 'investigation-opened')!;
        const suspect = who(opened, opened.body.suspect as string)!;
        assert.ok(['mother', 'father', 'partner'].includes(members.get(suspect)!.kind), at);
        assert.ok(rs.some((r) => r.body.action === 'bail' && who(r, r.body.suspect as string) === suspect && r.occurredAt < back.occurredAt), `${at}: bailed before the return`);
        assert.ok(!rs.some((r) => r.body.action === 'no-further-action' && r.occurredAt <= back.occurredAt), `${at}: still on bail at the return`);
        assert.ok(rs.some((r) => r.kind === 'placement' && r.body.change === 'placed-away' && r.occurredAt < back.occurredAt), at);
        break;
      }
      case 'was-not-brought': {
        const missed = rs.filter((r) => r.kind === 'appointment-missed' && r.body.wasNotBrought === true);
        assert.ok(missed.length === rs.length && days(rs[0]!.occurredAt, rs.at(-1)!.occurredAt) <= 150, at);
        break;
      }
      case 'unknown-adult': {
        const change = rs.find((r) => r.kind === 'household-change');
        if (!change) break;
        const adult = who(change, change.body.person as string)!;
        assert.equal(members.get(adult)?.kind, 'adult', at);
        assert.equal(change.body.change, 'moved-in');
        // Social care is involved with the child, and none of its records name the man.
        const social = scenario.records.filter((r) => kindOf.get(r.agency) === 'social-care' && subject(r) === k.child);
        assert.ok(social.length > 0, `${at}: known to social care`);
        assert.ok(social.every((r) => keyOf(r, adult) === undefined), `${at}: social care never names him`);
        break;
      }
    }
  }
});

test('deterministic; and without the option, or with share 0, the population is untouched', () => {
  const a = generateScenario({ seed: 4, children: 300, abuse: { share: 0.3 } });
  const b = generateScenario({ seed: 4, children: 300, abuse: { share: 0.3 } });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  const plain = generateScenario({ seed: 4, children: 300 });
  const zero: Scenario = generateScenario({ seed: 4, children: 300, abuse: { share: 0 } });
  assert.deepEqual(zero.records, plain.records);
  assert.deepEqual(zero.truth!.abused, []);
  assert.equal(plain.truth!.abused, undefined);
  // Only the households with a case differ.
  const abusedHouseholds = new Set((a.truth!.abused as AbuseCase[]).map((k) => k.household));
  assert.ok(abusedHouseholds.size > 5);
  const labelsOf = (s: Scenario) => new Map(Object.entries(s.truth!.people).map(([l, ids]) => [l, ids.length]));
  const [withCases, without] = [labelsOf(a), labelsOf(plain)];
  for (const [label, n] of without) if (!abusedHouseholds.has(label.split('-')[0]!)) assert.equal(withCases.get(label), n, label);
  assert.throws(() => generateScenario({ seed: 1, children: 10, abuse: { share: 2 } }));
  assert.throws(() => generateScenario({ seed: 1, children: 10, abuse: { share: 0.1, patterns: ['no-such' as never] } }));
});

test('generateByHousehold reports the cases of each household, with its own refs', () => {
  const opts = { seed: 17, children: 600, abuse: { share: 0.3, patterns: ['returned-to-suspect', 'unknown-adult'] as const } };
  const whole = (generateScenario(opts).truth!.abused as AbuseCase[]);
  const parts = [...generateByHousehold(opts)].flatMap((h) => {
    const refs = new Set(h.records.map((r) => `${r.agency}/${r.ref}`));
    for (const k of h.abused) assert.ok(k.records.every((s) => refs.has(s)) && k.household === h.household);
    return h.abused;
  });
  assert.ok(whole.length > 10 && whole.every((k) => ['returned-to-suspect', 'unknown-adult'].includes(k.pattern)));
  assert.deepEqual(parts.map((k) => [k.child, k.pattern, k.firstDate, k.records.length]), whole.map((k) => [k.child, k.pattern, k.firstDate, k.records.length]));
});

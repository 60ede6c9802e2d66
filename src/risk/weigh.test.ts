// Weighing the evidence: the thresholds at their published anchors, the window, counting a term once,
// critical only on direct evidence, and three properties over any firings (fast-check): a positive term
// never lowers a severity, a negative one never raises it, and the order of firings does not matter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CONSIDER_WEIGHT, CRITICAL_AT, HIGH_AT, MEDIUM_AT, SUSPECT_WEIGHT, WINDOW_DAYS, ratioInWords, weighFirings } from './weigh.ts';
import { SEVERITIES, type Firing, type Severity, type Term } from './types.ts';

const TEN4 = SUSPECT_WEIGHT; // TEN-4-FACESp's LR+ 7.4

const term = (evidence: string, weight: number, label = `finding in ${evidence}`): Term =>
  ({ label, weight, source: 'a published study (2020)', evidence, basis: 'body.field' });

const firing = (at: string, terms: Term[] | undefined, extra: Partial<Firing> = {}): Firing => ({
  rule: 'r', ruleVersion: 1, ruleSource: 'a source', personId: 1, at, severity: 'medium',
  evidence: [...new Set((terms ?? []).map((t) => t.evidence))], explanation: 'Found.', ...(terms ? { terms } : {}), ...extra,
});

const severities = (fs: Firing[]) => weighFirings(fs).map((f) => f.severity);

test('thresholds: one TEN-4-FACESp bruise (LR 7.4) is high alone; one "consider" feature medium; two still medium; three high', () => {
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', TEN4)])]), ['high']);
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', CONSIDER_WEIGHT)])]), ['medium']);
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', CONSIDER_WEIGHT), term('gp/2', CONSIDER_WEIGHT)])]), ['medium']);
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', CONSIDER_WEIGHT), term('gp/2', CONSIDER_WEIGHT), term('gp/3', CONSIDER_WEIGHT)])]), ['high']);
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', 0.5)])]), ['low'], 'below LR 2');
  assert.ok(MEDIUM_AT < HIGH_AT && HIGH_AT < CRITICAL_AT);
});

test('critical needs two "suspect" features of direct evidence: contributing factors or "consider" features never make it', () => {
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', TEN4), term('ed/2', TEN4)])]), ['critical']);
  const factor = term('gp/9', 3, 'parental risk factor: domestic abuse');
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', TEN4), factor], { contributing: ['gp/9'] })]), ['high'], 'a contributing factor stops at high');
  assert.deepEqual(severities([firing('2023-01-01', [term('gp/1', TEN4), factor])]), ['critical'], 'the same weight as direct evidence is critical');
  const considers = [1, 2, 3, 4, 5, 6].map((i) => term(`gp/${i}`, CONSIDER_WEIGHT));
  assert.deepEqual(severities([firing('2023-01-01', considers)]), ['high'], 'six "consider" features: high, never critical');
});

test('the window: terms of firings in the WINDOW_DAYS up to the day count, later or older ones do not', () => {
  const first = firing('2023-01-01', [term('gp/1', 2)]);
  const inside = firing('2023-07-03', [term('gp/2', 1)]); // 183 days later
  const outside = firing('2023-07-04', [term('gp/3', 1)]); // 184 days after the first
  assert.equal(WINDOW_DAYS, 183);
  assert.deepEqual(severities([first, inside]), ['medium', 'high']);
  assert.deepEqual(severities([first, outside]), ['medium', 'medium'], 'the first is out of the window: 1 alone is medium');
  assert.equal(weighFirings([inside, first])[1]!.severity, 'medium', 'a later firing never raises an earlier one');
});

test('a term cited by several firings counts once (by record and label); the largest occurrence counts', () => {
  const a = firing('2023-01-01', [term('gp/1', 2, 'bruise')]);
  const b = firing('2023-01-02', [term('gp/1', 2, 'bruise')]);
  assert.deepEqual(severities([a, b]), ['medium', 'medium']);
  const c = firing('2023-01-02', [term('gp/1', 2, 'bruise'), term('gp/1', 1, 'no explanation')]);
  assert.deepEqual(severities([a, c]), ['medium', 'high'], 'another label on the same record is another term');
});

test('firings without terms keep their severity and explanation; the explanation lists each term, its ratio, source and what lowered it', () => {
  const process = firing('2023-01-02', undefined, { severity: 'high', rule: 'statutory-drift' });
  const hurt = firing('2023-01-01', [term('gp/1', TEN4, 'bruising to the cheek'), term('gp/1', -2, 'documented birth injury')], { severity: 'high' });
  const [w, p] = weighFirings([hurt, process]);
  assert.deepEqual(p, process);
  assert.equal(w!.severity, 'low');
  assert.match(w!.explanation, /^Found\. Weight of the evidence/);
  assert.match(w!.explanation, /\+2\.89 \(×7\.4\) bruising to the cheek \[gp\/1, body\.field; source 1\]/);
  assert.match(w!.explanation, /Sources: 1\. a published study \(2020\)/);
  assert.match(w!.explanation, /Lowered by: −2 \(÷4\) documented birth injury/);
  assert.match(w!.explanation, /this rule alone: high/);
  assert.equal(ratioInWords(3), '×8');
  assert.equal(ratioInWords(Math.log2(49)), '×49');
});

// Any firings of one or two children over a year, with terms of either sign, some of them contributing.
const day = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const arbTerm = fc.record({
  label: fc.constantFrom('a', 'b'), weight: fc.double({ min: -4, max: 5, noNaN: true }),
  source: fc.constant('s'), evidence: fc.constantFrom('x/1', 'x/2', 'x/3'), basis: fc.constant('f'),
});
const arbFiring = fc.record({
  at: day, personId: fc.constantFrom(1, 2), terms: fc.option(fc.array(arbTerm, { minLength: 1, maxLength: 4 }), { nil: undefined }),
  contributing: fc.subarray(['x/1', 'x/2']), severity: fc.constantFrom<Severity>(...SEVERITIES), rule: fc.constantFrom('r1', 'r2', 'r3'),
}).map(({ at, personId, terms, contributing, severity, rule }) =>
  firing(at, terms, { personId, contributing, severity, rule }));
const rank = (s: Severity) => SEVERITIES.indexOf(s);

test('property: adding a positive term to any firing never lowers any severity; a negative one never raises any', () => {
  fc.assert(fc.property(fc.array(arbFiring, { minLength: 1, maxLength: 12 }), fc.nat(), arbTerm, fc.boolean(), (fs, pick, extra, positive) => {
    const withTerms = fs.map((f, i) => [f, i] as const).filter(([f]) => f.terms?.length);
    fc.pre(withTerms.length > 0);
    const i = withTerms[pick % withTerms.length]![1];
    const added = { ...extra, weight: positive ? Math.abs(extra.weight) : -Math.abs(extra.weight) };
    const more = fs.map((f, j) => (j === i ? { ...f, terms: [...f.terms!, added] } : f));
    const before = severities(fs);
    const after = severities(more);
    for (let k = 0; k < fs.length; k++) {
      if (positive) assert.ok(rank(after[k]!) >= rank(before[k]!), `${before[k]} -> ${after[k]}`);
      else assert.ok(rank(after[k]!) <= rank(before[k]!), `${before[k]} -> ${after[k]}`);
    }
  }), { numRuns: 1000 });
});

test('property: the order of the firings does not matter', () => {
  fc.assert(fc.property(fc.array(arbFiring, { minLength: 1, maxLength: 12 }).chain((fs) =>
    fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs.map((_, i) => i), { minLength: fs.length, maxLength: fs.length }))), ([fs, order]) => {
    const straight = weighFirings(fs);
    const shuffled = weighFirings(order.map((i) => fs[i]!));
    order.forEach((i, k) => { assert.deepEqual(shuffled[k], straight[i]); });
  }), { numRuns: 300 });
});

// Properties of the reader over generated sentences: denials deny, "but" restores, reporters attribute,
// unrelated sentences and letter case change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { read } from './test-reading.ts';
import type { Attribution, SignalCode } from './vocabulary.ts';

/** Findings written as noun phrases, with the code each must give. */
const FINDINGS: [string, SignalCode][] = [
  ['bruising to the left cheek', 'injury'],
  ['a burn on the right hand', 'injury'],
  ['fingertip bruises on the upper arms', 'patterned-injury'],
  ['head lice', 'poor-hygiene'],
  ['tooth decay', 'untreated-need'],
  ['weight loss', 'faltering-growth'],
  ['dog faeces on the floor', 'poor-home-conditions'],
  ['a history of violence', 'violent-adult'],
  ['fractures', 'injury'],
  ['a torn frenulum', 'injury'],
  ['a scald to the foot', 'injury'],
  ['a new partner', 'new-adult'],
];
const DENIALS = ['No', 'no', 'Denies', 'There was no', 'No evidence of', 'No signs of', 'Nil', 'Did not see any', 'There were no', 'Without'];
const REPORTERS: [string, Attribution][] = [
  ['Her brother said that there is', 'sibling'],
  ['The child told staff there was', 'child'],
  ['Mum says there is', 'parent'],
  ['Maternal grandmother reports', 'relative'],
  ['A neighbour reported', 'neighbour'],
  ['An anonymous caller reported', 'public'],
  ['The teacher noticed', 'professional'],
];
const NEUTRAL = ['Seen at home with mum.', 'Next review in six weeks.', 'Weight 9.2 kg.', 'Letter sent to the GP.', 'Discussed with the team manager.'];

const finding = fc.constantFrom(...FINDINGS);
const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);

test('a denial before a finding negates it, and only it', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DENIALS), finding, (denial, [phrase, code]) => {
      const own = read(`${denial} ${phrase}.`).filter((s) => s.code === code);
      assert.ok(own.length > 0, `${denial} ${phrase}`);
      assert.ok(own.every((s) => s.negated), `${denial} ${phrase}: ${JSON.stringify(own)}`);
    }),
    { numRuns: 150 },
  );
});

test('"<denial> X but Y": X is negated and Y is not', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DENIALS), finding, finding, (denial, [x, xCode], [y, yCode]) => {
      const signals = read(`${denial} ${x} seen but ${y} noted.`);
      assert.ok(signals.some((s) => s.code === xCode && s.negated), `${denial} ${x} but ${y}`);
      assert.ok(signals.some((s) => s.code === yCode && !s.negated), `${denial} ${x} but ${y}`);
    }),
    { numRuns: 150 },
  );
});

test('a finding on its own is affirmed and the writer\'s; after a reporter it is the reporter\'s', () => {
  fc.assert(
    fc.property(finding, fc.constantFrom(...REPORTERS), ([phrase, code], [reporter, who]) => {
      const plain = read(`${capitalised(phrase)} noted.`).filter((s) => s.code === code);
      assert.ok(plain.length > 0 && plain.every((s) => !s.negated && s.attribution === undefined), phrase);
      const reported = read(`${reporter} ${phrase}.`).filter((s) => s.code === code);
      assert.ok(reported.length > 0, `${reporter} ${phrase}`);
      assert.ok(reported.every((s) => s.attribution === who), `${reporter} ${phrase}: ${JSON.stringify(reported)}`);
    }),
    { numRuns: 150 },
  );
});

test('unrelated sentences around a finding and upper case change nothing it says', () => {
  const key = (signals: ReturnType<typeof read>) => signals.map((s) => `${s.code}/${s.negated}/${s.attribution}`).sort();
  fc.assert(
    fc.property(
      fc.option(fc.constantFrom(...DENIALS), { nil: undefined }),
      finding,
      fc.array(fc.constantFrom(...NEUTRAL), { maxLength: 3 }),
      fc.array(fc.constantFrom(...NEUTRAL), { maxLength: 3 }),
      (denial, [phrase], before, after) => {
        const sentence = denial ? `${denial} ${phrase}.` : `${capitalised(phrase)} noted.`;
        const alone = key(read(sentence));
        assert.deepEqual(key(read([...before, sentence, ...after].join(' '))), alone, sentence);
        assert.deepEqual(key(read(sentence.toUpperCase())), alone, sentence.toUpperCase());
      },
    ),
    { numRuns: 150 },
  );
});

/** Context stated as established, with the code it must give. */
const CONTEXTS: [string, SignalCode][] = [
  ['haemophilia', 'bleeding-disorder'],
  ['von Willebrand disease', 'bleeding-disorder'],
  ['a bleeding disorder', 'bleeding-disorder'],
  ['osteogenesis imperfecta', 'bone-disorder'],
  ['brittle bone disease', 'bone-disorder'],
  ['Mongolian blue spots', 'birthmark'],
  ['a birth injury', 'birth-injury'],
];
const NOT_ESTABLISHED = ['No', '?', 'Query', 'Possible', 'To exclude', 'Awaiting tests for', 'Referred to haematology to rule out', 'Family history of', 'Mother has', 'No evidence of', 'Investigations for'];

test('context that is denied, queried, pending or a relative\'s never comes out established', () => {
  fc.assert(
    fc.property(fc.constantFrom(...NOT_ESTABLISHED), fc.constantFrom(...CONTEXTS), (prefix, [phrase, code]) => {
      const own = read(`${prefix} ${phrase}.`).filter((s) => s.code === code);
      assert.ok(own.length > 0, `${prefix} ${phrase}`);
      assert.ok(own.every((s) => s.negated), `${prefix} ${phrase}: ${JSON.stringify(own)}`);
    }),
    { numRuns: 120 },
  );
});

test('established context is established, and does not change a concern beside it', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CONTEXTS), finding, ([context, code], [phrase, concern]) => {
      const established = read(`Known ${context}, confirmed.`).filter((s) => s.code === code);
      assert.ok(established.length > 0 && established.every((s) => !s.negated), context);
      const beside = read(`${capitalised(phrase)} noted. No ${context}.`).filter((s) => s.code === concern && s.phrase.toLowerCase().includes(phrase));
      assert.ok(beside.length > 0 && beside.every((s) => !s.negated), `${phrase} / no ${context}`);
    }),
    { numRuns: 120 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jaroWinkler, jaroWinklerAtLeast, nameWords, normaliseName, surnameParts } from './names.ts';
import { normaliseName as coreNormaliseName } from '../normalise.ts';

test('normaliseName is the one in ../normalise.ts, not a copy', () => {
  assert.equal(normaliseName, coreNormaliseName);
});

test('normaliseName: lower case, accents removed, only letters kept', () => {
  assert.equal(normaliseName("O'Brien"), 'obrien');
  assert.equal(normaliseName('CONNELLY'), 'connelly');
  assert.equal(normaliseName('Zoë'), 'zoe');
  assert.equal(normaliseName('Smith-Jones'), 'smithjones');
  assert.equal(normaliseName(''), null);
  assert.equal(normaliseName("'-"), null);
});

test('jaroWinkler: similarity in [0, 1] from talisman', () => {
  assert.equal(jaroWinkler('tracy', 'tracy'), 1);
  const s = jaroWinkler('tracy', 'tracey');
  assert.ok(s > 0.95 && s < 1, String(s));
  assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-3);
  assert.equal(jaroWinkler('abc', 'xyz'), 0);
});

test('nameWords splits on spaces, hyphens and punctuation but not apostrophes', () => {
  assert.deepEqual(nameWords("Mary-Jane  O'Brien"), ['mary', 'jane', 'obrien']);
  assert.deepEqual(nameWords(null), []);
});

test('surnameParts: multi-part surnames without particles; null for one part', () => {
  assert.deepEqual(surnameParts('Smith-Jones'), ['smith', 'jones']);
  assert.deepEqual(surnameParts('van der Berg'), ['berg']);
  assert.equal(surnameParts('Connelly'), null);
  assert.equal(surnameParts("O'Brien"), null);
});

test('jaroWinklerAtLeast: exact at or above the floor, below it otherwise (the bound never hides a match)', () => {
  const check = (a: string, b: string, floor: number) => {
    const exact = jaroWinkler(a, b);
    const got = jaroWinklerAtLeast(a, b, floor);
    if (exact >= floor) assert.equal(got, exact, `${a} / ${b}`);
    else assert.ok(got < floor, `${a} / ${b}: ${got} should be below ${floor}`);
  };
  for (const [a, b] of [['tracy', 'tracey'], ['martha', 'marhta'], ['dwayne', 'duane'], ['12 elm rd', '12 elm raod'], ['amy', 'alfie'], ['', 'x']]) {
    for (const floor of [0.7, 0.85, 0.9, 0.92]) check(a!, b!, floor);
  }
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e', 'r', ' ', '1', 'é'), maxLength: 12 });
  fc.assert(fc.property(word, word, fc.constantFrom(0.7, 0.85, 0.9, 0.92), (a, b, floor) => { check(a, b, floor); }), { numRuns: 5000 });
  // the scratch table is left clean: the same pair gives the same answer twice
  assert.equal(jaroWinklerAtLeast('tracy', 'tracey', 0.85), jaroWinklerAtLeast('tracy', 'tracey', 0.85));
});

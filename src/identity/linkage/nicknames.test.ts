import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areNameVariants, canonicalGivenNames, parseFebrlTable } from './nicknames.ts';

test('canonicalGivenNames includes the name itself, normalised', () => {
  assert.ok(canonicalGivenNames('Bob').has('bob'));
  assert.ok(canonicalGivenNames('Bob').has('robert'));
  assert.deepEqual([...canonicalGivenNames('Xyzzy')], ['xyzzy']);
  assert.equal(canonicalGivenNames('').size, 0);
  assert.equal(canonicalGivenNames(null).size, 0);
});

test('canonicalGivenNames returns a copy the caller may change', () => {
  const s = canonicalGivenNames('bob');
  s.add('zzz');
  assert.ok(!canonicalGivenNames('bob').has('zzz'));
});

test('from the Apache nickname table and the Febrl tables, either direction', () => {
  assert.ok(areNameVariants('Thomas', 'Tom'));
  assert.ok(areNameVariants('Tom', 'Thomas'));
  assert.ok(areNameVariants('Frederick', 'Fred'));
  assert.ok(areNameVariants('Robert', 'Bob'));
  // Febrl only: theresa : ..., tracie, tracy
  assert.ok(areNameVariants('Tracie', 'Theresa'));
  // a shared canonical form: bob and rob via robert
  assert.ok(areNameVariants('Bob', 'Rob'));
});

test('not variants', () => {
  assert.ok(!areNameVariants('Tracy', 'Tracey')); // a spelling, not in either table
  assert.ok(!areNameVariants('Amy', 'Alfie'));
  assert.ok(!areNameVariants('James', 'John'));
  assert.ok(!areNameVariants('', 'John'));
  assert.ok(!areNameVariants(null, null));
});

test('parseFebrlTable: comments, tag line, empty variants and continuation lines', () => {
  const text = [
    '# comment',
    'tag=<GF>  # tag',
    '',
    '   alexandra : alexa, alexia,',
    '               sandra, sandy  # trailing comment',
    '   aimee : ',
    '   robert : bob, rob,',
  ].join('\n');
  assert.deepEqual(parseFebrlTable(text), [
    ['alexandra', ['alexa', 'alexia', 'sandra', 'sandy']],
    ['aimee', []],
    ['robert', ['bob', 'rob']],
  ]);
});

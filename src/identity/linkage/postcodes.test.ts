import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POSTCODE_LEVELS, parsePostcode, postcodeLevel } from './postcodes.ts';

const level = (a: string, b: string): string => {
  const pa = parsePostcode(a);
  const pb = parsePostcode(b);
  assert.ok(pa && pb);
  return POSTCODE_LEVELS[postcodeLevel(pa, pb)]!;
};

test('parsePostcode: UK normal form, sector and district, whatever the case and spacing', () => {
  assert.deepEqual(parsePostcode(' n17 6aa '), { compact: 'N176AA', uk: 'N17 6AA', sector: 'N17 6', district: 'N17' });
  assert.equal(parsePostcode('EC1A 1BB')!.district, 'EC1');
  assert.deepEqual(parsePostcode('4223'), { compact: '4223', uk: null, sector: null, district: null });
  assert.equal(parsePostcode(''), null);
  assert.equal(parsePostcode(' - '), null);
  assert.equal(parsePostcode(null), null);
});

test('UK levels from the issue', () => {
  assert.equal(level('n176aa', 'N17 6AA'), 'exact');
  assert.equal(level('N17 6AA', 'N17 6AB'), 'same sector (UK)');
  assert.equal(level('N17 6AA', 'N17 9ZZ'), 'same district (UK)');
  assert.equal(level('N17 6AA', 'N18 6AA'), 'else');
  assert.equal(level('N17 6AA', 'SW1A 1AA'), 'else');
});

test('non-UK: exact, first three characters, else', () => {
  assert.equal(level('4223', '4223'), 'exact');
  assert.equal(level('4223', '4225'), 'same first 3 characters (non-UK)');
  assert.equal(level('4223', '5223'), 'else');
  assert.equal(level('422', '423'), 'else');
});

// The NHS number modulus-11 check (NHS Data Dictionary): the first nine digits
// weighted 10 down to 2, check digit = 11 - (sum mod 11), 11 means 0, 10 means
// the number can never be valid.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNhsNumber } from './nhs-number.ts';

describe('isValidNhsNumber', () => {
  test('accepts known valid numbers', () => {
    for (const n of ['9990000018', '9990000026', '9434765919', '4010232137']) {
      assert.equal(isValidNhsNumber(n), true, n);
    }
  });

  test('accepts a number whose check digit comes out as 11, written 0', () => {
    // 9,9,9,0,0,0,0,0,5 weighted 10..2 = 90+81+72+10 = 253 = 23 * 11, so 11 - 0 = 11 -> 0
    assert.equal(isValidNhsNumber('9990000050'), true);
    for (const d of '123456789') assert.equal(isValidNhsNumber(`999000005${d}`), false, `999000005${d}`);
  });

  test('refuses a wrong check digit (every other final digit of a valid number)', () => {
    for (const valid of ['9990000018', '9434765919', '4010232137']) {
      for (const d of '0123456789') {
        if (d === valid[9]) continue;
        const n = valid.slice(0, 9) + d;
        assert.equal(isValidNhsNumber(n), false, n);
      }
    }
  });

  test('refuses every number whose check digit would be 10', () => {
    // 9,9,9,0,0,0,0,0,0 weighted = 243; 243 mod 11 = 1, so 11 - 1 = 10: no final digit can make it valid
    for (const d of '0123456789') assert.equal(isValidNhsNumber(`999000000${d}`), false, `999000000${d}`);
    // 0,0,0,0,0,0,0,0,6 weighted = 12; 12 mod 11 = 1 -> 10
    for (const d of '0123456789') assert.equal(isValidNhsNumber(`000000006${d}`), false, `000000006${d}`);
  });

  test('refuses wrong lengths', () => {
    for (const n of ['', '9', '999000001', '99900000188', '943476591', '94347659199']) {
      assert.equal(isValidNhsNumber(n), false, JSON.stringify(n));
    }
  });

  test('refuses anything but ten ASCII digits, even with a valid number inside', () => {
    for (const n of [
      '999 000 0018', '999-000-0018', ' 9990000018', '9990000018 ', '9990000018\n', '99900000AB', 'abcdefghij',
      '99900000l8', '+990000018', '-990000018', '9.99000001', '999000001８' /* fullwidth 8 */, '٩٩٩٠٠٠٠٠١٨' /* Arabic-Indic */,
    ]) {
      assert.equal(isValidNhsNumber(n), false, JSON.stringify(n));
    }
  });
});

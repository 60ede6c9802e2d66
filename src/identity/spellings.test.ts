// Other alphabets and spellings: one person written with and without
// diacritics, transliterated two ways, in capitals, or surname first.
// Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseName } from './normalise.ts';
import { givenNameLevel } from './linkage/comparisons.ts';
import { mention, plan, placed } from './plan-test-helpers.ts';

test('names fold across alphabets and diacritics (a maintained transliteration library)', () => {
  assert.equal(normaliseName('Łuczak'), normaliseName('LUCZAK'));
  assert.equal(normaliseName('Müller'), normaliseName('Mueller'));
  assert.equal(normaliseName('Александр'), 'aleksandr');
  assert.equal(normaliseName('Zoë'), 'zoe');
  assert.equal(normaliseName('Dvořák'), 'dvorak');
});

test('one name transliterated two ways compares closely; different names of one sound do not', () => {
  assert.ok(givenNameLevel('mohammed', 'muhammad') <= 2);
  assert.ok(givenNameLevel('yusuf', 'yousef') <= 2);
  assert.equal(givenNameLevel('brian', 'bruno'), 4);
  assert.equal(givenNameLevel('liam', 'leah'), 4);
});

const HOME = { postcode: 'B11 4ZZ', address: '7 Alder Street' };
const LINKED: [string, Record<string, string>, Record<string, string>][] = [
  ['a Polish surname with and without its letters', { given: 'Łucja', family: 'Łuczak' }, { given: 'Lucja', family: 'LUCZAK' }],
  ['an umlaut written out', { given: 'Jürgen', family: 'Müller' }, { given: 'Juergen', family: 'Muller' }],
  ['Cyrillic and its English spelling', { given: 'Александр', family: 'Соколов' }, { given: 'Alexander', family: 'Sokolov' }],
  ['two transliterations of one Arabic name', { given: 'Muhammad', family: 'Rahimzada' }, { given: 'Mohammed', family: 'Rahimzadah' }],
  ['a name in capitals, surname first', { given: 'Harleen', family: 'Sandhu' }, { given: 'SANDHU', family: 'HARLEEN' }],
];

for (const [why, a, b] of LINKED) {
  test(`one child: ${why}`, () => {
    const first = mention({ ...a, dob: '2015-10-21', sex: 'male', ...HOME });
    const second = mention({ ...b, dob: '2015-10-21', sex: 'male', ...HOME });
    const p = plan({ 1: [first] }, [second]);
    assert.equal(placed(p, second), 1, `${why}: ${p.reasons.get(second.mentionId)!.why}`);
  });
}

test('brothers of one sound but different names and birthdays stay apart', () => {
  const a = mention({ given: 'Brian', family: 'Okonjo', dob: '2012-02-14', sex: 'male', ...HOME });
  const b = mention({ given: 'Bruno', family: 'Okonjo', dob: '2014-09-03', sex: 'male', ...HOME });
  assert.equal(placed(plan({ 2: [a] }, [b]), b), 'new');
});

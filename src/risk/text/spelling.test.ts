// British and American spelling, and the abbreviations of practitioners' notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, says } from './test-reading.ts';
import type { SignalCode } from './vocabulary.ts';

test('British and American spellings read alike', () => {
  const pairs: [string, string, SignalCode][] = [
    ['Known haemophilia.', 'Known hemophilia.', 'bleeding-disorder'],
    ['Dog faeces on the floor.', 'Dog feces on the floor.', 'poor-home-conditions'],
    ['Black mould in the bedroom, damp and mould throughout.', 'Black mold in the bedroom.', 'poor-home-conditions'],
    ['Cephalhaematoma noted.', 'Cephalohematoma noted.', 'birth-injury'],
    ["Mum doesn't know how it happened.", "Mom doesn't know how it happened.", 'explanation-absent'],
    ['Subconjunctival haemorrhage.', 'Subconjunctival hemorrhage.', 'injury'],
    ['Missed immunisations.', 'Missed immunizations.', 'not-brought'],
    ['Strong odour of urine.', 'Strong odor of urine.', 'poor-hygiene'],
  ];
  for (const [british, american, code] of pairs) {
    assert.equal(says(british, code), 'yes', british);
    assert.equal(says(american, code), 'yes', american);
  }
  assert.equal(read('A neighbor reported the children are hungry.')[0]?.attribution, 'neighbour');
});

test('abbreviations: DNA, WNB, HV, SW, A&E, ED, #', () => {
  assert.equal(says('DNA 3rd appointment.', 'not-brought'), 'yes');
  assert.equal(says('WNB x2.', 'not-brought'), 'yes');
  assert.equal(says('dna testing', 'not-brought'), 'no'); // the molecule, and lower case
  assert.equal(says('Brought to A&E three days later.', 'delayed-presentation'), 'yes');
  assert.equal(says('Presented to ED 2 days after the fall.', 'delayed-presentation'), 'yes');
  assert.equal(says('XR: # L radius.', 'injury'), 'yes');
  assert.equal(read('HV reports weight loss.')[0]?.attribution, 'professional');
  assert.equal(read('SW told mum the home conditions were poor.').find((s) => s.code === 'poor-home-conditions')?.attribution, 'professional');
});

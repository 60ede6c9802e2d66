// Negation is scoped to the clause: what a sentence denies, and only that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, says } from './test-reading.ts';
import type { SignalCode } from './vocabulary.ts';

test('denials in practitioners\' usual forms negate the finding', () => {
  const cases: [string, Parameters<typeof says>[1]][] = [
    ['No bruising seen.', 'injury'],
    ['Denies any injury.', 'injury'],
    ['Child did not disclose.', 'disclosure'],
    ['Nil concerns regarding hunger.', 'hunger'],
    ['Not hungry today.', 'hunger'],
    ['Bruising: none seen.', 'injury'],
    ['Fracture excluded on skeletal survey.', 'injury'],
    ['No evidence of any burns.', 'injury'],
    ['Did not see any bruising on his back.', 'injury'],
    ['No history of violence known to police.', 'violent-adult'],
    ['Bruising not seen today.', 'injury'],
    ['Free of head lice.', 'poor-hygiene'],
    ['Never hungry at nursery.', 'hunger'],
  ];
  for (const [text, code] of cases) assert.equal(says(text, code), 'negated', text);
});

test('a "no" reaches across a list of findings', () => {
  const signals = read('There were no bruises, burns or scalds seen on his body.');
  assert.ok(signals.length > 0);
  assert.ok(signals.every((s) => s.negated), JSON.stringify(signals));
});

test('the scope ends at "but", a new clause after a comma or "and", and a completed "seen"', () => {
  assert.equal(says('No bruising seen but a burn to the hand.', 'injury'), 'yes');
  const two = read('No bruising seen but a burn to the hand.');
  assert.deepEqual(two.map((s) => [s.phrase, s.negated]), [['No bruising seen', true], ['a burn to the hand.', false]]);
  assert.equal(says('No bruising seen, burn to the left hand noted.', 'injury'), 'yes');
  assert.equal(says('No food in the fridge and the children were hungry.', 'hunger'), 'yes');
  assert.equal(says('No concerns at nursery, however she is often hungry.', 'hunger'), 'yes');
  assert.equal(says('Nil of note; bruise to the left ear.', 'injury'), 'yes');
});

test('a "not" negates its own verb, not the finding that verb is about', () => {
  assert.equal(says('Mum was unable to explain the bruising.', 'injury'), 'yes');
  assert.equal(says("Mum doesn't know how the burn happened.", 'injury'), 'yes');
  assert.equal(says('Father would not say how the fracture occurred.', 'injury'), 'yes');
});

test('a concern phrase keeps its own "no" and "not": they do not negate what follows', () => {
  assert.equal(says('No explanation for the bruising to the ear.', 'injury'), 'yes');
  assert.equal(says('No explanation for the bruising to the ear.', 'explanation-absent'), 'yes');
  assert.equal(says('Was not brought to the fracture clinic.', 'not-brought'), 'yes');
  assert.equal(says('Was not brought to the fracture clinic.', 'injury'), 'yes');
});

test('pseudo-negations are not denials', () => {
  assert.equal(says('Fracture cannot be excluded.', 'injury'), 'yes');
  assert.equal(says('Non-accidental injury not ruled out.', 'injury'), 'yes');
  assert.equal(says('No change in the bruising since Monday.', 'injury'), 'yes');
  assert.equal(says('No further action, bruise healing.', 'injury'), 'yes');
  assert.equal(says('No improvement in hygiene, still dirty.', 'poor-hygiene'), 'yes');
});

test('wink alone would get these wrong; our scope gets them right', () => {
  // wink's negation flag stops at the comma (burns left affirmed) and runs on across "and" (hunger denied).
  assert.equal(says('No bruises, burns or marks.', 'injury'), 'negated');
  assert.equal(says('No food in the fridge and the children said they were hungry.', 'hunger'), 'yes');
});

test('edge cases of scope: lists, "but", denials of context, verbs that start or fail', () => {
  const cases: [string, SignalCode, 'yes' | 'negated' | 'no'][] = [
 ['No concerns raised about hygiene or hunger.', 'hunger', 'negated'],
 ['Child was not seen alone.', 'child-not-seen', 'no'],
 ['Mum denies that he has been hungry.', 'hunger', 'negated'],
 ['Not only bruising but also burns.', 'injury', 'yes'],
 ['She was not hungry but was dirty.', 'poor-hygiene', 'yes'],
 ['Negative for fracture.', 'injury', 'negated'],
 ['Skeletal survey: no fractures.', 'injury', 'negated'],
 ['CT head: no intracranial injury.', 'injury', 'negated'],
 ['There is no doubt the bruising is inflicted.', 'injury', 'yes'],
 ['Unable to rule out a fracture.', 'injury', 'yes'],
 ['Fracture has been ruled out.', 'injury', 'negated'],
 ['Hunger not reported by school.', 'hunger', 'negated'],
 ['Denied being hungry.', 'hunger', 'negated'],
 ['No bruising, a burn to the hand.', 'injury', 'yes'],
 ['No marks or bruises on his arms, legs or back.', 'injury', 'negated'],
 ['Did not appear hungry or unkempt.', 'poor-hygiene', 'negated'],
 ['No obvious injuries, but mum reports he has been hungry.', 'hunger', 'yes'],
 ['Nothing to suggest a bleeding disorder.', 'bleeding-disorder', 'negated'],
 ['Haemophilia has not been confirmed.', 'bleeding-disorder', 'negated'],
 ['Not known to have a bleeding disorder.', 'bleeding-disorder', 'negated'],
 ['Haematology confirmed von Willebrand disease.', 'bleeding-disorder', 'yes'],
 ['He has not started crawling.', 'mobile', 'negated'],
 ['Is not yet walking.', 'mobile', 'negated'],
 ['Not crawling or cruising.', 'mobile', 'negated'],
 ['Not witnessed by staff.', 'witnessed-accident', 'negated'],
 ['Nursery staff did not witness the fall.', 'witnessed-accident', 'no'],
 ['There is no record of any birth injury.', 'birth-injury', 'negated'],
 ['Birth was unremarkable, no ventouse or forceps.', 'birth-injury', 'negated'],
 ['Forceps delivery documented.', 'birth-injury', 'yes'],
 ['Not a Mongolian blue spot.', 'birthmark', 'negated'],
 ['Has never been seen by the HV.', 'child-not-seen', 'no'],
 ['Dad did not know how the burn happened.', 'explanation-absent', 'yes'],
 ['Dad did not know how the burn happened.', 'injury', 'yes'],
 ['The explanation was not plausible.', 'explanation-unsuitable', 'yes'],
];
  for (const [text, code, want] of cases) assert.equal(says(text, code), want, `${text} (${code})`);
});

test('a negation inside the words of a phrase still negates it (BOARD: N)', () => {
  assert.equal(says('Sam was not frightened.', 'emotional-harm'), 'negated');
  assert.equal(says('Sam was not frightened or withdrawn.', 'emotional-harm'), 'negated');
  assert.equal(says('Sam did not seem frightened.', 'emotional-harm'), 'negated');
  assert.equal(says('Sam was not withdrawn.', 'emotional-harm'), 'negated');
  assert.equal(says('Her account has not changed.', 'explanation-changed'), 'no');
  assert.equal(says('The account not changed since the first visit.', 'explanation-changed'), 'no');
});

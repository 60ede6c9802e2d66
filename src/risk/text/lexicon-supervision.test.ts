// The words for a child left without supervision, and the near misses that are not it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { says } from './test-reading.ts';

test('lexicon inadequate-supervision: phrases that say it', () => {
  for (const text of [
    'Kaya found asleep on her own on the sofa downstairs, unsupervised; both parents upstairs.',
    'Infant left unsupervised in the bath.',
    'Children left home alone overnight.',
    'The children were left alone while mother went out.',
    'No adult present when officers arrived.',
    'Toddler found wandering unsupervised in the street.',
    'Lack of supervision noted again.',
  ]) assert.equal(says(text, 'inadequate-supervision'), 'yes', text);
});

test('lexicon inadequate-supervision: denied, a moment out of sight, contact, or seeing the child alone are not it', () => {
  assert.equal(says('Kaya was not left unsupervised.', 'inadequate-supervision'), 'negated');
  for (const text of [
    'Left alone for a few minutes while mum answered the door.',
    'Court directs unsupervised contact and overnight stays with father.',
    'Unsupervised visits to start next month.',
    'Kaya seen alone in her bedroom.',
    'Spoke to Kaya alone.',
    'Mother should not be left alone with the baby.',
    'Supervision of the case is overdue.',
  ]) assert.notEqual(says(text, 'inadequate-supervision'), 'yes', text);
});

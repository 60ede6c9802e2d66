// Context codes lower findings, so what only queries, excludes or belongs to someone else must come out negated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { says } from './test-reading.ts';
import type { ContextSignal } from './vocabulary.ts';

const TABLE: Record<ContextSignal, { yes: string[]; negated: string[]; no: string[] }> = {
  'birth-injury': {
    yes: ['Documented birth injury: ventouse mark to the scalp.', 'Forceps delivery, bruising to the cheeks.', 'Cephalhaematoma noted on day 1.', 'Bruising to the face from delivery.'],
    negated: ['No birth injury documented.', 'Spontaneous vaginal delivery, no instrumental delivery.'],
    no: ['Born at 39 weeks.', 'Mongolian blue spots noted at birth.'],
  },
  birthmark: {
    yes: ['Mongolian blue spots over the sacrum.', 'Slate grey patches on the back, present since birth.', 'Congenital dermal melanocytosis documented in the red book.', 'Small haemangioma on the scalp.'],
    negated: ['Not a Mongolian blue spot: tender and swollen.', 'No birthmarks recorded at the newborn check.'],
    no: ['Blue jumper.', 'Bruise to the back.'],
  },
  'bleeding-disorder': {
    yes: ['Known haemophilia A, confirmed by haematology.', 'Von Willebrand disease diagnosed in 2019.', 'Immune thrombocytopenia, platelets 12.'],
    negated: ['Bleeding disorder excluded.', 'Clotting screen normal.', 'Coagulation studies were normal.', '?bleeding disorder.', 'Referred to haematology to exclude a bleeding disorder.', 'Mother has von Willebrand disease.', 'No known bleeding disorder.', 'Family history of haemophilia.'],
    no: ['Bleeding from the nose after a fall.', 'Bloods taken.'],
  },
  'bone-disorder': {
    yes: ['Osteogenesis imperfecta type I, confirmed by genetics.', 'Known brittle bone disease.', 'Rickets on X-ray.'],
    negated: ['OI excluded by genetic testing.', 'Awaiting genetic tests for osteogenesis imperfecta.', 'Bone profile normal.', 'No evidence of rickets.'],
    no: ['Broken arm in a cast.', 'Oi, said the boy.'],
  },
  mobile: {
    yes: ['Crawling since 6 months.', 'Cruising around the furniture.', 'Started walking at 11 months.', 'Pulls to stand at the sofa.', 'Bottom shuffling around the room.', 'Independently mobile.'],
    negated: ['Not yet crawling.', 'Not mobile.', 'Non-mobile infant.', 'Not yet rolling.', 'Should be crawling soon.'],
    no: ['Mum was walking to the shop.', 'Rolling over both ways.', 'Mobile phone number changed.'],
  },
  correction: {
    yes: ['Previous entry recorded in error.', 'Correction: this was a Mongolian blue spot.', 'Record amended by the HV.', 'Not a bruise but a birthmark.', 'Previously charted as a bruise.', 'Entered in error, wrong patient.'],
    negated: ['No correction needed to the earlier entry.'],
    no: ['Bruise to the shin recorded.', 'Entry to the flat gained.'],
  },
  'witnessed-accident': {
    yes: ['Fall witnessed by nursery staff.', 'Teacher saw him fall from the climbing frame.', 'Witnessed fall in the playground.', 'Nursery accident form completed.', 'Witnessed by nursery staff.', 'Nursery staff saw it happen.', 'Tripped in the supermarket, witnessed by a member of the public.'],
    negated: ['Unwitnessed fall.', 'Witnessed by mother.', 'Fall not witnessed.', 'No one saw the fall.', 'Fall witnessed by mum only.', 'Dad saw him fall off the sofa.'],
    no: ['Fell at home.', 'Mum says he fell.', 'Seen by nursery nurse for a rash.', 'Seen by the school nurse.'],
  },
  'assessed-consistent': {
    yes: ['Injuries consistent with the history given.', 'Superficial scald, consistent with account.', 'Mechanism plausible for a walking toddler.', 'Seen by the paediatric registrar: injury assessed as accidental.', 'Medical assessment concluded accidental.', 'Findings in keeping with the mechanism described.'],
    negated: ['Bruising not consistent with the account given.', 'Injuries inconsistent with the history.', 'Assessed as a non-accidental injury.', 'Explanation implausible for a 3-month-old.'],
    no: ['Fingertip bruises consistent with gripping.', 'Marks consistent with a slap.', 'Attended accident and emergency.', 'Mum says it was an accident.'],
  },
  'self-inflicted-scratch': {
    yes: ['Scratches to the face from his own fingernails.', 'Scratched himself in his sleep.', 'Long nails, advised scratch mittens.'],
    negated: ['Marks not consistent with his own fingernails.'],
    no: ['Scratches to the back.', 'Cat scratch to the arm.'],
  },
};

for (const [code, { yes, negated, no }] of Object.entries(TABLE) as [ContextSignal, (typeof TABLE)[ContextSignal]][]) {
  test(`context ${code}: established, denied or queried, and absent`, () => {
    for (const text of yes) assert.equal(says(text, code), 'yes', text);
    for (const text of negated) assert.equal(says(text, code), 'negated', text);
    for (const text of no) assert.notEqual(says(text, code), 'yes', text);
  });
}

test('not yet sitting is not mobile', () => {
  assert.equal(says('She is not yet sitting unaided.', 'mobile'), 'negated');
});

test('scratches in the words practitioners use (BOARD: P)', () => {
  for (const text of ['Fingernail scratches to both cheeks.', 'Scratches are self-inflicted.', 'Baby scratching self during feeds.', 'Scratches herself when feeding.', 'Scratch marks from his fingernails.'])
    assert.equal(says(text, 'self-inflicted-scratch'), 'yes', text);
});

test("context is the child's own: a relative's condition or milestone is negated, a relative's report is not", () => {
  assert.equal(says('Mum has noticed he is crawling.', 'mobile'), 'yes');
  assert.equal(says('Older brother has been crawling for months.', 'mobile'), 'negated');
  assert.equal(says('Mum had a forceps delivery with her first child.', 'birth-injury'), 'negated');
  assert.equal(says('? Mongolian blue spots.', 'birthmark'), 'negated');
});

test('a limping toddler "not weight bearing" is not a non-mobile infant', () => {
  assert.equal(says('Limping, not weight bearing on the left leg.', 'mobile'), 'no');
  assert.equal(says('Not walking on it since the fall.', 'mobile'), 'no');
});

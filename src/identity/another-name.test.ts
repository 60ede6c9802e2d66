// A child recorded once under a pet name or a new given name, at home with the
// same mother and nothing else to tell: never linked (a brother looks the
// same), but not left unseen either: a review. Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mention, plan, placed } from './plan-test-helpers.ts';

const HOME = 'L4 0ZZ';
const mum = (recordId: number) => mention({ given: 'Delphine', family: 'Marchbank', sex: 'female', postcode: HOME, recordId });
const ANOTHER_NAME = /possibly the same child under another name/;

test('a pet name beside the same mother at the same home, after the child is known there: kept apart and queued', () => {
  const child = mention({ given: 'Oswin', family: 'Marchbank', dob: '2019-04-02', sex: 'male', postcode: HOME, nhsNumber: '9434765919', recordId: 1 });
  const petName = mention({ given: 'Pip', sex: 'male', postcode: HOME, recordId: 2 });
  const p = plan({ 1: [child], 2: [mum(1)] }, [petName, mum(2)], new Set(), { companions: { 1: [2], 2: [1] }, asOf: '2021-06-01' });
  assert.equal(placed(p, petName), 'new', 'a given name agreeing on nothing is no link');
  const review = p.reviews.find((r) => r.mentionId === petName.mentionId && r.candidateMentionId === child.mentionId);
  assert.ok(review, JSON.stringify(p.reviews));
  assert.match(review.why, ANOTHER_NAME);
  assert.match(review.why, /person 2/, 'it names the family member both records name');
  assert.ok(review.terms!.some((t) => t.comparison === 'given'), 'the terms show the given names disagree');
});

test('the other way round: the child\'s record arrives after the pet name, placed by its NHS number before the mother', () => {
  const petName = mention({ given: 'Pip', sex: 'male', postcode: HOME, recordId: 3 });
  const child = mention({ given: 'Oswin', family: 'Marchbank', dob: '2019-04-02', sex: 'male', postcode: HOME, nhsNumber: '9434765919', recordId: 4 });
  const known = mention({ given: 'Oswin', family: 'Marchbank', dob: '2019-04-02', sex: 'male', postcode: 'L8 1ZZ', nhsNumber: '9434765919', recordId: 5 });
  const p = plan({ 1: [known], 2: [mum(5), mum(3)], 3: [petName] }, [child, mum(4)], new Set(), { companions: { 1: [2], 2: [1, 3], 3: [2] }, asOf: '2021-06-01' });
  assert.equal(placed(p, child), 1);
  const review = p.reviews.find((r) => r.mentionId === child.mentionId && r.candidateMentionId === petName.mentionId);
  assert.match(review?.why ?? '', ANOTHER_NAME, JSON.stringify(p.reviews));
});

test('not for what already tells them apart: twins, a brother with his own date of birth, no family member in common, adults', () => {
  const asOf = '2021-06-01';
  const cases: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
    ['twins (the same birthday and surname)', { dob: '2019-04-02', family: 'Marchbank' }, { dob: '2019-04-02', family: 'Marchbank' }, true],
    ['a brother born on another day', { dob: '2019-04-02', family: 'Marchbank' }, { dob: '2016-11-20' }, true],
    ['no family member named in common', { dob: '2019-04-02', family: 'Marchbank' }, {}, false],
    ['adults', { dob: '1990-04-02', family: 'Marchbank' }, {}, true],
  ];
  for (const [label, known, other, withMum] of cases) {
    const child = mention({ given: 'Oswin', sex: 'male', postcode: HOME, recordId: 10, ...known });
    const second = mention({ given: 'Pip', sex: 'male', postcode: HOME, recordId: 11, ...other });
    const p = withMum
      ? plan({ 1: [child], 2: [mum(10)] }, [second, mum(11)], new Set(), { companions: { 1: [2], 2: [1] }, asOf })
      : plan({ 1: [child] }, [second], new Set(), { asOf });
    assert.equal(p.reviews.filter((r) => r.why.includes('possibly the same child under another name')).length, 0, `${label}: ${JSON.stringify(p.reviews)}`);
  }
});

test('not for the child\'s father, recorded as a parent without his date of birth beside the same mother', () => {
  const child = mention({ given: 'Oswin', family: 'Marchbank', dob: '2019-04-02', sex: 'male', postcode: HOME, nhsNumber: '9434765919', recordId: 20 });
  const father = () => mention({ given: 'Gideon', family: 'Marchbank', sex: 'male', postcode: HOME, adultRole: true, recordId: 21 });
  const again = { ...father(), recordId: 22 };
  const p = plan({ 1: [child], 2: [mum(20), mum(21)], 3: [father()] }, [again, mum(22)], new Set(),
    { companions: { 1: [2], 2: [1, 3], 3: [2] }, asOf: '2021-06-01' });
  assert.equal(placed(p, again), 3, 'the father is known as himself');
  assert.equal(p.reviews.filter((r) => r.why.includes('possibly the same child under another name')).length, 0, JSON.stringify(p.reviews));
});

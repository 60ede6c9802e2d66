// No poisoning: a person holding one wrong mention must not silently refuse
// every later record of the one it belongs with. Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mention, plan, placed } from './plan-test-helpers.ts';

const HOME = { postcode: 'S2 4ZZ', address: '31 Rowan Terrace' };

test('a new record matching a person strongly but vetoed by one of their mentions goes to review with both explanations', () => {
  // The person wrongly holds the father (born a generation earlier) beside the son of the same name.
  const son = mention({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', ...HOME });
  const father = mention({ given: 'Corin', family: 'Ashcombe', dob: '1986-07-21', sex: 'male', ...HOME });
  const laterSon = mention({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', ...HOME });
  const p = plan({ 11: [son, father] }, [laterSon]);
  assert.equal(placed(p, laterSon), 'new', 'the veto still holds: nothing is joined on a conflict');
  const review = p.reviews.find((r) => r.candidateMentionId === son.mentionId);
  assert.ok(review, `a review against the strongly matching mention: ${JSON.stringify(p.reviews)}`);
  assert.match(review.why, /matches this person strongly/);
  assert.match(review.why, /generation/);
  assert.ok(review.terms!.length > 0, 'the match is explained term by term');
});

test('a veto a practitioner decided is not sent back to review', () => {
  const a = mention({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', ...HOME });
  const b = mention({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', ...HOME });
  const p = plan({ 12: [a] }, [b], new Set([`${a.mentionId}|${b.mentionId}`]));
  assert.equal(placed(p, b), 'new');
  assert.equal(p.reviews.length, 0);
});

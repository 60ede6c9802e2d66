import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLinks, type NewMentionKeys } from './deterministic-plan.ts';

const m = (mentionId: number, k: Partial<NewMentionKeys> = {}): NewMentionKeys =>
  ({ mentionId, nhsNumber: null, nameDobKey: null, localKey: null, ...k });

test('mentions sharing nothing become separate new people', () => {
  const plan = planLinks([m(1), m(2)], [], new Map());
  assert.equal(plan.newGroups, 2);
  assert.equal(plan.reasons.get(1)!.rule, 'new-person');
});

test('an NHS number joins the existing person that has it', () => {
  const plan = planLinks([m(1, { nhsNumber: 'A' })], [{ personId: 7, nhsNumber: 'A', nameDobKey: null, localKey: null }], new Map([[7, new Set(['A'])]]));
  assert.deepEqual(plan.assign.get(1), { personId: 7 });
  assert.equal(plan.reasons.get(1)!.rule, 'nhs-number');
});

test('name+dob does not join a person with a different NHS number, and says so', () => {
  const plan = planLinks(
    [m(1, { nhsNumber: 'B', nameDobKey: 'k' })],
    [{ personId: 7, nhsNumber: 'A', nameDobKey: 'k', localKey: null }],
    new Map([[7, new Set(['A'])]]),
  );
  assert.deepEqual(plan.assign.get(1), { newGroup: 0 });
  assert.deepEqual(plan.reasons.get(1)!.refused, ['nd:k']);
});

test('a mention with no NHS number but the name+dob of two people with different NHS numbers joins only the first', () => {
  const plan = planLinks(
    [m(1, { nameDobKey: 'k' })],
    [{ personId: 7, nhsNumber: 'A', nameDobKey: 'k', localKey: null }, { personId: 8, nhsNumber: 'B', nameDobKey: 'k', localKey: null }],
    new Map([[7, new Set(['A'])], [8, new Set(['B'])]]),
  );
  assert.deepEqual(plan.assign.get(1), { personId: 7 });
  assert.deepEqual(plan.merges, []);
});

test('a bridging mention merges two existing people into the lower id, naming the keys', () => {
  const plan = planLinks(
    [m(1, { nhsNumber: 'A', nameDobKey: 'k' })],
    [{ personId: 9, nhsNumber: 'A', nameDobKey: null, localKey: null }, { personId: 4, nhsNumber: null, nameDobKey: 'k', localKey: null }],
    new Map([[9, new Set(['A'])]]),
  );
  assert.deepEqual(plan.assign.get(1), { personId: 4 });
  assert.deepEqual(plan.merges, [{ from: 9, into: 4, because: ['nd:k'] }]);
});

test('mentions in one batch link to each other by any shared key', () => {
  const plan = planLinks([m(1, { localKey: 'csc|9' }), m(2, { localKey: 'csc|9', nameDobKey: 'k' }), m(3, { nameDobKey: 'k' })], [], new Map());
  assert.equal(plan.newGroups, 1);
  assert.equal(plan.reasons.get(2)!.rule, 'local-id');
});

test('the plan does not depend on the order of existing rows', () => {
  const existing = [
    { personId: 3, nhsNumber: 'A', nameDobKey: 'k', localKey: null },
    { personId: 5, nhsNumber: null, nameDobKey: 'k', localKey: null },
  ];
  const a = planLinks([m(1, { nameDobKey: 'k' })], existing, new Map([[3, new Set(['A'])]]));
  const b = planLinks([m(1, { nameDobKey: 'k' })], [...existing].reverse(), new Map([[3, new Set(['A'])]]));
  assert.deepEqual([...a.assign], [...b.assign]);
  assert.deepEqual(a.merges, b.merges);
});

// Who the text says reported it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read } from './test-reading.ts';
import type { Attribution, SignalCode } from './vocabulary.ts';

function whoSaid(text: string, code: SignalCode): Attribution | undefined {
  const found = read(text).find((s) => s.code === code);
  assert.ok(found, `no ${code} in: ${text}`);
  return found.attribution;
}

test('siblings', () => {
  assert.equal(whoSaid('Brother disclosed that dad hits him.', 'disclosure'), 'sibling');
  assert.equal(whoSaid('His sister told the teacher that their stepdad hit him.', 'disclosure'), 'sibling');
  assert.equal(whoSaid('Older half-brother reports the younger ones are hungry.', 'hunger'), 'sibling');
  assert.equal(whoSaid('Rory said they are often hungry at home.', 'hunger'), 'sibling'); // Rory is a sibling in PEOPLE
});

test('the child', () => {
  assert.equal(whoSaid('Child said mummy hit her.', 'disclosure'), 'child');
  assert.equal(whoSaid('Kaya told her teacher that mum hit her.', 'disclosure'), 'child'); // Kaya is the subject
  assert.equal(whoSaid('Pupil disclosed being hit with a slipper.', 'disclosure'), 'child');
});

test('parents, relatives, neighbours and the public', () => {
  assert.equal(whoSaid("Mum doesn't know how it happened.", 'explanation-absent'), 'parent');
  assert.equal(whoSaid('Dad reports he fell, no explanation for the burn.', 'explanation-absent'), 'parent');
  assert.equal(whoSaid('Mother says the baby has been losing weight.', 'faltering-growth'), 'parent');
  assert.equal(whoSaid('Grandmother is worried the children are hungry.', 'hunger'), 'relative');
  assert.equal(whoSaid('Maternal aunt rang to say the home is filthy.', 'poor-home-conditions'), 'relative');
  assert.equal(whoSaid('Neighbour reports hearing screaming and the children are left hungry.', 'hunger'), 'neighbour');
  assert.equal(whoSaid('Concerns raised by a neighbour about dirty clothes.', 'poor-hygiene'), 'neighbour');
  assert.equal(whoSaid('A member of the public called about a child with bruising.', 'injury'), 'public');
  assert.equal(whoSaid('Anonymous caller reported the children are hungry.', 'hunger'), 'public');
  assert.equal(whoSaid('Bruise on the cheek, mum said.', 'injury'), 'parent');
  assert.equal(whoSaid('According to the HV the baby is losing weight.', 'faltering-growth'), 'professional');
  assert.equal(whoSaid('Dr Shah reports the bruising is extensive for the fall.', 'explanation-unsuitable'), 'professional');
  assert.equal(whoSaid('Mrs Pell says the children are hungry.', 'hunger'), 'parent'); // Pell is the mother's family name
});

test("the writer's own observation has no attribution", () => {
  assert.equal(whoSaid('Bruise to the left cheek.', 'injury'), undefined);
  assert.equal(whoSaid('Children not seen.', 'child-not-seen'), undefined);
});

test('a frame speaks up to "but", and an account verb speaks only for the account', () => {
  assert.equal(whoSaid('Mum says he fell, but the bruising is extensive for the fall.', 'explanation-unsuitable'), undefined);
  // "mum was unable to explain" is about her account: the injury is still the writer's observation
  assert.equal(whoSaid('Mum was unable to explain the injury.', 'injury'), undefined);
  assert.equal(whoSaid('Mum was unable to explain the injury.', 'explanation-absent'), 'parent');
});

test('a disclosure "by" someone is theirs', () => {
  assert.equal(whoSaid('Disclosure by older sibling: dad beats them both.', 'disclosure'), 'sibling');
  assert.equal(whoSaid('Allegation by a neighbour that the children are left hungry.', 'hunger'), 'neighbour');
});

test('clinical shorthand for mother and father (BOARD: N)', () => {
  assert.equal(whoSaid('M reports he has been hungry all week.', 'hunger'), 'parent');
  assert.equal(whoSaid('F says no explanation for the bruise.', 'explanation-absent'), 'parent');
});

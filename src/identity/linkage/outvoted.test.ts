// Outvoted values: when three or more records share an identifier and the
// others agree with one another against one record's date of birth or name,
// that value is set aside when the safeguards judge the record. Synthetic people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outvotedFields, withoutFields, type IdentifiedRecord } from './outvoted.ts';
import { datasetSafeguards } from './link.ts';
import type { LinkRecord } from './types.ts';

let n = 0;
const rec = (fields: Partial<LinkRecord>, identifiers = ['nhs:4010232137'], votes = 1): IdentifiedRecord =>
  ({ identity: { id: `r${n++}`, given: 'Lowen', family: 'Treharne', dob: '2016-09-14', ...fields }, identifiers, votes });

test('one date of birth against two that agree is outvoted; the names are not', () => {
  const out = outvotedFields([rec({}), rec({ dob: '2016-09-15' }), rec({ dob: '1989-02-27' })]);
  assert.deepEqual([...out.keys()], [2]);
  assert.deepEqual([...out.get(2)!], ['dob']);
});

test('two records that disagree settle nothing, nor do three that all disagree', () => {
  assert.equal(outvotedFields([rec({}), rec({ dob: '1989-02-27' })]).size, 0);
  assert.equal(outvotedFields([rec({}), rec({ dob: '2011-01-30' }), rec({ dob: '1989-02-27' })]).size, 0);
});

test('a record standing for two mentions votes twice; records of another identifier do not vote', () => {
  assert.deepEqual([...outvotedFields([rec({}, undefined, 2), rec({ dob: '1989-02-27' })]).keys()], [1]);
  assert.equal(outvotedFields([rec({}), rec({}, ['nhs:9434765919']), rec({ dob: '1989-02-27' })]).size, 0);
});

test('a given name the others outvote is set aside; names written the other way round are the same names', () => {
  const out = outvotedFields([rec({}), rec({ given: 'Lowenn' }), rec({ given: 'Jago' }), rec({ given: 'Treharne', family: 'Lowen' })]);
  assert.deepEqual([...out.keys()], [2]);
  assert.deepEqual([...out.get(2)!], ['given']);
  const judged = withoutFields(rec({ given: 'Jago', otherNames: ['Jay'] }).identity, out.get(2));
  assert.equal(judged.given, null);
  assert.deepEqual(judged.otherNames, []);
  assert.equal(judged.dob, '2016-09-14');
});

test('batch linking: one mistyped date among a person\'s identified records does not refuse their record without the identifier', () => {
  const person = (id: string, fields: Partial<LinkRecord>): LinkRecord =>
    ({ id, given: 'Lowen', family: 'Treharne', dob: '2016-09-14', otherId: '4010232137', postcode: 'TR1 2AB', address: '8 Lemon Street', ...fields });
  const records = [person('gp', {}), person('school', {}), person('wrong-date', { dob: '1989-02-27' }), person('typo-id', { otherId: '4010223137' })];
  const forbidden = datasetSafeguards(records);
  assert.equal(forbidden(0, 2), null, 'the wrong date joins by its identifier');
  assert.equal(forbidden(2, 3), null, 'and does not refuse the record whose identifier was mistyped');
  // Two records that disagree settle nothing: the wrong date still refuses it.
  const two = datasetSafeguards([records[0]!, records[2]!, records[3]!]);
  assert.match(two(1, 2)!, /different generation/);
  // A father of one name with his own identifier stays apart from the son, outvoted dates or not.
  const withFather = datasetSafeguards([...records, person('father', { dob: '1989-02-27', otherId: '7119771' })]);
  assert.match(withFather(0, 4)!, /different generation/);
});

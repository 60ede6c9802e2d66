// The safeguards refuse only what they should: twins, a parent and child of
// one name and the members of one household stay apart, while a slip of the
// pen, names written the other way round and a copy whose given name was
// replaced, when the records share an identifier, are not refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cannotLink, identifierContradiction, namesSwapped, safeguardReason, sharedIdentifierVerdict, shareIdentifier } from './link.ts';
import type { LinkRecord } from './types.ts';

const HOME = { postcode: 'N17 9ZZ', address: 'Flat 3, 40 Birch Road' };
let n = 0;
const person = (fields: Partial<LinkRecord>): LinkRecord => ({ id: `p${n++}`, given: null, family: null, dob: null, postcode: null, ...fields });

test('names written the wrong way round, one of them misspelt, are one person\'s names', () => {
  const a = person({ given: 'Jared', family: 'Meaney', dob: '1983-12-10', ...HOME });
  const b = person({ given: 'Meaney', family: 'Jard', dob: '1983-12-10', ...HOME });
  assert.ok(namesSwapped(a, b));
  assert.equal(cannotLink(a, b), null);
  // two adults of one household are not a swap
  const mother = person({ given: 'Tracey', family: 'Connelly', ...HOME });
  const partner = person({ given: 'Steven', family: 'Barker', ...HOME });
  assert.ok(!namesSwapped(mother, partner));
  assert.match(cannotLink(mother, partner)!, /both given and family names differ/);
  // a given name that is only like the other's surname is no swap
  const c = person({ given: 'Jordan', family: 'Meaney', dob: '1983-12-10', ...HOME });
  const d = person({ given: 'Meaney', family: 'Keeley', dob: '1983-12-10', ...HOME });
  assert.ok(!namesSwapped(c, d));
});

test('a year mistyped by two digits transposed, on the same birthday, is not a different generation', () => {
  const a = person({ given: 'Jonathan', family: 'Fatherson', dob: '1981-04-12', sex: 'male', ...HOME });
  const slip = person({ given: 'Jonathan', family: 'Fatherson', dob: '1918-04-12', sex: 'male', ...HOME });
  assert.equal(cannotLink(a, slip), null);
  assert.equal(identifierContradiction({ ...a, nhsNumber: '9434765919' }, { ...slip, nhsNumber: '9434765919' }), null);
  // a father and son born on the same day of the year, thirty years apart: the year is no slip
  const father = person({ given: 'Jonathan', family: 'Fatherson', dob: '1951-04-12', sex: 'male', ...HOME });
  assert.match(cannotLink(father, a)!, /30 years apart: a different generation/);
  assert.match(identifierContradiction({ ...father, nhsNumber: '9434765919' }, { ...a, nhsNumber: '9434765919' })!, /dates of birth/);
});

test('a shared identifier lifts the name safeguards: the twins rule does not refuse a copy whose given name was replaced', () => {
  const a = person({ given: 'Benjamin', family: 'Capel', dob: '1990-05-22', otherId: '4207177', ...HOME });
  const b = person({ given: 'Joshua', family: 'Capel', dob: '1990-05-22', otherId: '4207177', ...HOME });
  assert.ok(shareIdentifier(a, b));
  assert.match(cannotLink(a, b)!, /likely twins/);
  assert.equal(safeguardReason(a, b), null);
  // twins, each with their own identifier (or none), stay apart
  assert.match(safeguardReason({ ...a, otherId: '4207178' }, b)!, /likely twins/);
  assert.match(safeguardReason({ ...a, otherId: null }, b)!, /likely twins/);
  // the same for an NHS number written with and without spaces
  assert.equal(safeguardReason({ ...a, otherId: null, nhsNumber: '943 476 5919' }, { ...b, otherId: null, nhsNumber: '9434765919' }), null);
});

test('an identifier the records contradict in more than the date of birth keeps them apart', () => {
  // a brother and sister of one birthday sharing an NHS number: the sex (and the names) say two children
  const brother = person({ given: 'Alfie', family: 'Twinning', dob: '2019-02-03', sex: 'male', nhsNumber: '9434765919', ...HOME });
  const sister = person({ given: 'Amy', family: 'Twinning', dob: '2019-02-03', sex: 'female', nhsNumber: '9434765919', ...HOME });
  assert.match(safeguardReason(brother, sister)!, /another member of the family|likely twins/);
  // a mother's record carrying her child's NHS number: other names and another date
  const mother = person({ given: 'Tracey', family: 'Twinning', dob: '1988-07-21', sex: 'female', nhsNumber: '9434765919', ...HOME });
  assert.match(safeguardReason(mother, sister)!, /the identifier does not tell them apart/);
  // the same names but a different sex as well as another date: not one slip, apart
  const other = person({ given: 'Amy', family: 'Twinning', dob: '2014-08-11', sex: 'male', nhsNumber: '9434765919', ...HOME });
  assert.equal(sharedIdentifierVerdict(sister, other).doubt, null);
  assert.match(sharedIdentifierVerdict(sister, other).apart!, /different sex/);
});

test('a shared identifier with the same names and sex and a wholly different date of birth is one person, in doubt', () => {
  // The date typed wrong or written into the wrong field: linked, with the doubt for a practitioner.
  const child = person({ given: 'Edward', family: 'Denholm', dob: '1993-06-29', sex: 'male', nhsNumber: '9434765919', ...HOME });
  const wrongDate = person({ given: 'Edward', family: 'Denholm', dob: '1963-03-06', sex: 'male', nhsNumber: '9434765919', ...HOME });
  assert.equal(safeguardReason(child, wrongDate), null);
  const verdict = sharedIdentifierVerdict(child, wrongDate);
  assert.equal(verdict.apart, null);
  assert.match(verdict.doubt!, /30 years apart|dates of birth/);
  // a slip in a name, or the names written the other way round, is still the same names
  assert.equal(sharedIdentifierVerdict(child, { ...wrongDate, given: 'Edwrad' }).apart, null);
  assert.equal(sharedIdentifierVerdict(child, { ...wrongDate, given: 'Denholm', family: 'Edward' }).apart, null);
  // Without the identifier, a father and son of one name a generation apart stay apart.
  assert.match(safeguardReason({ ...child, nhsNumber: null }, { ...wrongDate, nhsNumber: null })!, /different generation/);
  // Each with their own identifier (twins, a father and son): apart, as without one.
  assert.match(safeguardReason(child, { ...wrongDate, nhsNumber: '4010232137' })!, /different generation/);
  // Another given name as well as another date: apart, whatever the identifier says.
  assert.match(safeguardReason(child, { ...wrongDate, given: 'Marcus' })!, /the identifier does not tell them apart/);
  // A child not yet named is held to the expected date, not to this rule.
  const unborn = person({ given: 'Unborn', family: 'Denholm', dob: '2019-03-01', unborn: true, nhsNumber: '9434765919', ...HOME });
  assert.equal(sharedIdentifierVerdict(unborn, { ...child, dob: '2020-06-01' }).doubt, null);
});

test('sharing an identifier never makes a pair harder to join, unless the records contradict it in more than the date', () => {
  const variants: Partial<LinkRecord>[] = [
    { given: 'Amy', family: 'Twinning', dob: '2019-02-03', sex: 'female' },
    { given: 'Alfie', family: 'Twinning', dob: '2019-02-03', sex: 'male' },
    { given: 'Amy', family: 'Twinning', dob: '2014-08-11', sex: 'female' },
    { given: 'Amy', family: 'Twinning', dob: '1984-08-11', sex: 'female' },
    { given: 'Tracey', family: 'Barkwell', dob: '1984-08-11', sex: 'female' },
    { given: 'Twinning', family: 'Amy', dob: '2019-03-02' },
    { given: 'Amy', family: 'Twinning', dob: '2019-02-03', sex: 'male' },
  ];
  let checked = 0;
  for (const x of variants) {
    for (const y of variants) {
      const a = person({ ...x, ...HOME });
      const b = person({ ...y, ...HOME });
      if (cannotLink(a, b) !== null) continue;
      // A different sex on one identifier keeps the records apart (see sharedIdentifierVerdict).
      if (x.sex && y.sex && x.sex !== y.sex) {
        assert.match(safeguardReason({ ...a, otherId: 'X1' }, { ...b, otherId: 'X1' })!, /different sex/);
        continue;
      }
      checked++;
      assert.equal(safeguardReason({ ...a, otherId: 'X1' }, { ...b, otherId: 'X1' }), null, `${JSON.stringify(x)} ${JSON.stringify(y)}`);
    }
  }
  assert.ok(checked >= 10, `pairs checked: ${checked}`);
});

test('twins whose names differ by one letter (Ava and Eva) stay apart: one letter is not always a typo', () => {
  const ava = person({ given: 'Ava', family: 'Twinning', dob: '2019-02-03', sex: 'female', ...HOME });
  const eva = person({ given: 'Eva', family: 'Twinning', dob: '2019-02-03', sex: 'female', ...HOME });
  assert.match(cannotLink(ava, eva)!, /likely twins/);
  // a nickname is the same child
  const liz = person({ given: 'Liz', family: 'Twinning', dob: '2019-02-03', sex: 'female', ...HOME });
  const elizabeth = person({ given: 'Elizabeth', family: 'Twinning', dob: '2019-02-03', sex: 'female', ...HOME });
  assert.equal(cannotLink(liz, elizabeth), null);
});

test('wholly different given names with no date of birth on one side: another member of the household', () => {
  const son = person({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', ...HOME });
  const father = person({ given: 'Darren', family: 'Ashcombe', sex: 'male', ...HOME });
  assert.match(cannotLink(son, father)!, /no date of birth to compare: another member of the household/);
  // a nickname, a slip in the name, or the names the other way round are the same person's names
  assert.equal(cannotLink(son, { ...father, given: 'Corinn' }), null);
  assert.equal(cannotLink({ ...son, given: 'Thomas' }, { ...father, given: 'Tom' }), null);
  assert.equal(cannotLink(son, { ...father, given: 'Ashcombe', family: 'Corin' }), null);
  // one name heard and written two ways is left to the weights
  assert.equal(cannotLink({ ...son, given: 'Maurice' }, { ...father, given: 'Morris' }), null);
  // away from a shared home the weights decide (the given names count against them there)
  assert.equal(cannotLink(son, { ...father, postcode: 'M14 5RT', address: '2 Platt Lane' }), null);
  // with a shared identifier nothing contradicts, so the identifier wins
  assert.equal(safeguardReason({ ...son, nhsNumber: '9434765919' }, { ...father, nhsNumber: '9434765919' }), null);
});

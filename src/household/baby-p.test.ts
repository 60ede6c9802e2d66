// The acceptance case: in the Baby P replay, Steven Barker is in Peter's household from the
// April 2007 hospital registration (next of kin at Peter's address) onwards, and children's
// social care never recorded him. Written to hold whichever way the linker groups the
// mentions of Peter's mother and carer (it may keep some of them apart).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replay, withoutTruth, type ReplayReport } from '../replay/replay.ts';
import type { Scenario } from '../records/types.ts';
import { testDb } from '../../test/helpers/test-db.ts';
import { formatHousehold, NOT_RECORDED } from './format.ts';

const scenario = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/baby-p.json', import.meta.url)), 'utf8')) as Scenario;
let report: ReplayReport;
let peter: NonNullable<ReplayReport['households']>[number];

before(async () => {
  const db = await testDb();
  try {
    report = await replay(withoutTruth(scenario), { db });
  } finally {
    await db.drop();
  }
  const person = report.people.find((p) => p.mentions.includes('north-mid/reg-20070409#child'))!;
  peter = report.households!.find((h) => h.person === person.id)!;
  assert.ok(peter, `a household for ${person.id}`);
}, { timeout: 180_000 });

test("Peter's homes: Elm Row, the two placements with Angela Godfrey, and Birch Road", () => {
  assert.deepEqual(peter.addresses.map((a) => [a.postcode, a.from, a.placedWith?.name ?? null]), [
    ['N17 6AA', '2006-03-01', null],
    ['N15 4QQ', '2006-12-15', 'Angela Godfrey'],
    ['N17 6AA', '2007-01-26', null],
    ['N17 9ZZ', '2007-02-05', null],
    ['N15 4QQ', '2007-06-04', 'Angela Godfrey'],
    ['N17 9ZZ', '2007-07-09', null],
  ]);
});

test('Steven Barker: a member from 2007-04-09, as next of kin at the same address, not recorded by social care', () => {
  const barker = peter.members.filter((m) => m.name === 'Steven Barker');
  assert.equal(barker.length, 1);
  const b = barker[0]!;
  assert.equal(b.from, '2007-04-09');
  assert.equal(b.current, true, 'nothing says he left the Birch Road flat');
  assert.deepEqual(b.evidence.map((e) => [e.source, e.why]), [['north-mid/reg-20070409', 'next-of-kin']]);
  assert.match(b.evidence[0]!.note, /N17 9ZZ/);
  assert.equal(b.knownToSocialCare, false);
  assert.match(b.notKnownToSocialCare!, /no children's social care record about Peter Connelly names Steven Barker/);
  assert.match(formatHousehold(peter), new RegExp(`Steven Barker[^\\n]*\\n[^\\n]*\\n    ${NOT_RECORDED}`));
});

test('Tracey Connelly is a member known to social care; Angela Godfrey is there for the placements only', () => {
  const tracey = peter.members.filter((m) => /^trac[e]?y connelly$/i.test(m.name));
  assert.ok(tracey.some((t) => t.knownToSocialCare && t.current), JSON.stringify(tracey.map((t) => [t.personId, t.knownToSocialCare])));
  const godfrey = peter.members.filter((m) => m.name === 'Angela Godfrey');
  const periods = godfrey.flatMap((g) => g.periods).sort((a, b) => a.from.localeCompare(b.from));
  assert.equal(periods[0]!.from, '2006-12-15');
  assert.ok(periods.some((p) => p.from === '2007-06-04' && p.to === '2007-07-09'), JSON.stringify(periods));
  assert.ok(periods.every((p) => (p.from >= '2006-12-15' && p.to <= '2007-01-26') || (p.from >= '2007-06-04' && p.to <= '2007-07-09')));
  assert.ok(godfrey.every((g) => g.knownToSocialCare && !g.current));
});

test('the maternal grandmother, named only by the police with no address, is network', () => {
  assert.ok(peter.network.some((n) => n.relationships.includes('maternal grandmother')));
  assert.ok(!peter.members.some((m) => m.relationships.includes('maternal grandmother')));
});

test('households are for children only: none for an adult', () => {
  const adults = report.people.filter((p) => p.dob?.startsWith('1981')).map((p) => p.id);
  assert.ok(adults.length > 0);
  for (const h of report.households!) assert.ok(!adults.includes(h.person), h.person);
});

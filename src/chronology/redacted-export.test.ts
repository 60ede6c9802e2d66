import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replay, withoutTruth, type ReplayReport } from '../replay/replay.ts';
import type { Scenario } from '../records/types.ts';
import type { ChronologyEntry } from './chronology.ts';
import { testDb } from '../../test/helpers/test-db.ts';
import { ageAt, labelFromRelationship, redactForReview, reviewToMarkdown, type ReviewExport } from './redacted-export.ts';
import { applySharingPolicy } from '../access/sharing-policy.ts';

// ---- unit: labels, scrubbing, identifiers ----

let nextId = 1;
function entry(over: Partial<ChronologyEntry>): ChronologyEntry {
  const id = nextId++;
  return {
    recordId: id, source: `csc/r${id}`, agency: { id: 'csc', name: "Haringey children's social care", kind: 'social-care' },
    kind: 'visit', occurredAt: '2007-02-01', occurredOn: '2007-02-01', certainty: null, version: 1,
    summary: 'Announced statutory visit; child seen, not alone', role: 'subject', injuries: [], others: [], alerts: [], ...over,
  };
}

test('relationships become labels relative to the child', () => {
  const l = (r: string) => labelFromRelationship(r)?.base ?? null;
  assert.equal(l('mother'), 'Mother');
  assert.equal(l("mother's boyfriend"), "Mother's partner");
  assert.equal(l('partner of mother'), "Mother's partner");
  assert.equal(l("mother's boyfriend's brother"), "Mother's partner's brother");
  assert.equal(l('maternal grandmother'), 'Maternal grandmother');
  assert.equal(l("mother's sister"), 'Maternal aunt');
  assert.equal(l('half-brother'), 'Sibling');
  assert.equal(l('family friend'), 'Family friend');
  assert.equal(l('tenant'), null);
});

test('ages at the event replace dates of birth', () => {
  assert.equal(ageAt('2006-03-01', '2006-03-18'), '17 days old');
  assert.equal(ageAt('2006-03-01', '2006-10-13'), '7 months old');
  assert.equal(ageAt('2006-03-01', '2009-04-01'), '3 years old');
  assert.equal(ageAt('1981', '2007-06-05'), 'about 26 years old');
  assert.equal(ageAt(null, '2007-06-05'), null);
});

test('names become the same label everywhere; identifiers and addresses go', () => {
  const c = {
    personId: 1,
    person: { name: 'Ruby Stone', dob: '2015-06-01' },
    entries: [
      entry({
        occurredOn: '2016-01-10',
        summary: 'Concern (neglect): Ruby left alone; Kayleigh Stone says Steve will collect her',
        narrative: 'Ms STONE (NHS 943 476 5919, tel 07700 900461) lives at Flat 2, 14 Mill Lane, Leeds LS6 1AA with Steven Hart. Ruby\'s brother Tyler was at school. A long drive home; Mill Lane is busy.',
        others: [
          { key: 'm', role: 'parent', relationship: 'mother', name: 'Kayleigh Stone', personId: 2 },
          { key: 'b', role: 'partner-of-parent', relationship: "mother's boyfriend", name: 'Steven Hart', personId: 3 },
          { key: 's', role: 'sibling', relationship: 'brother', name: 'Tyler Stone', personId: 4 },
          { key: 'w', role: 'professional', relationship: 'allocated social worker', name: 'Maria Ward', personId: null },
        ],
      }),
      // the mother's own record: relationships there are to her, not to the child
      entry({ occurredOn: '2016-02-01', role: 'other', summary: 'GP consultation: low mood', narrative: 'Kayleigh seen with Tyler; Steven Hart waited outside.',
        others: [{ key: 'p', role: 'subject', relationship: 'patient', name: 'Kayleigh Stone', personId: 2 }, { key: 't', role: 'other', relationship: 'son', name: 'Tyler Stone', personId: 4 }] }),
      // an unlinked mention with the mother's name joins her; a second sibling and an unknown man are numbered
      entry({ occurredOn: '2016-03-01', summary: 'Police: incident attended', narrative: 'Jade and Tyler present; Dean Cole arrested.',
        others: [
          { key: 'm', role: 'parent', relationship: 'mother', name: 'Kayleigh Stone', personId: null },
          { key: 'j', role: 'sibling', name: 'Jade Stone', personId: 5 },
          { key: 'd', role: 'alleged-perpetrator', name: 'Dean Cole', personId: 6 },
        ] }),
    ],
  };
  const x = redactForReview(c);
  const labels = Object.fromEntries(x.entries.flatMap((e) => e.people.map((p) => [p.label, true])));
  assert.deepEqual(Object.keys(labels).sort(), ['Adult', "Mother's partner", 'Mother', 'Sibling 1', 'Sibling 2', 'Social worker A'].sort());
  assert.deepEqual(x.entries[2]!.people.map((p) => p.label), ['Mother', 'Sibling 2', 'Adult']);
  assert.equal(x.entries[0]!.summary, "Concern (neglect): Child left alone; Mother says Mother's partner will collect her");
  const narrative = x.entries[0]!.narrative!;
  assert.equal(narrative, "Ms [Child or Mother or Sibling 1 or Sibling 2] (NHS [NHS number], tel [telephone]) lives at [address], Leeds [postcode] with Mother's partner. "
    + "Child's brother Sibling 1 was at school. A long drive home; Mill Lane is busy.");
  assert.equal(x.entries[1]!.narrative, "Mother seen with Sibling 1; Mother's partner waited outside.");
  assert.equal(x.entries[2]!.narrative, "Sibling 2 and Sibling 1 present; Adult arrested.");
  assert.equal(x.entries[0]!.childAge, '7 months old');
  const text = JSON.stringify(x) + reviewToMarkdown(x);
  for (const n of ['Ruby', 'Kayleigh', 'Stone', 'Steven', 'Steve', 'Hart', 'Tyler', 'Jade', 'Dean', 'Cole', 'Maria', 'Ward', '2015-06-01', '943 476', 'LS6', '07700']) {
    assert.ok(!new RegExp(`\\b${n}\\b`, 'i').test(text), n);
  }
});

test('a chronology already redacted by the sharing policy exports with its withheld notes', () => {
  const c = {
    personId: 1, person: { name: 'Ruby Stone', dob: '2015-06-01' },
    entries: [entry({ agency: { id: 'met', name: 'Metropolitan Police', kind: 'police' }, kind: 'police-action', summary: 'Police: arrest of Dean Cole', others: [{ key: 'd', role: 'alleged-perpetrator', name: 'Dean Cole', personId: 6 }] })],
  };
  const shared = applySharingPolicy({ ...c, person: { id: 1, name: 'Ruby Stone', dob: '2015-06-01', mentions: [], agencies: [], subjectOf: 1 } }, { agencyId: 'gp-1', agencyKind: 'gp' });
  const x = redactForReview(shared);
  assert.equal(x.entries[0]!.people[0]!.label, 'Withheld');
  assert.match(x.entries[0]!.withheld!, /withheld under the sharing policy/);
  assert.ok(!JSON.stringify(x).includes('Cole'));
});

// ---- the Baby P replay ----

const scenario = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/baby-p.json', import.meta.url)), 'utf8')) as Scenario;
let exported: ReviewExport;
let text: string;

before(async () => {
  const db = await testDb();
  let report: ReplayReport;
  try {
    report = await replay(withoutTruth(scenario), { db });
  } finally {
    await db.drop();
  }
  const person = report.people.find((p) => p.mentions.includes('north-mid/reg-20070409#child'))!;
  const household = report.households!.find((h) => h.person === person.id)!;
  const entries = report.chronology.find((c) => c.person === person.id)!.entries;
  exported = redactForReview({ personId: Number(person.id.slice(1)), person: { name: person.name, dob: person.dob }, entries }, household);
  text = JSON.stringify(exported, null, 1) + '\n' + reviewToMarkdown(exported);
}, { timeout: 180_000 });

test('Baby P: no name of anyone in the scenario survives, in the JSON or the Markdown', () => {
  const names = new Set<string>();
  for (const r of scenario.records) {
    for (const p of r.people) {
      for (const n of [p.name, ...(p.aliases ?? [])]) for (const part of [n.given, n.family, n.other]) if (part) for (const w of part.split(/\s+/)) names.add(w);
    }
    if (r.author?.name) for (const w of r.author.name.split(/\s+/)) names.add(w);
  }
  assert.ok(names.size >= 6, [...names].join());
  for (const n of names) assert.ok(!new RegExp(`(?<![\\p{L}])${n}(?![\\p{L}])`, 'iu').test(text), `"${n}" appears in the export`);
  // nor their dates of birth (unless it is the date of an event: Peter's birth registration), addresses,
  // postcodes, NHS numbers or phone numbers
  const eventDates = new Set(scenario.records.map((r) => r.occurredAt.slice(0, 10)));
  for (const r of scenario.records) {
    for (const p of r.people) {
      for (const s of [p.dob && !eventDates.has(p.dob) ? p.dob : undefined, p.nhsNumber, p.phone, p.address?.postcode, ...(p.address?.lines ?? []).slice(0, 1)]) {
        if (s && s.length > 4) assert.ok(!text.toLowerCase().includes(s.toLowerCase()), `"${s}" appears in the export`);
      }
    }
  }
  assert.ok(!/\bN17\b|\bN15\b/.test(text));
});

test("Baby P: Steven Barker is the mother's partner, in the household and not known to social care", () => {
  const partner = exported.people.find((p) => p.label === "Mother's partner");
  assert.ok(partner, JSON.stringify(exported.people.map((p) => p.label)));
  assert.equal(partner.household?.knownToSocialCare, false);
  assert.deepEqual(partner.household?.periods.map((p) => p.from), ['2007-04-09']);
  const reg = exported.entries.find((e) => e.kind === 'demographics' && e.date === '2007-04-09')!;
  assert.match(reg.summary, /next of kin: Mother's partner/);
  assert.match(reviewToMarkdown(exported), /\| Mother's partner \| recorded as "partner of mother" \|[^\n]*\| \*\*NO\*\* \|/);
});

test('Baby P: the mother, the family friend and the grandmother have their labels; agencies, dates and ages stay', () => {
  const labels = exported.people.map((p) => p.label);
  for (const l of ['Mother', 'Family friend', 'Maternal grandmother']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
  assert.equal(labels.filter((l) => l === 'Mother').length, 1);
  const arrest = exported.entries.find((e) => e.date === '2006-12-19')!;
  assert.equal(arrest.agency.name, 'Metropolitan Police child abuse investigation team');
  assert.match(arrest.summary, /^Police: arrest of Mother/);
  assert.deepEqual(arrest.people.map((p) => p.label).sort(), ['Maternal grandmother', 'Mother']);
  const gp = exported.entries.find((e) => e.date === '2006-10-13')!;
  assert.equal(gp.childAge, '7 months old');
  assert.equal(exported.homes.map((h) => h.label).join(), 'Home 1,Home 2,Home 1,Home 3,Home 2,Home 3');
  assert.equal(exported.homes[1]!.placedWith, 'Family friend');
  assert.equal(exported.child.ageAtLastEntry, '17 months old');
});

// Re-linking after a practitioner's split or rejected review: the decisions
// the linker took while a wrong merge stood are taken again, the practitioner's
// decision is a constraint, and what moved is explained and audited. Synthetic
// people only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Repository } from '../app/repository.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';
import { operator, tableCounts, testRepository, type TestDb } from '../../test/helpers/test-db.ts';
import { relinkPeople } from './relink.ts';

let n = 0;
function recordOf(agency: string, people: PersonMention[]): AgencyRecord {
  n++;
  return { format: 'agency-record/1', agency, ref: `rl-${n}`, kind: 'concern', occurredAt: '2024-03-04', certainty: 'documented', people, body: { description: 'seen' } };
}
const one = (agency: string, person: Omit<PersonMention, 'key' | 'role'>) => recordOf(agency, [{ key: 'c', role: 'subject', ...person }]);
const cite = (r: AgencyRecord, key = 'c') => `${r.agency}/${r.ref}#${key}`;

async function personOf(db: TestDb, mention: string): Promise<number | undefined> {
  const [agency, rest] = mention.split('/') as [string, string];
  const [ref, key] = rest.split('#') as [string, string];
  const r = await sql<{ person_id: number }>`
    select pm.person_id from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where r.agency_id = ${agency} and r.ref = ${ref} and m.key = ${key}`.execute(db.kysely);
  return r.rows[0] ? Number(r.rows[0].person_id) : undefined;
}

/** Every current mention and its person: what re-linking may change. */
async function membership(db: TestDb): Promise<Map<number, number>> {
  const r = await sql<{ mention_id: number; person_id: number }>`select mention_id, person_id from person_mention`.execute(db.kysely);
  return new Map(r.rows.map((x) => [Number(x.mention_id), Number(x.person_id)]));
}

const relinkAgain = (db: TestDb, people: number[]) => db.kysely.transaction().execute((tx) =>
  relinkPeople(tx, people, { what: 'a test', by: 'Tester', reason: 'again', at: new Date() }));

describe('re-linking after a practitioner takes people apart', () => {
  let db: TestDb;
  let repo: Repository;
  before(async () => ({ db, repo } = await testRepository()));
  after(async () => db.drop());

  // A boy, and his father of the same name a generation older whose police record carries the boy's NHS number.
  interface Family { given: string; surname: string; dob: string; fatherDob: string; nhs: string; home: { lines: string[]; postcode: string } }
  const family = ({ given, surname, dob, fatherDob, nhs, home }: Family) => {
    const name = { given, family: surname };
    return {
      boyAtGp: one('gp-1', { name, dob, sex: 'male', nhsNumber: nhs, address: home }),
      fatherMistyped: one('police-1', { name, dob: fatherDob, sex: 'male', nhsNumber: nhs, address: home }),
      boyAtCsc: one('csc-1', { name, dob, sex: 'male', address: home }),
      boyAtHospital: one('hosp-1', { name, dob, sex: 'male', address: home }),
    };
  };

  /** The boy and his father wrongly made one person by a practitioner, then a later record of the boy kept apart by the father. */
  async function poisoned(who: Family) {
    const f = family(who);
    await repo.ingest(operator, [f.boyAtGp]);
    await repo.ingest(operator, [f.fatherMistyped]);
    const shared = (await repo.reviews(operator, { limit: 1000, offset: 0 })).reviews.find((r) => r.mention.source === cite(f.fatherMistyped))!;
    assert.ok(shared, 'the shared NHS number on a different generation is queued');
    await repo.decideReview(operator, shared.id, 'same', { reason: 'same NHS number', by: 'Hasty Reviewer' });
    const boy = (await personOf(db, cite(f.boyAtGp)))!;
    assert.equal(await personOf(db, cite(f.fatherMistyped)), boy, 'the wrong merge');
    await repo.ingest(operator, [f.boyAtCsc]);
    assert.notEqual(await personOf(db, cite(f.boyAtCsc)), boy, 'the later record of the boy is vetoed by the father inside the person');
    return { ...f, boy };
  }

  test('after the wrong member is split out, the record it vetoed joins the right person, explained and audited', async () => {
    const f = await poisoned({ given: 'Corin', surname: 'Ashcombe', dob: '2015-03-03', fatherDob: '1986-07-21', nhs: '9434765919', home: { lines: ['31 Rowan Terrace'], postcode: 'S2 4ZZ' } });
    const before = await tableCounts(db);
    const out = await repo.splitPerson(operator, f.boy, [cite(f.fatherMistyped)], { reason: 'the police record is his father', by: 'Analyst' });
    assert.equal(await personOf(db, cite(f.boyAtCsc)), f.boy, 'the vetoed record now links to the boy');
    assert.equal(await personOf(db, cite(f.fatherMistyped)), out.newPersonId, 'the father stays out');
    assert.deepEqual(out.relinked.map((j) => j.mentions), [[cite(f.boyAtCsc)]], 'only the mention involved moved');

    const history = (await repo.linkHistory(operator, f.boy))!;
    const relinked = history.find((h) => h.mention === cite(f.boyAtCsc) && h.rule === 'relink')!;
    assert.ok(relinked, JSON.stringify(history));
    assert.match(relinked.why, /after the split of person \d+ by Analyst .*the police record is his father/);
    assert.match(relinked.why, /match weight/, 'the linker says why it links');
    const audit = await sql<{ action: string; person_ids: number[]; detail: { joins: { mentions: string[] }[]; by: string; reason: string } }>`
      select action, person_ids, detail from audit where action = 'identity.relink' order by id desc limit 1`.execute(db.kysely);
    const row = audit.rows[0]!;
    assert.deepEqual(row.detail.joins.flatMap((j) => j.mentions), [cite(f.boyAtCsc)]);
    assert.match(row.detail.by, /Analyst/);
    assert.equal(row.detail.reason, 'the police record is his father');
    const afterCounts = await tableCounts(db);
    assert.equal(afterCounts.record, before.record, 'no record added or lost');
    assert.equal(afterCounts.mention, before.mention, 'no mention added or lost');

    // And a record arriving later goes to the boy, not to a fragment.
    await repo.ingest(operator, [f.boyAtHospital]);
    assert.equal(await personOf(db, cite(f.boyAtHospital)), f.boy);
    // Re-linking again changes nothing.
    const again = await relinkAgain(db, [f.boy, out.newPersonId]);
    assert.deepEqual(again.joins, []);
  });

  test('a pair a practitioner rejected stays apart when the linker would otherwise join them', async () => {
    const f = await poisoned({ given: 'Tobias', surname: 'Bellweather', dob: '2016-09-14', fatherDob: '1984-02-11', nhs: '4010232137', home: { lines: ['2 Ferndown Close'], postcode: 'S3 7QQ' } });
    const all = (await repo.reviews(operator, { limit: 1000, offset: 0 })).reviews;
    const held = all.find((r) => r.mention.source === cite(f.boyAtCsc))!;
    
    assert.match(held.why, /matches this person strongly/);
    await repo.decideReview(operator, held.id, 'different', { reason: 'a cousin of the same name and birthday', by: 'Social Worker' });
    const out = await repo.splitPerson(operator, f.boy, [cite(f.fatherMistyped)], { reason: 'the police record is his father', by: 'Analyst' });
    assert.notEqual(await personOf(db, cite(f.boyAtCsc)), f.boy, 'the rejected pair is not re-merged');
    assert.deepEqual(out.relinked, []);
  });

  test('rejecting one of two people an ambiguous mention matched lets it join the other', async () => {
    const a = one('gp-1', { name: { given: 'Marcus', family: 'Hollingbury' }, dob: '2012-01-01', sex: 'male', address: { lines: [], postcode: 'N17 9ZZ' } });
    const b = one('police-1', { name: { given: 'Marcus', family: 'Hollingbury' }, dob: '2013-06-09', sex: 'male', address: { lines: [], postcode: 'SE1 7PB' } });
    const m = one('csc-1', { name: { given: 'Marcus', family: 'Hollingbury' }, sex: 'male' });
    for (const r of [a, b, m]) await repo.ingest(operator, [r]);
    const [pa, pb, pm] = [await personOf(db, cite(a)), await personOf(db, cite(b)), await personOf(db, cite(m))];
    assert.equal(new Set([pa, pb, pm]).size, 3, 'the mention matching both is kept apart');
    const reviews = (await repo.reviews(operator, { limit: 1000, offset: 0 })).reviews.filter((r) => r.mention.source === cite(m));
    const againstA = reviews.find((r) => r.candidate.source === cite(a))!;
    assert.match(againstA.why, /matches 2 people/);

    const out = await repo.decideReview(operator, againstA.id, 'different', { reason: 'different school year', by: 'Social Worker' });
    assert.equal(await personOf(db, cite(m)), pb, 'once one is ruled out, the mention joins the other');
    assert.notEqual(await personOf(db, cite(m)), pa, 'and never the rejected one');
    assert.ok('relinked' in out && out.relinked.length === 1);
    assert.equal((await repo.reviews(operator, { limit: 1000, offset: 0 })).reviews.some((r) => r.mention.source === cite(m)), false, 'its other review is settled');
    assert.deepEqual((await relinkAgain(db, [pa!, pb!])).joins, []);
  });

  test('a link made in doubt (a shared NHS number, the same names, another date of birth) is listed for review; rejecting it takes that record out', async () => {
    const name = { given: 'Tamsin', family: 'Quarrell' };
    const home = { lines: ['4 Sedge Close'], postcode: 'NR3 1ZZ' };
    const child = one('gp-1', { name, dob: '2017-05-09', sex: 'female', nhsNumber: '4857773457', address: home });
    const doubtful = one('police-1', { name, dob: '1990-01-12', sex: 'female', nhsNumber: '4857773457', address: home });
    await repo.ingest(operator, [child]);
    await repo.ingest(operator, [doubtful]);
    const girl = (await personOf(db, cite(child)))!;
    assert.equal(await personOf(db, cite(doubtful)), girl, 'linked by the identifier');
    const review = (await repo.reviews(operator, { limit: 1000, offset: 0 })).reviews.find((r) => r.mention.source === cite(doubtful));
    assert.ok(review, 'the link is put before a practitioner');
    assert.match(review.why, /linked by .* and the same names, though the records disagree/);
    const out = await repo.decideReview(operator, review.id, 'different', { reason: 'the mother: her own date of birth', by: 'Reviewer' });
    assert.notEqual(await personOf(db, cite(doubtful)), girl, 'taken out');
    assert.equal(await personOf(db, cite(child)), girl, 'the child stays');
    assert.equal(out.personIds.length, 2);
    assert.ok(!(await repo.reviews(operator, { limit: 1000, offset: 0 })).reviews.some((r) => r.id === review.id), 'decided: off the queue');
    // The decision holds: the same record sent again is not joined back.
    await repo.ingest(operator, [{ ...doubtful }]);
    assert.notEqual(await personOf(db, cite(doubtful)), girl);
  });

  test('property: re-linking is idempotent and never takes a person apart', async () => {
    const given = ['Ada', 'Bo', 'Cal', 'Dee'];
    let family = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({
        who: fc.integer({ min: 0, max: 3 }),
        agency: fc.constantFrom('gp-1', 'hosp-1', 'police-1', 'csc-1'),
        dob: fc.boolean(), postcode: fc.boolean(), otherPostcode: fc.boolean(),
      }), { minLength: 3, maxLength: 7 }),
      fc.nat(),
      async (records, pick) => {
        family++;
        const surname = `Relinkova${String.fromCharCode(97 + (family % 26))}${String.fromCharCode(97 + Math.floor(family / 26) % 26)}`;
        const batch = records.map((r) => one(r.agency, {
          name: { given: given[r.who]!, family: surname }, sex: r.who % 2 ? 'male' : 'female',
          ...(r.dob ? { dob: `2014-0${r.who + 1}-1${family % 10}` } : {}),
          ...(r.postcode ? { address: { lines: [], postcode: r.otherPostcode ? `E${family % 20 + 1} 2ZZ` : `N${family % 20 + 1} 4ZZ` } } : {}),
        }));
        for (const r of batch) await repo.ingest(operator, [r]);
        const people = new Set(await Promise.all(batch.map(async (r) => (await personOf(db, cite(r)))!)));
        const withTwo = (await repo.people(operator)).people.filter((p) => people.has(p.id) && p.mentions.length >= 2);
        if (withTwo.length) {
          // A practitioner splits the first mention of one person out (the split re-links as it goes).
          const target = withTwo[pick % withTwo.length]!;
          await repo.splitPerson(operator, target.id, [target.mentions[0]!], { reason: 'looked wrong', by: 'Property' });
        }
        const before = await membership(db);
        const seeds = [...new Set(await Promise.all(batch.map(async (r) => (await personOf(db, cite(r)))!)))];
        const first = await relinkAgain(db, seeds);
        const middle = await membership(db);
        for (const [m1, p1] of before) for (const [m2, p2] of before) {
          if (p1 === p2) assert.equal(middle.get(m1), middle.get(m2), 'people are only ever joined');
        }
        const second = await relinkAgain(db, [...new Set([...seeds, ...first.joins.map((j) => j.into)])]);
        assert.deepEqual(second.joins, [], 'a second re-link finds nothing to join');
        assert.deepEqual(await membership(db), middle);
      },
    ), { numRuns: 8, seed: 20261202 });
  });
});

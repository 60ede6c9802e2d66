import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { operator, tableCounts, testRepository, type TestDb } from '../../test/helpers/test-db.ts';
import { gpAttendance } from '../../test/helpers/records.ts';
import type { Repository } from './repository.ts';

describe('idempotency and versions', () => {
  let db: TestDb;
  let repo: Repository;
  before(async () => ({ db, repo } = await testRepository()));
  after(async () => db.drop());

  test('an identical resend is a no-op', async () => {
    const rec = gpAttendance();
    const first = await repo.ingest(operator, [rec]);
    assert.equal(first.results[0]!.status, 'stored');
    const counts = await tableCounts(db);
    // Key order and a fresh object do not make it "different".
    const reordered = Object.fromEntries(Object.entries(structuredClone(rec)).reverse());
    const again = await repo.ingest(operator, [reordered]);
    assert.equal(again.results[0]!.status, 'duplicate');
    assert.equal(again.results[0]!.recordId, first.results[0]!.recordId);
    assert.equal(again.results[0]!.version, 1);
    assert.deepEqual(await tableCounts(db), counts);
  });

  test('a changed body is a new version and the old one is kept', async () => {
    const rec = gpAttendance();
    const v1 = await repo.ingest(operator, [rec]);
    const changed = { ...rec, body: { ...rec.body, complaint: 'cough and fever' } };
    const v2 = await repo.ingest(operator, [changed]);
    assert.equal(v2.results[0]!.status, 'new-version');
    assert.equal(v2.results[0]!.version, 2);
    assert.notEqual(v2.results[0]!.recordId, v1.results[0]!.recordId);

    const versions = await db.kysely.selectFrom('record').select(['version', 'document'])
      .where('agency_id', '=', rec.agency).where('ref', '=', rec.ref).orderBy('version').execute();
    assert.deepEqual(versions.map((v) => v.version), [1, 2]);
    assert.equal((versions[0]!.document as any).body.complaint, 'cough');
    assert.equal((versions[1]!.document as any).body.complaint, 'cough and fever');

    // The chronology shows the current version once; the old version's mentions no longer count.
    const personId = (await repo.people(operator)).people.find((p) => p.mentions.includes(`gp-1/${rec.ref}#child`))!.id;
    const c = await repo.chronology(operator, personId);
    const entries = c!.entries.filter((e) => e.source === `gp-1/${rec.ref}`);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.version, 2);
    assert.match(entries[0]!.summary, /cough and fever/);

    // Resending version 2 is a duplicate; resending version 1 is a third version (it is the agency's current truth again).
    assert.equal((await repo.ingest(operator, [changed])).results[0]!.status, 'duplicate');
    const back = await repo.ingest(operator, [rec]);
    assert.equal(back.results[0]!.status, 'new-version');
    assert.equal(back.results[0]!.version, 3);
  });

  test('several versions of one record in one batch are stored in order', async () => {
    const rec = gpAttendance();
    const v2 = { ...rec, narrative: 'second thoughts' };
    const out = await repo.ingest(operator, [rec, rec, v2]);
    assert.deepEqual(out.results.map((r) => [r.status, r.version]), [['stored', 1], ['duplicate', 1], ['new-version', 2]]);
    assert.equal(out.results[1]!.recordId, out.results[0]!.recordId);
    const people = (await repo.people(operator)).people;
    const mention = `gp-1/${rec.ref}#child`;
    assert.equal(people.filter((p) => p.mentions.includes(mention)).length, 1, 'the mention belongs to exactly one person');
  });

  test('records cannot be changed or deleted in place, even with direct SQL', async () => {
    const out = await repo.ingest(operator, [gpAttendance()]);
    const id = out.results[0]!.recordId!;
    await assert.rejects(sql`update record set kind = 'concern' where id = ${id}`.execute(db.kysely), /append-only/);
    await assert.rejects(sql`delete from record where id = ${id}`.execute(db.kysely), /append-only/);
    await assert.rejects(sql`delete from audit`.execute(db.kysely), /append-only/);
  });

  test('a batch writes one audit row naming what it stored, in the same transaction', async () => {
    const before = await db.kysely.selectFrom('audit').select('id').execute();
    const out = await repo.ingest(operator, [gpAttendance(), { not: 'a record' }]);
    const rows = await db.kysely.selectFrom('audit').selectAll().where('id', '>', Math.max(0, ...before.map((r) => r.id))).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'records.ingest');
    assert.deepEqual(rows[0]!.record_ids, out.recordIds);
    assert.equal((rows[0]!.detail as any).refused, 1);
    const verified = await repo.verifyAudit(operator);
    assert.deepEqual(verified.ok && verified.rows, (await db.kysely.selectFrom('audit').select('id').execute()).length);
  });
});

describe('people from the linker on ingest', () => {
  let db: TestDb;
  let repo: Repository;
  before(async () => ({ db, repo } = await testRepository()));
  after(async () => db.drop());

  test('a mention without an NHS number joins on its match weight; the link says why, term by term', async () => {
    const a = gpAttendance();
    const police = gpAttendance({
      agency: 'police-1',
      kind: 'police-action',
      body: { action: 'incident-attended' },
      people: [{ key: 'c', role: 'subject', name: { given: 'AMY', family: 'EXAMPLE' }, dob: '2020-02-03' }],
    });
    await repo.ingest(operator, [a, police]);
    const people = (await repo.people(operator)).people;
    const amy = people.find((p) => p.mentions.includes(`gp-1/${a.ref}#child`))!;
    assert.ok(amy.mentions.includes(`police-1/${police.ref}#c`));
    const link = await db.kysely.selectFrom('mention_link').innerJoin('mention', 'mention.id', 'mention_link.mention_id')
      .innerJoin('record', 'record.id', 'mention.record_id')
      .select(['mention_link.rule', 'mention_link.evidence', 'mention_link.decided_by'])
      .where('record.ref', '=', police.ref).executeTakeFirstOrThrow();
    assert.equal(link.rule, 'match-weight');
    assert.match(String((link.evidence as any).why), /match weight .* dob exact/);
    assert.ok((link.evidence as any).against.terms.some((t: { comparison: string }) => t.comparison === 'given'));
    assert.equal(link.decided_by, 'engine:probabilistic-v1');
  });

  test('two mentions with different NHS numbers never become one person, even with the same name and dob', async () => {
    const one = gpAttendance({ people: [{ key: 'c', role: 'subject', name: { given: 'Sam', family: 'Twin' }, dob: '2019-01-01', nhsNumber: '9434765919' }], body: { setting: 'gp', complaint: 'x' } });
    const two = gpAttendance({ people: [{ key: 'c', role: 'subject', name: { given: 'Sam', family: 'Twin' }, dob: '2019-01-01', nhsNumber: '4010232137' }], body: { setting: 'gp', complaint: 'x' } });
    const bridge = gpAttendance({ agency: 'police-1', kind: 'police-action', body: { action: 'incident-attended' },
      people: [{ key: 'c', role: 'subject', name: { given: 'Sam', family: 'Twin' }, dob: '2019-01-01' }] });
    await repo.ingest(operator, [one]);
    await repo.ingest(operator, [two]);
    await repo.ingest(operator, [bridge]);
    const people = (await repo.people(operator)).people;
    const p1 = people.find((p) => p.mentions.includes(`gp-1/${one.ref}#c`))!;
    const p2 = people.find((p) => p.mentions.includes(`gp-1/${two.ref}#c`))!;
    assert.notEqual(p1.id, p2.id);
  });

  test('a later mention that carries both keys merges two people, and the merge is in the link history', async () => {
    const byNhs = gpAttendance({ people: [{ key: 'c', role: 'subject', name: { given: 'Kai' }, nhsNumber: '9990000026' }], body: { setting: 'gp', complaint: 'x' } });
    const byName = gpAttendance({ agency: 'police-1', kind: 'police-action', body: { action: 'incident-attended' },
      people: [{ key: 'c', role: 'subject', name: { given: 'Kai', family: 'Merge' }, dob: '2018-04-04' }] });
    await repo.ingest(operator, [byNhs]);
    await repo.ingest(operator, [byName]);
    let people = (await repo.people(operator)).people;
    const before = [`gp-1/${byNhs.ref}#c`, `police-1/${byName.ref}#c`].map((m) => people.find((p) => p.mentions.includes(m))!.id);
    assert.notEqual(before[0], before[1]);

    const both = gpAttendance({ agency: 'hosp-1', body: { setting: 'emergency', complaint: 'x' },
      people: [{ key: 'c', role: 'subject', name: { given: 'Kai', family: 'Merge' }, dob: '2018-04-04', nhsNumber: '9990000026' }] });
    const out = await repo.ingest(operator, [both]);
    people = (await repo.people(operator)).people;
    const after = people.find((p) => p.mentions.includes(`hosp-1/${both.ref}#c`))!;
    assert.ok(after.mentions.includes(`gp-1/${byNhs.ref}#c`) && after.mentions.includes(`police-1/${byName.ref}#c`));
    assert.equal(after.id, Math.min(...(before)));
    assert.ok(out.personIds.includes(after.id));
    const merges = await db.kysely.selectFrom('mention_link').selectAll().where('rule', '=', 'merge').execute();
    assert.ok(merges.length >= 1);
    assert.equal((merges[0]!.evidence as any).into, after.id);
  });

  test('a corrected NHS number in a new version stops attracting links', async () => {
    const wrong = '9990000050';
    const first = gpAttendance({ agency: 'hosp-1', body: { setting: 'emergency', complaint: 'x' },
      people: [{ key: 'c', role: 'subject', name: { given: 'Corrected', family: 'Number' }, localId: 'H-777', nhsNumber: wrong }] });
    await repo.ingest(operator, [first]);
    // The hospital finds the number was someone else's and removes it (no number known yet).
    const fixed = { ...first, people: [{ key: 'c', role: 'subject' as const, name: { given: 'Corrected', family: 'Number' }, localId: 'H-777' }] };
    assert.equal((await repo.ingest(operator, [fixed])).results[0]!.status, 'new-version');
    const someoneElse = gpAttendance({ people: [{ key: 'c', role: 'subject', name: { given: 'Other', family: 'Child' }, nhsNumber: wrong }],
      body: { setting: 'gp', complaint: 'x' } });
    await repo.ingest(operator, [someoneElse]);
    const people = (await repo.people(operator)).people;
    const a = people.find((p) => p.mentions.includes(`hosp-1/${first.ref}#c`))!;
    const b = people.find((p) => p.mentions.includes(`gp-1/${someoneElse.ref}#c`))!;
    assert.notEqual(a.id, b.id, 'the old, wrong NHS number no longer belongs to the first child');
  });
});

// Two batches in flight at once (agencies send concurrently). Records and
// mentions are stored in parallel; linking is serialised, and a clash on the
// same record's version is retried. On PGlite (one connection) the batches
// simply queue; on PostgreSQL they really overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operator, testRepository } from '../../test/helpers/test-db.ts';
import { gpAttendance } from '../../test/helpers/records.ts';

test('concurrent batches about the same new person make one person', async () => {
  const { db, repo } = await testRepository();
  try {
    const child = { key: 'c', role: 'subject' as const, name: { given: 'Concurrent', family: 'Child' }, dob: '2019-05-05', nhsNumber: '9434765919' };
    const batch = (n: number, agency: string) => Array.from({ length: 200 }, (_, i) =>
      gpAttendance({ agency, ref: `conc-${n}-${i}`, people: [structuredClone(child)], body: { setting: 'gp', complaint: `visit ${i}` } }));
    const outs = await Promise.all([repo.ingest(operator, batch(1, 'gp-1')), repo.ingest(operator, batch(2, 'hosp-1')),
      repo.ingest(operator, batch(3, 'gp-1')), repo.ingest(operator, batch(4, 'hosp-1'))]);
    for (const o of outs) assert.ok(o.results.every((r) => r.status === 'stored'));
    const people = (await repo.people(operator)).people;
    assert.equal(people.length, 1, 'one person, however the batches interleaved');
    assert.equal(people[0]!.mentions.length, 800);
  } finally {
    await db.drop();
  }
});

test('concurrent versions of the same record get distinct version numbers', async () => {
  const { db, repo } = await testRepository();
  try {
    const base = gpAttendance({ ref: 'same-ref' });
    const a = { ...base, narrative: 'one' };
    const b = { ...base, narrative: 'two' };
    const [ra, rb] = await Promise.all([repo.ingest(operator, [a]), repo.ingest(operator, [b])]);
    const versions = [ra.results[0]!.version, rb.results[0]!.version].sort();
    assert.deepEqual(versions, [1, 2]);
    const rows = await db.kysely.selectFrom('record').select('version').where('ref', '=', 'same-ref').execute();
    assert.equal(rows.length, 2);
  } finally {
    await db.drop();
  }
});

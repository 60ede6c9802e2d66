// What must hold of a database reopened after a crash: every acknowledged record
// is there, a batch in flight is there entirely or not at all, and no record is
// stored without its mentions, its links or its audit row.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';
import { Repository } from '../../src/app/repository.ts';
import { operator } from './test-db.ts';

export async function assertIntactAfterCrash(db: Db, acknowledged: string[], inFlight: string[][]): Promise<void> {
  const refs = new Set((await db.kysely.selectFrom('record').select('ref').execute()).map((r) => r.ref));
  const missing = acknowledged.filter((r) => !refs.has(r));
  assert.deepEqual(missing, [], 'every acknowledged record is present');
  for (const flight of inFlight) {
    const present = flight.filter((r) => refs.has(r)).length;
    assert.ok(present === 0 || present === flight.length, `an interrupted batch is all or nothing (found ${present}/${flight.length})`);
  }
  const partial = await sql<{ n: number }>`
    select count(*)::int as n from record r
    where (select count(*) from mention m where m.record_id = r.id) <> jsonb_array_length(r.document->'people')
       or exists (select 1 from mention m where m.record_id = r.id and not exists (select 1 from person_mention pm where pm.mention_id = m.id))`.execute(db.kysely);
  assert.equal(partial.rows[0]!.n, 0, 'no record is missing mentions or links');
  const unaudited = await sql<{ n: number }>`
    select count(*)::int as n from record r where not exists (select 1 from audit a where r.id = any(a.record_ids))`.execute(db.kysely);
  assert.equal(unaudited.rows[0]!.n, 0, 'every stored record has its audit row');
  assert.equal((await new Repository(db).verifyAudit(operator)).ok, true, 'the audit chain verifies');
}

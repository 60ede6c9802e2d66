// Migration 0002 gives each mention stored before it the identity fields linking compares.
// It does so with its own frozen copy of that translation, so the expected rows here are
// written out: they must stay what they are however linking later reads a mention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PgliteDialect } from '../pglite-dialect.ts';
import * as foundation from './0001-foundation.ts';
import * as linkage from './0002-linkage.ts';

test('0002 backfills the identity of mentions stored before it, from their own records', async () => {
  const pglite = new PGlite();
  const db = new Kysely<unknown>({ dialect: new PgliteDialect(pglite) });
  try {
    await foundation.up(db);
    await sql`insert into agency (id, kind, name) values ('gp-a', 'health', 'Surgery A')`.execute(db);
    const document = {
      people: [
        { key: 'c', role: 'subject', name: { given: 'Unborn', family: 'Testperson' }, dob: '2031-05-02', sex: 'unknown',
          relationship: 'child', address: { lines: ['1 High Street', 'Town'], postcode: 'ZZ1 1ZZ' } },
        { key: 'm', role: 'parent', name: { given: 'Ann', family: 'Testperson' }, sex: 'female', nhsNumber: '9434765919',
          aliases: [{ family: 'Maiden' }, { given: 'Annie', family: 'Other' }], phone: '07700 900000' },
      ],
    };
    const record = await sql<{ id: number }>`
      insert into record (agency_id, ref, version, kind, occurred_at, occurred_on, recorded_at, received_at, content_hash, document)
      values ('gp-a', 'r1', 1, 'gp-attendance', now(), current_date, now(), now(), 'x', ${JSON.stringify(document)}::jsonb)
      returning id`.execute(db);
    const recordId = record.rows[0]!.id;
    await sql`insert into mention (record_id, key, role) values (${recordId}, 'c', 'subject'), (${recordId}, 'm', 'parent')`.execute(db);

    await linkage.up(db);

    const rows = await sql<{ key: string; identity: unknown }>`select key, identity from mention order by key`.execute(db);
    assert.deepEqual(rows.rows, [
      { key: 'c', identity: { source: 'gp-a', given: 'Unborn', family: 'Testperson', dob: '2031-05-02', sex: null, nhsNumber: null,
        postcode: 'ZZ1 1ZZ', address: '1 High Street, Town', phone: null, unborn: true } },
      { key: 'm', identity: { source: 'gp-a', given: 'Ann', family: 'Testperson', otherNames: ['Maiden', 'Other', 'Annie'], dob: null,
        sex: 'female', nhsNumber: '9434765919', postcode: null, address: null, phone: '07700 900000' } },
    ]);
  } finally {
    await db.destroy();
  }
});

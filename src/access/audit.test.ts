// The audit trail cannot be quietly rewritten: every kind of tampering is
// reported by verify with the row, and the application's own database role is
// refused by PostgreSQL when it tries to change or remove a row.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendAudit, appendReadAudit, readAuditCommitFromEnv } from './audit.ts';
import { gpAttendance } from '../../test/helpers/records.ts';
import { operator, testRepository, type TestDb } from '../../test/helpers/test-db.ts';
import type { Repository } from '../app/repository.ts';
import { APP_ROLE, APPEND_ONLY } from '../db/migrations/0004-app-role.ts';

describe('audit tampering', () => {
  let db: TestDb;
  let repo: Repository;
  let ids: number[];
  before(async () => {
    ({ db, repo } = await testRepository());
    for (let i = 0; i < 4; i++) await repo.ingest(operator, [gpAttendance()]);
    await repo.people(operator);
    ids = (await db.kysely.selectFrom('audit').select('id').orderBy('id').execute()).map((r) => r.id);
    assert.equal((await repo.verifyAudit(operator)).ok, true);
  });
  after(async () => db.drop());

  /**
   * What someone with the owner's rights could do (set the guard aside, change the table), then verify;
   * each case runs in a transaction that is undone afterwards, so the cases do not mask each other.
   */
  async function verifyRolledBack(...changes: ReturnType<typeof sql>[]) {
    let result: Awaited<ReturnType<Repository['verifyAudit']>> | undefined;
    await db.kysely.transaction().execute(async (tx) => {
      await sql`alter table audit disable trigger audit_append_only`.execute(tx);
      for (const change of changes) await change.execute(tx);
      const { verifyAuditChain } = await import('./audit.ts');
      result = await verifyAuditChain(tx);
      throw new RollBack();
    }).catch((e) => { if (!(e instanceof RollBack)) throw e; });
    return result!;
  }
  class RollBack extends Error {}

  test('a changed row is reported, with its id', async () => {
    const target = ids[2]!;
    const r = await verifyRolledBack(sql`update audit set detail = '{"forged": true}'::jsonb where id = ${target}`);
    assert.deepEqual(r.ok ? null : [r.rowId, r.reason.includes('changed')], [target, true]);
  });

  test('a deleted row is reported at the row after it', async () => {
    const r = await verifyRolledBack(sql`delete from audit where id = ${ids[1]!}`);
    assert.deepEqual(r.ok ? null : [r.rowId, /removed|inserted|reordered/.test(r.reason)], [ids[2]!, true]);
  });

  test('an inserted row is reported', async () => {
    const r = await verifyRolledBack(sql`
      insert into audit (at, actor, action, prev_hash, hash) values (now(), 'operator:intruder', 'chronology.read', ${'f'.repeat(64)}, ${'e'.repeat(64)})`);
    assert.equal(r.ok, false);
  });

  test('two rows swapped are reported', async () => {
    const [a, b] = [ids[1]!, ids[2]!];
    const r = await verifyRolledBack(
      sql`update audit set id = -1 where id = ${a}`,
      sql`update audit set id = ${a} where id = ${b}`,
      sql`update audit set id = ${b} where id = -1`);
    assert.equal(r.ok, false);
  });

  test(`the application role (${APP_ROLE}) may read and add audit rows but PostgreSQL refuses it any change or removal`, async () => {
    for (const table of [...APPEND_ONLY, 'access_grant']) {
      for (const statement of [`update ${table} set id = id where false`, `delete from ${table} where false`, `truncate ${table}`]) {
        await assert.rejects(db.kysely.transaction().execute(async (tx) => {
          await sql.raw(`set local role ${APP_ROLE}`).execute(tx);
          await sql.raw(statement).execute(tx);
        }), (e: { code?: string }) => e.code === '42501', `${statement} as ${APP_ROLE}`);
      }
    }
    await db.kysely.transaction().execute(async (tx) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(tx);
      const n = await sql<{ n: number }>`select count(*)::int as n from audit`.execute(tx);
      assert.ok(n.rows[0]!.n > 0);
    });
    // The current-state tables it keeps in step stay writable.
    await db.kysely.transaction().execute(async (tx) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(tx);
      await sql`update person_mention set link_id = link_id where false`.execute(tx);
      await sql`delete from person_key where false`.execute(tx);
      await sql`update alert set status = status where false`.execute(tx);
    });
  });

  test('who has looked at a child: every read and write naming them, newest first, and the look itself is recorded', async () => {
    const person = (await repo.people(operator)).people[0]!;
    await repo.chronology({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k1' }, person.id);
    const looks = await repo.whoHasLooked(operator, person.id);
    assert.equal(looks[0]!.action, 'chronology.read');
    assert.equal(looks[0]!.actor, 'api-key:k1');
    assert.ok(looks.some((l) => l.action === 'records.ingest'));
    assert.equal((await repo.whoHasLooked(operator, person.id))[0]!.action, 'audit.who-has-looked');
    await assert.rejects(repo.whoHasLooked({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k1' }, person.id), /for the privacy officer and the child's allocated worker/);
  });

  test('the newest rows removed (the chain cut short) are reported: the chain no longer ends at the head', async () => {
    const { verifyAuditChain } = await import('./audit.ts');
    let result: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
    await db.kysely.transaction().execute(async (tx) => {
      await sql`alter table audit disable trigger audit_append_only`.execute(tx);
      await sql`delete from audit where id = (select max(id) from audit)`.execute(tx);
      result = await verifyAuditChain(tx);
      throw new RollBack();
    }).catch((e) => { if (!(e instanceof RollBack)) throw e; });
    assert.equal(result!.ok, false);
    assert.match((result as { reason: string }).reason, /newest rows were removed/);
  });

  test('a whole chain recomputed after a change passes the hash check but not the signed checkpoint', async () => {
    const { auditHash, checkpointAudit, verifyAuditChain } = await import('./audit.ts');
    // The installation's key (it also sealed the rows; a PostgreSQL test database has none, so no seals).
    const key = db.auditKey ?? Buffer.alloc(32, 7);
    await db.kysely.transaction().execute((tx) => checkpointAudit(tx, key, new Date()));
    const forge = async (tx: Parameters<typeof verifyAuditChain>[0], forgeCheckpoint: boolean) => {
      await sql`alter table audit disable trigger audit_append_only`.execute(tx);
      await sql`update audit set detail = '{"forged": true}'::jsonb where id = ${ids[1]!}`.execute(tx);
      const rows = await tx.selectFrom('audit').selectAll().orderBy('id').execute();
      let prev = rows[0]!.hash;
      for (const r of rows.slice(1)) {
        const hash = auditHash(prev, { at: r.at, actor: r.actor, agencyId: r.agency_id, action: r.action, recordIds: r.record_ids, personIds: r.person_ids, detail: r.detail });
        await sql`update audit set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`.execute(tx);
        prev = hash;
      }
      await sql`update audit_head set hash = ${prev}`.execute(tx); // a thorough forger moves the head too
      if (forgeCheckpoint) {
        await sql`alter table audit_checkpoint disable trigger audit_checkpoint_append_only`.execute(tx);
        const { createHmac } = await import('node:crypto');
        const last = rows.at(-1)!;
        await sql`update audit_checkpoint set hash = ${prev}, signature = ${createHmac('sha256', Buffer.alloc(32, 9)).update(`${last.id}|${prev}`).digest('hex')}`.execute(tx);
      }
    };
    for (const forgeCheckpoint of [false, true]) {
      let result: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
      await db.kysely.transaction().execute(async (tx) => {
        await forge(tx, forgeCheckpoint);
        result = await verifyAuditChain(tx, key);
        throw new RollBack();
      }).catch((e) => { if (!(e instanceof RollBack)) throw e; });
      assert.equal(result!.ok, false, `forged checkpoint too: ${forgeCheckpoint}`);
      // Where the rows are sealed, the edited row's seal gives it away first; the checkpoint would next.
      assert.match((result as { reason: string }).reason, forgeCheckpoint ? /not signed|seal does not hold/ : /no longer matches checkpoint|seal does not hold/);
    }
    const clean = await db.kysely.transaction().execute((tx) => verifyAuditChain(tx, key));
    assert.deepEqual(clean.ok && [clean.checkpoints, clean.signed], [1, true]);
  });
});

describe('how a read\'s audit row commits', () => {
  let db: TestDb;
  before(async () => ({ db } = await testRepository()));
  after(async () => db.drop());

  /** synchronous_commit as the transaction would commit with it, after `body`. */
  async function commitModeAfter(body: (tx: Transaction<Database>) => Promise<void>): Promise<string> {
    return db.kysely.transaction().execute(async (tx) => {
      await body(tx);
      return (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(tx)).rows[0]!.synchronous_commit;
    });
  }
  const entry = { action: 'test.read', personIds: [1] };

  test('by default a read\'s audit row waits for the flush; asked to (async), a transaction that only read does not', async () => {
    assert.equal(await commitModeAfter((tx) => appendReadAudit(tx, operator, new Date(), entry)), 'on');
    assert.equal(await commitModeAfter((tx) => appendReadAudit(tx, operator, new Date(), entry, 'async')), 'off');
  });

  test('a transaction that wrote anything first commits durably, whatever the read asked', async () => {
    assert.equal(await commitModeAfter(async (tx) => {
      await tx.insertInto('agency').values({ id: 'x-agency', name: 'X', kind: 'gp', created_at: new Date() }).execute();
      await appendReadAudit(tx, operator, new Date(), entry, 'async');
    }), 'on');
  });

  test('every write\'s audit row waits for the flush; THREADLINE_READ_AUDIT_COMMIT chooses for reads, durable unless set', async () => {
    assert.equal(await commitModeAfter((tx) => appendAudit(tx, operator, new Date(), entry)), 'on');
    assert.equal(readAuditCommitFromEnv({ THREADLINE_READ_AUDIT_COMMIT: 'async' }), 'async');
    assert.equal(readAuditCommitFromEnv({}), 'durable');
    assert.throws(() => readAuditCommitFromEnv({ THREADLINE_READ_AUDIT_COMMIT: 'off' }), /async" or "durable/);
  });

  test('reads and writes in any order keep one chain', async () => {
    for (let i = 0; i < 6; i++) {
      await db.kysely.transaction().execute((tx) => (i % 2 ? appendAudit(tx, operator, new Date(), entry) : appendReadAudit(tx, operator, new Date(), entry, 'async')));
    }
    const { verifyAuditChain } = await import('./audit.ts');
    assert.equal((await db.kysely.transaction().execute((tx) => verifyAuditChain(tx))).ok, true);
  });
});

// Attacks on integrity: who wrote a decision, what the retention door removes,
// and whether the audit trail can be rewritten unnoticed. Each attacker does
// what worked before these were closed, and whatever the closed door now
// offers, and must get nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Transaction } from 'kysely';
import type { Database, Role } from '../../src/db/schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import * as audit from '../../src/access/audit.ts';
import { Repository } from '../../src/app/repository.ts';
import { runRetention } from '../../src/access/retention.ts';
import { APP_ROLE } from '../../src/db/migrations/0004-app-role.ts';
import type { AgencyRecord, PersonMention } from '../../src/records/types.ts';
import { operator, testDb, TEST_AGENCIES, type TestDb } from '../helpers/test-db.ts';

/** A repository whose database has an audit key on both engines (a PostgreSQL test database has none of its own). */
async function keyedRepository(clock: () => Date, anchor: string | null = null): Promise<{ db: TestDb; repo: Repository }> {
  const base = await testDb();
  const db: TestDb = { ...base, auditKey: randomBytes(32) };
  const repo = new Repository(db, { clock, auditAnchor: anchor });
  for (const a of TEST_AGENCIES) await repo.registerAgency(operator, a);
  return { db, repo };
}

class RollBack extends Error {}
const swallowRollBack = (e: unknown) => { if (!(e instanceof RollBack)) throw e; };

const subject = (given: string, family: string, dob: string, nhsNumber?: string): PersonMention =>
  ({ key: 'child', role: 'subject', name: { given, family }, dob, sex: 'unknown', ...(nhsNumber ? { nhsNumber } : {}), address: { lines: [`1 ${family} Road`], postcode: 'N1 9AA' } });

describe('who wrote a decision is the account that sent it, never the document', () => {
  let db: TestDb;
  let repo: Repository;
  const now = new Date('2024-03-01T10:00:00Z');
  let childId: number;
  let n = 0;
  const users: Record<string, { userId: number; username: string; agencyId: string; roles: Role[] }> = {};
  const as = (name: string): Actor => ({ kind: 'user', sessionId: 'test', ...users[name]! });
  const CHILD = subject('Signe', 'Authortest', '2021-05-05', '9434765919');
  const decision = (author: { name: string; role?: string } | null, agency = 'csc-1'): AgencyRecord => ({
    format: 'agency-record/1', agency, ref: `home-${++n}`, kind: 'placement', occurredAt: '2024-02-20', certainty: 'documented',
    ...(author ? { author } : {}), people: [CHILD], body: { subject: 'child', change: 'returned-home' },
  });
  /** `sender` stores the decision; the manager then tries to sign it off. */
  const sendThenSignOff = async (sender: Actor, record: AgencyRecord, signer = as('manager')) => {
    const out = await repo.ingest(sender, [record]);
    assert.ok(out.results.every((r) => r.status !== 'refused'), JSON.stringify(out.results));
    return repo.signOff(signer, childId, `${record.agency}/${record.ref}`, 'agreed');
  };
  const secondPerson = (e: { status?: number; message?: string }) => e.status === 403 && (e.message ?? '').includes('second person');

  before(async () => {
    ({ db, repo } = await keyedRepository(() => now));
    const add = async (name: string, username: string, displayName: string, agencyId: string, roles: Role[]) => {
      const { userId } = await repo.createUser(operator, { username, displayName, agencyId, roles, password: 'a long enough password 1' });
      users[name] = { userId, username, agencyId, roles };
    };
    await add('manager', 'morgan.manager', 'Morgan Manager', 'csc-1', ['manager']);
    await add('worker', 'sam.worker', 'Sam Worker', 'csc-1', ['practitioner']);
    await add('otherManager', 'pat.police', 'Pat Police', 'police-1', ['manager']);
    await repo.ingest(operator, [
      { format: 'agency-record/1', agency: 'csc-1', ref: 'cp-1', kind: 'conference', occurredAt: '2024-01-10', certainty: 'documented', people: [CHILD],
        body: { type: 'initial', agenciesPresent: ['csc-1', 'police-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] } },
      { format: 'agency-record/1', agency: 'police-1', ref: 'pol-1', kind: 'visit', occurredAt: '2024-01-11', certainty: 'documented', people: [CHILD],
        body: { purpose: 'welfare-check', announced: false, childSeen: true, childSeenAlone: false } },
    ]);
    childId = (await repo.people(operator)).people.find((p) => p.name === 'Signe Authortest')!.id;
  });
  after(async () => db.drop());

  test('attack: signing off one\'s own decision written with the author "Morgan  Manager" (two spaces) is refused', async () => {
    await assert.rejects(sendThenSignOff(as('manager'), decision({ name: 'Morgan  Manager', role: 'manager' })), secondPerson);
  });

  test('attack: signing off one\'s own decision with the author in full-width letters ("Ｍorgan Manager") is refused', async () => {
    await assert.rejects(sendThenSignOff(as('manager'), decision({ name: 'Ｍorgan Manager' })), secondPerson);
  });

  test('attack: signing off one\'s own decision with the author accented and in capitals ("MÓRGAN MANAGER") is refused', async () => {
    await assert.rejects(sendThenSignOff(as('manager'), decision({ name: 'MÓRGAN MANAGER' })), secondPerson);
  });

  test('attack: signing off one\'s own decision sent with no author at all is refused', async () => {
    await assert.rejects(sendThenSignOff(as('manager'), decision(null)), secondPerson);
  });

  test('attack: signing off one\'s own decision that names a colleague as its author is refused', async () => {
    await assert.rejects(sendThenSignOff(as('manager'), decision({ name: 'Sam Worker', role: 'social worker' })), secondPerson);
  });

  test('attack: signing off one\'s own decision that names someone of another agency as its author is refused', async () => {
    await assert.rejects(sendThenSignOff(as('manager'), decision({ name: 'Pat Police', role: 'police officer, police-1' })), secondPerson);
  });

  test('attack: re-sending a colleague\'s decision as a new version, then signing it off, is refused', async () => {
    const original = decision({ name: 'Sam Worker' });
    await repo.ingest(as('worker'), [original]);
    const resent = { ...original, occurredAt: '2024-02-21' } as AgencyRecord;
    await assert.rejects(sendThenSignOff(as('manager'), resent), secondPerson);
  });

  test('attack: signing off one\'s own decision sent through an API key bound to oneself is refused', async () => {
    const key = await repo.createApiKey(operator, 'csc-1', 'case system', 'morgan.manager');
    const system = (await repo.authenticateApiKey(key.token))!;
    assert.equal(system.kind === 'agency-system' && system.userId, users.manager!.userId);
    await assert.rejects(sendThenSignOff(system, decision({ name: 'Sam Worker' })), secondPerson);
  });

  test('attack: a decision sent by an agency system\'s unbound key and naming the signer as author ("morgan   MANAGER") is refused to them', async () => {
    const key = await repo.createApiKey(operator, 'csc-1', 'case system');
    const system = (await repo.authenticateApiKey(key.token))!;
    await assert.rejects(sendThenSignOff(system, decision({ name: 'morgan   MANAGER' })), secondPerson);
  });

  test('attack: a manager of another agency signing off a decision sent by an agency\'s unbound system key is refused', async () => {
    const key = await repo.createApiKey(operator, 'csc-1', 'case system');
    const system = (await repo.authenticateApiKey(key.token))!;
    await assert.rejects(sendThenSignOff(system, decision({ name: 'Sam Worker' }), as('otherManager')), (e: { status?: number; message?: string }) =>
      e.status === 403 && (e.message ?? '').includes('a manager of csc-1 signs it off'));
    // The agency's own manager, who is neither the sender nor named, may.
    const other = decision({ name: 'Sam Worker' });
    assert.ok((await sendThenSignOff(system, other)).entryId > 0);
  });
});

describe('the retention door removes only what the rules remove', () => {
  let db: TestDb;
  let repo: Repository;
  let now = new Date('2015-01-10T10:00:00Z');
  const ids: Record<string, number[]> = {};
  const at = (day: string) => { now = new Date(`${day}T10:00:00Z`); };
  const tx = <T>(fn: (t: Transaction<Database>) => Promise<T>) => db.kysely.transaction().execute(fn);
  const gp = (ref: string, on: string, child: PersonMention, kind: AgencyRecord['kind'] = 'attendance', agency = 'gp-1'): AgencyRecord => ({
    format: 'agency-record/1', agency, ref, kind, occurredAt: on, certainty: 'documented', people: [child],
    body: kind === 'attendance' ? { setting: 'gp', complaint: 'cough', outcome: 'discharged-home' }
      : kind === 'visit' ? { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: true }
        : { description: 'teacher asked for advice about the family', category: 'neglect' },
  });
  const rows = async (recordIds: number[]) => (await db.kysely.selectFrom('record').select('id').where('id', 'in', recordIds).execute()).length;

  /**
   * What the application's database role can try: what opened the door before (a chained 'retention.purge'
   * audit row naming the records, then the one-argument purge), and the door as it is now (an actor bound to
   * the transaction, the records and a period). Each attempt in its own transaction, as the application role.
   */
  async function purgeAsApplicationRole(recordIds: number[], opts: { years?: number; binding?: Record<string, unknown> } = {}): Promise<unknown[]> {
    const errors: unknown[] = [];
    const attempt = (fn: (t: Transaction<Database>) => Promise<unknown>) => tx(async (t) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(t);
      await fn(t);
    }).catch((e) => { errors.push(e); });
    await attempt(async (t) => {
      await audit.appendAudit(t, operator, now, { action: 'retention.purge', recordIds });
      await sql`select threadline_retention_purge(${recordIds}::bigint[])`.execute(t);
    });
    await attempt(async (t) => {
      const binding = opts.binding ?? { actor: 'operator:test', agencyId: null, at: now.toISOString() };
      await sql`select set_config('threadline.actor', ${JSON.stringify(binding)}, true)`.execute(t);
      await sql`select threadline_retention_purge(${recordIds}::bigint[], ${opts.years ?? 6}::int)`.execute(t);
    });
    return errors;
  }
  const verify = () => repo.verifyAudit(operator);

  before(async () => {
    ({ db, repo } = await keyedRepository(() => now));
    await repo.registerAgency(operator, { id: 'school-1', kind: 'school', name: 'Test school' });
    const ingest = async (day: string, name: string, records: AgencyRecord[]) => {
      at(day);
      const out = await repo.ingest(operator, records);
      assert.ok(out.results.every((r) => r.status !== 'refused'), JSON.stringify(out.results));
      ids[name] = [...(ids[name] ?? []), ...out.recordIds];
    };
    await ingest('2015-01-10', 'old1', [gp('old-1', '2015-01-10', subject('Olive', 'Oldest', '2012-01-01'))]);
    await ingest('2015-01-11', 'old2', [gp('old-2', '2015-01-11', subject('Oscar', 'Older', '2012-02-02'))]);
    await ingest('2015-01-12', 'old3', [gp('old-3', '2015-01-12', subject('Otto', 'Old', '2012-03-03'))]);
    const versioned = gp('old-4', '2015-01-13', subject('Vera', 'Versions', '2012-04-04'));
    await ingest('2015-01-13', 'old4', [versioned]);
    await ingest('2015-01-14', 'old4', [{ ...versioned, body: { ...versioned.body, complaint: 'cough, better' } }]);
    await ingest('2015-01-10', 'socialCare', [gp('csc-visit', '2015-01-10', subject('Carl', 'Careknown', '2012-05-05'), 'visit', 'csc-1')]);
    await ingest('2015-01-10', 'concern', [gp('sch-concern', '2015-01-10', subject('Sid', 'Signal', '2012-06-06'), 'concern', 'school-1')]);
    await ingest('2020-06-01', 'recent', [gp('recent-1', '2020-06-01', subject('Rita', 'Recent', '2012-07-07'))]);
    const medium = await db.kysely.selectFrom('alert').select('person_id').where('severity', '<>', 'low').execute();
    assert.equal(medium.length, 0, 'no alert of medium or above: the old door had nothing to refuse these on');
    at('2022-03-10');
  });
  after(async () => db.drop());

  test('attack: the application role purging a record only 21 months old is refused, and nothing is removed', async () => {
    const errors = await purgeAsApplicationRole(ids.recent!);
    assert.equal(await rows(ids.recent!), 1);
    assert.match(String((errors[1] as Error)?.message), /recent-1 \(it names no child due for removal\)/);
  });

  test('attack: the application role purging the record of a child known to children\'s social care is refused', async () => {
    const errors = await purgeAsApplicationRole(ids.socialCare!);
    assert.equal(await rows(ids.socialCare!), 1);
    assert.match(String((errors[1] as Error)?.message), /csc-1\/csc-visit/);
  });

  test('attack: the application role purging a school\'s concern about a child (a safeguarding record, no alert) is refused', async () => {
    const errors = await purgeAsApplicationRole(ids.concern!);
    assert.equal(await rows(ids.concern!), 1);
    assert.match(String((errors[1] as Error)?.message), /school-1\/sch-concern/);
  });

  test('attack: the application role purging with a retention period of one year is refused', async () => {
    at('2021-03-10');
    const errors = await purgeAsApplicationRole(ids.recent!, { years: 1 });
    at('2022-03-10');
    assert.equal(await rows(ids.recent!), 1);
    assert.match(String((errors[1] as Error)?.message), /from 6 to 100/);
  });

  test('attack: the application role purging one version of a record and leaving the others is refused', async () => {
    const errors = await purgeAsApplicationRole([ids.old4![0]!]);
    assert.equal(await rows(ids.old4!), 2);
    assert.match(String((errors[1] as Error)?.message), /not every version of it is in the purge/);
  });

  test('attack: a forged retention.purge audit row written by the application role is refused', async () => {
    await assert.rejects(tx(async (t) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(t);
      await audit.appendAudit(t, { kind: 'user', userId: 1, username: 'privacy.officer', agencyId: 'csc-1', roles: ['privacy-officer'], sessionId: 'x' }, now,
        { action: 'retention.purge', recordIds: ids.old1! });
    }), (e: { code?: string; message?: string }) => e.code === '42501' && (e.message ?? '').includes('written by threadline_retention_purge itself'));
  });

  test('attack: an audit row naming a forged actor, chained correctly by the application role, fails audit verify', async () => {
    assert.equal((await verify()).ok, true);
    await tx(async (t) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(t);
      await audit.appendAudit(t, { kind: 'user', userId: 1, username: 'privacy.officer', agencyId: 'csc-1', roles: ['privacy-officer'], sessionId: 'x' }, now,
        { action: 'people.list', detail: { note: 'nothing to see' } });
    });
    const r = await verify();
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /not sealed/);
    await undoNewestAuditRow();
  });

  test('attack: a purge of due records under an actor the application role bound itself fails audit verify', async () => {
    assert.equal((await verify()).ok, true);
    const errors = await purgeAsApplicationRole(ids.old1!, { binding: { actor: 'user:privacy.officer', agencyId: 'csc-1', at: now.toISOString(), seal: 'aa.bb' } });
    assert.ok(errors.length < 2, 'a record that is due may go, early, whoever asks');
    assert.equal(await rows(ids.old1!), 0);
    const r = await verify();
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /seal does not hold/);
    await undoNewestAuditRow();
  });

  test('attack: replaying the sealed actor binding of an earlier purge to purge again fails audit verify', async () => {
    // The operator's run removes one child's record (limit 1); the binding it used is in that run's audit row.
    const run = await tx((t) => runRetention(t, now, operator, { limit: 1 }, db.auditKey));
    assert.equal(run.removed.records, 1);
    assert.equal((await verify()).ok, true);
    const purgeRow = await db.kysely.selectFrom('audit').selectAll().where('action', '=', 'retention.purge').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const left = (await db.kysely.selectFrom('record').select('id').where('ref', '=', 'old-3').execute()).map((r) => r.id);
    const errors = await purgeAsApplicationRole(left, { binding: { actor: purgeRow.actor, agencyId: purgeRow.agency_id, at: purgeRow.at.toISOString(), seal: purgeRow.seal!.replace(/^actor:/, '') } });
    assert.ok(errors.length < 2);
    const r = await verify();
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /copied from another row/);
    await undoNewestAuditRow();
  });

  /** Put the trail back as it was before the last attack (as the owner), so the next attack starts from a verified trail. */
  async function undoNewestAuditRow() {
    await tx(async (t) => {
      await sql`alter table audit disable trigger audit_append_only`.execute(t);
      await sql`delete from audit where id = (select max(id) from audit)`.execute(t);
      await sql`update audit_head set prev_hash = coalesce((select prev_hash from audit order by id desc limit 1), ${audit.GENESIS_HASH}),
        hash = coalesce((select hash from audit order by id desc limit 1), ${audit.GENESIS_HASH})`.execute(t);
      await sql`alter table audit enable trigger audit_append_only`.execute(t);
    });
    assert.equal((await verify()).ok, true);
  }
});

describe('the audit trail cannot be rewritten unnoticed, after the last checkpoint or by removing checkpoints', () => {
  let db: TestDb;
  let repo: Repository;
  let dir: string;
  let anchor: string;
  const now = new Date('2024-03-01T10:00:00Z');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'threadline-anchor-'));
    anchor = join(dir, 'audit-anchor.jsonl');
    ({ db, repo } = await keyedRepository(() => now, anchor));
    for (let i = 0; i < 3; i++) {
      await repo.people(operator);
      const c = await repo.checkpointAudit(operator);
      assert.equal(c.anchored, true);
    }
    await repo.people(operator); // rows after the last checkpoint
    await repo.people(operator);
    assert.equal(readFileSync(anchor, 'utf8').trim().split('\n').length, 3);
    const clean = await repo.verifyAudit(operator);
    assert.deepEqual(clean.ok && [clean.checkpoints, clean.anchored], [3, 3]);
  });
  after(async () => { await db.drop(); rmSync(dir, { recursive: true, force: true }); });

  /** As the tables' owner without the audit key (a DBA, a stolen superuser password): change, re-chain, verify, undo. */
  async function tamper(change: (t: Transaction<Database>) => Promise<void>) {
    let result: Awaited<ReturnType<Repository['verifyAudit']>> | undefined;
    await db.kysely.transaction().execute(async (t) => {
      await sql`alter table audit disable trigger audit_append_only`.execute(t);
      await sql`alter table audit_checkpoint disable trigger audit_checkpoint_append_only`.execute(t);
      await change(t);
      // Re-chain every row from the first and move the head: the hash chain alone then holds.
      const all = await t.selectFrom('audit').selectAll().orderBy('id').execute();
      let prev = audit.GENESIS_HASH;
      for (const r of all) {
        const hash = audit.auditHash(prev, { at: r.at, actor: r.actor, agencyId: r.agency_id, action: r.action, recordIds: r.record_ids, personIds: r.person_ids, detail: r.detail });
        await sql`update audit set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`.execute(t);
        prev = hash;
      }
      await sql`update audit_head set hash = ${prev}`.execute(t);
      result = await audit.verifyAuditChain(t, db.auditKey, (await import('../../src/access/audit-anchor.ts')).readAnchor(anchor, db.auditKey));
      throw new RollBack();
    }).catch(swallowRollBack);
    return result!;
  }
  const lastCheckpoint = async () => (await db.kysely.selectFrom('audit_checkpoint').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow());

  test('attack: editing an audit row written after the last checkpoint and re-hashing the chain is detected', async () => {
    const { audit_id } = await lastCheckpoint();
    const r = await tamper(async (t) => {
      await sql`update audit set actor = 'operator:nobody' where id = (select max(id) from audit where id > ${audit_id})`.execute(t);
    });
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /seal does not hold/);
  });

  test('attack: deleting the newest checkpoint from the database is detected through the anchor', async () => {
    const c = await lastCheckpoint();
    const r = await tamper(async (t) => { await sql`delete from audit_checkpoint where id = ${c.id}`.execute(t); });
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, new RegExp(`checkpoint ${c.id} .*in the anchor but not in the database`));
  });

  test('attack: cutting the trail back to an earlier checkpoint (newest rows and checkpoint deleted, head moved back) is detected through the anchor', async () => {
    const checkpoints = await db.kysely.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
    const keep = checkpoints[1]!;
    const r = await tamper(async (t) => {
      await sql`delete from audit_checkpoint where id > ${keep.id}`.execute(t);
      await sql`delete from audit where id > ${keep.audit_id}`.execute(t);
    });
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /in the anchor but not in the database/);
  });

  test('attack: deleting an audit row before a checkpoint, re-chaining, and deleting every checkpoint is detected through the anchor', async () => {
    const first = (await db.kysely.selectFrom('audit_checkpoint').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow());
    const r = await tamper(async (t) => {
      await sql`delete from audit_checkpoint`.execute(t);
      await sql`delete from audit where id = ${first.audit_id - 1}`.execute(t);
    });
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /in the anchor but not in the database/);
  });

  test('attack: a checkpoint line added to the anchor file by someone without the audit key is detected', async () => {
    const saved = readFileSync(anchor, 'utf8');
    const c = await lastCheckpoint();
    appendFileSync(anchor, JSON.stringify({ checkpoint: c.id + 1, auditId: c.audit_id + 1, hash: 'f'.repeat(64), at: now.toISOString(), signature: 'ab'.repeat(32) }) + '\n');
    try {
      const r = await repo.verifyAudit(operator);
      assert.equal(r.ok, false);
      assert.match((r as { reason: string }).reason, /line 4 of the audit anchor is not signed/);
    } finally {
      writeFileSync(anchor, saved);
    }
  });
});

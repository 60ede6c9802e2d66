// Retention: a child with only old, signal-free records is removed once the
// period has passed (not a day before), through the one audited door; a child
// with an alert, social-care involvement, an assignment or recent activity is
// kept, and so is any record that also names such a child. The application
// role still cannot remove anything itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';
import { nhsCheckDigit } from '../records/nhs-number.ts';
import { operator, testRepository, type TestDb } from '../../test/helpers/test-db.ts';
import type { Repository } from '../app/repository.ts';
import { bindActor, verifyAuditChain } from './audit.ts';
import { periodEnds, planRetention, runRetention, yearsBefore, type RetentionOptions } from './retention.ts';
import { APP_ROLE } from '../db/migrations/0004-app-role.ts';

/** A valid NHS number near `seed` (nine digits). */
function nhs(seed: number): string {
  for (let s = seed; ; s++) {
    const nine = String(s).padStart(9, '0');
    const check = nhsCheckDigit(nine);
    if (check !== null) return nine + check;
  }
}

const child = (key: string, given: string, family: string, dob: string, seed: number, role: PersonMention['role'] = 'subject'): PersonMention => ({
  key, role, name: { given, family }, dob, sex: 'unknown', nhsNumber: nhs(seed), address: { lines: [`${seed % 97} Retention Road`], postcode: 'N1 9AA' },
});
const AMY = child('child', 'Amy', 'Retain', '2012-02-03', 999_000_100);
const BETH: PersonMention = { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Beth', family: 'Retain' }, dob: '1985-01-01', sex: 'female' };
const BEN = child('child', 'Ben', 'Alerted', '2014-09-01', 999_000_200);
const CARA = child('child', 'Cara', 'Known', '2011-05-05', 999_000_300);
const DAN = child('child', 'Dan', 'Shared', '2010-07-07', 999_000_400);
const ELLA = child('child', 'Ella', 'Assigned', '2013-03-03', 999_000_500);
const FRED = child('child', 'Fred', 'Late', '2012-12-12', 999_000_600);
const GINA = child('child', 'Gina', 'Later', '2012-04-04', 999_000_700);

function rec(agency: string, ref: string, kind: AgencyRecord['kind'], on: string, people: PersonMention[], body: Record<string, unknown>): AgencyRecord {
  return { format: 'agency-record/1', agency, ref, kind, occurredAt: on, certainty: 'documented', people, body };
}
const gp = (ref: string, on: string, people: PersonMention[], injuries: unknown[] = []) =>
  rec('gp-1', ref, 'attendance', on, people, { setting: 'gp', complaint: injuries.length ? 'injury' : 'cough', ...(injuries.length ? { injuries, explanation: 'none given', examination: 'complete' } : {}), outcome: 'discharged-home' });

describe('retention', () => {
  let db: TestDb;
  let repo: Repository;
  let now = new Date('2015-01-05T10:00:00Z');
  const at = (day: string) => { now = new Date(`${day}T10:00:00Z`); };
  const ingest = async (day: string, records: AgencyRecord[]) => {
    at(day);
    const out = await repo.ingest(operator, records);
    assert.ok(out.results.every((r) => r.status !== 'refused'), JSON.stringify(out.results));
    return out;
  };
  const tx = <T>(fn: (t: Transaction<Database>) => Promise<T>) => db.kysely.transaction().execute(fn);
  const personOf = async (source: string, key = 'child') => {
    const [agency, ref] = source.split('/');
    const r = await sql<{ person_id: number }>`
      select pm.person_id from record r join mention m on m.record_id = r.id join person_mention pm on pm.mention_id = m.id
      where r.agency_id = ${agency} and r.ref = ${ref} and m.key = ${key}`.execute(db.kysely);
    return r.rows[0] ? Number(r.rows[0].person_id) : null;
  };
  const recordRows = async (source: string) => {
    const [agency, ref] = source.split('/');
    return (await db.kysely.selectFrom('record').select('id').where('agency_id', '=', agency!).where('ref', '=', ref!).execute()).length;
  };
  const personExists = async (id: number) => (await db.kysely.selectFrom('person').select('id').where('id', '=', id).execute()).length === 1;
  const run = (day: string, opts: RetentionOptions = {}) => { at(day); return tx((t) => runRetention(t, now, operator, opts)); };
  const plan = (day: string, opts: RetentionOptions = {}) => { at(day); return tx((t) => planRetention(t, now, opts)); };
  const ids: Record<string, number> = {};

  before(async () => {
    ({ db, repo } = await testRepository({ clock: () => now }));
    await repo.registerAgency(operator, { id: 'school-1', kind: 'school', name: 'Test school' });
    // Amy (with her mother Beth): GP twice, then the school's registration, corrected on 10 March 2015.
    await ingest('2015-01-05', [gp('amy-gp-1', '2015-01-05', [AMY, BETH])]);
    await ingest('2015-02-05', [gp('amy-gp-2', '2015-02-05', [AMY, BETH])]);
    const school = rec('school-1', 'amy-school-1', 'demographics', '2015-03-01', [AMY], { registeredGp: 'Test GP practice' });
    await ingest('2015-03-01', [school]);
    await ingest('2015-03-10', [{ ...school, body: { registeredGp: 'Test GP practice, Retention Road' } }]);
    // A practitioner decides the second GP visit was another child (a split: a link decision and link history).
    const amy = (await personOf('gp-1/amy-gp-1'))!;
    at('2015-03-05');
    await repo.splitPerson(operator, amy, ['gp-1/amy-gp-2#child'], { by: 'Dr Test', reason: 'a different child with the same name' });
    // Ben: a bruised ear at five months (a high alert). Cara: known to children's social care.
    await ingest('2015-02-01', [rec('hosp-1', 'ben-ed-1', 'attendance', '2015-02-01', [BEN],
      { setting: 'emergency', complaint: 'injury', injuries: [{ type: 'bruise', site: 'ear' }], explanation: 'fell', examination: 'complete' })]);
    await ingest('2015-02-10', [rec('csc-1', 'cara-visit-1', 'visit', '2015-02-10', [CARA], { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: true })]);
    // Dan: his own GP visit, and one where his brother Ben (who has the alert) is named too.
    await ingest('2015-01-20', [gp('dan-gp-1', '2015-01-20', [DAN])]);
    await ingest('2015-03-01', [gp('dan-gp-2', '2015-03-01', [DAN, { ...BEN, key: 'sib', role: 'sibling' }])]);
    // Ella: an old GP visit, but a worker is assigned to her. Fred: an old visit sent only recently.
    await ingest('2015-01-10', [gp('ella-gp-1', '2015-01-10', [ELLA])]);
    await ingest('2021-01-01', [gp('fred-gp-1', '2014-06-01', [FRED])]);
    // Gina: one GP visit, three months after Amy's last activity.
    await ingest('2015-06-01', [gp('gina-gp-1', '2015-06-01', [GINA])]);
    for (const [name, source] of [['amy', 'gp-1/amy-gp-1'], ['amy2', 'gp-1/amy-gp-2'], ['ben', 'hosp-1/ben-ed-1'], ['cara', 'csc-1/cara-visit-1'],
      ['dan', 'gp-1/dan-gp-1'], ['ella', 'gp-1/ella-gp-1'], ['fred', 'gp-1/fred-gp-1'], ['gina', 'gp-1/gina-gp-1']] as const) ids[name] = (await personOf(source))!;
    ids.beth = (await personOf('gp-1/amy-gp-1', 'm'))!;
    assert.equal(new Set(Object.values(ids)).size, 9, `nine different people: ${JSON.stringify(ids)}`);
    assert.equal(await personOf('gp-1/dan-gp-2', 'sib'), ids.ben, 'Ben is linked in Dan\'s record');
    const alerts = await db.kysely.selectFrom('alert').select(['person_id', 'severity']).execute();
    assert.ok(alerts.some((a) => a.person_id === ids.ben && a.severity !== 'low'), 'Ben has an alert of medium or above');
    // A low alert on Amy (no rule raises one for a child unknown to social care today; one may tomorrow): it does not keep her.
    const low = await db.kysely.insertInto('alert').values({
      person_id: ids.amy!, rule: 'test-low', severity: 'low', status: 'open', first_fired_on: '2015-01-05', last_fired_on: '2015-01-05',
      evidence: ['gp-1/amy-gp-1'], explanation: 'a low test alert', recipients: ['agency:gp-1'], created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.kysely.insertInto('alert_event').values({ alert_id: low.id, at: now, kind: 'fired', fired_on: '2015-01-05', severity: 'low', evidence: ['gp-1/amy-gp-1'], explanation: 'a low test alert', firing_key: 'test' } as never).execute();
    ids.lowAlert = low.id;
    // Ella's allocated worker.
    const user = await sql<{ id: number }>`
      insert into app_user (username, display_name, agency_id, roles, created_at)
      values ('worker.retention', 'A worker', 'csc-1', array['practitioner'], now()) returning id`.execute(db.kysely);
    await sql`insert into case_assignment (person_id, user_id, role, from_at, assigned_by)
      values (${ids.ella}, ${user.rows[0]!.id}, 'allocated-worker', now(), 'test')`.execute(db.kysely);
  });
  after(async () => db.drop());

  test('the period ends on the anniversary of the last activity (29 February: 1 March)', () => {
    assert.equal(yearsBefore('2021-03-10', 6), '2015-03-10');
    assert.equal(yearsBefore('2026-02-28', 6), '2020-02-28');
    assert.equal(periodEnds('2015-03-10', 6), '2021-03-10');
    assert.equal(periodEnds('2020-02-29', 6), '2026-03-01');
    assert.equal(periodEnds('2020-02-29', 4), '2024-02-29');
  });

  test('the plan the day before Amy\'s period ends: Amy (last active 10 March 2015) is not due; Amy\'s split-off twin and Dan are', async () => {
    const p = await plan('2021-03-09');
    assert.equal(p.cutoff, '2015-03-09');
    assert.equal(p.period, 'P6Y');
    assert.deepEqual(p.children.map((c) => c.personId).sort((a, b) => a - b), [ids.amy2!, ids.dan!].sort((a, b) => a - b));
    assert.deepEqual(p.records.map((r) => r.source).sort(), ['gp-1/amy-gp-2', 'gp-1/dan-gp-1']);
    const shared = p.kept.find((k) => k.source === 'gp-1/dan-gp-2');
    assert.ok(shared, 'the record naming Dan and Ben stays');
    assert.match(shared.why.join(), new RegExp(`person ${ids.ben}: a child who is not due`));
    assert.deepEqual(p.people, [ids.amy2]);
    assert.ok(p.touched.includes(ids.beth!) && p.touched.includes(ids.dan!));
    // Nobody else is due: Ben (alert), Cara (social care), Ella (assigned), Fred (sent in 2021).
    for (const kept of ['ben', 'cara', 'ella', 'fred', 'amy', 'gina']) assert.ok(!p.children.some((c) => c.personId === ids[kept]), kept);
  });

  test('the purge writes exactly one audit row, with ids and counts only, and the chain still verifies', async () => {
    const before = await db.kysely.selectFrom('audit').select('id').execute();
    const r = await run('2021-03-09');
    const rows = await db.kysely.selectFrom('audit').selectAll().where('id', '>', Math.max(...before.map((b) => b.id))).execute();
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.action, 'retention.purge');
    assert.deepEqual(Object.keys(row.detail).sort(), ['alerts', 'cutoff', 'mentions', 'people', 'period', 'records']);
    assert.equal(row.actor, 'operator:test', 'the purge\'s own row names the actor bound to the transaction');
    assert.deepEqual({ records: row.detail.records, people: row.detail.people, period: row.detail.period }, { records: 2, people: 1, period: 'P6Y' });
    assert.doesNotMatch(JSON.stringify(row), /Amy|Dan|Beth|Retain|Shared|amy-gp|dan-gp/, 'no names or references in the audit row');
    assert.deepEqual(row.record_ids.length, 2);
    assert.ok(row.person_ids.includes(ids.amy2!));
    assert.equal(r.removed.records, 2);
    assert.equal(r.removed.people, 1);
    assert.equal(r.removed.decisions, 1, 'the split\'s decision went with the mention it was about');
    assert.equal((await tx((t) => verifyAuditChain(t))).ok, true);

    assert.equal(await recordRows('gp-1/dan-gp-1'), 0);
    assert.equal(await recordRows('gp-1/amy-gp-2'), 0);
    assert.equal(await personExists(ids.amy2!), false);
    assert.equal(await recordRows('gp-1/dan-gp-2'), 1, 'the record naming Dan and Ben is kept');
    assert.equal(await personOf('gp-1/dan-gp-2'), ids.dan, 'Dan stays, with that record only');
    assert.equal(await recordRows('gp-1/amy-gp-1'), 1, 'Amy is not due until tomorrow');
    assert.equal(await personOf('gp-1/amy-gp-1', 'm'), ids.beth, 'Beth stays: she is in another record');
    assert.equal((await repo.chronology(operator, ids.dan!))!.entries.length, 1);
  });

  test('on the day the period ends Amy goes: every version, her mother, her low alert and what hangs off them', async () => {
    const r = await run('2021-03-10');
    assert.deepEqual(r.records.map((x) => x.source).sort(), ['gp-1/amy-gp-1', 'school-1/amy-school-1']);
    assert.equal(r.removed.records, 3, 'two versions of the school record, and the GP visit');
    assert.deepEqual([...r.people].sort((a, b) => a - b), [ids.amy!, ids.beth!].sort((a, b) => a - b));
    // Her low alert, and the privacy officer's notice that the school's record gave it a limited view of her.
    assert.equal(r.removed.alerts, 2);
    for (const id of [ids.amy!, ids.beth!]) assert.equal(await personExists(id), false);
    assert.equal(await recordRows('school-1/amy-school-1'), 0);
    const left = async (table: 'alert' | 'alert_event' | 'person_key' | 'person_mention', col: string, values: number[]) =>
      Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(col)} = any(${values}::bigint[])`.execute(db.kysely)).rows[0]!.n);
    assert.equal(await left('alert', 'id', [ids.lowAlert!]), 0);
    assert.equal(await left('alert_event', 'alert_id', [ids.lowAlert!]), 0);
    assert.equal(await left('person_key', 'person_id', [ids.amy!, ids.beth!, ids.amy2!]), 0);
    const orphanMentions = await sql<{ n: number }>`select count(*)::int as n from mention m where not exists (select 1 from record r where r.id = m.record_id)`.execute(db.kysely);
    assert.equal(orphanMentions.rows[0]!.n, 0);
    // The others are untouched.
    for (const source of ['hosp-1/ben-ed-1', 'csc-1/cara-visit-1', 'gp-1/dan-gp-2', 'gp-1/ella-gp-1', 'gp-1/fred-gp-1', 'gp-1/gina-gp-1']) assert.equal(await recordRows(source), 1, source);
    for (const name of ['ben', 'cara', 'dan', 'ella', 'fred']) assert.equal(await personExists(ids[name]!), true, name);
    assert.ok((await db.kysely.selectFrom('alert').select('id').where('person_id', '=', ids.ben!).where('severity', '<>', 'low').execute()).length > 0);
    assert.equal((await tx((t) => verifyAuditChain(t))).ok, true);
  });

  test('run again, it removes nothing (Dan is still due, but his one record names Ben)', async () => {
    const counts = async () => Number((await sql<{ n: number }>`select count(*)::int as n from record`.execute(db.kysely)).rows[0]!.n);
    const before = await counts();
    const r = await run('2021-03-10');
    assert.equal(r.removed.records, 0);
    assert.deepEqual(r.people, []);
    assert.deepEqual(r.children.map((c) => c.personId), [ids.dan]);
    assert.equal(r.kept, 1);
    assert.equal(await counts(), before);
    const last = await db.kysely.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual([last.action, last.detail.records, last.record_ids], ['retention.purge', 0, []]);
  });

  test('the period is never under six years; a longer one is configurable; the limit stops a run early and says there is more', async () => {
    // A year on, Gina (last active 1 June 2015) is due as well as Dan; with seven years, only Dan.
    const all = await plan('2022-03-10');
    assert.equal(all.cutoff, '2016-03-10');
    assert.deepEqual(all.children.map((c) => c.personId), [ids.dan!, ids.gina!].sort((x, y) => x - y));
    assert.deepEqual(all.records.map((r) => r.source), ['gp-1/gina-gp-1']);
    assert.equal(all.more, false);
    assert.deepEqual((await plan('2022-03-10', { years: 7 })).children.map((c) => c.personId), [ids.dan!]);
    const first = await plan('2022-03-10', { limit: 1 });
    assert.deepEqual([first.children.length, first.more], [1, true]);
    await assert.rejects(plan('2022-03-10', { years: 5 }), /whole number of years, from 6 to 100/);
  });

  test(`the application role (${APP_ROLE}) still cannot remove records itself, flag or no flag`, async () => {
    const record = (await db.kysely.selectFrom('record').select('id').limit(1).executeTakeFirstOrThrow()).id;
    for (const statement of [`delete from record where id = ${record}`, `update record set kind = kind where id = ${record}`, `delete from mention where record_id = ${record}`]) {
      await assert.rejects(tx(async (t) => {
        await sql.raw(`set local role ${APP_ROLE}`).execute(t);
        await sql`select set_config('threadline.retention', 'on', true)`.execute(t);
        await sql.raw(statement).execute(t);
      }), (e: { code?: string }) => e.code === '42501', statement);
    }
  });

  test('the door refuses without a bound actor, refuses records the rules keep, writes its own row and never opens the audit trail', async () => {
    const idOf = async (ref: string) => (await db.kysely.selectFrom('record').select('id').where('ref', '=', ref).executeTakeFirstOrThrow()).id;
    const [ben, fred, gina] = [await idOf('ben-ed-1'), await idOf('fred-gp-1'), await idOf('gina-gp-1')];
    at('2022-03-10');
    const purge = (t: Transaction<Database>, id: number, years = 6) => sql`select threadline_retention_purge(array[${id}]::bigint[], ${years}::int)`.execute(t);
    class RollBack extends Error {}
    const rolledBack = (fn: (t: Transaction<Database>) => Promise<unknown>) =>
      tx(async (t) => { await fn(t); throw new RollBack(); }).catch((e) => { if (!(e instanceof RollBack)) throw e; });
    const refused = (e: { code?: string; message?: string }, pattern: RegExp) => e.code === '42501' && pattern.test(e.message ?? '');

    for (const role of [null, APP_ROLE]) {
      await assert.rejects(tx(async (t) => {
        if (role) await sql.raw(`set local role ${role}`).execute(t);
        await purge(t, gina);
      }), (e: any) => refused(e, /no actor is bound/), `no bound actor (${role ?? 'owner'})`);
    }
    const bound = async (t: Transaction<Database>) => bindActor(t, operator, now, null);
    await assert.rejects(tx(async (t) => { await bound(t); await purge(t, ben); }), (e: any) => refused(e, /hosp-1\/ben-ed-1 \(.*(signal|alert)/));
    await assert.rejects(tx(async (t) => { await bound(t); await purge(t, fred); }), (e: any) => refused(e, /gp-1\/fred-gp-1 \(it names no child due/));
    await assert.rejects(tx(async (t) => { await bound(t); await purge(t, gina, 5); }), (e: any) => refused(e, /from 6 to 100/));

    // With a bound actor it opens, for the application role too (undone afterwards), and writes its own row.
    await rolledBack(async (t) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(t);
      await bound(t);
      const out = await purge(t, gina);
      assert.equal((out.rows[0] as any).threadline_retention_purge.records, 1);
      const last = await t.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.deepEqual([last.action, last.actor, last.record_ids], ['retention.purge', 'operator:test', [gina]]);
      // The binding is used once.
      await assert.rejects(purge(t, gina), (e: any) => refused(e, /no actor is bound/));
    });
    await rolledBack(async (t) => {
      await bound(t);
      await purge(t, gina);
      // Outside the call the flag is off again: the trigger refuses the owner's own delete too.
      await assert.rejects(sql`delete from record where id = ${ben}`.execute(t), (e: any) => e.code === '42501');
    });
    assert.equal(await recordRows('gp-1/gina-gp-1'), 1);

    // Even with the flag on, the trigger refuses any change to the audit trail, and any UPDATE.
    const auditId = (await db.kysely.selectFrom('audit').select('id').limit(1).executeTakeFirstOrThrow()).id;
    for (const statement of [`delete from audit where id = ${auditId}`, `update audit set action = action where id = ${auditId}`, `update record set kind = kind where id = ${ben}`]) {
      await assert.rejects(tx(async (t) => {
        await sql`select set_config('threadline.retention', 'on', true)`.execute(t);
        await sql.raw(statement).execute(t);
      }), (e: { code?: string; message?: string }) => e.code === '42501' && (e.message ?? '').includes('append-only'), statement);
    }
    // EXECUTE is not PUBLIC's: a role without the grant cannot call it.
    const publicCanRun = await sql<{ ok: boolean }>`
      select has_function_privilege('public', 'threadline_retention_purge(bigint[], int)', 'execute') as ok`.execute(db.kysely);
    assert.equal(publicCanRun.rows[0]!.ok, false);
    assert.equal((await tx((t) => verifyAuditChain(t))).ok, true);
  });

  test(`the whole job runs as the application role (${APP_ROLE}), the way a deployment connects`, async () => {
    at('2022-03-10');
    const r = await tx(async (t) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(t);
      return runRetention(t, now, operator);
    });
    assert.deepEqual([r.removed.records, r.removed.people], [1, 1]);
    assert.equal(await personExists(ids.gina!), false);
    assert.equal(await recordRows('gp-1/gina-gp-1'), 0);
    assert.equal((await tx((t) => verifyAuditChain(t))).ok, true);
  });
});

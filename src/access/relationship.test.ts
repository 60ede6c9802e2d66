// Need-to-know, as a property over generated agencies, users, children and records:
// an agency's system reads about a child only when the agency received a
// referral about them or was first to record them (a record about a child
// other agencies already knew gives a limited view only, never the
// chronology); otherwise the child does not exist for it (not found, not
// listed), and every allowed read leaves exactly one audit row.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Actor, Role } from '../shared/actor.ts';
import { decide } from './sharing-policy.ts';
import type { Repository } from '../app/repository.ts';
import type { AgencyRecord } from '../records/types.ts';
import { nhsCheckDigit } from '../records/nhs-number.ts';
import { operator, TEST_AGENCIES, testRepository, type TestDb } from '../../test/helpers/test-db.ts';

let db: TestDb;
let repo: Repository;
before(async () => ({ db, repo } = await testRepository()));
after(async () => db.drop());

const AGENCIES = TEST_AGENCIES.map((a) => a.id);
const letters = (x: number): string => (x >= 26 ? letters(Math.floor(x / 26)) : '') + String.fromCharCode(97 + (x % 26));
let run = 0;
let ref = 0;

interface Planned { agency: string; child: number; referTo: string | null }

// Each run's children carry their own NHS numbers: the linker never joins them to an earlier run's look-alikes.
let nhsSerial = 0;
const nhsOf = new Map<string, string>();
function nhsNumberFor(family: string, child: number): string {
  const key = `${family}|${child}`;
  while (!nhsOf.has(key)) {
    const base = `999${String(nhsSerial++).padStart(6, '0')}`;
    const check = nhsCheckDigit(base);
    if (check !== null) nhsOf.set(key, base + check);
  }
  return nhsOf.get(key)!;
}

function record(p: Planned, family: string): AgencyRecord {
  ref++;
  const child = { key: 'c', role: 'subject' as const, name: { given: `Kid${letters(p.child)}`, family }, dob: `2019-0${1 + p.child}-1${p.child}`, nhsNumber: nhsNumberFor(family, p.child) };
  return p.referTo
    ? { format: 'agency-record/1', agency: p.agency, ref: `nk-${ref}`, kind: 'referral', occurredAt: '2024-02-01', certainty: 'documented', people: [child], body: { to: p.referTo, reason: 'worried', urgency: 'routine' } }
    : { format: 'agency-record/1', agency: p.agency, ref: `nk-${ref}`, kind: 'concern', occurredAt: '2024-02-01', certainty: 'documented', people: [child], body: { description: 'seen' } };
}

/**
 * Whether an agency has the full relationship with a child after these records (stored in this order): a
 * referral to it, or its first record about the child came before any other agency's.
 */
function fullTie(planned: Planned[], agency: string, child: number): boolean {
  const about = planned.filter((p) => p.child === child);
  if (about.some((p) => p.referTo === agency)) return true;
  const first = about.findIndex((p) => p.agency === agency);
  return first !== -1 && about.slice(0, first).every((p) => p.agency === agency);
}

const plans = fc.array(fc.record({
  agency: fc.constantFrom(...AGENCIES),
  child: fc.integer({ min: 0, max: 3 }),
  referTo: fc.option(fc.constantFrom(...AGENCIES), { nil: null }),
}), { minLength: 1, maxLength: 8 });

test('no agency system reads a child it has no relationship with, through any read; every allowed read is audited once', { timeout: 300_000 }, async () => {
  await fc.assert(fc.asyncProperty(plans, async (planned) => {
    run++;
    const family = `Needtoknow${letters(run)}`;
    await repo.ingest(operator, planned.map((p) => record(p, family)));
    const everyone = (await repo.people(operator, { limit: 10_000, offset: 0 })).people;
    const mine = everyone.filter((p) => p.name.endsWith(family));
    for (const agency of AGENCIES) {
      const actor: Actor = { kind: 'agency-system', agencyId: agency, keyId: `k-${agency}` };
      const listed = new Set((await repo.people(actor, { limit: 10_000, offset: 0 })).people.map((p) => p.id));
      for (const person of mine) {
        const child = planned.find((p) => person.name.startsWith(`Kid${letters(p.child)} `))!.child;
        const related = fullTie(planned, agency, child);
        const before = (await db.kysely.selectFrom('audit').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? 0;
        const chronology = await repo.chronology(actor, person.id);
        const household = await repo.household(actor, person.id);
        const history = await repo.linkHistory(actor, person.id);
        assert.equal(chronology !== null, related, `${agency} reading ${person.name}: chronology`);
        assert.equal(household !== null, related, `${agency} reading ${person.name}: household`);
        assert.equal(history !== null, related, `${agency} reading ${person.name}: link history`);
        assert.equal(listed.has(person.id), related, `${agency} listing ${person.name}`);
        const rows = await db.kysely.selectFrom('audit').select(['action', 'person_ids', 'detail']).where('id', '>', before).orderBy('id').execute();
        assert.deepEqual(rows.map((r) => r.action), ['chronology.read', 'household.read', 'person.history'], 'one audit row per read, allowed or not');
        assert.ok(rows.every((r) => r.person_ids.includes(person.id)));
        if (chronology && household) {
          // The household is derived only from what the sharing policy shows in full; everything else is counted as withheld.
          const full = new Set(chronology.entries.filter((e) => !('redacted' in e && e.redacted)).map((e) => e.recordId));
          assert.ok(household.recordIds.every((id) => full.has(id)), `${agency}: household from records shown in full only`);
          const hidden = (rows[0]!.detail as { withheld: number }).withheld;
          assert.equal(household.withheld, chronology.entries.length - full.size + hidden, `${agency}: withheld = redacted + hidden`);
        }
      }
    }
  }), { numRuns: 12 });
});

test('without a relationship a split is "not found", and the operator still sees everyone', async () => {
  await repo.ingest(operator, [record({ agency: 'police-1', child: 0, referTo: null }, 'Outofsight')]);
  const person = (await repo.people(operator)).people.find((p) => p.name.endsWith('Outofsight'))!;
  const gp: Actor = { kind: 'agency-system', agencyId: 'gp-1', keyId: 'k' };
  await assert.rejects(repo.splitPerson(gp, person.id, ['1'], { by: 'x', reason: 'y' }), /no person/);
  assert.ok(await repo.chronology(operator, person.id));
  // Writing needs no relationship: the GP may record a concern about the child. Writing does not open reading:
  // the police knew the child first, so the GP has a limited view (its own record), not the chronology.
  const out = await repo.ingest(gp, [record({ agency: 'gp-1', child: 0, referTo: null }, 'Outofsight')]);
  assert.equal(out.results[0]!.status, 'stored');
  assert.equal(await repo.chronology(gp, person.id), null, 'no chronology from writing');
  const limited = await repo.limitedView(gp, person.id);
  assert.deepEqual(limited?.ownRecords.map((e) => e.agency.id), ['gp-1'], 'its own record only');
});

// The same property for people signed in: a user reads a child only through their agency's relationship
// (if their role works with children), their place in the child's professional network, or a break-glass
// grant that has not expired; and of what they read, nothing the sharing policy hides, and no free text
// of what it redacts.
const ROLE_SETS: Role[][] = [['practitioner'], ['manager'], ['privacy-officer'], ['administrator']];
const KIND: Record<string, string> = Object.fromEntries(TEST_AGENCIES.map((a) => [a.id, a.kind]));

const userPlans = fc.record({
  records: plans,
  assignments: fc.array(fc.record({ user: fc.nat(), child: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
  grants: fc.array(fc.record({ user: fc.nat(), child: fc.integer({ min: 0, max: 3 }), expired: fc.boolean() }), { maxLength: 3 }),
});

test('no user reads a child, or a record, the policy denies them; every read is audited once', { timeout: 300_000 }, async () => {
  const users: (Extract<Actor, { kind: 'user' }>)[] = [];
  for (const agency of AGENCIES) {
    for (const roles of ROLE_SETS) {
      const username = `u.${agency}.${roles[0]}`;
      const { userId } = await repo.createUser(operator, { username, displayName: username, agencyId: agency, roles, password: 'a long enough password' });
      users.push({ kind: 'user', userId, username, agencyId: agency, roles, sessionId: 'test' });
    }
  }
  await fc.assert(fc.asyncProperty(userPlans, async (plan) => {
    run++;
    const family = `Userneed${letters(run)}`;
    await repo.ingest(operator, plan.records.map((p) => record(p, family)));
    const mine = (await repo.people(operator, { limit: 10_000, offset: 0 })).people.filter((p) => p.name.endsWith(family));
    const childOf = (id: number) => plan.records.find((p) => mine.find((m) => m.id === id)!.name.startsWith(`Kid${letters(p.child)} `))!.child;
    const personOf = (child: number) => mine.find((m) => childOf(m.id) === child);
    const now = Date.now();
    for (const a of plan.assignments) {
      const p = personOf(a.child);
      if (p) await repo.assignCase(operator, p.id, users[a.user % users.length]!.username, 'core-group');
    }
    for (const g of plan.grants) {
      const p = personOf(g.child);
      // Grants are fixtures here (the break-glass flow itself is tested through HTTP in web/sign-in.test.ts).
      if (p) await db.kysely.insertInto('access_grant').values({ user_id: users[g.user % users.length]!.userId, person_id: p.id, reason: 'property test grant',
        granted_at: new Date(now - 5 * 3_600_000), expires_at: new Date(g.expired ? now - 60_000 : now + 3_600_000) }).execute();
    }
    for (const [i, user] of users.entries()) {
      const listed = new Set((await repo.people(user, { limit: 10_000, offset: 0 })).people.map((p) => p.id));
      for (const person of mine) {
        const child = childOf(person.id);
        const agencyWide = user.roles.some((r) => r === 'practitioner' || r === 'manager');
        const related = (agencyWide && fullTie(plan.records, user.agencyId, child))
          || plan.assignments.some((a) => a.user % users.length === i && a.child === child)
          || plan.grants.some((g) => g.user % users.length === i && g.child === child && !g.expired);
        const before = (await db.kysely.selectFrom('audit').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? 0;
        const chronology = await repo.chronology(user, person.id);
        const household = await repo.household(user, person.id);
        const history = await repo.linkHistory(user, person.id);
        const who = `${user.username} reading ${person.name}`;
        assert.equal(chronology !== null, related, `${who}: chronology`);
        assert.equal(household !== null, related, `${who}: household`);
        assert.equal(history !== null, related, `${who}: link history`);
        assert.equal(listed.has(person.id), related, `${who}: listing`);
        const rows = await db.kysely.selectFrom('audit').select(['action', 'person_ids']).where('id', '>', before).orderBy('id').execute();
        assert.deepEqual(rows.map((r) => r.action), ['chronology.read', 'household.read', 'person.history'], 'one audit row per read, allowed or not');
        if (!chronology) continue;
        const full = (await repo.chronology(operator, person.id))!;
        const viewer = { agencyId: user.agencyId, agencyKind: KIND[user.agencyId]! };
        const shown = new Map(chronology.entries.map((e) => [e.recordId, e]));
        for (const e of full.entries) {
          const level = decide(e, viewer).level;
          assert.equal(shown.has(e.recordId), level !== 'hidden', `${who}: ${e.source} is ${level}`);
          if (level === 'redacted') {
            const out = JSON.stringify(shown.get(e.recordId));
            for (const text of [e.summary, e.narrative, ...e.others.map((o) => o.name)]) {
              if (text && text.length > 3) assert.ok(!out.includes(text), `${who}: redacted ${e.source} shows "${text}"`);
            }
          }
        }
      }
    }
  }), { numRuns: 8 });
});

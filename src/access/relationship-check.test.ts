// One person's need-to-know check (mayRead: threadline_full_tie, migration
// 0015) and the list of everyone a reader knows (knownTo: fullTieWays) are two
// writings of one rule. They must agree, for every agency and person, through
// every way to a tie and every way not to have one: a record sent first or
// after others (a limited tie), a referral to the agency, a meeting held by
// the lead agency or by another, an invitation under each of the meeting's
// lists, an allocated worker making their agency the lead, and the lead
// agency's grant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Actor } from '../shared/actor.ts';
import { knownTo, mayRead, viewerOf } from '../shared/relationship.ts';
import type { Repository } from '../app/repository.ts';
import type { AgencyRecord } from '../records/types.ts';
import { nhsCheckDigit } from '../records/nhs-number.ts';
import { operator, TEST_AGENCIES, testRepository, type TestDb } from '../../test/helpers/test-db.ts';

let db: TestDb;
let repo: Repository;
before(async () => {
  ({ db, repo } = await testRepository());
  await repo.registerAgency(operator, { id: 'school-1', kind: 'school', name: 'Test school' });
});
after(async () => db.drop());

let nhsSerial = 500;
function nhsNumber(): string {
  for (;;) {
    const base = `999${String(nhsSerial++).padStart(6, '0')}`;
    const check = nhsCheckDigit(base);
    if (check !== null) return base + check;
  }
}

let ref = 0;
const child = (n: number, nhs: string) => ({ key: 'c', role: 'subject' as const, name: { given: `Tie${'abcdefgh'[n]}`, family: 'Checkson' }, dob: `2019-0${n + 1}-1${n}`, nhsNumber: nhs });
const concern = (agency: string, c: ReturnType<typeof child>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref: `tie-${++ref}`, kind: 'concern', occurredAt: '2024-02-01', certainty: 'documented', people: [c], body: { description: 'seen' } });
const referral = (agency: string, to: string, c: ReturnType<typeof child>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref: `tie-${++ref}`, kind: 'referral', occurredAt: '2024-02-02', certainty: 'documented', people: [c], body: { to, reason: 'worried', urgency: 'routine' } });
const meeting = (agency: string, kind: 'strategy-discussion' | 'conference' | 'core-group', list: string, invited: string[], c: ReturnType<typeof child>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref: `tie-${++ref}`, kind, occurredAt: '2024-02-03', certainty: 'documented', people: [c],
    body: {
      ...(kind === 'strategy-discussion' ? { decision: 'section-47' } : kind === 'conference' ? { type: 'initial', decision: 'plan', categories: ['neglect'] } : {}),
      [list]: invited,
    } });

test('the one-person check and the list of people known agree for every agency, person and way to a tie', { timeout: 120_000 }, async () => {
  const kids = Array.from({ length: 7 }, (_, n) => child(n, nhsNumber()));
  const [first, limited, referred, byLead, byOther, byWorker, granted] = kids as [typeof kids[0], typeof kids[0], typeof kids[0], typeof kids[0], typeof kids[0], typeof kids[0], typeof kids[0]];
  // Each record as its agency's own system, one at a time, so "who was first" is the order here.
  const send = async (r: AgencyRecord) => {
    const out = await repo.ingest({ kind: 'agency-system', agencyId: r.agency, keyId: 'tie-check' }, [r]);
    assert.ok(out.results.every((x) => x.status !== 'refused'), JSON.stringify(out.results));
  };
  await send(concern('gp-1', first));
  await send(concern('school-1', first)); // after the GP: a limited tie for the school
  await send(concern('hosp-1', limited));
  await send(concern('police-1', limited)); // limited
  await send(concern('school-1', referred));
  await send(referral('school-1', 'csc-1', referred)); // the referral's receiver: full
  await send(concern('gp-1', byLead));
  await send(meeting('csc-1', 'strategy-discussion', 'agencies', ['police-1'], byLead));
  await send(meeting('csc-1', 'conference', 'agenciesPresent', ['hosp-1'], byLead));
  await send(meeting('csc-1', 'core-group', 'agenciesAbsent', ['school-1'], byLead));
  await send(concern('gp-1', byOther));
  await send(meeting('hosp-1', 'strategy-discussion', 'agencies', ['police-1'], byOther)); // not the lead: no tie for police
  await send(concern('police-1', byWorker));
  await send(meeting('hosp-1', 'core-group', 'agenciesPresent', ['school-1'], byWorker)); // the lead once hosp-1's worker is allocated
  await send(concern('gp-1', granted));
  await send(concern('school-1', granted)); // limited, then granted the full picture

  const personOf = async (nhs: string) => (await repo.findPeople(operator, nhs)).people[0]!.id;
  const ids = await Promise.all(kids.map((k) => personOf(k.nhsNumber)));
  await repo.createUser(operator, { username: 'hana.hospital', displayName: 'Hana Hospital', agencyId: 'hosp-1', roles: ['practitioner'], password: 'a long enough passphrase 1' });
  await repo.assignCase(operator, ids[5]!, 'hana.hospital', 'allocated-worker');
  // The GP's allocated worker makes the GP the lead agency for the last child, and so the one to grant.
  const { userId } = await repo.createUser(operator, { username: 'gus.gp', displayName: 'Gus GP', agencyId: 'gp-1', roles: ['practitioner'], password: 'a long enough passphrase 2' });
  await repo.assignCase(operator, ids[6]!, 'gus.gp', 'allocated-worker');
  const gp: Actor = { kind: 'user', userId, username: 'gus.gp', agencyId: 'gp-1', roles: ['practitioner'], sessionId: 'tie-check' };
  await repo.grantRelationship(gp, ids[6]!, 'school-1', 'the school needs the attendance history');

  const agencies = [...TEST_AGENCIES.map((a) => a.id), 'school-1'];
  const expected: Record<string, number[]> = {
    // The lead's own records about a child others knew first give it a limited tie too (csc-1, hosp-1 below).
    'gp-1': [ids[0]!, ids[3]!, ids[4]!, ids[6]!],
    'hosp-1': [ids[1]!, ids[3]!],
    'police-1': [ids[3]!, ids[5]!],
    'csc-1': [ids[2]!],
    'school-1': [ids[2]!, ids[3]!, ids[5]!, ids[6]!],
  };
  const at = new Date();
  for (const agency of agencies) {
    const viewer = viewerOf({ kind: 'agency-system', agencyId: agency, keyId: 'tie-check' }, at);
    const listed = (await sql<{ id: number }>`select p.id from person p where ${knownTo(viewer, 'p.id')} order by 1`.execute(db.kysely)).rows.map((r) => Number(r.id));
    const checked: number[] = [];
    for (const id of ids) if ((await sql<{ ok: boolean }>`select ${mayRead(viewer, id)} as ok`.execute(db.kysely)).rows[0]!.ok) checked.push(id);
    const inList = listed.filter((id) => ids.includes(id));
    assert.deepEqual(checked, inList, `${agency}: the one-person check and the list disagree`);
    assert.deepEqual(checked, expected[agency]!.sort((a, b) => a - b), `${agency}: not the expected ties`);
  }
});

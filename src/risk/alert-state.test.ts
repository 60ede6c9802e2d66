// The engine's kept state in the database: written with the alerts, used by
// the next ingest, harmless when lost or wrong; and the children a change
// reaches without naming them (a split of the partner's record) looked at again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Repository } from '../app/repository.ts';
import { openDb, type Db } from '../db/connect.ts';
import type { AgencyRecord, PersonMention, ScenarioAgency } from '../records/types.ts';
import { NhsAllocator } from '../synth/nhs.ts';
import { operator } from '../../test/helpers/test-db.ts';
import { childEvidence } from '../household/household.ts';
import { signOffsOf } from '../statutory/sign-offs.ts';
import { agencyKinds, childhoodOf, firingKey, NOTICE_RULES } from './alerts.ts';
import { evaluateChild } from './engine.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const nhs = new NhsAllocator(4_242);
const home = { lines: ['7 Quay Street'], postcode: 'BS1 4DJ' };
const child: PersonMention = { key: 'c', role: 'subject', name: { given: 'Noor', family: 'Hale' }, dob: '2023-01-10', nhsNumber: nhs.next(), address: home };
const mother: PersonMention = { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Jo', family: 'Hale' }, dob: '1994-04-04', nhsNumber: nhs.next(), address: home, livesWithSubject: 'yes' };
const partner: PersonMention = { key: 'p', role: 'partner-of-parent', relationship: "mother's partner", name: { given: 'Cal', family: 'Rowe' }, dob: '1989-09-09', nhsNumber: nhs.next(), address: home };
const withoutLivesWith = ({ livesWithSubject: _, ...m }: PersonMention): PersonMention => m;
let n = 0;
const record = (agency: string, kind: AgencyRecord['kind'], on: string, people: PersonMention[], body: Record<string, unknown>) =>
  ({ format: 'agency-record/1', agency, ref: `st-${++n}`, kind, occurredAt: on, certainty: 'documented', people, body }) as AgencyRecord;

let db: Db;
let repo: Repository;
before(async () => {
  db = await openDb({ kind: 'pglite', memory: true });
  repo = new Repository(db, { clock: () => NOW });
  const agencies: ScenarioAgency[] = [{ id: 'st-hosp', kind: 'hospital', name: 'Hospital' }, { id: 'st-csc', kind: 'social-care', name: 'Social care' }, { id: 'st-police', kind: 'police', name: 'Police' }];
  for (const a of agencies) {
    await repo.registerAgency(operator, a);
  }
});
after(async () => db.close());

const childId = async () => (await db.kysely.selectFrom('mention as m').innerJoin('person_mention as pm', 'pm.mention_id', 'm.id')
  .select('pm.person_id').where('m.nhs_number', '=', child.nhsNumber!).executeTakeFirstOrThrow()).person_id;
const events = async () => (await db.kysely.selectFrom('alert_event').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
const alertsOf = async (id: number) => (await repo.alerts(operator, { personId: id, limit: 100, offset: 0 })).alerts
  .map((a) => `${a.rule}|${a.severity}|${a.status}|${a.events.filter((e) => e.kind === 'fired').length}`).sort();

/** The stored firings still standing, and what evaluating every day again gives, as firing keys. */
const standingKeys = async (id: number) => (await repo.alerts(operator, { personId: id, limit: 100, offset: 0 })).alerts
  .filter((a) => !(NOTICE_RULES as readonly string[]).includes(a.rule))
  .flatMap((a) => a.events.filter((e) => e.kind === 'fired' && !a.events.some((w) => w.kind === 'withdrawn' && w.firingKey === e.firingKey)).map((e) => e.firingKey!)).sort();
const fromScratch = (id: number) => db.kysely.transaction().execute(async (tx) => {
  const childhood = childhoodOf(id, (await childEvidence(tx, id))!, NOW.toISOString().slice(0, 10))!;
  return evaluateChild(id, childhood.records, { agencyKinds: await agencyKinds(tx), until: childhood.until, signOffs: (await signOffsOf(tx, [id])).get(id) ?? new Map() }).map(firingKey).sort();
});

test('the state is kept with the alerts, and the next record is evaluated from its own day', async () => {
  await repo.ingest(operator, [
    record('st-csc', 'conference', '2024-02-01', [child, mother, partner], { type: 'initial', decision: 'plan', categories: ['physical'] }),
    record('st-hosp', 'attendance', '2024-03-01', [child, mother], { setting: 'emergency', complaint: 'injury', injuries: [{ type: 'bruise', site: 'cheek' }], explanation: 'fell', examination: 'complete' }),
  ]);
  const id = await childId();
  const kept = await db.kysely.selectFrom('alert_state').select(['evaluated_through']).where('person_id', '=', id).executeTakeFirstOrThrow();
  assert.ok(kept.evaluated_through! >= '2024-03-01', 'looked at up to the newest record at least (and the deadlines after it, to the refresh)');
  await repo.ingest(operator, [record('st-hosp', 'attendance', '2024-04-02', [child, mother], { setting: 'emergency', complaint: 'injury', injuries: [{ type: 'bruise', site: 'ear' }], explanation: 'fell', examination: 'complete' })]);
  // Two TEN-4-FACESp bruises on a child on a plan weigh critical together (weigh.ts); the point here is that the
  // second fired on the same alert, from its own day.
  assert.ok((await alertsOf(id)).some((a) => /^ten-4-facesp\|(high|critical)\|open\|2$/.test(a)), 'the second TEN-4 bruise fired on the same alert');
});

test('a lost state, or one that disagrees with the stored alerts, changes nothing but the time taken', async () => {
  const id = await childId();
  const before = [await alertsOf(id), await events()];
  await db.kysely.deleteFrom('alert_state').where('person_id', '=', id).execute();
  await repo.refreshProcessAlerts(operator);
  assert.deepEqual([await alertsOf(id), await events()], before);
  // A state that says it found nothing: the stored firings before its first day run do not match, so all is run again.
  const row = await db.kysely.selectFrom('alert_state').select('state').where('person_id', '=', id).executeTakeFirstOrThrow();
  const wrong = { ...(row.state), firings: [] };
  await db.kysely.updateTable('alert_state').set({ state: JSON.stringify(wrong) as never }).where('person_id', '=', id).execute();
  await repo.ingest(operator, [record('st-hosp', 'appointment-missed', '2024-04-20', [child], { service: 'audiology', wasNotBrought: false })]);
  assert.deepEqual(await standingKeys(id), await fromScratch(id), 'what every day run again gives');
});

test("splitting the partner's police record into another person reaches the child the record does not name", async () => {
  // The police at the home about the adults: the partner is known to social care (named at the conference).
  await repo.ingest(operator, [record('st-police', 'police-action', '2024-05-01',
    [{ ...withoutLivesWith(mother), role: 'subject' }, { ...partner, role: 'alleged-perpetrator' }], { action: 'incident-attended', suspect: 'p', offence: 'domestic abuse' })]);
  const id = await childId();
  assert.ok(!(await alertsOf(id)).some((a) => a.startsWith('unknown-adult')), 'the partner is known to social care');
  const partnerId = (await db.kysely.selectFrom('mention as m').innerJoin('person_mention as pm', 'pm.mention_id', 'm.id')
    .select('pm.person_id').where('m.nhs_number', '=', partner.nhsNumber!).executeTakeFirstOrThrow()).person_id;
  // Split out: the man at the home in the police record is someone social care has never named.
  await repo.splitPerson(operator, partnerId, [`st-police/st-${n}#p`], { by: 'Test Worker', reason: 'a different man with the same name' });
  assert.ok((await alertsOf(id)).some((a) => a.startsWith('unknown-adult|critical')), 'an alleged perpetrator unknown to social care at the home of a child on a plan');
});

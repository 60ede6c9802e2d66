// Need-to-know under attack: writing about a child must not open reading about
// them (a limited view until the lead agency grants more, or break-glass), the
// privacy officer neither breaks glass nor is told of their own, and no read
// without a reader sees everyone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../src/shared/actor.ts';
import { canSee, mayRead, type Viewer } from '../../src/shared/relationship.ts';
import { personChronology } from '../../src/chronology/chronology.ts';
import { findPeople, parseSearch } from '../../src/identity/find-people.ts';
import { nhsCheckDigit } from '../../src/records/nhs-number.ts';
import type { AgencyRecord } from '../../src/records/types.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../helpers/test-api.ts';
import { operator } from '../helpers/test-db.ts';

let api: TestApi;
let schoolToken: string;
let teacher: SignedIn;
let socialWorker: SignedIn;
let gpDoctor: SignedIn;
let privacyOfficer: SignedIn;

before(async () => {
  api = await testApi();
  await api.repo.registerAgency(operator, { id: 'school-1', kind: 'school', name: 'Test Primary School' });
  schoolToken = (await api.repo.createApiKey(operator, 'school-1')).token;
  teacher = await signedInUser(api, { username: 'tia.teacher', agencyId: 'school-1', roles: ['safeguarding-lead'] });
  socialWorker = await signedInUser(api, { username: 'sam.social', agencyId: 'csc-1', roles: ['practitioner'] });
  gpDoctor = await signedInUser(api, { username: 'gina.gp', agencyId: 'gp-1', roles: ['practitioner'] });
  privacyOfficer = await signedInUser(api, { username: 'priya.privacy', agencyId: 'csc-1', roles: ['privacy-officer'] });
});
after(async () => api.close());

// ---- a child several agencies know: the GP first, a referral to social care, a conference with a plan ----

let serial = 0;
let nhsSerial = 100;
function nhsNumber(): string {
  for (;;) {
    const base = `999${String(nhsSerial++).padStart(6, '0')}`;
    const check = nhsCheckDigit(base);
    if (check !== null) return base + check;
  }
}

interface Child { personId: number; given: string; family: string; dob: string; nhs: string; postcode: string }

const person = (c: Omit<Child, 'personId'>) => ({
  key: 'c', role: 'subject' as const, name: { given: c.given, family: c.family }, dob: c.dob, nhsNumber: c.nhs,
  address: { lines: ['3 Secret Close'], postcode: c.postcode },
});

async function knownChild(): Promise<Child> {
  serial++;
  const letters = String.fromCharCode(97 + (serial % 26)) + String.fromCharCode(97 + Math.floor(serial / 26));
  const c = { given: `Kit${letters}`, family: `Attackson${letters}`, dob: `2018-0${1 + (serial % 9)}-1${serial % 10}`, nhs: nhsNumber(), postcode: `N${serial % 9 + 1} ${serial % 9 + 1}ZZ` };
  const records: AgencyRecord[] = [
    { format: 'agency-record/1', agency: 'gp-1', ref: `ntk-gp-${serial}`, kind: 'attendance', occurredAt: '2024-01-10', certainty: 'documented',
      people: [person(c)], body: { setting: 'gp', complaint: 'bruising to the ear noted by the GP' }, narrative: 'GP-ONLY-NARRATIVE' },
    { format: 'agency-record/1', agency: 'gp-1', ref: `ntk-ref-${serial}`, kind: 'referral', occurredAt: '2024-01-11', certainty: 'documented',
      people: [person(c)], body: { to: 'csc-1', reason: 'unexplained bruising', urgency: 'urgent' } },
    { format: 'agency-record/1', agency: 'csc-1', ref: `ntk-icpc-${serial}`, kind: 'conference', occurredAt: '2024-02-01', certainty: 'documented',
      people: [person(c)], body: { type: 'initial', decision: 'plan', categories: ['physical', 'neglect'], agenciesPresent: ['gp-1', 'csc-1'] } },
  ];
  await api.repo.ingest(operator, records);
  const found = await api.repo.findPeople(operator, c.nhs);
  assert.equal(found.people.length, 1, 'the child exists once');
  return { personId: found.people[0]!.id, ...c };
}

/** The school's system writes a concern naming the child by name, date of birth and NHS number. */
async function schoolWrites(c: Child, ref = `ntk-school-${c.personId}-${++serial}`): Promise<void> {
  const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { authorization: `Bearer ${schoolToken}` }, payload: {
    format: 'agency-record/1', agency: 'school-1', ref, kind: 'concern', occurredAt: '2024-03-01', certainty: 'documented',
    people: [{ key: 'c', role: 'subject', name: { given: c.given, family: c.family }, dob: c.dob, nhsNumber: c.nhs }],
    body: { description: 'child said she is hungry' },
  } });
  assert.equal(res.statusCode, 201, res.body);
}

const asSchool = (url: string) => api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${schoolToken}` } });
const jsonPost = (who: SignedIn, url: string, payload: unknown) => api.app.inject({
  method: 'POST', url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' }, payload: JSON.stringify(payload),
});
const schoolSystem: Actor = { kind: 'agency-system', agencyId: 'school-1', keyId: 'test' };

// ---- writing does not open reading ----

test('attack: a school that posts a concern about a child others know reads only its own records in the chronology', async () => {
  const c = await knownChild();
  assert.equal((await asSchool(`/api/people/${c.personId}/chronology`)).statusCode, 404, 'no relationship before writing');
  await schoolWrites(c);
  const res = await asSchool(`/api/people/${c.personId}/chronology`);
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.access, 'limited');
  assert.ok(body.entries.length > 0 && body.entries.every((e: { agency: { id: string } }) => e.agency.id === 'school-1'), 'its own records only');
  assert.ok(!res.body.includes('GP-ONLY-NARRATIVE') && !res.body.includes('bruising to the ear'), 'nothing of the GP\'s record');
  // The alerts routed to the school may name their rule (a rule about neglect fires on the school's own concern
  // of hunger); what must not show is the conference's plan and its categories, anywhere.
  const { alerts, ...rest } = body as { alerts: { explanation: string; events: unknown[] }[] };
  assert.ok(!/neglect|physical/.test(JSON.stringify(rest)), 'not the plan\'s categories');
  assert.ok(!/categor|physical|child-protection plan/i.test(JSON.stringify(alerts.map((a) => [a.explanation, a.events]))), 'not in the alerts either');
});

test('attack: the limited view says others hold records and whom to contact, without their contents', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const body = (await asSchool(`/api/people/${c.personId}/chronology`)).json();
  const held = Object.fromEntries(body.othersHold.map((h: { agencyKind: string; records: number }) => [h.agencyKind, h.records]));
  assert.ok(held['social-care'] >= 1, JSON.stringify(body.othersHold));
  // What the sharing policy hides from a school altogether (a GP's records), not even its existence is told.
  assert.equal(held.gp, undefined, JSON.stringify(body.othersHold));
  assert.deepEqual({ kind: body.contact.kind, agencyId: body.contact.agencyId }, { kind: 'duty-team', agencyId: 'csc-1' });
  await api.repo.assignCase(operator, c.personId, 'sam.social', 'allocated-worker');
  const after = (await asSchool(`/api/people/${c.personId}/chronology`)).json();
  assert.deepEqual({ kind: after.contact.kind, name: after.contact.name, agencyId: after.contact.agencyId }, { kind: 'allocated-worker', name: 'sam.social', agencyId: 'csc-1' });
});

test('attack: after writing, the school reading the child-protection process (the conference and its plan) is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  assert.equal((await asSchool(`/api/people/${c.personId}/process`)).statusCode, 404);
});

test('attack: after writing, the school reading the household is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  assert.equal((await asSchool(`/api/people/${c.personId}/household`)).statusCode, 404);
});

test('attack: after writing, the school finding the child in search or the people list gets nothing', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const found = await api.repo.findPeople(schoolSystem, c.nhs);
  assert.deepEqual(found.people.map((p) => p.id), []);
  const listed = (await asSchool('/api/people?limit=1000')).json().people as { id: number }[];
  assert.ok(!listed.some((p) => p.id === c.personId));
});

test('attack: the school searching by a postcode only another agency recorded does not learn where the child lives', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const res = await teacher.get(`/find?q=${encodeURIComponent(c.postcode)}`);
  assert.equal(res.statusCode, 200);
  assert.ok(!res.body.includes(c.family), 'the child is not found by the other agency\'s postcode');
});

test('attack: the school user opening the child\'s page after writing sees the limited page, not the conference or the GP\'s record', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const page = await teacher.get(`/people/${c.personId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /limited view/i);
  assert.match(page.body, /child said she is hungry/);
  assert.ok(!page.body.includes('bruising to the ear') && !page.body.includes('GP-ONLY-NARRATIVE'));
  assert.ok(!/child protection conference/i.test(page.body), 'no conference');
  assert.match(page.body, /Test children(&#39;|&#x27;|')s social care/, 'whom to contact');
});

test('attack: after writing, the school opening the conference record by its id is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const conference = (await api.repo.chronology(operator, c.personId))!.entries.find((e) => e.kind === 'conference')!;
  assert.equal((await teacher.get(`/people/${c.personId}/records/${conference.recordId}`)).statusCode, 404);
});

test('attack: after writing, the school printing the conference pack is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  assert.equal((await teacher.get(`/people/${c.personId}/conference-pack`)).statusCode, 404);
});

test('attack: writing again, or a new version of the same record, does not widen the limited view', async () => {
  const c = await knownChild();
  const ref = `ntk-again-${c.personId}`;
  await schoolWrites(c, ref);
  await schoolWrites(c);
  const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { authorization: `Bearer ${schoolToken}` }, payload: {
    format: 'agency-record/1', agency: 'school-1', ref, kind: 'concern', occurredAt: '2024-03-01', certainty: 'documented',
    people: [{ key: 'c', role: 'subject', name: { given: c.given, family: c.family }, dob: c.dob, nhsNumber: c.nhs }],
    body: { description: 'child said she is hungry; a second version' },
  } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await api.repo.chronology(schoolSystem, c.personId)), null);
  assert.equal((await asSchool(`/api/people/${c.personId}/chronology`)).json().access, 'limited');
});

test('attack: the school sending a strategy discussion that invites itself does not widen its view', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { authorization: `Bearer ${schoolToken}` }, payload: {
    format: 'agency-record/1', agency: 'school-1', ref: `ntk-fake-sd-${c.personId}`, kind: 'strategy-discussion', occurredAt: '2024-03-02', certainty: 'documented',
    people: [{ key: 'c', role: 'subject', name: { given: c.given, family: c.family }, dob: c.dob, nhsNumber: c.nhs }],
    body: { agencies: ['school-1', 'csc-1'], decision: 'section-47' },
  } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await api.repo.chronology(schoolSystem, c.personId)), null, 'only the lead agency\'s meeting invites');
});

test('attack: a limited relationship made by writing is told to the privacy officer', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const officer: Actor = { kind: 'user', userId: privacyOfficer.userId, username: privacyOfficer.username, agencyId: 'csc-1', roles: ['privacy-officer'], sessionId: 'test' };
  const alerts = (await api.repo.alerts(officer, { personId: c.personId, limit: 50, offset: 0 })).alerts;
  const notice = alerts.find((a) => a.rule === 'limited-relationship');
  assert.ok(notice, 'the privacy officer sees the notice');
  assert.match(notice.explanation, /school-1/);
});

// ---- the lead agency's grant ----

test('attack: the school\'s own system granting itself the full picture is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const res = await api.app.inject({ method: 'POST', url: `/api/people/${c.personId}/relationships`, headers: { authorization: `Bearer ${schoolToken}`, 'content-type': 'application/json' },
    payload: { agency: 'school-1', reason: 'we would like to see everything please' } });
  assert.equal(res.statusCode, 403, res.body);
  assert.equal((await api.repo.chronology(schoolSystem, c.personId)), null);
});

test('attack: a practitioner of an agency that is not the lead (the GP) granting the school the full picture is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const res = await jsonPost(gpDoctor, `/api/people/${c.personId}/relationships`, { agency: 'school-1', reason: 'the school is in the core group now' });
  assert.equal(res.statusCode, 403, res.body);
  assert.equal((await api.repo.chronology(schoolSystem, c.personId)), null);
});

test('attack: the lead agency granting the full picture with no reason is refused; with one, it is recorded, audited and opens the chronology', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const listed = await socialWorker.get(`/api/people/${c.personId}/relationships`);
  assert.deepEqual(listed.json().limited.map((a: { id: string }) => a.id), ['school-1']);
  assert.equal((await jsonPost(socialWorker, `/api/people/${c.personId}/relationships`, { agency: 'school-1', reason: ' ' })).statusCode, 422);
  assert.equal((await api.repo.chronology(schoolSystem, c.personId)), null);
  const ok = await jsonPost(socialWorker, `/api/people/${c.personId}/relationships`, { agency: 'school-1', reason: 'the school joins the core group' });
  assert.equal(ok.statusCode, 201, ok.body);
  const full = await api.repo.chronology(schoolSystem, c.personId);
  assert.ok(full && full.entries.some((e) => e.agency.id === 'csc-1'), 'the full picture, under the sharing policy');
  const audit = await api.db.kysely.selectFrom('audit').select(['actor', 'detail']).where('action', '=', 'relationship.grant').execute();
  assert.ok(audit.some((a) => a.actor === 'user:sam.social' && (a.detail as { reason?: string }).reason === 'the school joins the core group'));
});

test('attack: the school\'s safeguarding lead giving their own agency the full picture through the page is refused', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  assert.equal((await teacher.get(`/people/${c.personId}/relationships`)).statusCode, 404);
  const res = await teacher.post(`/people/${c.personId}/relationships`, { agency: 'school-1', reason: 'we are worried and want to know more' });
  assert.equal(res.statusCode, 404);
  assert.equal((await api.repo.chronology(schoolSystem, c.personId)), null);
});

test('a social worker of the lead agency gives the school the full picture through the page: a reason is needed, then the school sees the child\'s page', async () => {
  const c = await knownChild();
  await schoolWrites(c);
  const page = await socialWorker.get(`/people/${c.personId}/relationships`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Test Primary School/);
  const empty = await socialWorker.post(`/people/${c.personId}/relationships`, { agency: 'school-1', reason: '' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /govuk-error-summary/);
  const done = await socialWorker.post(`/people/${c.personId}/relationships`, { agency: 'school-1', reason: 'the school joins the core group' });
  assert.equal(done.statusCode, 303);
  const child = await teacher.get(`/people/${c.personId}`);
  assert.equal(child.statusCode, 200);
  assert.doesNotMatch(child.body, /Limited view/);
});

// ---- the privacy officer and break-glass ----

test('attack: a privacy officer breaking glass through the page is refused', async () => {
  const c = await knownChild();
  const res = await privacyOfficer.post(`/people/${c.personId}/break-glass`, { reason: 'I want to read this child\'s record' });
  assert.equal(res.statusCode, 403);
  assert.equal((await api.db.kysely.selectFrom('access_grant').select('id').where('person_id', '=', c.personId).execute()).length, 0);
  assert.equal((await privacyOfficer.get(`/people/${c.personId}`)).statusCode, 404);
});

test('attack: a privacy officer breaking glass through the API is refused', async () => {
  const c = await knownChild();
  const res = await jsonPost(privacyOfficer, `/api/people/${c.personId}/break-glass`, { reason: 'I want to read this child\'s record' });
  assert.equal(res.statusCode, 403, res.body);
  assert.equal((await api.db.kysely.selectFrom('access_grant').select('id').where('person_id', '=', c.personId).execute()).length, 0);
});

test('attack: someone who also holds a privacy-officer account breaks glass and the notice does not reach their own other account', async () => {
  const c = await knownChild();
  const doctor = await signedInUser(api, { username: 'dual.role', agencyId: 'hosp-1', roles: ['practitioner'] });
  const { userId: ownOfficerId } = await api.repo.createUser(operator, { username: 'dual.role.po', displayName: 'dual.role', agencyId: 'hosp-1', roles: ['privacy-officer'], password: 'a long enough password' });
  const res = await doctor.post(`/people/${c.personId}/break-glass`, { reason: 'child in resus, unconscious, need history' });
  assert.equal(res.statusCode, 303, res.body);
  const notice = (await api.repo.alerts(operator, { personId: c.personId, limit: 50, offset: 0 })).alerts.find((a) => a.rule === 'break-glass')!;
  assert.ok(!notice.recipients.includes(`user:${ownOfficerId}`), 'not the actor\'s own privacy-officer account');
  assert.ok(!notice.recipients.includes('role:privacy-officer'), 'not every privacy officer by role, the actor among them');
  assert.ok(notice.recipients.includes(`user:${privacyOfficer.userId}`), 'another privacy officer');
});

// ---- no reader is not everyone ----

test('attack: a null viewer slipped into the chronology query sees nothing instead of everything', async () => {
  const c = await knownChild();
  await assert.rejects(api.db.kysely.transaction().execute((tx) => personChronology(tx, c.personId, null as unknown as Viewer)), /no viewer/);
});

test('attack: an undefined viewer slipped into a relationship check or a search sees no one', async () => {
  const c = await knownChild();
  await assert.rejects(api.db.kysely.transaction().execute((tx) => canSee(tx, undefined as unknown as Viewer, c.personId)), /no viewer/);
  assert.throws(() => mayRead(null as unknown as Viewer, c.personId), /no viewer/);
  await assert.rejects(api.db.kysely.transaction().execute((tx) => findPeople(tx, parseSearch(c.nhs), undefined as unknown as Viewer)), /no viewer/);
});

test('attack: breaking glass where no other privacy officer exists still tells someone: the actor\'s agency\'s managers', async () => {
  const lone = await testApi();
  try {
    await lone.repo.ingest(operator, [{ format: 'agency-record/1', agency: 'gp-1', ref: 'lone-1', kind: 'concern', occurredAt: '2024-01-10', certainty: 'documented',
      people: [{ key: 'c', role: 'subject', name: { given: 'Lonny', family: 'Alone' }, dob: '2019-04-04' }], body: { description: 'seen' } }]);
    const personId = (await lone.repo.findPeople(operator, 'Lonny Alone')).people[0]!.id;
    const medic = await signedInUser(lone, { username: 'ed.medic', agencyId: 'hosp-1', roles: ['practitioner'] });
    const { userId: managerId } = await lone.repo.createUser(operator, { username: 'ed.manager', displayName: 'ED Manager', agencyId: 'hosp-1', roles: ['manager'], password: 'a long enough password' });
    assert.equal((await medic.post(`/people/${personId}/break-glass`, { reason: 'child in resus at 3 a.m., need history' })).statusCode, 303);
    const manager: Actor = { kind: 'user', userId: managerId, username: 'ed.manager', agencyId: 'hosp-1', roles: ['manager'], sessionId: 'test' };
    const seen = (await lone.repo.alerts(manager, { personId, limit: 50, offset: 0 })).alerts;
    assert.ok(seen.some((a) => a.rule === 'break-glass'), 'the manager of the actor\'s agency is told');
  } finally {
    await lone.close();
  }
});

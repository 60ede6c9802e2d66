// "Find a person": an adult the reader has no relationship with, named beside a child they do have one
// with in a record they read in full (the mother's partner as next of kin in a hospital record), is found
// by name and shown where the record names him, linked to the child's page, never to a page of his own.
// Attack-style checks: a reader with no relationship finds nobody; a reader whose sharing policy does not
// show the record in full finds nobody; what other agencies' records say about him (his date of birth in a
// police record) is not searchable through the child's records.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { operator } from '../../test/helpers/test-db.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';

let api: TestApi;
const now = new Date('2024-03-01T10:00:00Z');
let childId: number;
let adultId: number;
let hospitalRecordId: number;
let socialWorker: SignedIn;
let gp: SignedIn;
let otherForce: SignedIn;
let stranger: SignedIn;

const child: PersonMention = { key: 'child', role: 'subject', name: { given: 'Mila', family: 'Quenby' }, dob: '2021-05-05', nhsNumber: '9990001006', address: { lines: ['4 Sample Row', 'London'], postcode: 'E8 1AA' } };
const mother: PersonMention = { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Rhea', family: 'Quenby' }, dob: '1996-09-09' };
// Named by the hospital as next of kin: no date of birth there. The police hold his date of birth.
const partnerAsNextOfKin: PersonMention = { key: 'k', role: 'next-of-kin', relationship: 'partner of mother', name: { given: 'Darren', family: 'Wexcombe' }, nhsNumber: '9990001014' };
const partnerArrested: PersonMention = { key: 'd', role: 'alleged-perpetrator', name: { given: 'Darren', family: 'Wexcombe' }, dob: '1985-02-03', nhsNumber: '9990001014', address: { postcode: 'N4 2ZZ' } };
const clinician: PersonMention = { key: 'dr', role: 'professional', name: { given: 'Nadia', family: 'Orlow' } };

const rec = (agency: string, ref: string, occurredAt: string, kind: AgencyRecord['kind'], people: PersonMention[], body: Record<string, unknown>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', people, body });

before(async () => {
  api = await testApi({ clock: () => now });
  await api.repo.registerAgency(operator, { id: 'police-2', kind: 'police', name: 'Another police force' });
  await api.repo.registerAgency(operator, { id: 'gp-2', kind: 'gp', name: 'Another GP practice' });
  const out = await api.repo.ingest(operator, [
    rec('gp-1', 'fa-1', '2024-01-05', 'attendance', [child, mother], { setting: 'gp', complaint: 'cough', broughtBy: 'm', outcome: 'discharged-home' }),
    rec('gp-1', 'fa-2', '2024-01-06', 'referral', [child, mother], { to: 'csc-1', reason: 'unexplained bruising', urgency: 'within-24h', reportedBy: 'professional' }),
    rec('hosp-1', 'fa-3', '2024-02-01', 'attendance', [child, partnerAsNextOfKin, clinician], { setting: 'emergency', complaint: 'fall', broughtBy: 'k', outcome: 'discharged-home' }),
    rec('police-1', 'fa-4', '2024-02-10', 'police-action', [partnerArrested], { action: 'arrest', suspect: 'd', offence: 'assault' }),
    rec('csc-1', 'fa-5', '2024-02-20', 'conference', [child, mother], { type: 'initial', agenciesPresent: ['csc-1', 'police-2'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] }),
  ]);
  assert.deepEqual(out.results.map((r) => r.status), ['stored', 'stored', 'stored', 'stored', 'stored'], JSON.stringify(out.results));
  const { people } = await api.repo.people(operator);
  childId = people.find((p) => p.name === 'Mila Quenby')!.id;
  const adults = people.filter((p) => p.name === 'Darren Wexcombe');
  assert.equal(adults.length, 1, 'the hospital and the police mentions are one person (same NHS number)');
  adultId = adults[0]!.id;
  hospitalRecordId = Number((await api.db.kysely.selectFrom('record').select('id').where('ref', '=', 'fa-3').executeTakeFirstOrThrow()).id);
  socialWorker = await signedInUser(api, { username: 'sol.sw', agencyId: 'csc-1', roles: ['practitioner'], at: now });
  gp = await signedInUser(api, { username: 'gus.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
  otherForce = await signedInUser(api, { username: 'pat.p2', agencyId: 'police-2', roles: ['practitioner'], at: now });
  stranger = await signedInUser(api, { username: 'sue.gp2', agencyId: 'gp-2', roles: ['practitioner'], at: now });
});
after(async () => api.close());

const find = (u: SignedIn, q: string) => u.get(`/find?q=${encodeURIComponent(q)}`);
/** The page below the search box (the box itself echoes the query). */
const results = (body: string) => body.slice(body.indexOf('id="results"'));
const linksToAdult = (body: string) => body.includes(`/people/${adultId}"`) || body.includes(`/people/${adultId}#`);

describe('finding an adult named in a record about the reader\'s child', () => {
  test('the page says "Find a person"', async () => {
    const res = await socialWorker.get('/find');
    assert.match(res.body, /<h1 class="govuk-heading-l">Find a person<\/h1>/);
    assert.match(res.body, /aria-current="page"[^>]*>\s*Find a person|govuk-service-navigation__item--active[\s\S]*?Find a person/);
  });

  test('a social worker finds him by name, misspelt too: where he is named, as what, beside whom; linked to the child, not to him', async () => {
    for (const q of ['Darren Wexcombe', 'Daren Wexcomb', 'Wexcombe, Darren', '999 000 1014']) {
      const res = await find(socialWorker, q);
      assert.equal(res.statusCode, 200, q);
      assert.match(res.body, /1 person found/, q);
      assert.match(res.body, /Named in records you can read/, q);
      assert.ok(res.body.includes('<td class="govuk-table__cell">Darren Wexcombe</td>'), q);
      assert.match(res.body, /As partner of mother, Test hospital, 1 February 2024: in the records of <a class="govuk-link" href="\/people\/\d+#record-\d+">Mila Quenby<\/a>/, q);
      assert.ok(res.body.includes(`href="/people/${childId}#record-${hospitalRecordId}"`), q);
      assert.ok(!linksToAdult(res.body), `${q}: no link to a page of his own`);
    }
    assert.equal((await socialWorker.get(`/people/${adultId}`)).statusCode, 404, 'his own page stays not found');
  });

  test('a GP finds him too: health sees a hospital record in full', async () => {
    const found = await api.repo.findPeople({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k' }, 'Darren Wexcombe');
    assert.deepEqual(found.people, []);
    assert.deepEqual(found.namedBeside.map((p) => [p.personId, p.namedIn.map((n) => n.source)]), [[adultId, ['hosp-1/fa-3']]]);
    assert.deepEqual(found.namedBeside[0]!.namedIn[0]!.beside, [{ id: childId, name: 'Mila Quenby' }]);
    assert.ok((await find(gp, 'Darren Wexcombe')).body.includes(`href="/people/${childId}#record-${hospitalRecordId}"`));
  });

  test('the operator, who sees everyone, finds him as a person of his own (the data is there)', async () => {
    const found = await api.repo.findPeople(operator, 'Darren Wexcombe 03/02/1985');
    assert.deepEqual(found.people.map((p) => p.id), [adultId]);
    assert.deepEqual(found.namedBeside, []);
  });

  test('the search is audited: his id among the people shown, never the text', async () => {
    await find(socialWorker, 'Darren Wexcombe');
    const rows = await api.db.kysely.selectFrom('audit').select(['person_ids', 'detail', 'actor']).where('action', '=', 'people.search').execute();
    const mine = rows.filter((r) => JSON.stringify(r.detail).includes('"namedBeside":[' + adultId + ']'));
    assert.ok(mine.length > 0, JSON.stringify(rows.map((r) => r.detail)));
    for (const r of mine) {
      assert.ok((r.person_ids).map(Number).includes(adultId));
      assert.ok(!/darren|wexcombe/i.test(JSON.stringify(r.detail)));
    }
  });
});

describe('attack: no back door to an adult', () => {
  test('a reader with no relationship with anyone finds nobody, by name, NHS number, date of birth or postcode', async () => {
    for (const q of ['Darren Wexcombe', 'Wexcombe', '999 000 1014', '03/02/1985', 'N4 2ZZ', 'Mila Quenby', '9990001006']) {
      const res = await find(stranger, q);
      assert.equal(res.statusCode, 200, q);
      assert.match(res.body, /No one found/, q);
      assert.ok(!linksToAdult(res.body) && !results(res.body).includes('Wexcombe') && !res.body.includes(`/people/${childId}`), q);
      const asSystem = await api.repo.findPeople({ kind: 'agency-system', agencyId: 'gp-2', keyId: 'k' }, q);
      assert.deepEqual([asSystem.people, asSystem.namedBeside], [[], []], q);
    }
  });

  test('a reader who knows the child but is not shown the record in full (police: health records in outline) does not find him', async () => {
    const res = await find(otherForce, 'Darren Wexcombe');
    assert.match(res.body, /No one found/);
    assert.ok(!results(res.body).includes('Wexcombe'));
    // The same reader does find the child and the mother: the relationship is there, the record is not theirs to read in full.
    assert.ok((await find(otherForce, 'Mila Quenby')).body.includes(`href="/people/${childId}"`));
  });

  test('what another agency holds about him is not searchable through the child: his date of birth is only in a police record', async () => {
    for (const q of ['03/02/1985', 'Darren 03/02/1985', 'N4 2ZZ']) {
      const res = await find(socialWorker, q);
      assert.match(res.body, /No one found/, q);
      assert.ok(!results(res.body).includes('Wexcombe'), q);
    }
    const found = await api.repo.findPeople(operator, '03/02/1985');
    assert.deepEqual(found.people.map((p) => p.id), [adultId], 'the operator finds him by it: the date is stored');
  });

  test('professionals named in a record are not searched as people named beside the child', async () => {
    const found = await api.repo.findPeople({ kind: 'agency-system', agencyId: 'csc-1', keyId: 'k' }, 'Nadia Orlow');
    assert.deepEqual(found.namedBeside, []);
  });
});

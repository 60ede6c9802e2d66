// Identity decisions end to end through the repository and the HTTP API: the
// review queue (confirm, reject), split, unmerge, history, and that a wrong
// merge is undone without any record or mention being lost.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Repository } from '../app/repository.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';
import { operator, tableCounts, testRepository, type TestDb } from '../../test/helpers/test-db.ts';
import { testApi, type TestApi } from '../../test/helpers/test-api.ts';

let n = 0;
function seen(agency: string, person: Omit<PersonMention, 'key' | 'role'>): AgencyRecord {
  n++;
  return {
    format: 'agency-record/1', agency, ref: `d-${n}`, kind: 'concern', occurredAt: '2024-03-04', certainty: 'documented',
    people: [{ key: 'c', role: 'subject', ...person }], body: { description: 'seen' },
  };
}

const personOf = async (repo: Repository, mention: string) =>
  (await repo.people(operator)).people.find((p) => p.mentions.includes(mention))?.id;

describe('the review queue, split and unmerge', () => {
  let db: TestDb;
  let repo: Repository;
  before(async () => ({ db, repo } = await testRepository()));
  after(async () => db.drop());

  // Same unusual name, no date of birth, two different addresses: maybe one person, maybe not.
  const marcus = (agency: string, postcode: string, family = 'Hollingbury') =>
    seen(agency, { name: { given: 'Marcus', family }, address: { lines: [], postcode } });

  test('an unsure pair waits for a person: confirm merges them, with the reason and who decided in the history', async () => {
    const a = marcus('gp-1', 'N17 9ZZ');
    const b = marcus('police-1', 'SE1 7PB');
    await repo.ingest(operator, [a]);
    await repo.ingest(operator, [b]);
    const [pa, pb] = [await personOf(repo, `gp-1/${a.ref}#c`), await personOf(repo, `police-1/${b.ref}#c`)];
    assert.notEqual(pa, pb, 'not joined automatically');
    const queue = await repo.reviews(operator);
    const review = queue.reviews.find((r) => r.mention.source === `police-1/${b.ref}#c`)!;
    assert.ok(review, 'the pair is in the queue');
    assert.equal(review.candidate.source, `gp-1/${a.ref}#c`);
    assert.ok(review.terms.some((t) => t.comparison === 'postcode' && t.weight < 0), 'the terms say what disagrees');

    await assert.rejects(repo.decideReview(operator, review.id, 'same', { reason: ' ' }), /say why/);
    const out = await repo.decideReview(operator, review.id, 'same', { reason: 'same date of birth on the phone', by: 'A Social Worker' });
    assert.equal(out.mergedInto, Math.min(pa!, pb!));
    assert.equal(await personOf(repo, `police-1/${b.ref}#c`), await personOf(repo, `gp-1/${a.ref}#c`));
    assert.equal((await repo.reviews(operator)).reviews.some((r) => r.id === review.id), false, 'decided reviews leave the queue');
    await assert.rejects(repo.decideReview(operator, review.id, 'different', { reason: 'again' }), /already decided/);

    const history = (await repo.linkHistory(operator, out.mergedInto))!;
    const confirmed = history.find((h) => h.rule === 'confirmed')!;
    assert.match(confirmed.why, /same date of birth on the phone/);
    assert.match(confirmed.decidedBy, /A Social Worker/);
  });

  test('unmerge undoes a wrong merge: every mention goes back, nothing is lost, and they are never rejoined', async () => {
    const a = marcus('gp-1', 'E8 1AA', 'Quillfeather');
    const b = marcus('police-1', 'SW1A 1AA', 'Quillfeather');
    await repo.ingest(operator, [a]);
    await repo.ingest(operator, [b]);
    const review = (await repo.reviews(operator)).reviews.find((r) => r.mention.source === `police-1/${b.ref}#c`)!;
    const { mergedInto } = await repo.decideReview(operator, review.id, 'same', { reason: 'looked alike' });
    const former = [review.mention.personId, review.candidate.personId].find((p) => p !== mergedInto)!;
    const before = await tableCounts(db);

    const out = await repo.unmergePerson(operator, mergedInto!, former, { reason: 'different dates of birth found', by: 'Team Manager' });
    assert.equal(out.newPersonId, former);
    assert.notEqual(await personOf(repo, `gp-1/${a.ref}#c`), await personOf(repo, `police-1/${b.ref}#c`));
    const afterCounts = await tableCounts(db);
    assert.equal(afterCounts.record, before.record, 'no record lost or added');
    assert.equal(afterCounts.mention, before.mention, 'no mention lost or added');

    // The same police record again as a new version: it still may not join the GP's person.
    await repo.ingest(operator, [{ ...b, narrative: 'resent' }]);
    assert.notEqual(await personOf(repo, `gp-1/${a.ref}#c`), await personOf(repo, `police-1/${b.ref}#c`));
    const history = (await repo.linkHistory(operator, former))!;
    assert.deepEqual(history.filter((h) => h.mention === `police-1/${b.ref}#c`).map((h) => h.rule).slice(0, 3), ['new-person', 'confirmed', 'unmerge']);
  });

  test('reject keeps two people apart for good, even when a later mention matches both', async () => {
    const a = marcus('gp-1', 'N15 4QQ', 'Farnaby-Yeo');
    const b = { ...marcus('police-1', 'N16 8AA', 'Farnaby-Yeo') };
    b.people = [{ ...b.people[0]!, localId: 'MP-77' }];
    await repo.ingest(operator, [a]);
    await repo.ingest(operator, [b]);
    const review = (await repo.reviews(operator)).reviews.find((r) => r.mention.source === `police-1/${b.ref}#c`)!;
    await repo.decideReview(operator, review.id, 'different', { reason: 'father and son', by: 'Social Worker' });
    // A police record with b's police id and a's postcode: it links outright to b and strongly to a, yet may not join them.
    const bridge = seen('police-1', { name: { given: 'Marcus', family: 'Farnaby-Yeo' }, localId: 'MP-77', address: { lines: [], postcode: 'N15 4QQ' } });
    await repo.ingest(operator, [bridge]);
    assert.equal(await personOf(repo, `police-1/${bridge.ref}#c`), await personOf(repo, `police-1/${b.ref}#c`));
    assert.notEqual(await personOf(repo, `gp-1/${a.ref}#c`), await personOf(repo, `police-1/${b.ref}#c`));
    const flagged = (await repo.reviews(operator)).reviews.find((r) => r.mention.source === `police-1/${bridge.ref}#c`);
    assert.match(flagged!.why, /decided they are different people/);
  });

  test('split takes mentions out into a new person; a merge of different NHS numbers is refused', async () => {
    const one = seen('gp-1', { name: { given: 'Nia', family: 'Splitwell' }, dob: '2015-05-05', nhsNumber: '9434765919' });
    const two = seen('hosp-1', { name: { given: 'Nia', family: 'Splitwell' }, dob: '2015-05-05', nhsNumber: '9434765919' });
    const three = seen('police-1', { name: { given: 'Nia', family: 'Splitwell' }, dob: '2015-05-05' });
    await repo.ingest(operator, [one, two, three]);
    const p = (await personOf(repo, `gp-1/${one.ref}#c`))!;
    assert.equal(await personOf(repo, `police-1/${three.ref}#c`), p);
    await assert.rejects(repo.splitPerson(operator, p, [`gp-1/${one.ref}#c`, `hosp-1/${two.ref}#c`, `police-1/${three.ref}#c`], { reason: 'x' }), /nothing would be left/);
    const out = await repo.splitPerson(operator, p, [`police-1/${three.ref}#c`], { reason: 'police had her cousin', by: 'Analyst' });
    assert.equal(await personOf(repo, `police-1/${three.ref}#c`), out.newPersonId);
    assert.equal(await personOf(repo, `gp-1/${one.ref}#c`), p);
    assert.ok((await repo.chronology(operator, out.newPersonId))!.entries.some((e) => e.source === `police-1/${three.ref}`));

    const other = seen('gp-1', { name: { given: 'Nia', family: 'Splitwell' }, dob: '2015-05-05', nhsNumber: '4010232137' });
    await repo.ingest(operator, [other]);
    const q = (await personOf(repo, `gp-1/${other.ref}#c`))!;
    assert.notEqual(q, p);
    const review = (await repo.reviews(operator)).reviews.find((r) => [r.mention.personId, r.candidate.personId].includes(q));
    if (review) await assert.rejects(repo.decideReview(operator, review.id, 'same', { reason: 'x' }), /different NHS numbers/);
  });

  test('an administrator (who does not work with children) cannot change who is who', async () => {
    const admin = { kind: 'user', userId: 1, username: 'admin', agencyId: 'gp-1', roles: ['administrator'], sessionId: 's' } as const;
    await assert.rejects(repo.splitPerson(admin, 1, ['1'], { reason: 'x', by: 'y' }), /only practitioners, managers and safeguarding leads/);
  });
});

describe('identity decisions over HTTP', () => {
  let api: TestApi;
  before(async () => { api = await testApi(); });
  after(async () => api.close());
  const auth = () => ({ authorization: `Bearer ${api.token}` });

  test('list, then confirm with a reason; a body without one is refused with its field', async () => {
    const a = seen('gp-1', { name: { given: 'Orla', family: 'Penhaligon' }, address: { lines: [], postcode: 'N1 1AA' } });
    const b = seen('gp-1', { name: { given: 'Orla', family: 'Penhaligon' }, address: { lines: [], postcode: 'SE1 7PB' } });
    for (const r of [a, b]) {
      const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: auth(), payload: r });
      assert.equal(res.statusCode, 201, res.body);
    }
    const list = await api.app.inject({ method: 'GET', url: '/api/reviews', headers: auth() });
    assert.equal(list.statusCode, 200);
    const review = list.json().reviews[0];
    assert.ok(review, list.body);

    const bad = await api.app.inject({ method: 'POST', url: `/api/reviews/${review.id}/confirm`, headers: auth(), payload: { by: 'X' } });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error, 'invalid');
    const noKey = await api.app.inject({ method: 'POST', url: `/api/reviews/${review.id}/confirm`, payload: { by: 'X', reason: 'y' } });
    assert.equal(noKey.statusCode, 401);

    const ok = await api.app.inject({ method: 'POST', url: `/api/reviews/${review.id}/confirm`, headers: auth(), payload: { by: 'Dr Who', reason: 'same patient' } });
    assert.equal(ok.statusCode, 200, ok.body);
    const history = await api.app.inject({ method: 'GET', url: `/api/people/${ok.json().mergedInto}/history`, headers: auth() });
    assert.ok(history.json().history.some((h: { rule: string }) => h.rule === 'confirmed'));
    const missing = await api.app.inject({ method: 'POST', url: '/api/reviews/999999/reject', headers: auth(), payload: { by: 'X', reason: 'y' } });
    assert.equal(missing.statusCode, 404);
  });
});

// Alerts through the repository and the HTTP API: raised on ingest with their
// recipients, deduplicated, acknowledged / actioned / closed by a named person,
// escalated when nobody acknowledges them in time, withdrawn when the records
// stop supporting them, and shown in the chronology.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyRecord } from '../records/types.ts';
import { testApi, type TestApi } from '../../test/helpers/test-api.ts';
import { operator } from '../../test/helpers/test-db.ts';
import { childhoodOf, NOTICE_RULES } from './alerts.ts';
import { standingFirings } from './lifecycle.ts';
import { eighteenthBirthday } from '../household/adulthood.ts';
import type { EvidenceRecord } from '../household/derive.ts';

let n = 0;
const child = { key: 'c', role: 'subject' as const, name: { given: 'Iris', family: 'Alertson' }, dob: '2023-01-10', nhsNumber: '9434765919', address: { lines: ['2 Elm Row'], postcode: 'E8 1AA' } };
function seen(agency: string, on: string, injuries: { type: string; site: string }[], extra: Partial<AgencyRecord> = {}): AgencyRecord {
  n++;
  return {
    format: 'agency-record/1', agency, ref: `al-${n}`, kind: 'attendance', occurredAt: on, certainty: 'documented', people: [child],
    body: { setting: 'emergency', complaint: 'injury', injuries, explanation: 'fell against the table', examination: 'complete' },
    author: { name: 'Dr Reed', role: 'doctor' }, ...extra,
  } as AgencyRecord;
}

describe('alerts', () => {
  let api: TestApi;
  let now = new Date('2024-06-01T09:00:00Z');
  before(async () => { api = await testApi({ clock: () => now }); });
  after(async () => api.close());
  const auth = () => ({ authorization: `Bearer ${api.token}` });

  test('a TEN-4 bruise raises one high alert, told to the agencies involved; a second one updates it, not a new alert', async () => {
    await api.repo.ingest(operator, [seen('hosp-1', '2024-05-01', [{ type: 'bruise', site: 'ear' }])]);
    let list = await api.repo.alerts(operator, { limit: 50, offset: 0 });
    const ten4 = list.alerts.filter((a) => a.rule === 'ten-4-facesp');
    assert.equal(ten4.length, 1);
    assert.equal(ten4[0]!.severity, 'high');
    assert.ok(ten4[0]!.recipients.includes('agency:hosp-1'));
    await api.repo.ingest(operator, [seen('gp-1', '2024-05-20', [{ type: 'bruise', site: 'neck' }])]);
    list = await api.repo.alerts(operator, { limit: 50, offset: 0 });
    const again = list.alerts.filter((a) => a.rule === 'ten-4-facesp');
    assert.equal(again.length, 1, 'deduplicated: the open alert is updated');
    assert.equal(again[0]!.events.filter((e) => e.kind === 'fired').length, 2);
    assert.ok(again[0]!.recipients.includes('agency:gp-1'));
    assert.equal(again[0]!.lastFiredOn, '2024-05-20');
  });

  test('the chronology shows each alert on the record that made it fire', async () => {
    const people = (await api.repo.people(operator)).people;
    const c = (await api.repo.chronology(operator, people[0]!.id))!;
    assert.ok(c.entries.every((e) => e.alerts.some((a) => a.rule === 'ten-4-facesp' && a.firedOn === e.occurredOn)));
  });

  test('an agency sees only alerts routed to it; acknowledge, action and close need a named person, close a reason', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/alerts', headers: auth() });
    assert.equal(res.statusCode, 200);
    const visible = res.json().alerts as { id: number; recipients: string[]; status: string }[];
    assert.ok(visible.length > 0 && visible.every((a) => a.recipients.includes('agency:gp-1')));
    const id = visible[0]!.id;
    const noName = await api.app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: auth(), payload: {} });
    assert.equal(noName.statusCode, 422);
    const ack = await api.app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: auth(), payload: { by: 'Nurse Lee' } });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().status, 'acknowledged');
    const twice = await api.app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: auth(), payload: { by: 'Nurse Lee' } });
    assert.equal(twice.statusCode, 409);
    const closeWithout = await api.app.inject({ method: 'POST', url: `/api/alerts/${id}/close`, headers: auth(), payload: { by: 'Nurse Lee' } });
    assert.equal(closeWithout.statusCode, 422);
    const close = await api.app.inject({ method: 'POST', url: `/api/alerts/${id}/close`, headers: auth(), payload: { by: 'Nurse Lee', reason: 'strategy discussion held; plan in place' } });
    assert.equal(close.statusCode, 200);
    const history = (await api.repo.alerts(operator, { status: 'closed', limit: 50, offset: 0 })).alerts.find((a) => a.id === id)!;
    assert.deepEqual(history.events.filter((e) => e.by).map((e) => e.kind), ['acknowledged', 'closed']);
    assert.match(history.events.at(-1)!.by!, /Nurse Lee/);

    // Routed elsewhere: police-1's alert is not gp-1's to see or act on.
    await api.repo.ingest(operator, [{ ...seen('police-1', '2024-05-25', []), kind: 'concern', body: { category: 'physical', description: 'neighbour heard screaming' } }]);
    const all = (await api.repo.alerts(operator, { limit: 50, offset: 0 })).alerts;
    const foreign = all.find((a) => !a.recipients.includes('agency:gp-1'));
    if (foreign) {
      const denied = await api.app.inject({ method: 'POST', url: `/api/alerts/${foreign.id}/acknowledge`, headers: auth(), payload: { by: 'X' } });
      assert.equal(denied.statusCode, 403);
    }
  });

  test('an alert nobody acknowledges is escalated to the duty manager once its time is up, and only once', async () => {
    const otto = { ...child, name: { given: 'Otto', family: 'Escalade' }, dob: '2022-02-02', nhsNumber: '4010232137' };
    await api.repo.ingest(operator, [{ ...seen('hosp-1', '2024-05-30', [{ type: 'bruise', site: 'cheek' }]), people: [otto] }]);
    const open = (await api.repo.alerts(operator, { status: 'open', limit: 50, offset: 0 })).alerts.filter((a) => !a.escalatedAt);
    const high = open.find((a) => a.severity === 'high' && a.firstFiredOn === '2024-05-30');
    assert.ok(high, 'an open high alert to escalate');
    now = new Date(now.getTime() + 90 * 60_000); // an hour and a half: a critical alert waits one, a high one four
    const first = (await api.repo.escalateAlerts(operator)).escalated;
    assert.deepEqual(first.sort(), open.filter((a) => a.severity === 'critical').map((a) => a.id).sort());
    now = new Date(now.getTime() + 3 * 60 * 60_000);
    assert.ok((await api.repo.escalateAlerts(operator)).escalated.includes(high.id));
    assert.deepEqual((await api.repo.escalateAlerts(operator)).escalated, []);
    const after = (await api.repo.alerts(operator, { limit: 50, offset: 0 })).alerts.find((a) => a.id === high.id)!;
    assert.ok(after.recipients.includes('manager:duty'));
    assert.ok(after.events.some((e) => e.kind === 'escalated'));
  });

  test('a corrected record withdraws the firing it made, and an alert left with none is closed by the engine, with the history kept', async () => {
    const ada = { ...child, name: { given: 'Ada', family: 'Corrigan' }, dob: '2022-03-03', nhsNumber: '9990000018' };
    const wrong = { ...seen('hosp-1', '2024-05-31', [{ type: 'bruise', site: 'ear' }]), people: [ada] };
    await api.repo.ingest(operator, [wrong]);
    const mine = async () => (await api.repo.alerts(operator, { status: undefined, limit: 100, offset: 0 })).alerts
      .filter((a) => a.evidence.includes(`hosp-1/${wrong.ref}`) && a.rule === 'ten-4-facesp');
    assert.equal((await mine())[0]?.status, 'open');
    // The hospital corrects it: the mark was on the shin.
    await api.repo.ingest(operator, [{ ...wrong, body: { ...wrong.body, injuries: [{ type: 'bruise', site: 'shin' }] } }]);
    const [after] = await mine();
    assert.equal(after!.status, 'closed');
    assert.deepEqual(after!.events.map((e) => e.kind), ['fired', 'withdrawn', 'closed']);
  });

  test('a firing withdrawn and then supported again stands: the chronology marks it and the standing firings list it', async () => {
    const noor = { ...child, name: { given: 'Noor', family: 'Refire' }, dob: '2022-04-04', nhsNumber: '9990000034', address: { lines: ['9 Quay Lane'], postcode: 'N1 9ZZ' } };
    const earlier = { ...seen('gp-1', '2024-05-20', [{ type: 'bruise', site: 'neck' }]), people: [noor] };
    const charted = { ...seen('hosp-1', '2024-05-30', [{ type: 'bruise', site: 'ear' }]), people: [noor] };
    const shin = { ...charted, body: { ...charted.body, injuries: [{ type: 'bruise', site: 'shin' }] } };
    await api.repo.ingest(operator, [earlier]);
    await api.repo.ingest(operator, [charted]);
    await api.repo.ingest(operator, [shin]); // amended: its firing is withdrawn; the alert stays open on the earlier one
    await api.repo.ingest(operator, [charted]); // amended back: the same firing is supported again
    const [alert, ...more] = (await api.repo.alerts(operator, { limit: 500, offset: 0 })).alerts
      .filter((a) => a.evidence.includes(`gp-1/${earlier.ref}`) && a.rule === 'ten-4-facesp');
    assert.equal(more.length, 0, 'one alert');
    const keyed = alert!.events.filter((e) => e.kind === 'fired' || e.kind === 'withdrawn');
    const refired = keyed.filter((e) => e.firingKey === keyed.find((w) => w.kind === 'withdrawn')?.firingKey).map((e) => e.kind);
    assert.deepEqual(refired, ['fired', 'withdrawn', 'fired'], 'the engine fired the withdrawn firing again, same key, same alert');
    assert.deepEqual(standingFirings([alert!]).map((f) => f.evidence.includes(`hosp-1/${charted.ref}`)).sort(), [false, true]);
    const c = await api.repo.chronology(operator, alert!.personId);
    const entry = c!.entries.find((e) => e.source === `hosp-1/${charted.ref}`);
    assert.ok(entry?.alerts.some((a) => a.rule === 'ten-4-facesp' && a.alertId === alert!.id), 'the chronology marks the firing on its record');
  });

  test('a later record correcting a charted bruise as a Mongolian blue spot withdraws the high firing, saying why, and the alert shows the correction', async () => {
    const bea = { ...child, name: { given: 'Bea', family: 'Spotwell' }, dob: '2024-03-01', nhsNumber: '9990000026' };
    const charted = { ...seen('hosp-1', '2024-05-20', [{ type: 'bruise', site: 'back' }]), people: [bea], narrative: 'Bruise to lower back, mother unsure how.' } as AgencyRecord;
    await api.repo.ingest(operator, [charted]);
    const mine = async () => (await api.repo.alerts(operator, { status: undefined, limit: 100, offset: 0 })).alerts
      .filter((a) => a.evidence.includes(`hosp-1/${charted.ref}`) && a.rule === 'ten-4-facesp');
    assert.equal((await mine())[0]?.severity, 'high');
    const correction = { ...seen('hosp-1', '2024-05-22', []), people: [bea], body: { setting: 'outpatient', complaint: 'review of mark', examination: 'complete' },
      narrative: 'Correction to entry of 20 May: Mongolian blue spot, not a bruise.' } as AgencyRecord;
    await api.repo.ingest(operator, [correction]);
    const [after] = await mine();
    const withdrawn = after!.events.find((e) => e.kind === 'withdrawn');
    assert.match(withdrawn?.reason ?? '', new RegExp(`withdrawn by a correction: hosp-1/${charted.ref} was corrected by hosp-1/${correction.ref}`));
    assert.equal(after!.severity, 'low', 'the firing left on its day is low');
    assert.match(after!.explanation, /Not counted: corrected by a later record/);
  });
});

describe('growing up: alerts raised about a child stand once they are 18; records about the adult raise none', () => {
  let api: TestApi;
  // Today is long after the records, as for the Baby P demo (2006-2007) seen in 2026.
  const now = new Date('2026-12-01T09:00:00Z');
  before(async () => { api = await testApi({ clock: () => now }); });
  after(async () => api.close());
  const jo = { key: 'c', role: 'subject' as const, name: { given: 'Jo', family: 'Grownup' }, dob: '2006-03-01', address: { lines: ['3 Elm Row'], postcode: 'E8 1AA' } };
  const at = (agency: string, on: string, injuries: { type: string; site: string }[], people: AgencyRecord['people'] = [jo]) =>
    ({ ...seen(agency, on, injuries), people }) as AgencyRecord;
  // The risk rules' alerts (a notice about access, such as a limited relationship opened by writing, is not one).
  const standing = async (personId: number) => (await api.repo.alerts(operator, { personId, status: 'not-closed', limit: 50, offset: 0 })).alerts
    .filter((a) => !(NOTICE_RULES as readonly string[]).includes(a.rule));

  test('an adult record, even an injury and even naming them as a parent, withdraws nothing and raises nothing', async () => {
    await api.repo.ingest(operator, [at('hosp-1', '2006-09-01', [{ type: 'bruise', site: 'ear' }])]);
    const id = (await api.repo.people(operator)).people.find((p) => p.name === 'Jo Grownup')!.id;
    const before = await standing(id);
    assert.deepEqual(before.map((a) => a.rule).filter((r) => r === 'ten-4-facesp'), ['ten-4-facesp'], 'the baby\'s bruise raised TEN-4');

    // At 20: a bruise to the ear (TEN-4 would fire on a baby) and, later, Jo as the mother of a child of her own.
    await api.repo.ingest(operator, [at('gp-1', '2026-06-01', [{ type: 'bruise', site: 'ear' }])]);
    const baby = { key: 'b', role: 'subject' as const, name: { given: 'Kit', family: 'Grownup' }, dob: '2026-08-01', address: jo.address };
    await api.repo.ingest(operator, [at('gp-1', '2026-10-01', [], [baby, { ...jo, key: 'm', role: 'parent' as const, relationship: 'mother' }])]);
    assert.equal((await api.repo.people(operator)).people.filter((p) => p.name === 'Jo Grownup').length, 1, 'one Jo throughout');

    const after = await standing(id);
    assert.deepEqual(after.map((a) => `${a.rule}:${a.status}`).sort(), before.map((a) => `${a.rule}:${a.status}`).sort(), 'the alerts of her childhood stand');
    assert.ok(after.every((a) => a.lastFiredOn < '2024-03-01'), 'nothing fired on a record after her 18th birthday');
    const all = (await api.repo.alerts(operator, { personId: id, limit: 50, offset: 0 })).alerts;
    assert.ok(all.every((a) => a.events.every((e) => e.kind !== 'withdrawn')), 'no firing withdrawn');
  });
});

describe('eighteenthBirthday and childhoodOf', () => {
  test('the 18th birthday from a date of birth as full as it is known', () => {
    assert.equal(eighteenthBirthday('2006-03-01'), '2024-03-01');
    assert.equal(eighteenthBirthday('2008-02-29'), '2026-03-01', 'born on 29 February: 18 on 1 March');
    assert.equal(eighteenthBirthday('2006-05'), '2024-05-01');
    assert.equal(eighteenthBirthday('2006'), '2024-01-01');
    assert.equal(eighteenthBirthday(null), null);
  });

  test('the rules look no later than the day before the 18th birthday', () => {
    const rec = (on: string, dob: string | null, role: 'subject' | 'parent' = 'subject') => ({
      recordId: 1, source: `x/${on}`, agencyId: 'x', occurredOn: on, kind: 'concern',
      document: { people: [{ key: 'c', role, name: { given: 'A', family: 'B' }, ...(dob ? { dob } : {}) }] }, personOf: { c: 7 },
    }) as unknown as EvidenceRecord;
    const young = childhoodOf(7, [rec('2010-01-01', '2006-03-01'), rec('2025-01-01', '2006-03-01')], '2026-12-01');
    assert.deepEqual(young?.records.map((r) => r.occurredOn), ['2010-01-01']);
    assert.equal(young?.until, '2024-02-29');
    assert.equal(childhoodOf(7, [rec('2010-01-01', '2006-03-01')], '2011-05-05')?.until, '2011-05-05', 'a child now: up to today');
    assert.equal(childhoodOf(7, [rec('2025-01-01', '2006-03-01')], '2026-12-01'), null, 'known only as an adult');
    assert.equal(childhoodOf(7, [rec('2025-01-01', null)], '2026-12-01')?.until, '2026-12-01', 'no date of birth and never an adult role: a child');
    assert.equal(childhoodOf(7, [rec('2025-01-01', null), rec('2025-02-01', null, 'parent')], '2026-12-01'), null, 'no date of birth, named as a parent');
  });
});

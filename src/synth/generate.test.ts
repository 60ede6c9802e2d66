import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyRecord, PersonMention, Scenario } from '../records/types.ts';
import { validateRecord } from '../records/validate.ts';
import { isValidNhsNumber } from '../records/nhs-number.ts';
import { childrenForRecords, generateRecords, generateScenario, synthAgencies } from './generate.ts';
import { typo, swapDayMonth } from './noise.ts';
import { Rng } from './random.ts';
import { dayOf } from './dates.ts';

// One medium population shared by the checks below (~30k records).
const CHILDREN = 3000;
const scenario = generateScenario({ seed: 7, children: CHILDREN });
const clean = generateScenario({ seed: 7, children: 600, noise: 0 });
const noisy = generateScenario({ seed: 11, children: 600, noise: 3 });

interface Member { person: string; kind: string; dob: string; from?: string; to?: string }
interface HouseholdTruth { members: Member[]; addresses: { from?: string; postcode: string }[] }
const householdsOf = (s: Scenario): Record<string, HouseholdTruth> => s.truth?.households as Record<string, HouseholdTruth>;

function mentionsById(s: Scenario): Map<string, PersonMention> {
  const out = new Map<string, PersonMention>();
  for (const r of s.records) for (const p of r.people) out.set(`${r.agency}/${r.ref}#${p.key}`, p);
  return out;
}


test('same options give byte-identical output; a different seed gives different output', () => {
  const a = generateScenario({ seed: 123, children: 150 });
  const b = generateScenario({ seed: 123, children: 150 });
  assert.deepStrictEqual(a, b);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  const c = generateScenario({ seed: 124, children: 150 });
  assert.notEqual(JSON.stringify(c.records), JSON.stringify(a.records));
  assert.equal(a.id, 'synth-123-150');
  assert.equal(a.format, 'scenario/1');
});

test('generateRecords streams the same records as generateScenario, and honours maxRecords', () => {
  const s = generateScenario({ seed: 5, children: 200 });
  assert.deepStrictEqual([...generateRecords({ seed: 5, children: 200 })], s.records);
  const first = [...generateRecords({ seed: 5, children: 200, maxRecords: 100 })];
  assert.equal(first.length, 100);
  assert.deepStrictEqual(first, s.records.slice(0, 100));
});

test("every record passes the project's own validation (the schema, NHS check digits, key references, dates)", () => {
  const now = new Date('2026-11-21T12:00:00Z');
  for (const s of [scenario, clean, noisy]) {
    for (const r of s.records) {
      const v = validateRecord(r, now);
      assert.ok(v.ok, `${r.agency}/${r.ref}: ${JSON.stringify(v.ok ? [] : v.problems)}`);
    }
  }
});

test('envelopes: unique refs per agency, known agencies, sorted dates inside the period', () => {
  const agencies = new Set(scenario.agencies.map((a) => a.id));
  const refs = new Set<string>();
  let last = '';
  for (const r of scenario.records) {
    assert.ok(agencies.has(r.agency), r.agency);
    const id = `${r.agency}/${r.ref}`;
    assert.ok(!refs.has(id), `duplicate ${id}`);
    refs.add(id);
    assert.ok(r.occurredAt >= last, 'records are sorted by occurredAt');
    last = r.occurredAt;
    assert.ok(r.occurredAt >= '2019-04-01' && r.occurredAt <= '2022-03-31', `${id} ${r.occurredAt}`);
    assert.ok(r.people.length >= 1);
    if (r.kind === 'referral') assert.ok(agencies.has(String(r.body.to)));
  }
  assert.deepStrictEqual(synthAgencies({ seed: 7, children: CHILDREN }), scenario.agencies);
});

test('NHS numbers: health agencies only, 999 test range, modulus-11 valid, one per person', () => {
  const kindOf = new Map(scenario.agencies.map((a) => [a.id, a.kind]));
  const mentions = mentionsById(scenario);
  const owner = new Map<string, string>();
  let seen = 0;
  for (const [label, ids] of Object.entries(scenario.truth?.people ?? {})) {
    for (const id of ids) {
      const m = mentions.get(id);
      if (!m?.nhsNumber) continue;
      seen++;
      const agency = id.split('/')[0]!;
      assert.ok(['gp', 'hospital', 'health-visiting'].includes(kindOf.get(agency) ?? ''), `NHS number from ${agency}`);
      assert.ok(isValidNhsNumber(m.nhsNumber), m.nhsNumber);
      assert.ok(m.nhsNumber.startsWith('999'));
      const prev = owner.get(m.nhsNumber);
      assert.ok(prev === undefined || prev === label, `${m.nhsNumber} shared by ${prev} and ${label}`);
      owner.set(m.nhsNumber, label);
    }
  }
  assert.ok(seen > 1000);
});

test('no record is dated before the birth of anyone in it (true or recorded date of birth)', () => {
  for (const s of [scenario, noisy]) {
    const dob = new Map<string, string>();
    for (const h of Object.values(householdsOf(s))) for (const m of h.members) dob.set(m.person, m.dob);
    const labelOf = new Map<string, string>();
    for (const [label, ids] of Object.entries(s.truth?.people ?? {})) for (const id of ids) labelOf.set(id, label);
    for (const r of s.records) {
      for (const p of r.people) {
        const label = labelOf.get(`${r.agency}/${r.ref}#${p.key}`)!;
        assert.ok(r.occurredAt >= (dob.get(label)!), `${r.agency}/${r.ref} before ${label} was born`);
        if (p.dob && p.dob.length === 10) assert.ok(r.occurredAt >= p.dob, `${r.agency}/${r.ref} before recorded dob ${p.dob}`);
      }
    }
  }
});

test('truth: every mention belongs to exactly one real person, and nothing else is listed', () => {
  for (const s of [scenario, clean, noisy]) {
    const all = new Set<string>();
    for (const r of s.records) for (const p of r.people) all.add(`${r.agency}/${r.ref}#${p.key}`);
    const seen = new Set<string>();
    for (const ids of Object.values(s.truth?.people ?? {})) {
      for (const id of ids) {
        assert.ok(all.has(id), `truth lists unknown mention ${id}`);
        assert.ok(!seen.has(id), `${id} is in two truth lists`);
        seen.add(id);
      }
    }
    assert.equal(seen.size, all.size);
  }
});

test('households change: moves, partners moving in and out, births in the period', () => {
  const hh = Object.values(householdsOf(scenario));
  const count = (f: (h: HouseholdTruth) => boolean): number => hh.filter(f).length;
  assert.ok(count((h) => h.addresses.length > 1) > hh.length * 0.1, 'some households move');
  assert.ok(count((h) => h.members.some((m) => m.kind === 'partner' && m.from !== undefined)) > 10, 'some gain a partner');
  assert.ok(count((h) => h.members.some((m) => m.kind !== 'child' && m.to !== undefined)) > 10, 'some lose a partner');
  assert.ok(count((h) => h.members.some((m) => m.kind === 'child' && m.from !== undefined)) > 100, 'some children are born in the period');
  const children = hh.flatMap((h) => h.members.filter((m) => m.kind === 'child'));
  assert.equal(children.length, CHILDREN);
  assert.ok(hh.every((h) => h.members.filter((m) => m.kind === 'child').length <= 4));
  const kinds = new Set(scenario.records.map((r) => r.kind));
  for (const k of ['attendance', 'visit', 'concern', 'referral', 'appointment-missed', 'police-action', 'demographics', 'household-change', 'strategy-discussion', 'conference', 'core-group']) {
    assert.ok(kinds.has(k as AgencyRecord['kind']), `no ${k} records`);
  }
});

test('noise 0: every mention of a person carries the same name, dob and NHS number', () => {
  const mentions = mentionsById(clean);
  for (const [label, ids] of Object.entries(clean.truth?.people ?? {})) {
    const names = new Set(ids.map((id) => JSON.stringify(mentions.get(id)?.name)));
    assert.equal(names.size, 1, `${label}: ${[...names].join(' / ')}`);
    const dobs = new Set(ids.map((id) => mentions.get(id)?.dob));
    assert.equal(dobs.size, 1, `${label} dobs ${[...dobs].join(' / ')}`);
    const health = ids.filter((id) => /^(gp|hospital|hv)-/.test(id));
    const nhs = new Set(health.map((id) => mentions.get(id)?.nhsNumber));
    assert.ok(health.length === 0 || (nhs.size === 1 && !nhs.has(undefined)), `${label} NHS numbers ${[...nhs].join(' / ')}`);
    for (const id of ids) {
      const m = mentions.get(id)!;
      assert.ok(m.sex !== undefined && m.address?.postcode !== undefined && !m.aliases);
      assert.match(m.address.postcode ?? '', /^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
    }
  }
});

test('default noise varies names, formats and fields, while structure matches noise 0', () => {
  const mentions = mentionsById(scenario);
  let varied = 0;
  let multi = 0;
  for (const ids of Object.values(scenario.truth?.people ?? {})) {
    if (ids.length < 2) continue;
    multi++;
    if (new Set(ids.map((id) => JSON.stringify(mentions.get(id)?.name))).size > 1) varied++;
  }
  assert.ok(varied > multi * 0.05, `${varied} of ${multi} people vary`);
  const all = [...mentions.values()];
  assert.ok(all.some((m) => m.address?.postcode && /^[a-z0-9]+$/.test(m.address.postcode)), "lower-case 'n176aa' postcodes");
  assert.ok(all.some((m) => m.address?.postcode && /^[A-Z0-9]+$/.test(m.address.postcode)), "unspaced 'N176AA' postcodes");
  assert.ok(all.some((m) => m.dob === undefined), 'missing dobs');
  assert.ok(all.some((m) => m.address === undefined), 'missing addresses');
  assert.ok(all.some((m) => m.aliases !== undefined), 'surname changes kept as aliases');
  const police = scenario.records.filter((r) => r.agency === 'police-1').flatMap((r) => r.people);
  assert.ok(police.length > 0 && police.every((m) => m.name.family === m.name.family?.toUpperCase()), 'police surnames in capitals');

  // Same seed, different noise: the same records about the same people.
  const a = generateScenario({ seed: 7, children: 600, noise: 1 });
  assert.equal(a.records.length, clean.records.length);
  a.records.forEach((r, i) => {
    const c = clean.records[i]!;
    assert.equal(`${r.agency}/${r.ref} ${r.kind} ${r.occurredAt} ${r.people.length}`, `${c.agency}/${c.ref} ${c.kind} ${c.occurredAt} ${c.people.length}`);
  });
});

test('activity rates are close to the stated ones', () => {
  const start = dayOf(2019, 4, 1);
  const end = dayOf(2022, 4, 1);
  const day = (iso: string): number => dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
  let childYears = 0;
  let births = 0;
  for (const h of Object.values(householdsOf(scenario))) {
    for (const m of h.members) {
      if (m.kind !== 'child') continue;
      const dob = day(m.dob);
      if (dob >= start) births++;
      const from = Math.max(start, dob);
      const to = Math.min(end, dayOf(Number(m.dob.slice(0, 4)) + 18, Number(m.dob.slice(5, 7)), Math.min(28, Number(m.dob.slice(8, 10)))));
      if (to > from) childYears += (to - from) / 365.25;
    }
  }
  const rate = (f: (r: AgencyRecord) => boolean): number => scenario.records.filter(f).length / childYears;
  const gp = rate((r) => r.kind === 'attendance' && r.body.setting === 'gp' && r.people[0]?.key === 'child');
  const ed = rate((r) => r.kind === 'attendance' && r.body.setting === 'emergency');
  // Referrals are written per child, so count a referral (or a public contact to social care) per child.
  const referrals = rate((r) => r.kind === 'referral' || (r.kind === 'concern' && r.agency === 'csc-1' && String(r.body.description).startsWith('contact')));
  const plans = rate((r) => r.kind === 'conference' && r.body.type === 'initial' && r.body.decision === 'plan');
  const newBirthVisits = scenario.records.filter((r) => r.agency === 'hv-1' && r.kind === 'visit' && String(r.body.observations).startsWith('new birth visit')).length;
  // Weighted over ages 0-17, GP consultations come to ~1.8 a child-year (6.7 under one, ~1.1-2.4 older).
  assert.ok(gp > 1.4 && gp < 2.3, `GP consultations per child-year ${gp.toFixed(2)}`);
  assert.ok(ed > 0.28 && ed < 0.48, `ED attendances per child-year ${ed.toFixed(3)}`);
  assert.ok(referrals > 0.035 && referrals < 0.075, `referrals per child-year ${referrals.toFixed(4)} (DfE 0.053)`);
  assert.ok(plans > 0.001 && plans < 0.009, `new child protection plans per child-year ${plans.toFixed(4)} (DfE ~0.005)`);
  assert.ok(newBirthVisits / births > 0.8 && newBirthVisits / births <= 1, `new birth visits per birth ${newBirthVisits}/${births}`);
});

test('helpers: children for a record count; the period never passes 2026-11-21', () => {
  const n = childrenForRecords(20_000, { seed: 3 });
  assert.ok(n > 1000 && n < 4000, `${n} children`);
  let count = 0;
  let last = '';
  for (const r of generateRecords({ seed: 3, children: 200, start: '2025-06-01', years: 3 })) {
    count++;
    last = r.occurredAt;
  }
  assert.ok(count > 0 && last <= '2026-11-21', last);
  assert.throws(() => generateScenario({ seed: 1, children: 0 }));
  assert.throws(() => generateScenario({ seed: 1, children: 10, start: '2019-02-30' }));
});

test('noise helpers: typos change a name but keep its first letter; swaps only make real, earlier dates', () => {
  const rng = new Rng(1);
  for (let i = 0; i < 200; i++) {
    const t = typo(rng, 'Katherine');
    assert.notEqual(t, 'Katherine');
    assert.equal(t[0], 'K');
    assert.ok(Math.abs(t.length - 9) <= 1);
  }
  assert.equal(swapDayMonth(dayOf(2010, 3, 5), dayOf(2019, 4, 1)), '2010-05-03');
  assert.equal(swapDayMonth(dayOf(2010, 3, 25), dayOf(2019, 4, 1)), undefined); // 25 is no month
  assert.equal(swapDayMonth(dayOf(2010, 4, 4), dayOf(2019, 4, 1)), undefined); // no change
  assert.equal(swapDayMonth(dayOf(2020, 3, 5), dayOf(2019, 4, 1)), undefined); // would be after the birth, inside the period
  assert.equal(swapDayMonth(dayOf(2020, 5, 3), dayOf(2019, 4, 1)), '2020-03-05');
});

// Benign injuries: at the rates and sites stated in clinical.ts and rates.ts,
// always explained, always examined in full, and the GP review of an ED injury
// telling the same story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyRecord, Injury } from '../records/types.ts';
import { accidentalInjury, stageAt, type Stage } from './clinical.ts';
import { generateByHousehold, generateScenario } from './generate.ts';
import { Rng } from './random.ts';
import { byAge, ED_INJURY_SHARE } from './rates.ts';

const TEN4 = new Set(['chest', 'abdomen', 'back', 'buttock', 'genitals', 'ear', 'neck', 'frenulum', 'jaw-angle', 'cheek', 'eyelid', 'subconjunctiva']);
const NO_EXPLANATION = /^\s*(none|no explanation|unexplained|unknown|not known|nil)\b|\b(none clear|unclear|not clear|cannot explain|can't explain|no clear explanation)\b/i;

/** Many draws of a benign injury at an age, in one setting. */
function draws(months: number, setting: 'emergency' | 'gp', n = 20_000): Injury[] {
  const rng = new Rng(99, months);
  return Array.from({ length: n }, () => {
    const p = accidentalInjury(rng, months, setting);
    assert.ok(p.explanation.length > 5 && !NO_EXPLANATION.test(p.explanation), `explanation "${p.explanation}"`);
    assert.ok(p.complaint.length > 3);
    return p.injury;
  });
}
const share = (xs: Injury[], f: (i: Injury) => boolean) => xs.filter(f).length / xs.length;
const bruise = (i: Injury) => i.type === 'bruise';

test('stages of mobility follow the WHO windows used in clinical.ts', () => {
  const at: [number, Stage][] = [[0, 'pre-mobile'], [5, 'pre-mobile'], [6, 'early-mobile'], [8, 'early-mobile'], [9, 'cruising'], [11, 'cruising'],
    [12, 'toddler'], [47, 'toddler'], [48, 'child'], [143, 'child'], [144, 'teenager'], [215, 'teenager']];
  for (const [m, s] of at) assert.equal(stageAt(m), s, `${m} months`);
});

test('babies are injured too: bruises at the Pierce 2016 rates, no fractures before 7 months', () => {
  const pre = draws(3, 'emergency');
  const mobile = draws(8, 'emergency');
  // Stated: bruises are 13% of pre-mobile and 34% of older infants' injury attendances ...
  assert.ok(Math.abs(share(pre, bruise) - 0.13) < 0.01, `pre-mobile bruise share ${share(pre, bruise)}`);
  assert.ok(Math.abs(share(mobile, bruise) - 0.34) < 0.015, `mobile infant bruise share ${share(mobile, bruise)}`);
  // ... so about 1.1% of ED attendances under 6 months and about 5% at 6-11 months record a bruise.
  const edUnder6 = byAge(ED_INJURY_SHARE, 0.25) * share(pre, bruise);
  const ed6to11 = byAge(ED_INJURY_SHARE, 0.75) * share(mobile, bruise);
  assert.ok(edUnder6 > 0.008 && edUnder6 < 0.014, `ED bruise share under 6 months ${edUnder6}`);
  assert.ok(ed6to11 > 0.04 && ed6to11 < 0.06, `ED bruise share 6-11 months ${ed6to11}`);
  assert.equal(share(pre, (i) => i.type === 'fracture'), 0, 'no fractures under 7 months (Rosendahl 2021)');
  assert.equal(share(draws(6, 'emergency'), (i) => i.type === 'fracture'), 0);
  const f = share(draws(9, 'emergency'), (i) => i.type === 'fracture');
  assert.ok(f > 0.005 && f < 0.02, `fractures at 9 months ${f}`);
  assert.equal(share(draws(20, 'gp'), (i) => i.type === 'fracture'), 0, 'fractures go to ED, not the GP');
  // Head injuries from falls are the commonest infant injury.
  assert.ok(share(pre, (i) => i.type === 'head-injury') > 0.5);
});

test("toddlers' bruises: mostly shins, knees and forehead; TEN-4 regions get their small published share", () => {
  const bruises = draws(24, 'emergency', 60_000).filter(bruise);
  const onFront = share(bruises, (i) => ['shin', 'knee', 'forehead'].includes(i.site));
  assert.ok(onFront > 0.65 && onFront < 0.72, `shins, knees, forehead ${onFront}`);
  const ten4 = share(bruises, (i) => TEN4.has(i.site));
  assert.ok(ten4 > 0.055 && ten4 < 0.085, `TEN-4 regions ${ten4} (stated ~7%)`);
  for (const site of ['ear', 'neck', 'buttock']) assert.ok(share(bruises, (i) => i.site === site) < 0.01, `${site} under 1% (Kemp 2015)`);
  assert.ok(bruises.some((i) => i.site === 'cheek') && bruises.some((i) => i.site === 'ear') && bruises.some((i) => i.site === 'back'), 'not avoided entirely');
  assert.ok(bruises.every((i) => !i.patterned && i.type === 'bruise'));
  const fractures = share(draws(24, 'emergency'), (i) => i.type === 'fracture');
  assert.ok(fractures > 0.03 && fractures < 0.05, `toddler fractures ${fractures} (stated 4%)`);
});

test('in a population: injuries at every age, each explained and examined in full; GP reviews repeat the ED account', () => {
  const s = generateScenario({ seed: 21, children: 4000 });
  const labelOf = new Map<string, string>();
  for (const [label, ids] of Object.entries(s.truth!.people)) for (const id of ids) labelOf.set(id, label);
  const dobOf = new Map<string, string>();
  for (const h of Object.values(s.truth!.households as Record<string, { members: { person: string; dob: string }[] }>)) for (const m of h.members) dobOf.set(m.person, m.dob);
  const child = (r: AgencyRecord) => labelOf.get(`${r.agency}/${r.ref}#child`)!;
  const months = (r: AgencyRecord) => {
    const [y, m, d] = dobOf.get(child(r))!.split('-').map(Number) as [number, number, number];
    const [y2, m2, d2] = r.occurredAt.split('-').map(Number) as [number, number, number];
    return (y2 - y) * 12 + (m2 - m) - (d2 < d ? 1 : 0);
  };
  const injured = s.records.filter((r) => r.kind === 'attendance' && r.body.injuries);
  assert.ok(injured.length > 300);
  for (const r of injured) {
    assert.equal(r.body.examination, 'complete', `${r.agency}/${r.ref}`);
    assert.ok(typeof r.body.explanation === 'string' && !NO_EXPLANATION.test(r.body.explanation), `${r.agency}/${r.ref}`);
  }
  const infants = injured.filter((r) => months(r) < 12);
  assert.ok(infants.length > 10, `${infants.length} infant injuries`);
  assert.ok(infants.some((r) => months(r) < 6), 'some under 6 months');
  const reviews = s.records.filter((r) => String(r.body.complaint).startsWith('review after emergency attendance'));
  assert.ok(reviews.length > 10, `${reviews.length} GP reviews`);
  for (const g of reviews) {
    const ed = injured.filter((r) => r.body.setting === 'emergency' && child(r) === child(g) && r.occurredAt <= g.occurredAt
      && r.body.explanation === g.body.explanation && JSON.stringify(r.body.injuries) === JSON.stringify(g.body.injuries));
    assert.ok(ed.length > 0, `${g.agency}/${g.ref} repeats an ED attendance's injury and account`);
  }
});

test('generateByHousehold gives the same people and events as generateScenario, household by household', () => {
  const opts = { seed: 33, children: 400 };
  const s = generateScenario(opts);
  const labelOf = new Map<string, string>();
  for (const [label, ids] of Object.entries(s.truth!.people)) for (const id of ids) labelOf.set(id, label);
  const describe = (r: AgencyRecord, label: (key: string) => string) =>
    `${r.agency} ${r.kind} ${r.occurredAt} ${r.people.map((p) => `${p.key}=${label(p.key)}`).join(',')} ${JSON.stringify(r.body)}`;
  const whole = s.records.map((r) => describe(r, (k) => labelOf.get(`${r.agency}/${r.ref}#${k}`)!)).sort();
  const parts: string[] = [];
  const households: string[] = [];
  for (const h of generateByHousehold(opts)) {
    households.push(h.household);
    const own = new Map<string, string>();
    for (const [label, ids] of Object.entries(h.people)) for (const id of ids) own.set(id, label);
    for (const r of h.records) parts.push(describe(r, (k) => own.get(`${r.agency}/${r.ref}#${k}`)!));
  }
  assert.deepEqual(parts.sort(), whole);
  assert.deepEqual(households, Object.keys(s.truth!.households as object));
});

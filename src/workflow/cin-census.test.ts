// The Children in Need census: the synthetic population's export validates with
// xmllint against the DfE schema, the local rules report deliberately broken
// cases (the 45- and 15-working-day rules on England's calendar among them), and
// the Baby P scenario's census for 2007 passes and fails exactly what it should.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateScenario } from '../synth/generate.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../app/load.ts';
import { Repository } from '../app/repository.ts';
import type { Scenario } from '../records/types.ts';
import { operator, testDb, type TestDb } from '../../test/helpers/test-db.ts';
import { addWorkingDays } from '../statutory/calendar.ts';
import { censusChild, cinCensus, cinXml, validateCinXml, type CinCensusResult, type CinRecordRow } from './cin-census.ts';
import { censusPeriod, checkCinRules, type CinChild, type CinEpisode } from './cin-rules.ts';

const NOW = new Date('2021-05-10T09:30:00Z');
const datasets = (p: string): string => fileURLToPath(new URL(`../../datasets/cin/${p}`, import.meta.url));
const codes = (r: { problems: { code: string; severity: string }[] }, severity?: string): string[] =>
  [...new Set(r.problems.filter((p) => !severity || p.severity === severity).map((p) => p.code))].sort();

describe('CIN census of the synthetic population (2019-04 to 2022-03), year ending 31 March 2021', () => {
  let db: TestDb;
  let census: CinCensusResult;
  before(async () => {
    db = await testDb();
    const repo = new Repository(db);
    const scenario = generateScenario({ seed: 5, children: 300 });
    await registerAgencies(repo, operator, scenario.agencies);
    await ingestInBatches(repo, operator, scenario.records, { batchSize: 500 });
    census = await db.kysely.transaction().execute((tx) => cinCensus(tx, 2021, { lea: '201', now: NOW }));
  }, { timeout: 300_000 });
  after(async () => db?.drop());

  test('has children, with section 47 enquiries and protection plans among them, all in the census year', () => {
    assert.ok(census.children > 10, `children: ${census.children}`);
    assert.equal(census.children, census.census.length);
    assert.equal((census.xml.match(/<Child>/g) ?? []).length, census.children);
    const episodes = census.census.flatMap((c) => c.episodes);
    assert.ok(episodes.some((e) => e.section47.length > 0 && e.plans.length > 0), 'a section 47 enquiry that led to a plan');
    assert.ok(episodes.some((e) => e.cinPlans.length > 0), 'a child-in-need plan');
    assert.ok(episodes.some((e) => e.closureDate), 'a closed episode');
    for (const e of episodes) {
      assert.ok(e.referralDate! <= '2021-03-31' && (!e.closureDate || e.closureDate >= '2020-04-01'), JSON.stringify(e));
    }
    assert.match(census.xml, /<ReferenceDate>2021-03-31<\/ReferenceDate>[\s\S]*<LEA>201<\/LEA>[\s\S]*<DateTime>2021-05-10T09:30:00<\/DateTime>/);
  });

  test('validates with xmllint against the 2024 schema (NumberOfPreviousCPP widened to allow 0)', async () => {
    const v = await validateCinXml(census.xml);
    assert.deepEqual(v.errors, []);
    assert.equal(v.ok, true);
  });

  test('against the schema file exactly as published, the only errors are first plans (0 previous plans)', async () => {
    const v = await validateCinXml(census.xml, { exact: true });
    assert.equal(v.ok, false);
    assert.ok(v.errors.length > 0);
    for (const e of v.errors) assert.match(e, /NumberOfPreviousCPP': '0' is not a valid value of the atomic type 'xs:positiveInteger'/);
  });

  test('the rules find no errors in it; what the records cannot give is reported as data problems', () => {
    assert.deepEqual(codes(census, 'error'), []);
    assert.ok(codes(census, 'data').includes('TL-MAP-ASSESSMENT'), 'assessments whose authorisation no record shows');
    assert.ok(codes(census, 'data').includes('TL-MAP-UPN'));
    for (const p of census.problems) assert.ok(p.child === '' || census.census.some((c) => c.laChildId === p.child), p.child);
  });
});

// ---------------------------------------------------------------- broken cases, fed straight to the rules

const PERIOD = censusPeriod(2021);
function child(episode: Partial<CinEpisode>, extra: Partial<CinChild> = {}): CinChild {
  return {
    laChildId: 'C1', birthDate: '2015-06-01', gender: '2', ethnicity: 'NOBT',
    episodes: [{ referralDate: '2020-11-02', referralSource: '3A', primaryNeed: 'N1', assessments: [], cinPlans: [], section47: [], referralNfa: false, plans: [], ...episode }],
    ...extra,
  };
}
const problems = (c: CinChild): { code: string; child: string; message: string }[] => checkCinRules([c], PERIOD);
const codesOf = (c: CinChild): string[] => [...new Set(problems(c).map((p) => p.code))].sort();

describe('the local rules on deliberately broken cases', () => {
  test('a well-formed child passes every rule', () => {
    const ok = child({
      assessments: [{ start: '2020-11-03', authorised: '2020-12-01' }],
      section47: [{ start: '2020-11-03', icpcTarget: addWorkingDays('2020-11-03', 15), icpcDate: '2020-11-20', icpcNotRequired: false }],
      plans: [{ start: '2020-11-20', initialCategory: 'NEG', latestCategory: 'MUL', previousPlans: 0, reviews: ['2021-02-19'] }],
    });
    assert.deepEqual(problems(ok), []);
  });

  test('45-working-day rule: authorised on the 46th working day after the referral is reported, on the 45th is not (bank holidays count)', () => {
    // Referral on 1 March 2021: Good Friday, Easter Monday and the early May bank holiday fall in the 45 working days,
    // so the 45th is 6 May (48 weekdays on). Checked in the census year ending 31 March 2022.
    const referralDate = '2021-03-01';
    assert.equal(addWorkingDays(referralDate, 45), '2021-05-06');
    const at = (n: number): CinChild => child({ referralDate, assessments: [{ start: '2021-03-02', authorised: addWorkingDays(referralDate, n) }] });
    const period = censusPeriod(2022);
    assert.deepEqual(checkCinRules([at(45)], period), []);
    const late = checkCinRules([at(46)], period);
    assert.deepEqual(late.map((p) => [p.child, p.code, p.severity]), [['C1', 'TL-45WD', 'query']]);
    assert.equal(late[0]!.message, 'assessment authorised on 2021-05-07, 46 working days after the referral of 2021-03-01; due by 2021-05-06');
  });

  test('15-working-day rule across Christmas and New Year: the 16th working day is reported, the 15th is not', () => {
    // Strategy discussion Monday 14 December 2020: 25 and 28 December (Boxing Day substitute) and 1 January are
    // bank holidays, so the 15th working day is Thursday 7 January 2021 (18 weekdays on).
    const start = '2020-12-14';
    assert.equal(addWorkingDays(start, 15), '2021-01-07');
    const s47 = (icpcDate: string) => child({
      referralDate: '2020-12-11', section47: [{ start, icpcTarget: addWorkingDays(start, 15), icpcDate, icpcNotRequired: false }],
      plans: [{ start: icpcDate, initialCategory: 'PHY', latestCategory: 'PHY', previousPlans: 0, reviews: ['2021-03-01'] }],
    });
    assert.deepEqual(codesOf(s47('2021-01-07')), []);
    const late = problems(s47('2021-01-08'));
    assert.deepEqual(late.map((p) => p.code), ['TL-15WD']);
    assert.match(late[0]!.message, /initial conference on 2021-01-08, 16 working days after the section 47 start 2020-12-14; due by 2021-01-07/);
  });

  test('a plan that ends before it starts; a review on its start date; a closure before the referral', () => {
    const plan = { start: '2020-12-01', end: '2020-11-15', initialCategory: 'EMO', latestCategory: 'EMO', previousPlans: 1, reviews: ['2020-12-01'] };
    const c = child({ closureDate: '2020-10-01', reasonForClosure: 'RC7', dateOfInitialCpc: '2020-12-01', plans: [plan] });
    const found = problems(c);
    assert.ok(found.some((p) => p.code === '8925' && p.message.includes('ends 2020-11-15, before it starts 2020-12-01')));
    assert.ok(found.some((p) => p.code === '8841'));
    assert.ok(found.some((p) => p.code === '8630' && p.message.includes('closed on 2020-10-01, before the referral of 2020-11-02')));
    assert.ok(found.every((p) => p.child === 'C1'));
  });

  test('a plan not starting at the conference that decided it, with its first review late and the next one missing', () => {
    const c = child({
      section47: [{ start: '2020-04-01', icpcTarget: addWorkingDays('2020-04-01', 15), icpcDate: '2020-04-20', icpcNotRequired: false }],
      plans: [{ start: '2020-04-24', initialCategory: 'NEG', latestCategory: 'NEG', previousPlans: 0, reviews: ['2020-08-03'] }],
    });
    const found = problems(c);
    assert.ok(found.some((p) => p.code === 'TL-CPP-ICPC' && p.message.includes('starts 2020-04-24, but the initial conference before it was on 2020-04-20')));
    const reviews = found.filter((p) => p.code === 'TL-CPP-REVIEW').map((p) => p.message);
    assert.deepEqual(reviews, [
      'plan from 2020-04-24: review on 2020-08-03 was due by 2020-07-24',
      'plan from 2020-04-24: no review by 2021-02-03 (still open on 2021-03-31)',
    ]);
  });

  test('missing LAchildID and referral date, invalid codes and categories, dates after the reference date, weekend conferences', () => {
    const c = child({
      referralDate: undefined, referralSource: '11', primaryNeed: 'N10', closureDate: '2021-04-02', reasonForClosure: 'RC0', dateOfInitialCpc: '2021-01-09',
      plans: [{ start: '2021-01-09', initialCategory: 'ABC', previousPlans: 0, reviews: [] }],
    }, { laChildId: '' });
    assert.deepEqual(codesOf(c), ['8500', '8640', '8650', '8866', '8875', 'TL-AFTER-REFERENCE', 'TL-CATEGORY', 'TL-REFERRAL'].sort());
    const cat = problems(c).filter((p) => p.code === 'TL-CATEGORY').map((p) => p.message);
    assert.deepEqual(cat, ['plan from 2021-01-09: initial category "ABC" is not valid', 'plan from 2021-01-09: latest category null is not valid']);
  });

  test('an LAchildID over 20 characters with underscores (2024-25 rule)', () => {
    assert.deepEqual(codesOf(child({}, { laChildId: 'child_fails_assessments' })), ['1570']);
  });

  test('two children with one LAchildID', () => {
    assert.deepEqual(checkCinRules([child({}), child({})], PERIOD).map((p) => p.code), ['8510']);
  });
});

// ---------------------------------------------------------------- xmllint on broken XML and the shipped samples

describe('validateCinXml (xmllint)', () => {
  const header = { year: 2021, referenceDate: '2021-03-31', lea: '201', serialNo: '001', now: NOW };

  test('an invalid category of abuse and an unknown referral source are schema errors', async () => {
    const bad = child({ referralSource: '11', plans: [{ start: '2020-11-20', initialCategory: 'XYZ', latestCategory: 'NEG', previousPlans: 0, reviews: [] }] });
    const v = await validateCinXml(cinXml([bad], header));
    assert.equal(v.ok, false);
    assert.ok(v.errors.some((e) => /InitialCategoryOfAbuse.*'XYZ'/.test(e)), v.errors.join('\n'));
    assert.ok(v.errors.some((e) => /ReferralSource.*'11'/.test(e)), v.errors.join('\n'));
  });

  test('the shipped samples: cin-2022.xml validates against the exact schema, CIN_Census_2024.xml does not', async () => {
    assert.deepEqual((await validateCinXml(readFileSync(datasets('samples/valid/cin-2022.xml'), 'utf8'), { exact: true })).errors, []);
    const bad = await validateCinXml(readFileSync(datasets('samples/invalid/CIN_Census_2024.xml'), 'utf8'), { exact: true });
    assert.equal(bad.ok, false);
    assert.ok(bad.errors.some((e) => e.includes('\'RB\' is not an element of the set')), bad.errors.join('\n'));
  });

  test('without xmllint the answer is not ok and says so', async () => {
    const v = await validateCinXml(cinXml([child({})], header), { xmllint: '/nonexistent/xmllint' });
    assert.equal(v.ok, false);
    assert.match(v.errors[0]!, /xmllint not found/);
  });
});

// ---------------------------------------------------------------- Baby P

describe('the Baby P scenario, census year ending 31 March 2007', () => {
  let census: CinCensusResult;
  before(async () => {
    const scenario = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/baby-p.json', import.meta.url)), 'utf8')) as Scenario;
    const db = await testDb();
    try {
      const repo = new Repository(db);
      await registerAgencies(repo, operator, scenario.agencies);
      await ingestInBatches(repo, operator, inTimeOrder(scenario.records));
      census = await db.kysely.transaction().execute((tx) => cinCensus(tx, 2007, { lea: '309', now: NOW }));
    } finally {
      await db.drop();
    }
  }, { timeout: 180_000 });

  test('Peter: referred by the Whittington on 2006-12-11, section 47 from the strategy discussion of 2006-12-12, plan at the ICPC of 2006-12-22', async () => {
    assert.equal(census.children, 1);
    const peter = census.census[0]!;
    assert.equal(peter.birthDate, '2006-03-01');
    assert.equal(peter.gender, '1');
    assert.equal(peter.deathDate, undefined, 'he died on 2007-08-03, after the reference date');
    const [e] = peter.episodes;
    assert.equal(e!.referralDate, '2006-12-11');
    assert.equal(e!.referralSource, '3F', 'hospital, not after an emergency attendance');
    assert.equal(e!.primaryNeed, 'N1');
    assert.equal(e!.closureDate, undefined, 'open on 31 March 2007');
    assert.deepEqual(e!.section47, [{ start: '2006-12-12', icpcTarget: '2007-01-05', icpcDate: '2006-12-22', icpcNotRequired: false }]);
    assert.deepEqual(e!.plans, [{ start: '2006-12-22', initialCategory: 'MUL', latestCategory: 'MUL', previousPlans: 0, reviews: [] }]);
    assert.deepEqual(e!.assessments, [{ start: '2006-12-24' }], 'the first statutory visit; no record shows the assessment authorised');
    assert.deepEqual((await validateCinXml(census.xml)).errors, []);
  });

  test('passes the 15-working-day rule (8 working days) and plan-at-ICPC; fails only the 3-month review (no review conference in the records)', () => {
    const ruleCodes = codes({ problems: census.problems.filter((p) => p.severity !== 'data') });
    assert.deepEqual(ruleCodes, ['TL-CPP-REVIEW']);
    const review = census.problems.find((p) => p.code === 'TL-CPP-REVIEW')!;
    assert.equal(review.child, census.census[0]!.laChildId);
    assert.equal(review.message, 'plan from 2006-12-22: no review by 2007-03-22 (still open on 2007-03-31)');
    assert.ok(!census.problems.some((p) => p.code === 'TL-15WD' || p.code === 'TL-CPP-ICPC' || p.code === 'TL-45WD'));
    assert.deepEqual(codes(census, 'data'), ['TL-MAP-ASSESSMENT', 'TL-MAP-ETHNICITY', 'TL-MAP-UPN']);
  });
});

describe('child-in-need plans in the census', () => {
  test('an enquiry outcome deciding a child-in-need plan starts one, as the process reads it; protection ends it', () => {
    const doc = (ref: string, kind: string, on: string, body: Record<string, unknown>) => ({
      format: 'agency-record/1', agency: 'csc-1', ref, kind, occurredAt: on, certainty: 'documented',
      people: [{ key: 'c', role: 'subject', name: { given: 'Ann', family: 'Example' }, dob: '2015-02-03', sex: 'female' }], body,
    }) as unknown as CinRecordRow['document'];
    const row = (d: CinRecordRow['document']): CinRecordRow => ({ personId: 7, agencyKind: 'social-care', occurredOn: d.occurredAt, document: d, key: 'c', dob: '2015-02-03', sex: 'female' });
    const rows = [
      row(doc('ref-1', 'referral', '2020-06-01', { to: 'csc-1', reason: 'worried', urgency: 'routine' })),
      row(doc('s-1', 'strategy-discussion', '2020-06-02', { agencies: ['csc-1'], decision: 'section-47' })),
      row(doc('o-1', 'enquiry-outcome', '2020-06-20', { substantiated: false, decision: 'child-in-need' })),
      row(doc('v-1', 'visit', '2020-07-10', { purpose: 'family-support', announced: true, childSeen: true, childSeenAlone: false })),
      row(doc('st-2', 'strategy-discussion', '2020-09-01', { agencies: ['csc-1'], decision: 'section-47' })),
      row(doc('c-1', 'conference', '2020-09-15', { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] })),
    ];
    const c = censusChild(7, rows, PERIOD, new Map([['csc-1', 'social-care']]), []);
    assert.deepEqual(c!.episodes[0]!.cinPlans, [{ start: '2020-06-20', end: '2020-09-15' }], 'from the outcome, not the later family-support visit, to the plan');
  });
});

describe('contract revision 2 in the census', () => {
  const doc = (ref: string, kind: string, on: string, body: Record<string, unknown>) => ({
    format: 'agency-record/1', agency: 'csc-1', ref, kind, occurredAt: on,
    people: [{ key: 'c', role: 'subject', name: { given: 'Ann', family: 'Example' }, dob: '2015-02-03', sex: 'female' }], body,
  }) as unknown as CinRecordRow['document'];
  const row = (d: CinRecordRow['document'], agencyKind = 'social-care'): CinRecordRow =>
    ({ personId: 7, agencyKind, occurredOn: d.occurredAt, document: d, key: 'c', dob: '2015-02-03', sex: 'female' });
  const kinds = new Map([['csc-1', 'social-care'], ['gp-1', 'gp']]);
  const sourceOf = (rows: CinRecordRow[]) => censusChild(7, rows, PERIOD, kinds, [])!.episodes[0]!.referralSource;

  test('a contact social care logged takes its referral source from who raised it (reportedBy), before the caller its words name', () => {
    const contact = (reportedBy: string) => [row(doc('k-1', 'concern', '2020-06-01', { category: 'neglect', description: 'contact from a relative: left alone', reportedBy }))];
    assert.equal(sourceOf(contact('neighbour')), '1B');
    assert.equal(sourceOf(contact('relative')), '1A');
    assert.equal(sourceOf(contact('child')), '1C');
    assert.equal(sourceOf(contact('member-of-public')), '1D');
    assert.equal(sourceOf(contact('anonymous')), '9');
    assert.equal(sourceOf([row(doc('k-2', 'concern', '2020-06-01', { description: 'contact from a neighbour: shouting' }))]), '1B', 'revision 1: the caller in the words');
  });

  test('a referral from another agency keeps that agency as its source, whoever first raised it', () => {
    const referral = doc('r-1', 'referral', '2020-06-01', { to: 'csc-1', reason: 'neighbour worried', urgency: 'routine', reportedBy: 'neighbour' });
    assert.equal(sourceOf([row({ ...referral, agency: 'gp-1' }, 'gp')]), '3A');
  });

  test('measurements and education changes from social care keep an episode active and open none of their own', () => {
    const rows = [
      row(doc('k-1', 'concern', '2020-06-01', { category: 'neglect', description: 'hungry at school', reportedBy: 'professional' })),
      row(doc('m-1', 'measurement', '2020-08-20', { weightKg: 20.1, centiles: { weight: 2 } })),
      row(doc('e-1', 'education', '2020-11-10', { change: 'withdrawn-home-education' })),
    ];
    const c = censusChild(7, rows, PERIOD, kinds, [])!;
    assert.equal(c.episodes.length, 1);
    assert.equal(c.episodes[0]!.referralSource, '8');
  });
});

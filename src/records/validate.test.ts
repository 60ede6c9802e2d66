// validateRecord on its own, without a database: what it accepts at the edges,
// and that what it refuses comes back as specific problems (one per fault,
// pointing at the fault), not a cascade.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateRecord, CLOCK_SKEW_MS, MAX_RECORD_BYTES } from './validate.ts';
import { unparseableLine } from './ndjson.ts';
import type { Problem } from '../shared/problems.ts';
import type { AgencyRecord, Scenario } from './types.ts';
import { gpAttendance, CHILD, MOTHER } from '../../test/helpers/records.ts';

type Doc = Record<string, any>;

const NOW = new Date('2024-06-01T12:00:00Z');

/** The codes validateRecord documents (ingest adds unknown-agency and agency-mismatch). */
const KNOWN_CODES = new Set([
  'unknown-property', 'required', 'not-allowed', 'wrong-type', 'too-long', 'too-short', 'bad-format', 'incomplete',
  'too-large', 'nul-character', 'duplicate-key', 'nhs-number-check-digit', 'not-a-date', 'in-future', 'before-birth',
  'unknown-mention-key', 'not-json', 'out-of-range', 'unpaired-surrogate', 'contradictory',
]);

function problemsOf(input: unknown, now = NOW): Problem[] {
  const v = validateRecord(input, now);
  assert.equal(v.ok, false, `expected refusal of ${JSON.stringify(input)?.slice(0, 300)}`);
  return v.ok ? [] : v.problems;
}

function brief(problems: Problem[]): string[] {
  return problems.map((p) => `${p.pointer} ${p.code}`);
}

function assertValid(input: unknown, now = NOW): void {
  const v = validateRecord(input, now);
  assert.deepEqual(v.ok ? [] : brief(v.problems), [], `expected ${JSON.stringify(input)?.slice(0, 300)} to be valid`);
}

function mutated(fn: (r: Doc) => void, base: Doc = gpAttendance()): Doc {
  const r = structuredClone(base);
  fn(r);
  return r;
}

/** A subject-only attendance, so a date test is about the date alone. */
function aboutChild(occurredAt: string, dob?: string): Doc {
  const child: Doc = structuredClone(CHILD);
  if (dob === undefined) delete child.dob;
  else child.dob = dob;
  return gpAttendance({ occurredAt, people: [child as AgencyRecord['people'][number]], body: { setting: 'gp', complaint: 'rash' } });
}

describe('validateRecord: the baby-p scenario', () => {
  const scenario = JSON.parse(readFileSync(new URL('../../scenarios/baby-p.json', import.meta.url), 'utf8')) as Scenario;

  test('every record in scenarios/baby-p.json is valid', () => {
    assert.ok(scenario.records.length > 0);
    const now = new Date('2026-01-01T00:00:00Z');
    for (const r of scenario.records) {
      const v = validateRecord(r, now);
      assert.deepEqual(v.ok ? [] : brief(v.problems), [], `${r.agency}/${r.ref}`);
      if (v.ok) assert.equal(v.record, r, 'the record is returned as given');
    }
  });
});

describe('validateRecord: accepted edge cases', () => {
  test('the test helper records are valid', () => {
    assertValid(gpAttendance());
  });

  test('occurredAt on the subject\'s date of birth is accepted', () => {
    assertValid(aboutChild('2020-02-03', '2020-02-03'));
    assertValid(aboutChild('2020-02-03T00:00:00Z', '2020-02-03'));
  });

  test('a date-time is judged by its London calendar date against the date of birth', () => {
    // 23:30 at UTC-1 on the 2nd is 00:30 GMT on the 3rd: born that day, accepted
    assertValid(aboutChild('2020-02-02T23:30:00-01:00', '2020-02-03'));
    // 00:30 at UTC+1 on the 3rd is 23:30 GMT on the 2nd: the day before birth
    assert.deepEqual(brief(problemsOf(aboutChild('2020-02-03T00:30:00+01:00', '2020-02-03'))), ['/occurredAt before-birth']);
    // summer: 23:30Z on 30 June is 00:30 BST on 1 July
    assertValid(aboutChild('2020-06-30T23:30:00Z', '2020-07-01'));
  });

  test('a partial date of birth allows its earliest day', () => {
    assertValid(aboutChild('2020-03-01', '2020-03'));
    assertValid(aboutChild('2020-03-31', '2020-03'));
    assertValid(aboutChild('2020-01-01', '2020'));
    assert.deepEqual(brief(problemsOf(aboutChild('2020-02-28', '2020-03'))), ['/occurredAt before-birth']);
    assert.deepEqual(brief(problemsOf(aboutChild('2019-12-31', '2020'))), ['/occurredAt before-birth']);
  });

  test('a date of birth later in the current year is not "in the future" when only the year is given', () => {
    assertValid(aboutChild('2024-05-01', '2024'));
  });

  test('a date-time a little ahead of our clock is accepted (CLOCK_SKEW_MS), further ahead refused', () => {
    assert.equal(CLOCK_SKEW_MS, 5 * 60 * 1000);
    assertValid(aboutChild('2024-06-01T12:04:00Z'));
    assertValid(aboutChild('2024-06-01T12:05:00Z'));
    assertValid(aboutChild('2024-06-01T13:04:00+01:00'));
    assert.deepEqual(brief(problemsOf(aboutChild('2024-06-01T12:05:00.001Z'))), ['/occurredAt in-future']);
    assert.deepEqual(brief(problemsOf(aboutChild('2024-06-01T12:06:00Z'))), ['/occurredAt in-future']);
    assert.deepEqual(brief(problemsOf(aboutChild('2024-06-01T13:06:00+01:00'))), ['/occurredAt in-future']);
  });

  test('a date-only occurredAt of "today" in London is accepted, tomorrow refused', () => {
    // 23:30Z on 1 June is already 2 June in London (BST)
    const lateSummer = new Date('2024-06-01T23:30:00Z');
    assertValid(aboutChild('2024-06-02'), lateSummer);
    assert.deepEqual(brief(problemsOf(aboutChild('2024-06-03'), lateSummer)), ['/occurredAt in-future']);
    // in winter London is on UTC: 23:30Z on 15 January is still the 15th
    const lateWinter = new Date('2024-01-15T23:30:00Z');
    assertValid(aboutChild('2024-01-15'), lateWinter);
    assert.deepEqual(brief(problemsOf(aboutChild('2024-01-16'), lateWinter)), ['/occurredAt in-future']);
  });

  test('a date of birth of today is accepted, tomorrow refused', () => {
    const mother = { ...structuredClone(MOTHER), dob: '2024-06-01' };
    assertValid(gpAttendance({ occurredAt: '2024-06-01', people: [structuredClone(CHILD), mother] }));
    const future = mutated((r) => { r.people[1].dob = '2024-06-02'; }, gpAttendance({ occurredAt: '2024-06-01' }));
    assert.deepEqual(brief(problemsOf(future)), ['/people/1/dob in-future']);
  });

  test('limits are inclusive', () => {
    assertValid(gpAttendance({ narrative: 'x'.repeat(20000) }));
    assertValid(gpAttendance({ agency: 'a'.repeat(64), ref: 'r'.repeat(128) }));
    assertValid(mutated((r) => { r.people[0].name = { given: 'g'.repeat(200), family: 'f'.repeat(200), other: 'o'.repeat(200) }; }));
    // maxLength counts characters (code points), not UTF-16 units
    assertValid(mutated((r) => { r.people[0].name = { given: '😀'.repeat(200) }; }));
    assertValid(mutated((r) => { r.people[0].address = { lines: Array(8).fill('line'), postcode: 'SW1A 1AA  ' }; }));
    assertValid(mutated((r) => { r.body.injuries = [{ type: 'bruise', site: 'back', count: 1, sizeMm: 0 }, { type: 'burn', site: 'hand', count: 500, sizeMm: 2000 }]; }));
    assertValid(mutated((r) => {
      r.people = Array.from({ length: 50 }, (_, i) => ({ key: `p${i}`, role: i === 0 ? 'subject' : 'other', name: { family: `F${i}` } }));
      r.body.broughtBy = 'p1';
    }));
  });

  test('only the name parts it needs: given alone, family alone', () => {
    assertValid(mutated((r) => { r.people[0].name = { given: 'Amy' }; }));
    assertValid(mutated((r) => { r.people[1].name = { family: 'Example' }; r.people[1].aliases = [{ family: 'Smith' }]; }));
  });
});

describe('validateRecord: problems are specific', () => {
  test('an unknown property yields exactly one problem, pointing at the property', () => {
    assert.deepEqual(problemsOf({ ...gpAttendance(), priority: 'high' }), [
      { pointer: '/priority', code: 'unknown-property', message: "unknown property 'priority' (not in agency-record/1)" },
    ]);
    assert.deepEqual(brief(problemsOf(mutated((r) => { r.body.triage = 2; }))), ['/body/triage unknown-property']);
    assert.deepEqual(brief(problemsOf(mutated((r) => { r.people[1].ethnicity = 'x'; }))), ['/people/1/ethnicity unknown-property']);
  });

  test('property names are escaped in pointers (RFC 6901)', () => {
    assert.deepEqual(brief(problemsOf({ ...gpAttendance(), 'a/b~c': 1 })), ['/a~1b~0c unknown-property']);
  });

  test('a missing kind is one problem, not one per kind the body fails to be', () => {
    assert.deepEqual(brief(problemsOf(mutated((r) => { delete r.kind; }))), ['/kind required']);
    assert.deepEqual(brief(problemsOf(mutated((r) => { delete r.kind; r.body = []; }))).sort(), ['/body wrong-type', '/kind required']);
  });

  test('a body of the wrong kind is described only in terms of that kind, with no if/then echoes', () => {
    const problems = problemsOf(gpAttendance({ kind: 'visit' }));
    assert.deepEqual(brief(problems).sort(), [
      '/body/announced required', '/body/broughtBy unknown-property', '/body/childSeen required', '/body/childSeenAlone required',
      '/body/complaint unknown-property', '/body/outcome unknown-property', '/body/purpose required', '/body/setting unknown-property',
    ]);
  });

  test('an unknown kind is one problem (the body is not checked against any kind)', () => {
    assert.deepEqual(brief(problemsOf(gpAttendance({ kind: 'letter' as AgencyRecord['kind'] }))), ['/kind not-allowed']);
  });

  test('a body of the wrong type is one problem', () => {
    assert.deepEqual(brief(problemsOf(gpAttendance({ body: [] as unknown as AgencyRecord['body'] }))), ['/body wrong-type']);
    assert.deepEqual(brief(problemsOf(gpAttendance({ body: 'cough' as unknown as AgencyRecord['body'] }))), ['/body wrong-type']);
  });

  test('independent faults are all reported, each once', () => {
    const r = mutated((x) => {
      x.people[0].sex = 'f';
      x.people[1].role = 'mum';
      x.certainty = 'probable';
    });
    assert.deepEqual(brief(problemsOf(r)).sort(), ['/certainty not-allowed', '/people/0/sex not-allowed', '/people/1/role not-allowed']);
    const semantic = mutated((x) => {
      x.people[0].nhsNumber = '9990000019';
      x.people[1].dob = '2030-01-01';
      x.body.broughtBy = 'dad';
    });
    assert.deepEqual(brief(problemsOf(semantic)).sort(), [
      '/body/broughtBy unknown-mention-key', '/people/0/nhsNumber nhs-number-check-digit', '/people/1/dob in-future',
    ]);
  });

  test('a name with neither given nor family name is one "incomplete" problem on the name', () => {
    assert.deepEqual(brief(problemsOf(mutated((r) => { r.people[0].name = { other: 'Baby' }; }))), ['/people/0/name incomplete']);
    assert.deepEqual(brief(problemsOf(mutated((r) => { r.people[0].aliases = [{ given: 'A' }, {}]; }))), ['/people/0/aliases/1 incomplete']);
  });

  test('semantic checks wait for the schema: a record failing the schema gets no semantic noise', () => {
    const r = mutated((x) => {
      x.people[0].sex = 'f';
      x.people[0].nhsNumber = '9990000019'; // fails the check digit, but the schema fails first
      x.body.broughtBy = 'dad';
    });
    assert.deepEqual(brief(problemsOf(r)), ['/people/0/sex not-allowed']);
  });

  test('NUL is refused where it is, at any depth', () => {
    assert.deepEqual(brief(problemsOf(gpAttendance({ narrative: 'a\u0000b' }))), ['/narrative nul-character']);
    assert.deepEqual(brief(problemsOf(mutated((r) => { r.people[1].aliases = [{ given: 'x', family: 'Y\u0000' }]; }))), ['/people/1/aliases/0/family nul-character']);
    assert.deepEqual(brief(problemsOf(mutated((r) => { r.body.injuries = [{ type: 'bruise', site: 'back', ageEstimate: '\u0000' }]; }))), ['/body/injuries/0/ageEstimate nul-character']);
  });

  test('size is checked first: a too-large record is one problem whatever else is wrong', () => {
    const big = { narrative: 'x'.repeat(MAX_RECORD_BYTES), extra: true };
    assert.deepEqual(brief(problemsOf(big)), [' too-large']);
    // bytes, not characters: 200,000 three-byte characters are 600,000 bytes
    assert.deepEqual(brief(problemsOf(gpAttendance({ author: { name: '€'.repeat(200_000) } }))), [' too-large']);
  });

  test('an unparseable NDJSON line is refused as not-json', () => {
    const [p, ...rest] = problemsOf(unparseableLine(7, 'Unexpected token'));
    assert.deepEqual(rest, []);
    assert.equal(p?.pointer, '');
    assert.equal(p?.code, 'not-json');
    assert.match(p?.message ?? '', /line 7/);
  });

  test('not an object at all: one wrong-type problem at the root', () => {
    for (const x of [null, 42, 'text', [], true]) assert.deepEqual(brief(problemsOf(x)), [' wrong-type'], JSON.stringify(x));
  });

  test('duplicate mention keys are refused on the second use', () => {
    const r = mutated((x) => { x.people.push({ key: 'm', role: 'carer', name: { given: 'Cara' } }); });
    assert.deepEqual(brief(problemsOf(r)), ['/people/2/key duplicate-key']);
  });

  test('every problem has a documented code, a pointer and a message', () => {
    const inputs: unknown[] = [
      { ...gpAttendance(), x: 1 }, mutated((r) => { delete r.ref; }), gpAttendance({ format: 'x' as 'agency-record/1' }),
      gpAttendance({ agency: 'GP 1' }), gpAttendance({ ref: '' }), gpAttendance({ narrative: 'x'.repeat(20001) }),
      gpAttendance({ occurredAt: '2021-02-30' }), gpAttendance({ occurredAt: '2030-01-01' }), aboutChild('2019-01-01', '2020'),
      mutated((r) => { r.people[0].name = {}; }), mutated((r) => { r.people[0].nhsNumber = '9990000019'; }),
      gpAttendance({ narrative: '\u0000' }), mutated((r) => { r.body.broughtBy = 'x'; }), 7,
    ];
    for (const input of inputs) {
      for (const p of problemsOf(input)) {
        assert.ok(KNOWN_CODES.has(p.code), `undocumented code ${p.code}`);
        assert.ok(p.pointer === '' || p.pointer.startsWith('/'), p.pointer);
        assert.ok(p.message.length > 0);
      }
    }
  });

  test('numeric range violations use a documented code', () => {
    const count0 = problemsOf(mutated((r) => { r.body.injuries = [{ type: 'bruise', site: 'back', count: 0 }]; }));
    assert.deepEqual(count0.map((p) => p.pointer), ['/body/injuries/0/count']);
    for (const p of count0) assert.ok(KNOWN_CODES.has(p.code), `undocumented code ${p.code}`);
  });

  test('a lone UTF-16 surrogate (not storable as jsonb) is refused by name', () => {
    assert.deepEqual(brief(problemsOf(gpAttendance({ narrative: 'a\uD800b' }))).map((s) => s.split(' ')[0]), ['/narrative']);
  });
});

describe('validateRecord: contract revision 2', () => {
  const schemaOf = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');

  test('the schema is the shared specification\'s, byte for byte, when the shared folder is there', (t) => {
    let shared: string;
    try { shared = schemaOf('../../../shared/spec/agency-record.schema.json'); } catch { t.skip('no shared folder beside the project'); return; }
    assert.equal(schemaOf('./agency-record.schema.json'), shared);
  });

  test('every record of the seven public scenarios is valid', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    for (const name of ['baby-p', 'finley-boden', 'hamzah-khan', 'jasmine-beckford', 'keanu-williams', 'kyrell-matthews', 'logan-mwangi']) {
      const scenario = JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8')) as Scenario;
      for (const r of scenario.records) {
        const v = validateRecord(r, now);
        assert.deepEqual(v.ok ? [] : brief(v.problems), [], `${name}: ${r.agency}/${r.ref}`);
      }
    }
  });

  const rev2 = (kind: string, body: Doc): Doc => ({ ...gpAttendance(), kind, body });

  test('the new kinds and fields are accepted', () => {
    assertValid(rev2('measurement', { setting: 'health-visiting', weightKg: 7.2, centiles: { weight: 9 } }));
    assertValid(rev2('education', { change: 'withdrawn-home-education', school: 'Hill Primary', note: 'parent wrote to the school' }));
    assertValid(rev2('concern', { description: 'shouting heard nightly', reportedBy: 'neighbour' }));
    assertValid(rev2('referral', { to: 'csc-1', reason: 'disclosure', urgency: 'immediate', reportedBy: 'child' }));
    assertValid(rev2('visit', { purpose: 'statutory', announced: false, childSeen: false, childSeenAlone: false, access: 'no-reply' }));
  });

  test('each bad field is one problem, in words a practitioner\'s system can pass on', () => {
    const said = (input: Doc) => problemsOf(input).map((p) => `${p.pointer} ${p.code}: ${p.message}`);
    assert.deepEqual(said(rev2('measurement', { note: 'too distressed to weigh' })),
      ['/body incomplete: a measurement needs at least one of weightKg, heightCm or headCm']);
    assert.deepEqual(said(rev2('measurement', { weightKg: 72, centiles: { weight: 250 } })),
      ['/body/centiles/weight out-of-range: a centile on the UK-WHO charts is a number from 0 to 100, like 9 or 0.4']);
    assert.match(said(rev2('measurement', { weightKg: -1 }))[0]!, /weight in kilograms: a number more than 0/);
    assert.match(said(rev2('education', { change: 'left', attendancePercent: '80%' }))[0]!, /attendancePercent wrong-type: attendancePercent is the share of sessions attended/);
    assert.match(said(rev2('concern', { description: 'x', reportedBy: 'aunt' }))[0]!, /^\/body\/reportedBy not-allowed: must be one of: child, parent, relative, neighbour/);
    assert.deepEqual(said(rev2('visit', { purpose: 'statutory', announced: false, childSeen: true, childSeenAlone: false, access: 'no-reply' })),
      ["/body/childSeen contradictory: childSeen is true but access is 'no-reply': nobody answered the door, so the child was not seen on this visit (send childSeen: false, or the access there was)"]);
  });

  test('a number of the same name in a revision-1 body keeps the generic wording (the hint is for the new kinds only)', () => {
    const p = problemsOf(mutated((r) => { r.body.injuries = [{ type: 'bruise', site: 'back', sizeMm: -1 }]; }));
    assert.deepEqual(brief(p), ['/body/injuries/0/sizeMm out-of-range']);
    assert.doesNotMatch(p[0]!.message, /kilograms|centile/);
  });
});

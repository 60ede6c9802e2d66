import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Chronology, ChronologyEntry } from '../chronology/chronology.ts';
import { AGENCY_KINDS, RECORD_KINDS } from '../records/types.ts';
import {
  applySharingPolicy, categoriesOf, decide, DEFAULT_POLICY, loadSharingPolicy, parseSharingPolicy,
  sharingPolicyFromEnv, SharingPolicyError, type SharedEntry, type Viewer,
} from './sharing-policy.ts';

const AGENCIES = {
  gp: { id: 'gp-1', name: 'Family GP practice', kind: 'gp' },
  hospital: { id: 'whittington', name: 'Whittington Hospital', kind: 'hospital' },
  csc: { id: 'haringey-csc', name: "Haringey children's social care", kind: 'social-care' },
  police: { id: 'met-police', name: 'Metropolitan Police', kind: 'police' },
  school: { id: 'school-1', name: 'Park Lane Primary', kind: 'school' },
  sexualHealth: { id: 'gum-1', name: 'Sexual Health Clinic, North Middlesex', kind: 'community-health' },
  adoption: { id: 'aa-1', name: 'Regional Adoption Agency', kind: 'social-care' },
  legal: { id: 'haringey-legal', name: 'Haringey legal services', kind: 'legal' },
};
type AgencyKey = keyof typeof AGENCIES;

let nextId = 1;
function entry(agency: AgencyKey, kind: string, over: Partial<ChronologyEntry> = {}): ChronologyEntry {
  const id = nextId++;
  return {
    recordId: id,
    source: `${AGENCIES[agency].id}/r-${id}`,
    agency: { ...AGENCIES[agency] },
    kind,
    occurredAt: '2007-01-10',
    occurredOn: '2007-01-10',
    certainty: null,
    version: 1,
    summary: `summary of ${id}`,
    role: 'subject',
    injuries: [],
    others: [],
    alerts: [],
    ...over,
  };
}

function chronology(entries: ChronologyEntry[]): Chronology {
  return {
    personId: 7,
    person: {
      id: 7, name: 'Peter Connelly', dob: '2006-03-01',
      mentions: entries.map((e) => `${e.source}#child`),
      agencies: [...new Set(entries.map((e) => e.agency.id))].sort(),
      subjectOf: entries.length,
    },
    entries,
  };
}

const viewerOf = (a: AgencyKey): Viewer => ({ agencyId: AGENCIES[a].id, agencyKind: AGENCIES[a].kind });
const school = viewerOf('school');
const gp = viewerOf('gp');
const csc = viewerOf('csc');
const hospital = viewerOf('hospital');
const police = viewerOf('police');

const conference = entry('csc', 'conference', {
  summary: 'Initial child protection conference: plan (neglect, physical); absent: gp-1',
  narrative: 'Mother disclosed a history of depression; Steven Barker not discussed.',
  others: [
    { key: 'm', role: 'parent', relationship: 'mother', name: 'Tracey Connelly', personId: 2 },
    { key: 'sw', role: 'professional', relationship: 'allocated social worker', name: 'Maria Ward', personId: null },
  ],
});
const arrest = entry('police', 'police-action', {
  summary: 'Police: arrest of Tracy CONNELLY (assault on a child)',
  narrative: 'Mother and grandmother arrested; mother bailed to 11 January 2007.',
  others: [{ key: 's', role: 'alleged-perpetrator', relationship: 'mother', name: 'Tracy CONNELLY', personId: 2 }],
  injuries: [{ type: 'bruise', site: 'chest' }],
  alerts: [{ alertId: 1, rule: 'repeat-injury', severity: 'high', firedOn: '2007-01-10' }],
});
const gpVisit = entry('gp', 'attendance', {
  summary: 'GP consultation: bruising; injuries: bruise to scalp; explanation given: "fell down the stairs"',
  narrative: 'Bruising to the side of the head.',
  injuries: [{ type: 'bruise', site: 'scalp' }],
});
const sexualHealth = entry('sexualHealth', 'attendance', {
  summary: 'Clinic appointment: screening', narrative: 'Seen with Jordan Price.',
  others: [{ key: 'x', role: 'other', name: 'Jordan Price', personId: 9 }],
});
const gpChlamydia = entry('gp', 'attendance', { summary: 'GP consultation: chlamydia treatment' });
const adoption = entry('adoption', 'placement', { summary: 'Placement: Peter Connelly placed away (with Jane Doe)' });
const legalAdvice = entry('legal', 'legal-advice', { summary: 'Legal advice on care proceedings threshold: threshold not met' });
const policeConcern = entry('police', 'concern', { summary: 'Concern (emotional): domestic incident at home, 2am', narrative: 'Officers attended; partner arrested.' });
const schoolConcern = entry('school', 'concern', { summary: 'Concern (neglect): arrives hungry' });
const all = [conference, arrest, gpVisit, sexualHealth, gpChlamydia, adoption, legalAdvice, policeConcern, schoolConcern];
const full = chronology(all);

const shown = (c: Chronology, e: ChronologyEntry) => c.entries.find((x) => x.recordId === e.recordId) as SharedEntry | undefined;

test('the shipped policy loads, and has a profile for every agency kind', () => {
  const p = loadSharingPolicy();
  for (const k of AGENCY_KINDS) assert.ok(p.viewers[k], k);
  assert.deepEqual(sharingPolicyFromEnv({}), DEFAULT_POLICY);
});

test('the operator (null viewer) sees everything unchanged', () => {
  assert.deepEqual(applySharingPolicy(full, null), full);
});

test("a viewer sees its own agency's records in full, whatever the category", () => {
  const own = applySharingPolicy(full, viewerOf('sexualHealth'));
  assert.deepEqual(shown(own, sexualHealth), sexualHealth);
  assert.deepEqual(shown(applySharingPolicy(full, police), arrest), arrest);
  assert.deepEqual(shown(applySharingPolicy(full, school), schoolConcern), schoolConcern);
});

test('a school sees the conference plan and the lead professional, not the discussion', () => {
  const c = applySharingPolicy(full, school);
  const e = shown(c, conference)!;
  assert.equal(e.redacted, true);
  assert.equal(e.summary, 'Initial child protection conference: plan (neglect, physical) (detail withheld under the sharing policy)');
  assert.equal(e.narrative, 'withheld under the sharing policy');
  assert.deepEqual(e.others.map((o) => o.name), ['withheld under the sharing policy', 'Maria Ward']);
  assert.match(e.withheld!, /child protection plan/);
  const text = JSON.stringify(e);
  for (const s of ['Tracey', 'Connelly', 'depression', 'Barker', 'mother']) assert.ok(!text.includes(s), s);
});

test("a school does not see a police action at all, and sees a police incident notification without its narrative", () => {
  const c = applySharingPolicy(full, school);
  assert.equal(shown(c, arrest), undefined);
  const e = shown(c, policeConcern)!;
  assert.equal(e.redacted, true);
  assert.equal(e.summary, 'Concern: withheld under the sharing policy');
  const text = JSON.stringify(c);
  for (const s of ['domestic incident', 'Officers attended', 'arrested', 'CONNELLY', 'Tracy', 'bailed']) assert.ok(!text.includes(s), s);
  // nor health, legal or sensitive records
  for (const e of [gpVisit, sexualHealth, gpChlamydia, adoption, legalAdvice]) assert.equal(shown(c, e), undefined, e.source);
  assert.ok(!c.person.mentions.some((m) => m.startsWith(arrest.source)));
  assert.ok(!c.person.agencies.includes('gum-1'));
});

test('a sexual-health record is hidden from a GP, a hospital and a school; a GP record about an STI is hidden from the hospital', () => {
  assert.deepEqual(categoriesOf(sexualHealth), ['sexual-health']);
  assert.deepEqual(categoriesOf(gpChlamydia), ['sexual-health']);
  for (const v of [gp, hospital, school, police]) {
    const c = applySharingPolicy(full, v);
    assert.equal(shown(c, sexualHealth), undefined, v.agencyKind);
    assert.ok(!JSON.stringify(c).includes('Jordan Price'));
    assert.ok(!c.person.mentions.some((m) => m.startsWith(`${sexualHealth.source}#`)));
  }
  assert.equal(shown(applySharingPolicy(full, hospital), gpChlamydia), undefined);
  assert.deepEqual(shown(applySharingPolicy(full, gp), gpChlamydia), gpChlamydia, 'the GP holds it');
});

test('social care sees sexual-health and adoption records redacted, everything else in full', () => {
  const c = applySharingPolicy(full, csc);
  for (const e of [sexualHealth, adoption, gpChlamydia]) {
    const r = shown(c, e)!;
    assert.equal(r.redacted, true, e.source);
    assert.match(r.withheld!, /confidential/);
  }
  assert.ok(!JSON.stringify(shown(c, sexualHealth)).includes('Jordan'));
  assert.ok(!JSON.stringify(shown(c, adoption)).includes('Jane Doe'));
  for (const e of [arrest, gpVisit, legalAdvice, policeConcern, schoolConcern]) assert.deepEqual(shown(c, e), e);
  assert.deepEqual(applySharingPolicy(full, { agencyId: 'haringey-legal', agencyKind: 'legal' }).entries.map((e) => e.recordId),
    c.entries.map((e) => e.recordId), 'legal sees what social care sees');
});

test("health sees health and social-care records in full, police records redacted (alerts kept, names and injuries gone), legal advice not at all", () => {
  const c = applySharingPolicy(full, hospital);
  assert.deepEqual(shown(c, gpVisit), gpVisit);
  assert.deepEqual(shown(c, conference), conference);
  const r = shown(c, arrest)!;
  assert.equal(r.redacted, true);
  assert.equal(r.summary, 'Police action: withheld under the sharing policy');
  assert.deepEqual(r.injuries, []);
  assert.deepEqual(r.alerts, arrest.alerts);
  assert.deepEqual(r.others, [{ key: 'p1', role: 'alleged-perpetrator', name: 'withheld under the sharing policy', personId: null }]);
  assert.match(r.withheld!, /strategy discussion/);
  assert.match(r.withheld!, /Ask Metropolitan Police \(met-police\/r-\d+\)/);
  assert.equal(shown(c, legalAdvice), undefined);
});

test('police see health records in outline only', () => {
  const c = applySharingPolicy(full, police);
  const r = shown(c, gpVisit)!;
  assert.equal(r.redacted, true);
  assert.ok(!JSON.stringify(r).includes('stairs'));
  assert.deepEqual(shown(c, conference), conference);
});

test('an unknown viewer kind is treated as "other": the plan only', () => {
  const c = applySharingPolicy(full, { agencyId: 'x', agencyKind: 'martian' });
  assert.deepEqual(c.entries.map((e) => e.recordId), [conference.recordId]);
});

test('loadSharingPolicy names each problem with its place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  const write = (doc: unknown) => {
    const f = join(dir, `p${nextId++}.json`);
    writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return f;
  };
  const errorOf = (f: string) => {
    try {
      loadSharingPolicy(f);
    } catch (e) {
      assert.ok(e instanceof SharingPolicyError);
      return e.problems;
    }
    assert.fail('accepted');
  };
  assert.deepEqual(errorOf(write('{ nope')).map((p) => p.startsWith('not JSON')), [true]);
  assert.match(errorOf(join(dir, 'missing.json'))[0]!, /cannot read the file/);
  const base = structuredClone(DEFAULT_POLICY);
  assert.deepEqual(errorOf(write({ ...base, format: 'sharing-policy/2' })), ["/format: must be 'sharing-policy/1'"]);
  const bad = structuredClone(DEFAULT_POLICY) as any;
  bad.viewers.school.rules[0].level = 'partial';
  bad.viewers.school.rules[1].recordKinds = ['confrence'];
  bad.viewers.school.rules[1].categories = ['sexual-heath'];
  bad.viewers.school.extra = true;
  delete bad.viewers.probation;
  bad.viewers.hospital.like = 'nurse';
  bad.categories.adoption.text = '(unclosed';
  const problems = errorOf(write(bad));
  assert.ok(problems.includes('/viewers/school/rules/0/level: must be one of full, redacted, hidden'), problems.join('\n'));
  assert.ok(problems.includes("/viewers/school: unknown property 'extra'"), problems.join('\n'));
  delete bad.viewers.school.extra;
  bad.viewers.school.rules[0].level = 'full';
  const more = errorOf(write(bad));
  for (const expected of [
    /^\/viewers\/school\/rules\/1\/recordKinds\/0: 'confrence' is not a record kind/,
    /^\/viewers\/school\/rules\/1\/categories\/0: 'sexual-heath' is not a category of this policy/,
    /^\/viewers: no profile for agency kind 'probation'$/,
    /^\/viewers\/hospital\/like: no profile 'nurse'$/,
    /^\/categories\/adoption\/text: not a regular expression/,
  ]) assert.ok(more.some((p) => expected.test(p)), `${expected}\n${more.join('\n')}`);
  const cyclic = structuredClone(DEFAULT_POLICY) as any;
  cyclic.viewers.gp = { like: 'hospital' };
  assert.ok(errorOf(write(cyclic)).some((p) => p.includes('cycle')));
});

test('a deployment can configure its own policy', () => {
  const p = structuredClone(DEFAULT_POLICY);
  p.viewers.school = { default: 'hidden', rules: [{ agencyKinds: ['gp'], level: 'full' }] };
  const parsed = parseSharingPolicy(p);
  const c = applySharingPolicy(full, school, parsed);
  assert.deepEqual(c.entries.map((e) => e.recordId).sort(), [gpVisit.recordId, schoolConcern.recordId].sort(),
    'the chlamydia consultation stays hidden: no rule names its category');
});

// ---- property: nothing of a hidden or redacted entry leaks; full entries are untouched ----

const SAFE_AGENCY_NAMES = ['Family GP practice', 'Whittington Hospital', 'Park Lane Primary', 'Metropolitan Police', 'Sexual Health Clinic', 'Regional Adoption Agency', 'Haringey CSC'];
const word = fc.stringMatching(/^[a-z]{6,10}$/);

const arbEntry = (i: number) => fc.record({
  agencyKind: fc.constantFrom(...AGENCY_KINDS),
  agencyNo: fc.integer({ min: 0, max: 3 }),
  agencyName: fc.constantFrom(...SAFE_AGENCY_NAMES),
  kind: fc.constantFrom(...RECORD_KINDS),
  summaryWords: fc.array(word, { minLength: 1, maxLength: 4 }),
  sensitive: fc.constantFrom('', 'chlamydia', 'adoption', ''),
  narrative: fc.option(fc.array(word, { minLength: 1, maxLength: 4 }), { nil: undefined }),
  others: fc.array(fc.record({
    role: fc.constantFrom('parent', 'partner-of-parent', 'sibling', 'relative', 'professional', 'other'),
    given: word, family: word, relationship: fc.option(word, { nil: undefined }),
  }), { maxLength: 3 }),
  injured: fc.boolean(),
}).map((g): { e: ChronologyEntry; secrets: string[] } => {
  // Every free-text string carries the entry's number, so it cannot also appear in another entry.
  const tag = (s: string) => `${s}X${i}Q`;
  const agencyId = `${g.agencyKind}-${g.agencyNo}`;
  const summary = [...g.summaryWords.map(tag), g.sensitive].join(' ').trim();
  const narrative = g.narrative?.map(tag).join(' ');
  const others = g.others.map((o, k) => ({
    key: `k${k}`, role: o.role, ...(o.relationship ? { relationship: tag(o.relationship) } : {}),
    name: `${tag(o.given)} ${tag(o.family)}`, personId: k + 100,
  }));
  const secrets = [
    ...g.summaryWords.map(tag), ...(g.narrative ?? []).map(tag),
    ...others.filter((o) => o.role !== 'professional').flatMap((o) => [o.name, ...(o.relationship ? [o.relationship] : [])]),
  ];
  return {
    e: {
      recordId: i, source: `${agencyId}/r${i}`, agency: { id: agencyId, name: g.agencyName, kind: g.agencyKind }, kind: g.kind,
      occurredAt: '2007-01-01', occurredOn: '2007-01-01', certainty: null, version: 1, summary, role: 'subject',
      injuries: g.injured ? [{ type: 'bruise', site: 'cheek' }] : [], ...(narrative ? { narrative } : {}), others, alerts: [],
    },
    secrets,
  };
});

const arbChronology = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbEntry(i + 1))));
const arbViewer = fc.record({ agencyKind: fc.constantFrom(...AGENCY_KINDS), agencyNo: fc.integer({ min: 0, max: 3 }) })
  .map((v): Viewer => ({ agencyId: `${v.agencyKind}-${v.agencyNo}`, agencyKind: v.agencyKind }));

test('property: the output never contains free text of a hidden or redacted entry, and full entries are unchanged', () => {
  fc.assert(fc.property(arbChronology, arbViewer, (generated, viewer) => {
    const input = chronology(generated.map((g) => g.e));
    const before = structuredClone(input);
    const out = applySharingPolicy(input, viewer);
    assert.deepEqual(input, before, 'the input is not changed');
    const text = JSON.stringify(out);
    const byId = new Map(out.entries.map((e) => [e.recordId, e]));
    for (const { e, secrets } of generated) {
      const d = decide(e, viewer);
      if (e.agency.id === viewer.agencyId) assert.equal(d.level, 'full');
      if (d.level === 'full') {
        assert.deepEqual(byId.get(e.recordId), e);
        continue;
      }
      if (d.level === 'hidden') assert.ok(!byId.has(e.recordId));
      else {
        const r = byId.get(e.recordId)! as SharedEntry;
        assert.equal(r.redacted, true);
        assert.deepEqual(r.injuries, []);
      }
      for (const s of secrets) assert.ok(!text.includes(s), `${d.level} entry ${e.source} leaks "${s}" to ${viewer.agencyKind}`);
    }
    assert.equal(out.entries.length, generated.filter((g) => decide(g.e, viewer).level !== 'hidden').length);
  }), { numRuns: 500 });
});

// `npm run bench:alerts`: how often the risk rules (src/risk) raise alerts on
// a population with no injected abuse, and how many injected abuse patterns
// they catch. Writes bench/alerts-results.json.
//   CHILDREN=50000 INJECTED_CHILDREN=20000 ABUSE_SHARE=0.15 SEED=1 node --import tsx bench/alerts.bench.ts
// It is the second part of `npm run bench:alerts`, after the independent population
// (alerts-independent.bench.ts), whose figures are the ones the false-alarm targets are judged on: this
// population is src/synth's own, so its benign rate says how the rules do on the generator they were first
// written against. Its injected patterns (src/synth/abuse.ts) remain a regression check. Defaults 15,000 and
// 6,000 children (they were 50,000 and 20,000) keep the whole command within about three minutes.
//
// Benign population: src/synth's generator (3 years from 2019-04-01 by
// default) with its benign injuries, social care, police and missed
// appointments, and no injected abuse. Every child's records are taken from
// the truth (perfect linkage: linkage is benchmarked separately), evaluated by
// evaluateChild, and every firing counted: per 1,000 child-years by severity
// (firings: a rule firing again on new evidence counts again) and as distinct
// (child, rule) alerts at their highest severity. Target: high + critical
// firings at most 5 per 1,000 child-years, among the children no enquiry found harmed. Process alerts (statutory drift:
// the process's deadlines missed) are counted apart: a missed core group says what agencies did, not
// that the child is at risk, so it is neither a false alarm nor a detection.
//
// Injected run: another population (another seed) with the `abuse` option,
// which marks some children as abused and writes one pattern's records for
// each (src/synth/abuse.ts). A case is detected when a high or critical firing
// for that child, on or after the pattern's first record, cites at least one
// of the records the pattern added. Also reported: detected by the rule the
// pattern is the textbook case for, and the days from the first record to
// detection. Target: 95% detected.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateChild, PROCESS_RULES } from '../src/risk/engine.ts';

const PROCESS_RULE_IDS = new Set(PROCESS_RULES.map((r) => r.id));
import type { Firing, Severity } from '../src/risk/types.ts';
import { ABUSE_PATTERNS, type AbuseCase, type AbusePattern } from '../src/synth/abuse.ts';
import { generateByHousehold, synthAgencies, synthPeriod, type SynthOptions } from '../src/synth/generate.ts';
import { householdEvidence, PersonIds, type ChildEvidence } from './alerts-evidence.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const int = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
};

const CHILDREN = Math.round(int('CHILDREN', 15_000));
const INJECTED_CHILDREN = Math.round(int('INJECTED_CHILDREN', 6_000));
const ABUSE_SHARE = int('ABUSE_SHARE', 0.15);
const SEED = Math.round(int('SEED', 1));
const INJECTED_SEED = SEED + 1000;
const TARGET_HIGH_PER_1000 = 5;
const TARGET_SENSITIVITY = 0.95;
const EXAMPLES_PER_RULE = 6;

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const highish = (s: Severity) => RANK[s] >= RANK.high;
type Counts = Record<Severity, number>;
const zero = (): Counts => ({ low: 0, medium: 0, high: 0, critical: 0 });
const round = (x: number, d = 3) => Number(x.toFixed(d));
const perThousand = (c: Counts, years: number) => ({
  ...Object.fromEntries(SEVERITIES.map((s) => [s, round((c[s] * 1000) / years)])),
  highOrCritical: round(((c.high + c.critical) * 1000) / years),
}) as Record<Severity | 'highOrCritical', number>;

interface Walk {
  children: number;
  households: number;
  records: number;
  childYears: number;
  /** statutory-drift firings by severity (process alerts, counted apart) */
  processFirings: Counts;
}

/** Runs the rules over every child of a population, household by household. */
function walk(
  opts: Omit<SynthOptions, 'maxRecords'>,
  onChild: (c: ChildEvidence, firings: Firing[], cases: AbuseCase[], kindOf: (personId: number) => string | undefined) => void,
): Walk {
  const agencyKinds = Object.fromEntries(synthAgencies(opts).map((a) => [a.id, a.kind]));
  const period = synthPeriod(opts);
  const ids = new PersonIds();
  const out: Walk = { children: 0, households: 0, records: 0, childYears: 0, processFirings: zero() };
  let lastReport = performance.now();
  for (const h of generateByHousehold(opts)) {
    out.households++;
    out.records += h.records.length;
    const kinds = new Map((h.truth as { members: { person: string; kind: string }[] }).members.map((m) => [ids.of(m.person), m.kind]));
    const kindOf = (id: number) => kinds.get(id);
    for (const c of householdEvidence(h, ids, agencyKinds, period)) {
      out.children++;
      out.childYears += c.childYears;
      const all = c.evidence.length ? evaluateChild(c.personId, c.evidence, { agencyKinds }) : [];
      // Process alerts (statutory drift) are about what agencies did, not a sign that the child is at risk:
      // counted apart, never in the false-alarm figure or as detecting abuse.
      const firings = all.filter((f) => !PROCESS_RULE_IDS.has(f.rule));
      for (const f of all) if (PROCESS_RULE_IDS.has(f.rule)) out.processFirings[f.severity]++;
      onChild(c, firings, h.abused.filter((a) => a.child === c.label), kindOf);
    }
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.error(`  ... ${out.children.toLocaleString()} of ${opts.children.toLocaleString()} children`);
    }
  }
  return out;
}

/** What kind of situation a firing is, in words without names or dates: for counting benign alerts by cause. */
function situation(f: Firing, c: ChildEvidence): string {
  const e = f.explanation;
  const sources = new Set(f.evidence);
  const evidence = c.evidence.filter((r) => sources.has(r.source));
  const settings = [...new Set(evidence.map((r) => (r.document.body as { setting?: string }).setting ?? r.agencyKind))].sort().join('+');
  const ages = [...new Set(evidence.filter((r) => (r.document.body as { injuries?: unknown[] }).injuries).map((r) => ageBand(c.dob, r.occurredOn)))].join('/');
  switch (f.rule) {
    case 'ten-4-facesp': return `${/ has (.*?) \(/.exec(e)?.[1] ?? e} [${ages}; ${settings}]`;
    case 'nice-cg89-suspect': return `${/\): (.*?) \(/.exec(e)?.[1] ?? e} [${ages}; ${settings}]${e.includes('Raised from') ? ' raised by parental risk factors' : ''}`;
    case 'accumulating-harm': {
      const m = /^(\d+) injuries, concerns or referrals .*? from (\d+) agenc/.exec(e);
      const kinds = evidence.map((r) => ((r.document.body as { injuries?: unknown[] }).injuries ? 'injury' : r.kind)).sort().join('+');
      const review = evidence.some((r) => String((r.document.body as { complaint?: string }).complaint).startsWith('review after emergency attendance'));
      return `${m?.[1] ?? '?'} events (${kinds}) from ${m?.[2] ?? '?'} agencies${review ? ' (one injury counted twice: ED and the GP review of it)' : ''}${e.includes('suspect injury pattern') ? ', one with a suspect injury feature' : ''}${e.includes('Raised from') ? ', raised by parental risk factors' : ''}`;
    }
    case 'known-child-seen': return e.includes('child-protection plan') ? `on a plan, ${e.includes('seen with injuries') ? 'seen with injuries' : 'seen'}` : 'open to social care';
    case 'unknown-adult': {
      const rel = /\(([^)]*)\) is linked to/.exec(e)?.[1] ?? 'adult';
      const why = /by ([a-z-]+) in /.exec(e)?.[1] ?? '?';
      return `${rel}, linked by ${why}${e.includes('alleged perpetrator') ? ', alleged perpetrator elsewhere' : ''}${e.includes('child-protection plan') ? ', child on a plan' : ''}`;
    }
    case 'was-not-brought': return `${/not brought to (\d+) appointments/.exec(e)?.[1] ?? '?'} missed in a year${e.includes('while known') ? ' while known to social care' : ''}`;
    case 'incomplete-examination': return e.includes('on a child-protection plan') ? 'partial examination, on a plan' : 'partial examination, open to social care';
    case 'conflicting-explanations': {
      const injuries = evidence.map((r) => ((r.document.body as { injuries?: { type: string; site: string }[] }).injuries ?? []).map((i) => `${i.type} ${i.site}`).join(','));
      return `two accounts within 14 days of ${new Set(injuries).size === 1 ? 'the same injury' : 'different injuries'} [${settings}]`;
    }
    default: return f.rule;
  }
}

/**
 * The child's involvement with services over the period: on a child-protection
 * plan at some point; else known to social care (a social-care record or a
 * referral to it); else only police records (domestic incidents at home); else none.
 */
type Context = 'child-protection plan' | 'social care' | 'police only' | 'none';
const CONTEXTS: readonly Context[] = ['none', 'police only', 'social care', 'child-protection plan'];
function context(c: ChildEvidence): Context {
  const about = c.evidence.filter((r) => Object.values(r.personOf).includes(c.personId));
  if (about.some((r) => r.kind === 'conference' && (r.document.body as { decision?: string }).decision === 'plan')) return 'child-protection plan';
  if (about.some((r) => r.agencyKind === 'social-care' || r.kind === 'referral')) return 'social care';
  if (c.evidence.some((r) => r.agencyKind === 'police')) return 'police only';
  return 'none';
}

/**
 * Whether an enquiry substantiated harm to the child (an enquiry outcome about them that says so, or a
 * child-protection plan). src/synth writes such outcomes for children it did not inject a pattern into, but
 * a child whose significant harm an enquiry substantiated is not a child who was not abused: their alerts
 * are counted apart, and the false-alarm budget is judged on the others.
 */
function harmSubstantiated(c: ChildEvidence): boolean {
  const about = c.evidence.filter((r) => Object.values(r.personOf).includes(c.personId));
  return about.some((r) => (r.kind === 'enquiry-outcome' && (r.document.body as { substantiated?: boolean }).substantiated === true)
    || (r.kind === 'conference' && (r.document.body as { decision?: string }).decision === 'plan'));
}

function ageBand(dob: string, on: string): string {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = on.split('-').map(Number) as [number, number, number];
  const months = (y2 - y) * 12 + (m2 - m) - (d2 < d ? 1 : 0);
  if (months < 5) return '<5 months';
  if (months < 9) return '5-8 months';
  if (months < 12) return '9-11 months';
  if (months < 18) return '12-17 months';
  if (months < 48) return '18-47 months';
  return '4+ years';
}

// ---- benign population ----------------------------------------------------------

const started = performance.now();
console.error(`benign population: ${CHILDREN.toLocaleString()} children, seed ${SEED}`);
const firings = zero();
const alerts = zero();
const byRule = new Map<string, { firings: Counts; alerts: Counts }>();
const situations = new Map<string, { involvement: Context; firings: number; children: Set<string> }>();
const examples = new Map<string, { child: string; at: string; severity: Severity; explanation: string }[]>();
let childrenWithHigh = 0;
/** Children no enquiry found harmed (harmSubstantiated): the population the false-alarm budget is judged on. */
const notSubstantiated = { children: 0, childYears: 0, highOrCritical: 0, childrenWithHigh: 0 };
const strata = new Map<Context, { children: number; childYears: number; highOrCritical: number; byRule: Record<string, number> }>(
  CONTEXTS.map((k) => [k, { children: 0, childYears: 0, highOrCritical: 0, byRule: {} }]));
const diagnostics = {
  unknownAdultNamedInAReferralToSocialCare: 0,
  unknownAdultWhenSocialCareHasOnlyOneVisitRecord: 0,
  unknownAdultIsASibling: 0,
  accumulatingHarmCountingAnEdInjuryAndItsGpReview: 0,
  accumulatingHarmWithTwoEventsWithinThreeDays: 0,
  accumulatingHarmIncludingAnOperationEncompassNotice: 0,
  accumulatingHarmRaisedByAPostnatalCheck: 0,
  conflictingExplanationsAboutDifferentInjuries: 0,
  wasNotBroughtTwiceWhileKnownToSocialCare: 0,
};
const text = (r: { document: { body: unknown } }, field: string) => String((r.document.body as Record<string, unknown>)[field] ?? '');
/** Counts benign high/critical firings by the causes the report names (each a candidate for a rule fix). */
function diagnose(f: Firing, c: ChildEvidence, kindOf: (id: number) => string | undefined): void {
  const ev = c.evidence.filter((r) => f.evidence.includes(r.source));
  const agencyKinds = Object.fromEntries(c.evidence.map((r) => [r.agencyId, r.agencyKind]));
  if (f.rule === 'unknown-adult') {
    const who = f.subjectPersonId ?? null;
    if (c.evidence.some((r) => r.occurredOn <= f.at && r.kind === 'referral' && agencyKinds[text(r, 'to')] === 'social-care' && who !== null && Object.values(r.personOf).includes(who))) {
      diagnostics.unknownAdultNamedInAReferralToSocialCare++;
    }
    const social = c.evidence.filter((r) => r.agencyKind === 'social-care' && r.occurredOn <= f.at);
    if (social.length === 1 && social[0]!.kind === 'visit') diagnostics.unknownAdultWhenSocialCareHasOnlyOneVisitRecord++;
    if (who !== null && kindOf(who) === 'child') diagnostics.unknownAdultIsASibling++;
  } else if (f.rule === 'accumulating-harm') {
    if (ev.some((r) => text(r, 'complaint').startsWith('review after emergency attendance'))) diagnostics.accumulatingHarmCountingAnEdInjuryAndItsGpReview++;
    const dates = ev.map((r) => Date.parse(r.occurredOn)).sort((a, b) => a - b);
    if (dates.some((d, i) => i > 0 && d - dates[i - 1]! <= 3 * 86_400_000)) diagnostics.accumulatingHarmWithTwoEventsWithinThreeDays++;
    if (ev.some((r) => text(r, 'description').startsWith('Operation Encompass'))) diagnostics.accumulatingHarmIncludingAnOperationEncompassNotice++;
    if (c.evidence.some((r) => f.contributing?.includes(r.source) && text(r, 'complaint') === 'postnatal check')) diagnostics.accumulatingHarmRaisedByAPostnatalCheck++;
  } else if (f.rule === 'conflicting-explanations') {
    const injuries = new Set(ev.map((r) => JSON.stringify(((r.document.body as { injuries?: { type: string; site: string }[] }).injuries ?? []).map((i) => [i.type, i.site]))));
    if (injuries.size > 1) diagnostics.conflictingExplanationsAboutDifferentInjuries++;
  } else if (f.rule === 'was-not-brought' && ev.length === 2) {
    diagnostics.wasNotBroughtTwiceWhileKnownToSocialCare++;
  }
}
const benignWalk = walk({ seed: SEED, children: CHILDREN }, (c, fs, _cases, kindOf) => {
  const involvement = context(c);
  const stratum = strata.get(involvement)!;
  stratum.children++;
  stratum.childYears += c.childYears;
  const unharmed = !harmSubstantiated(c);
  if (unharmed) {
    notSubstantiated.children++;
    notSubstantiated.childYears += c.childYears;
    if (fs.some((f) => highish(f.severity))) notSubstantiated.childrenWithHigh++;
  }
  for (const f of fs) {
    if (!highish(f.severity)) continue;
    if (unharmed) notSubstantiated.highOrCritical++;
    stratum.highOrCritical++;
    stratum.byRule[f.rule] = (stratum.byRule[f.rule] ?? 0) + 1;
  }
  const best = new Map<string, Severity>();
  for (const f of fs) {
    firings[f.severity]++;
    const r = byRule.get(f.rule) ?? { firings: zero(), alerts: zero() };
    byRule.set(f.rule, r);
    r.firings[f.severity]++;
    const b = best.get(f.rule);
    if (!b || RANK[f.severity] > RANK[b]) best.set(f.rule, f.severity);
    if (!highish(f.severity)) continue;
    diagnose(f, c, kindOf);
    const key = `${f.rule} ${f.severity}: ${situation(f, c)} {${involvement}}`;
    const s = situations.get(key) ?? { involvement, firings: 0, children: new Set<string>() };
    situations.set(key, s);
    s.firings++;
    s.children.add(c.label);
    const ex = examples.get(f.rule) ?? [];
    examples.set(f.rule, ex);
    if (ex.length < EXAMPLES_PER_RULE && !ex.some((x) => x.child === c.label)) ex.push({ child: c.label, at: f.at, severity: f.severity, explanation: f.explanation });
  }
  for (const [rule, s] of best) {
    alerts[s]++;
    byRule.get(rule)!.alerts[s]++;
  }
  if ([...best.values()].some(highish)) childrenWithHigh++;
});
const benignSeconds = (performance.now() - started) / 1000;

// ---- injected run ---------------------------------------------------------------

const injectedStarted = performance.now();
console.error(`injected run: ${INJECTED_CHILDREN.toLocaleString()} children, abuse share ${ABUSE_SHARE}, seed ${INJECTED_SEED}`);
interface CaseResult { pattern: AbusePattern; detected: boolean; byExpected: boolean; loose: boolean; days: number | null; rules: string[]; description: string; firstDate: string; child: string }
const results: CaseResult[] = [];
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const injectedWalk = walk({ seed: INJECTED_SEED, children: INJECTED_CHILDREN, abuse: { share: ABUSE_SHARE } }, (c, fs, cases) => {
  for (const k of cases) {
    const added = new Set(k.records);
    const after = fs.filter((f) => highish(f.severity) && f.at >= k.firstDate);
    const citing = after.filter((f) => f.evidence.some((e) => added.has(e)));
    const first = citing[0];
    results.push({
      pattern: k.pattern, child: k.child, firstDate: k.firstDate, description: k.description,
      detected: citing.length > 0, byExpected: citing.some((f) => f.rule === k.expectedRule), loose: after.length > 0,
      days: first ? daysBetween(k.firstDate, first.at) : null,
      rules: [...new Set(citing.map((f) => `${f.rule} (${f.severity})`))],
    });
  }
});
const injectedSeconds = (performance.now() - injectedStarted) / 1000;

// ---- report ------------------------------------------------------------------------

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const summarise = (rs: CaseResult[]) => ({
  cases: rs.length,
  detected: rs.filter((r) => r.detected).length,
  sensitivity: rs.length ? round(rs.filter((r) => r.detected).length / rs.length, 4) : null,
  detectedByExpectedRule: rs.filter((r) => r.byExpected).length,
  anyHighOrCriticalAfterFirstDate: rs.filter((r) => r.loose).length,
  medianDaysToDetection: median(rs.filter((r) => r.days !== null).map((r) => r.days!)),
});
const years = benignWalk.childYears;
const ruleRows = [...byRule.entries()].sort((a, b) => (b[1].firings.high + b[1].firings.critical) - (a[1].firings.high + a[1].firings.critical) || a[0].localeCompare(b[0]));
const situationRows = [...situations.entries()].sort((a, b) => b[1].firings - a[1].firings);
const byPattern = Object.fromEntries(ABUSE_PATTERNS.map((p) => {
  const rs = results.filter((r) => r.pattern === p);
  const rules = new Map<string, number>();
  for (const r of rs) for (const x of r.rules) rules.set(x, (rules.get(x) ?? 0) + 1);
  return [p, {
    ...summarise(rs),
    detectingRules: Object.fromEntries([...rules.entries()].sort((a, b) => b[1] - a[1])),
    missedExamples: rs.filter((r) => !r.detected).slice(0, 3).map((r) => ({ child: r.child, firstDate: r.firstDate, description: r.description })),
  }];
}));
const injectedSummary = summarise(results);
const benignPer = perThousand(firings, years);
const unharmedPer = notSubstantiated.childYears ? round((notSubstantiated.highOrCritical * 1000) / notSubstantiated.childYears) : 0;

const out = {
  note: 'Rules evaluated on perfect linkage (each child\'s records grouped by the synthetic truth); record linkage is benchmarked separately (bench:linkage, bench:link-ingest). '
    + 'Police records of the household at a postcode the child lived at are included, as childEvidence does.',
  benign: {
    seed: SEED,
    children: benignWalk.children,
    households: benignWalk.households,
    records: benignWalk.records,
    childYears: round(years, 1),
    firings,
    perThousandChildYears: benignPer,
    alerts,
    alertsPerThousandChildYears: perThousand(alerts, years),
    childrenWithHighOrCritical: childrenWithHigh,
    byInvolvement: Object.fromEntries(CONTEXTS.map((k) => {
      const x = strata.get(k)!;
      return [k, {
        children: x.children, childYears: round(x.childYears, 1), highOrCriticalFirings: x.highOrCritical,
        highOrCriticalPerThousandChildYears: x.childYears ? round((x.highOrCritical * 1000) / x.childYears) : null,
        byRule: Object.fromEntries(Object.entries(x.byRule).sort((a, b) => b[1] - a[1])),
      }];
    })),
    noHarmSubstantiated: {
      note: 'children no enquiry found harmed (no substantiated enquiry outcome, no child-protection plan about them): the budget is judged on these; the figures above count every child without an injected pattern',
      children: notSubstantiated.children, childYears: round(notSubstantiated.childYears, 1), highOrCriticalFirings: notSubstantiated.highOrCritical,
      highOrCriticalPerThousandChildYears: unharmedPer, childrenWithHighOrCritical: notSubstantiated.childrenWithHigh,
    },
    target: { highOrCriticalPerThousandChildYears: TARGET_HIGH_PER_1000, judgedOn: 'noHarmSubstantiated', met: unharmedPer <= TARGET_HIGH_PER_1000 },
    processAlerts: {
      note: 'statutory-drift: deadlines of the child-protection process missed in the synthetic social-care episodes; about what agencies did, so not in the false-alarm figure above',
      firings: benignWalk.processFirings, perThousandChildYears: perThousand(benignWalk.processFirings, years),
    },
    byRule: Object.fromEntries(ruleRows.map(([rule, r]) => [rule, {
      firings: r.firings, alerts: r.alerts, firingsPerThousandChildYears: perThousand(r.firings, years),
    }])),
    diagnostics: {
      note: 'benign high/critical firings by cause (one firing can have several); each cause is a candidate for a rule fix',
      ...Object.fromEntries(Object.entries(diagnostics).map(([k, n]) => [k, { firings: n, perThousandChildYears: round((n * 1000) / years) }])),
    },
    highOrCriticalSituations: situationRows.slice(0, 100).map(([what, s]) => ({
      what, firings: s.firings, children: s.children.size, perThousandChildYears: round((s.firings * 1000) / years),
    })),
    examples: Object.fromEntries(examples),
  },
  injected: {
    seed: INJECTED_SEED,
    children: injectedWalk.children,
    abuseShare: ABUSE_SHARE,
    detection: 'a high or critical firing for the child on or after the first record of the pattern, citing at least one record the pattern added',
    ...injectedSummary,
    target: { sensitivity: TARGET_SENSITIVITY, met: (injectedSummary.sensitivity ?? 0) >= TARGET_SENSITIVITY },
    byPattern,
  },
  seconds: round((performance.now() - started) / 1000, 1),
  secondsByPart: { benign: round(benignSeconds, 1), injected: round(injectedSeconds, 1) },
};
writeFileSync(`${here}alerts-results.json`, JSON.stringify(out, null, 2) + '\n');

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`\nBenign population: ${benignWalk.children.toLocaleString()} children, ${round(years, 0).toLocaleString()} child-years, ${benignWalk.records.toLocaleString()} records (${benignSeconds.toFixed(0)} s)`);
console.log('  perfect linkage: each child\'s records grouped by the synthetic truth (linkage is benchmarked separately)');
console.log(`  per 1,000 child-years    ${SEVERITIES.map((s) => pad(s, 9)).join('')}  high+critical`);
console.log(`  firings                  ${SEVERITIES.map((s) => pad(benignPer[s].toFixed(2), 9)).join('')}  ${pad(benignPer.highOrCritical.toFixed(2), 13)}  (every child without an injected pattern)`);
const ap = out.benign.alertsPerThousandChildYears;
console.log(`  distinct child-rule      ${SEVERITIES.map((s) => pad(ap[s].toFixed(2), 9)).join('')}  ${pad(ap.highOrCritical.toFixed(2), 13)}`);
const pp = perThousand(benignWalk.processFirings, years);
console.log(`  process (drift) firings  ${SEVERITIES.map((s) => pad(pp[s].toFixed(2), 9)).join('')}  ${pad(pp.highOrCritical.toFixed(2), 13)}  (statutory deadlines missed; not risk alerts: not in the target)`);
console.log(`  children with any high/critical alert: ${childrenWithHigh} (${round((childrenWithHigh * 1000) / benignWalk.children, 2)} per 1,000 children)`);
console.log(`  children no enquiry found harmed (${notSubstantiated.children.toLocaleString()}, ${Math.round(notSubstantiated.childYears).toLocaleString()} child-years): high+critical firings ${unharmedPer.toFixed(2)} per 1,000 child-years (target <= ${TARGET_HIGH_PER_1000}: ${out.benign.target.met ? 'met' : 'NOT met'}); ${notSubstantiated.childrenWithHigh} of them alerted`);
console.log('\n  by the child\'s involvement with services   children  child-years  high+critical per 1,000 child-years');
for (const k of CONTEXTS) {
  const x = out.benign.byInvolvement[k]!;
  console.log(`  ${k.padEnd(40)} ${pad(x.children, 10)} ${pad(Math.round(x.childYears), 12)} ${pad(x.highOrCriticalPerThousandChildYears?.toFixed(2) ?? '-', 12)}`);
}
console.log('\n  rule                          low   medium     high critical   high+crit per 1,000 child-years');
for (const [rule, r] of ruleRows) {
  console.log(`  ${rule.padEnd(26)} ${SEVERITIES.map((s) => pad(r.firings[s], 8)).join('')}   ${pad(perThousand(r.firings, years).highOrCritical.toFixed(2), 8)}`);
}
console.log('\n  causes of benign high/critical firings (firings per 1,000 child-years):');
for (const [k, n] of Object.entries(diagnostics)) console.log(`  ${pad(((n * 1000) / years).toFixed(2), 7)}  ${k.replace(/([A-Z])/g, ' $1').toLowerCase()}`);
console.log('\n  commonest benign high/critical situations (firings, children):');
for (const [what, s] of situationRows.slice(0, 15)) console.log(`  ${pad(s.firings, 6)} ${pad(s.children.size, 6)}  ${what}`);

console.log(`\nInjected patterns: ${results.length} cases in ${injectedWalk.children.toLocaleString()} children (${injectedSeconds.toFixed(0)} s)`);
console.log('  pattern                      cases detected sensitivity  by-expected-rule  median days');
for (const p of ABUSE_PATTERNS) {
  const s = byPattern[p]!;
  console.log(`  ${p.padEnd(27)} ${pad(s.cases, 6)} ${pad(s.detected, 8)} ${pad(s.sensitivity === null ? '-' : `${(s.sensitivity * 100).toFixed(1)}%`, 11)} ${pad(s.detectedByExpectedRule, 17)} ${pad(s.medianDaysToDetection ?? '-', 12)}`);
}
console.log(`  ${'all'.padEnd(27)} ${pad(injectedSummary.cases, 6)} ${pad(injectedSummary.detected, 8)} ${pad(`${((injectedSummary.sensitivity ?? 0) * 100).toFixed(1)}%`, 11)} ${pad(injectedSummary.detectedByExpectedRule, 17)} ${pad(injectedSummary.medianDaysToDetection ?? '-', 12)}  (target >= ${TARGET_SENSITIVITY * 100}%: ${out.injected.target.met ? 'met' : 'NOT met'})`);
console.log(`\nwrote bench/alerts-results.json (${out.seconds} s)`);

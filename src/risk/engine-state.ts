// What the engine keeps between two evaluations of a child, so that one more
// record costs the days it changes, not the child's whole history again.
//
// A rule's finding on a day depends on the records dated up to that day (with
// the people each of their mentions belongs to), the child's name and date of
// birth (taken from all their records), the agencies' kinds, managers'
// sign-offs up to that day, and the rules themselves. The engine's memory of
// what it had found before a day (`found`) is the fold of its firings before
// that day, so the firings are the whole state. The state records a digest of
// every day it looked at; the next evaluation starts again from the earliest
// day whose digest, or whose sign-offs, differ (an earlier-dated record, a
// record corrected, a merge or split changing who is in a record), and from the
// start when the name, date of birth, agencies or rules differ. A record dated
// after the last day looked at changes nothing before it: only its own day, and
// the days a deadline passes on the way, are run.
import { createHash } from 'node:crypto';
import type { EvidenceRecord } from '../household/derive.ts';
import { moreSevere } from './facts.ts';
import type { Finding, Firing, Rule } from './types.ts';
import type { Corrections } from './injury-context.ts';

/** Changed when the engine's semantics or this state's shape change: every stored state is then recomputed. */
export const ENGINE_STATE_VERSION = 3;

export interface EngineState {
  version: number;
  /** a digest of everything an evaluation depends on besides the records and sign-offs (see contextOf) */
  context: string;
  /** every day looked at, oldest first, with a digest of the records dated that day ('' for a day with none) */
  days: [day: string, digest: string][];
  /** the sign-offs seen, `agency/ref` -> day, in key order */
  signOffs: [source: string, day: string][];
  /** every firing up to the last day, oldest first, as much of it as a later evaluation needs (FiringTrace) */
  firings: FiringTrace[];
}

/**
 * A firing as the state keeps it: what it added to what the rule had found (the fold needs only that), and
 * what weighing reads of earlier firings (its day, severity, terms and contributing records). Keeping each
 * firing whole would keep the square of the history: a rule's evidence and facts accumulate, and every
 * firing repeats them.
 */
export interface FiringTrace {
  rule: string;
  at: string;
  severity: Firing['severity'];
  personId: number;
  /** evidence and facts the rule had not found before this firing */
  added: string[];
  addedFacts?: string[];
  terms?: Firing['terms'];
  contributing?: string[];
}

/** What a rule has found so far: the highest severity, and every record and fact it has cited. */
export interface Known {
  severity: Firing['severity'];
  evidence: Set<string>;
  facts: Set<string>;
}

/** A day later than any date: nothing to run again. */
export const NOTHING_CHANGED = '9999-99-99';
/** Earlier than any date: everything must be run again. */
export const FROM_THE_START = '';

const digest = (s: string) => createHash('sha1').update(s).digest('base64').slice(0, 16);

const ruleDigests = new WeakMap<readonly Rule[], string>();
/**
 * The rules, by id and version (bumped when what a rule finds changes), and the text of their own functions,
 * so that an edit that forgot the version is noticed too.
 */
function rulesDigest(rules: readonly Rule[]): string {
  let d = ruleDigests.get(rules);
  if (d === undefined) {
    d = digest(rules.map((r) => `${r.id}@${r.version}:${r.evaluate.toString()}:${r.wakeDays?.toString() ?? ''}`).join('\n'));
    ruleDigests.set(rules, d);
  }
  return d;
}

/**
 * The agencies the records name (as sender, or anywhere in a document: a referral's receiver, a meeting's
 * attendees) with their kinds. Rules look agencies up by the ids records give, so registering an agency no
 * record names does not make every child's history run again.
 */
function agenciesNamed(records: readonly EvidenceRecord[], agencyKinds: Record<string, string>): string {
  const named = new Set<string>();
  const walk = (x: unknown): void => {
    if (typeof x === 'string') { if (Object.hasOwn(agencyKinds, x)) named.add(x); }
    else if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x && typeof x === 'object') for (const y of Object.values(x)) walk(y);
  };
  for (const r of records) { named.add(r.agencyId); walk(r.document.body); }
  return [...named].sort().map((id) => `${id}=${agencyKinds[id] ?? '?'}`).join(',');
}

export function contextOf(rules: readonly Rule[], name: string, dob: string | null, records: readonly EvidenceRecord[], agencyKinds: Record<string, string>): string {
  return digest([ENGINE_STATE_VERSION, rulesDigest(rules), name, dob ?? '', agenciesNamed(records, agencyKinds)].join('\u0000'));
}

/** What a record brings to a day: its version (its content), its agency, and who each of its mentions is. */
const recordKey = (r: EvidenceRecord) =>
  `${r.recordId}|${r.agencyKind}|${r.agencyName}|${Object.entries(r.personOf).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, p]) => `${k}=${p ?? ''}`).join(',')}`;

/**
 * Each day with its digest: `days` ascending, `records` sorted by day; every record's day must be in `days`. A
 * record a later one corrects carries the correction in its day's digest, so that day is looked at again.
 */
export function dayDigests(days: readonly string[], records: readonly EvidenceRecord[], corrections?: Corrections): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  for (const day of days) {
    const keys: string[] = [];
    while (i < records.length && records[i]!.occurredOn === day) {
      const r = records[i++]!;
      const c = corrections?.get(r.source);
      keys.push(c ? `${recordKey(r)}|corrected by ${c.source}` : recordKey(r));
    }
    out.push([day, keys.length ? digest(keys.join('\n')) : '']);
  }
  return out;
}

/**
 * The earliest day whose evaluation may differ from the state's: FROM_THE_START when the context differs,
 * NOTHING_CHANGED when every day the state looked at is unchanged and there is no new day.
 */
export function firstChangedDay(prior: EngineState, now: Pick<EngineState, 'context' | 'days' | 'signOffs'>): string {
  if (prior.version !== ENGINE_STATE_VERSION || prior.context !== now.context) return FROM_THE_START;
  let from = NOTHING_CHANGED;
  const n = Math.min(prior.days.length, now.days.length);
  let i = 0;
  while (i < n && prior.days[i]![0] === now.days[i]![0] && prior.days[i]![1] === now.days[i]![1]) i++;
  for (const d of [prior.days[i]?.[0], now.days[i]?.[0]]) if (d !== undefined && d < from) from = d;
  // A sign-off counts from its own day (process.ts reads it only once the picture's day has reached it).
  const before = new Map(prior.signOffs);
  const after = new Map(now.signOffs);
  for (const [source, day] of after) if (before.get(source) !== day) from = [from, day, before.get(source) ?? day].sort()[0]!;
  for (const [source, day] of before) if (!after.has(source) && day < from) from = day;
  return from;
}

/** What the engine had found before a day, per rule: the fold of the rule's firings before it. */
export function foldTraces(traces: readonly FiringTrace[]): Map<string, Known> {
  const found = new Map<string, Known>();
  for (const t of traces) {
    const k = found.get(t.rule) ?? { severity: t.severity, evidence: new Set<string>(), facts: new Set<string>() };
    if (moreSevere(t.severity, k.severity)) k.severity = t.severity;
    for (const e of t.added) k.evidence.add(e);
    for (const x of t.addedFacts ?? []) k.facts.add(x);
    found.set(t.rule, k);
  }
  return found;
}

/** A finding is new when it is more severe, or cites a record or a fact not found before. */
export function isFresh(before: Known | undefined, f: Finding): boolean {
  return !before || moreSevere(f.severity, before.severity) || f.evidence.some((e) => !before.evidence.has(e))
    || (f.facts ?? []).some((x) => !before.facts.has(x));
}

/** A firing remembered: `found` takes in what it adds, and the trace says what that was. */
export function remember(found: Map<string, Known>, f: Firing): FiringTrace {
  const before = found.get(f.rule);
  const added = f.evidence.filter((e) => !before?.evidence.has(e));
  const addedFacts = [...new Set(f.facts ?? [])].filter((x) => !before?.facts.has(x));
  const k = before ?? { severity: f.severity, evidence: new Set<string>(), facts: new Set<string>() };
  if (moreSevere(f.severity, k.severity)) k.severity = f.severity;
  for (const e of added) k.evidence.add(e);
  for (const x of addedFacts) k.facts.add(x);
  found.set(f.rule, k);
  return {
    rule: f.rule, at: f.at, severity: f.severity, personId: f.personId, added,
    ...(addedFacts.length ? { addedFacts } : {}),
    ...(f.terms?.length ? { terms: f.terms } : {}),
    ...(f.contributing?.length ? { contributing: f.contributing } : {}),
  };
}

/**
 * An earlier firing as weighing sees it, from its trace: weighing reads the day, severity, terms and
 * contributing records of the firings before a firing's day, never their words or full evidence.
 */
export function fromTrace(t: FiringTrace, rules: readonly Rule[]): Firing {
  const rule = rules.find((r) => r.id === t.rule);
  return {
    rule: t.rule, ruleVersion: rule?.version ?? 0, ruleSource: rule?.source ?? '', personId: t.personId, at: t.at,
    severity: t.severity, evidence: t.added, explanation: '',
    ...(t.terms ? { terms: t.terms } : {}),
    ...(t.contributing ? { contributing: t.contributing } : {}),
  };
}

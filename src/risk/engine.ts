// Runs every rule over a child's picture as it stood on each day something was
// recorded about them (and each day a rule must look again because a deadline
// passed), oldest first. A rule "fires" on a day when it finds
// something it had not found before: a first finding, new evidence, or a higher
// severity. The firings are a function of the set of records alone (sorted by
// date, then by `agency/ref`), so the order in which agencies' records arrive
// never changes them.
//
// Looking at every day again on every new record costs the square of the
// history, so the engine resumes: given the state it kept last time
// (engine-state.ts), it runs only the days from the earliest one that changed,
// and a record dated after the last day looked at costs its own day. Resumed or
// from scratch, the firings are the same: `evaluateChild` is `resumeChild`
// with no state.
import { childNameAndDob, deriveHousehold, type EvidenceRecord, type Household } from '../household/derive.ts';
import { RULES } from './rules/index.ts';
import { contextOf, dayDigests, ENGINE_STATE_VERSION, firstChangedDay, foldTraces, FROM_THE_START, fromTrace, isFresh, remember, type EngineState } from './engine-state.ts';
import type { ChildPicture, Firing, Rule } from './types.ts';
import { weighFirings } from './weigh.ts';
import { correctionsOf } from './injury-context.ts';

export { RULES, RISK_RULES, PROCESS_RULES } from './rules/index.ts';
export { FROM_THE_START, NOTHING_CHANGED, type EngineState } from './engine-state.ts';

const byDateThenSource = (a: EvidenceRecord, b: EvidenceRecord) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0;

export interface EvaluateOptions {
  agencyKinds: Record<string, string>;
  rules?: readonly Rule[];
  /** look no further than this day (YYYY-MM-DD): the day the alerts are refreshed; default the newest record's day */
  until?: string;
  /** managers' sign-offs of decisions ending protection (`agency/ref` -> day); none by default */
  signOffs?: ReadonlyMap<string, string>;
}

export interface Resumed {
  /** the firings from `from` on (every firing when `from` is FROM_THE_START), oldest first */
  firings: Firing[];
  /**
   * The first day looked at again: every firing before it stands as the last evaluation found it (and as it
   * is stored). FROM_THE_START when everything was looked at again; NOTHING_CHANGED when nothing was.
   */
  from: string;
  /** how many firings before `from` stand (a check that the stored alerts are the ones the state knew) */
  kept: number;
  /** how many days were run */
  daysRun: number;
  /** to keep for the next evaluation of this child */
  state: EngineState;
}

/** A child's firings from their records, every day looked at. */
export function evaluateChild(personId: number, evidence: EvidenceRecord[], opts: EvaluateOptions): Firing[] {
  return resumeChild(personId, evidence, opts, null).firings;
}

/**
 * The firings evaluateChild would give from `from` on, running only the days from the earliest that differs
 * from `prior` (the state the last evaluation of this child returned), or every day when there is none.
 */
export function resumeChild(personId: number, evidence: EvidenceRecord[], opts: EvaluateOptions, prior: EngineState | null): Resumed {
  const rules = opts.rules ?? RULES;
  const run = runDays(personId, evidence, opts, prior);
  const kept = run.state.firings.slice(0, run.kept).map((t) => fromTrace(t, rules));
  return { ...run, firings: finalFirings(kept, run.fresh) };
}

/**
 * The one place the engine's final firings are made from the rules' own: `fresh` (from the first day run
 * again) after `kept` (the firings before it, from the state). A step that looks back over earlier firings
 * (weighing) is given both, and only the fresh ones are returned.
 */
function finalFirings(kept: Firing[], fresh: Firing[]): Firing[] {
  return weighFirings([...kept, ...fresh], kept.length);
}

function runDays(personId: number, evidence: EvidenceRecord[], opts: EvaluateOptions, prior: EngineState | null): Omit<Resumed, 'firings'> & { fresh: Firing[] } {
  const rules = opts.rules ?? RULES;
  const signOffs = opts.signOffs ?? new Map<string, string>();
  const records = [...evidence].sort(byDateThenSource);
  const { name, dob } = childNameAndDob(personId, records);
  const context = contextOf(rules, name, dob, records, opts.agencyKinds);
  const signed = [...signOffs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const socialCareAgencies = new Set(Object.entries(opts.agencyKinds).filter(([, k]) => k === 'social-care').map(([id]) => id));
  // A correction withdraws what the entry it corrects raised, so that entry's day is looked at again (its
  // digest names the correction) and every day sees it corrected.
  const corrections = correctionsOf(records, personId);
  // The days to look: every day with a record, and the days rules wake on (a deadline passing), up to the
  // newest record or, when later, the day the alerts are refreshed.
  const newest = records.at(-1)?.occurredOn;
  const last = newest === undefined ? '' : opts.until && opts.until > newest ? opts.until : newest;
  const days = newest === undefined ? [] : dayDigests([...new Set([
    ...records.map((r) => r.occurredOn),
    ...rules.flatMap((rule) => rule.wakeDays?.(records, personId, opts.agencyKinds, signOffs) ?? []).filter((d) => d <= last),
  ])].sort(), records, corrections);
  const from = prior ? firstChangedDay(prior, { context, days, signOffs: signed }) : FROM_THE_START;
  // What was found before `from` stands: its firings are kept, and remembered as found.
  const traces = prior ? prior.firings.filter((t) => t.at < from) : [];
  const kept = traces.length;
  const found = foldTraces(traces);
  const fresh: Firing[] = [];
  let end = 0;
  while (end < records.length && records[end]!.occurredOn < from) end++;
  let daysRun = 0;
  let lastUpto: EvidenceRecord[] | null = null;
  let lastHousehold: Household | null = null;
  for (const [asOf] of days) {
    if (asOf < from) continue;
    daysRun++;
    const start = end;
    while (end < records.length && records[end]!.occurredOn === asOf) end++;
    // A day with no record of its own (a deadline passing) sees the records, and so the household, of the day before.
    const sameRecords: boolean = start === end && lastUpto !== null;
    const upto: EvidenceRecord[] = sameRecords ? lastUpto! : records.slice(0, end);
    let household: Household | null = sameRecords ? lastHousehold : null;
    const picture: ChildPicture = {
      personId,
      name,
      dob,
      asOf,
      records: upto,
      today: records.slice(start, end),
      // Derived only when a rule asks: most days no rule needs the household.
      get household() {
        household ??= deriveHousehold({ personId, records: upto, socialCareAgencies });
        lastHousehold = household;
        return household;
      },
      agencyKinds: opts.agencyKinds,
      signOffs,
      corrections,
    };
    if (!sameRecords) lastHousehold = null;
    lastUpto = upto;
    for (const rule of rules) {
      const found1 = rule.evaluate(picture);
      if (!found1) continue;
      const f = { ...found1, evidence: [...new Set(found1.evidence)] };
      if (!isFresh(found.get(rule.id), f)) continue;
      const firing: Firing = { ...f, rule: rule.id, ruleVersion: rule.version, ruleSource: rule.source, personId, at: asOf };
      fresh.push(firing);
      traces.push(remember(found, firing));
    }
  }
  return { state: { version: ENGINE_STATE_VERSION, context, days, signOffs: signed, firings: traces }, from, kept, daysRun, fresh };
}

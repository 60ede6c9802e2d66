// The statutory child-protection process for one child, derived from the
// agencies' records as a pure function: which clocks are running, when each
// step is due on England's working-day calendar, whether it was met, and which
// decisions that end protection still lack a manager's sign-off. The timings
// are those of HM Government, "Working Together to Safeguard Children" (2023):
// - a referral to children's social care: a decision within 1 working day (para 151 of chapter 2 [WT 2023, 2.151])
// - an assessment: completed within 45 working days of the referral (WT 2023, 2.153)
// - a strategy discussion deciding on a section 47 enquiry: the initial child-protection
//   conference within 15 working days of it (WT 2023, 2.195)
// - a child-protection plan: the first core group within 10 working days of the initial
//   conference (WT 2023, 2.203); the first review conference within 3 months of it, and
//   further reviews at most every 6 months (WT 2023, 2.208)
// - statutory visits at the local authority's frequency (councils set 10 working days to
//   4 weeks; PROCESS_DEFAULTS holds ours, set per installation), with the child seen alone
// - a child-in-need plan (section 17, Children Act 1989; WT 2023, chapter 2): Working Together
//   sets no national timescale for visiting a child on one; councils' procedures commonly ask
//   for a visit every 4 to 6 weeks, and PROCESS_DEFAULTS holds the longer
// Where Working Together is silent (how often core groups meet after the first; how soon a
// plan must be looked at again after a new injury), the defaults say what we chose and why.
import type { EvidenceRecord } from '../household/derive.ts';
import { addDays, addMonths, addWorkingDays, workingDaysBetween } from './calendar.ts';

export interface ProcessSettings {
  /** statutory visits to a child on a plan at least every this many working days */
  visitEveryWorkingDays: number;
  /** the child seen alone at least every this many working days while on a plan */
  seenAloneEveryWorkingDays: number;
  /** core groups after the first at least every this many working days (local procedures: commonly 6 weeks) */
  coreGroupEveryWorkingDays: number;
  /** a new injury to a child on a plan: the plan looked at again (a core group or review) within this many working days */
  replanAfterInjuryWorkingDays: number;
  /** a child on a child-in-need plan visited, and seen, by children's social care at least every this many working days */
  cinVisitEveryWorkingDays: number;
}

/**
 * Our defaults, each an installation's to change: visits every 4 weeks (20 working days), the longest
 * interval councils set and so the one that raises least; the child seen alone at every other visit;
 * core groups every 6 weeks after the first; a new injury to a child on a plan before a core group or
 * review within 2 weeks; a child on a child-in-need plan seen by social care at least every 6 weeks.
 */
export const PROCESS_DEFAULTS: ProcessSettings = {
  visitEveryWorkingDays: 20,
  seenAloneEveryWorkingDays: 40,
  coreGroupEveryWorkingDays: 30,
  replanAfterInjuryWorkingDays: 10,
  cinVisitEveryWorkingDays: 30,
};

/** A running deadline this close (in working days) is near: the drift rule says so before it is missed. */
export const NEAR_WORKING_DAYS = 2;

/** The day `n` working days before `due` (the day a deadline becomes near). */
export function nearFrom(due: string, n = NEAR_WORKING_DAYS): string {
  let d = due;
  while (workingDaysBetween(d, due) < n) d = addDays(d, -1);
  return d;
}

export type Step =
  | 'referral-decision' | 'assessment' | 'initial-conference' | 'first-core-group' | 'core-group'
  | 'first-review' | 'review' | 'visit' | 'seen-alone' | 'replan-after-injury' | 'sign-off'
  | 'first-cin-visit' | 'cin-visit';

export interface Deadline {
  step: Step;
  /** what the step is, in words */
  what: string;
  /** the last day it may happen on (YYYY-MM-DD) */
  due: string;
  /** the record that started the clock (`agency/ref`) */
  startedBy: string;
  /** the record that met it, and when */
  metBy: { source: string; on: string } | null;
  /** met, missed (due has passed unmet by `asOf`), or still running */
  status: 'met' | 'missed' | 'running';
  /** running and due within NEAR_WORKING_DAYS working days of `asOf`: time to act before it is missed */
  near: boolean;
  rule: string;
}

export interface ProtectiveDecision {
  /** `agency/ref` of the record carrying the decision */
  source: string;
  on: string;
  what: string;
}

/** An agency absent from consecutive core groups or conferences about the child: its part of the plan is not being done. */
export interface RepeatedAbsence {
  agency: string;
  /** the meetings it missed in a row, `agency/ref`, oldest first */
  meetings: string[];
}

/** Absent from this many meetings in a row is raised. */
export const ABSENCES_IN_A_ROW = 2;

export interface ChildProcess {
  asOf: string;
  absences: RepeatedAbsence[];
  plan: { since: string; source: string; categories: string[]; endedOn: string | null } | null;
  /**
   * The latest child-in-need plan: from an enquiry's outcome deciding one, until a child-protection plan
   * replaces it, a later enquiry ends in no further action, or the child dies. (Version 1 of the
   * agency-record contract has no record of a child-in-need plan closing otherwise: it runs on until one of those.)
   */
  cinPlan: { since: string; source: string; endedOn: string | null; endedBy: string | null } | null;
  deadlines: Deadline[];
  /** decisions that end or step down protection: Working Together asks for a manager's agreement to each */
  decisions: ProtectiveDecision[];
}

const WT = 'HM Government, Working Together to Safeguard Children (2023)';
const body = (r: EvidenceRecord) => r.document.body as Record<string, unknown>;
const isSocialCare = (r: EvidenceRecord) => r.agencyKind === 'social-care';

/** The child's process as it stood on `asOf`, from their records (any order; those after `asOf` are ignored). */
export function deriveProcess(
  all: readonly EvidenceRecord[],
  childId: number,
  asOf: string,
  opts: {
    agencyKinds: Record<string, string>;
    settings?: ProcessSettings;
    /** managers' sign-offs of decisions: `agency/ref` of the decision -> the day it was signed off */
    signOffs?: ReadonlyMap<string, string>;
  },
): ChildProcess {
  const settings = opts.settings ?? PROCESS_DEFAULTS;
  const signOffs = opts.signOffs ?? new Map<string, string>();
  // The child's own records: those that name them (police records at the address are the risk rules' evidence, not steps of the process).
  const records = all.filter((r) => r.occurredOn <= asOf && Object.values(r.personOf).includes(childId)).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.source < b.source ? -1 : 1));
  const deadlines: Deadline[] = [];
  const decisions: ProtectiveDecision[] = [];
  const died = records.find((r) => r.kind === 'death');
  const end = died?.occurredOn ?? null; // no clock runs past a child's death
  const push = (step: Step, what: string, due: string, startedBy: string, metBy: Deadline['metBy'], rule: string) => {
    if (end && due >= end && !metBy) return;
    const status = metBy ? 'met' : due < asOf ? 'missed' : 'running';
    deadlines.push({ step, what, due, startedBy, metBy, status, near: status === 'running' && workingDaysBetween(asOf, due) <= NEAR_WORKING_DAYS, rule });
  };
  const add = (step: Step, what: string, due: string, startedBy: string, met: EvidenceRecord | undefined, rule: string) => { push(step, what, due, startedBy, met && met.occurredOn <= due ? { source: met.source, on: met.occurredOn } : null, rule); };
  const after = (day: string, pick: (r: EvidenceRecord) => boolean) => records.find((r) => r.occurredOn >= day && pick(r));

  // Referrals to social care: a decision within a working day, an assessment within 45.
  for (const r of records) {
    if (r.kind !== 'referral' || opts.agencyKinds[String(body(r).to)] !== 'social-care') continue;
    const acted = (x: EvidenceRecord) => x !== r && (isSocialCare(x) || x.kind === 'strategy-discussion');
    add('referral-decision', 'decide what happens to the referral', addWorkingDays(r.occurredOn, 1), r.source, after(r.occurredOn, acted), `${WT}, chapter 2: a decision within one working day of a referral`);
    const assessed = (x: EvidenceRecord) => x.kind === 'enquiry-outcome' || (x.kind === 'conference' && body(x).type === 'initial');
    add('assessment', 'complete the assessment', addWorkingDays(r.occurredOn, 45), r.source, after(r.occurredOn, assessed), `${WT}, chapter 2: assessment within 45 working days of the referral`);
  }
  // Section 47: the initial conference within 15 working days of the strategy discussion.
  for (const r of records) {
    if (r.kind !== 'strategy-discussion' || body(r).decision !== 'section-47') continue;
    add('initial-conference', 'hold the initial child-protection conference', addWorkingDays(r.occurredOn, 15), r.source,
      after(r.occurredOn, (x) => x.kind === 'conference' && body(x).type === 'initial'), `${WT}, chapter 2: initial conference within 15 working days of the strategy discussion`);
    const nfa = after(r.occurredOn, (x) => x.kind === 'enquiry-outcome' && body(x).decision === 'no-further-action');
    if (nfa) decisions.push({ source: nfa.source, on: nfa.occurredOn, what: 'no further action after a section 47 enquiry' });
  }

  // The plan: from a conference deciding one, to one ending it.
  let plan: ChildProcess['plan'] = null;
  for (const r of records) {
    if (r.kind !== 'conference') continue;
    const b = body(r);
    if (b.decision === 'plan' && (!plan || plan.endedOn)) plan = { since: r.occurredOn, source: r.source, categories: (b.categories as string[] | undefined) ?? [], endedOn: null };
    else if (b.decision === 'plan' && plan) plan.categories = (b.categories as string[] | undefined) ?? plan.categories;
    else if (b.decision !== 'plan' && plan && !plan.endedOn) {
      decisions.push({ source: r.source, on: r.occurredOn, what: 'the child-protection plan ends' });
      // Ending protection takes effect only once a manager has signed it off: until then the plan's clocks run on.
      const signed = signOffs.get(r.source);
      if (signed !== undefined && signed <= asOf) plan.endedOn = signed > r.occurredOn ? signed : r.occurredOn;
    }
  }
  for (const r of records) {
    if (r.kind === 'placement' && body(r).change === 'returned-home') decisions.push({ source: r.source, on: r.occurredOn, what: 'the child returns home' });
    if (r.kind === 'legal-advice' && body(r).thresholdMet === false) decisions.push({ source: r.source, on: r.occurredOn, what: 'the threshold for care proceedings is not met: no proceedings' });
  }

  // Each such decision is signed off by a manager by the next working day (Working Together 2023: a manager
  // agrees to ending protection).
  for (const d of decisions) {
    const due = addWorkingDays(d.on, 1);
    const signed = signOffs.get(d.source);
    const metBy = signed !== undefined && signed <= due && signed <= asOf ? { source: `sign-off of ${d.source}`, on: signed } : null;
    push('sign-off', `a manager signs off the decision: ${d.what} (${d.source})`, due, d.source, metBy, `${WT}: decisions ending protection are agreed by a manager`);
  }
  if (plan) planDeadlines(records, childId, plan, asOf, end, settings, add);
  const cinPlan = childInNeedPlan(records, end);
  if (cinPlan) {
    const stop = [cinPlan.endedOn, end, asOf].filter((d): d is string => d !== null).sort()[0]!;
    const seen = records.filter((x) => x.kind === 'visit' && isSocialCare(x) && body(x).childSeen === true && x.occurredOn >= cinPlan.since && (!cinPlan.endedOn || x.occurredOn <= cinPlan.endedOn));
    const rule = `local authority procedures for a child in need (section 17, Children Act 1989): visited and seen at least every ${settings.cinVisitEveryWorkingDays} working days (our default)`;
    periodic(add, 'first-cin-visit', 'cin-visit', 'visit and see the child (child-in-need plan)', cinPlan.source,
      addWorkingDays(cinPlan.since, settings.cinVisitEveryWorkingDays), (from) => addWorkingDays(from, settings.cinVisitEveryWorkingDays),
      seen, stop, !cinPlan.endedOn && !end, rule, rule);
  }
  return { asOf, plan, cinPlan, deadlines, decisions, absences: repeatedAbsences(records) };
}

/**
 * What a record does to a child-in-need plan: an enquiry's outcome deciding one starts it; protection
 * (a conference deciding a plan), an enquiry ending in no further action, or the child's death ends it.
 * The process and the CIN census read plans through this one function.
 */
export function childInNeedPlanEvent(kind: string, b: Record<string, unknown>): 'starts' | 'ends' | null {
  if (kind === 'enquiry-outcome') return b.decision === 'child-in-need' ? 'starts' : b.decision === 'no-further-action' ? 'ends' : null;
  if (kind === 'conference' && b.decision === 'plan') return 'ends';
  return kind === 'death' ? 'ends' : null;
}

/** The latest child-in-need plan in the child's records (ordered by day), with what ended it. */
function childInNeedPlan(records: readonly EvidenceRecord[], died: string | null): ChildProcess['cinPlan'] {
  let cin: ChildProcess['cinPlan'] = null;
  for (const r of records) {
    const event = childInNeedPlanEvent(r.kind, body(r));
    if (event === 'starts' && (!cin || cin.endedOn)) cin = { since: r.occurredOn, source: r.source, endedOn: null, endedBy: null };
    else if (event === 'ends' && cin && !cin.endedOn) { cin.endedOn = r.occurredOn; cin.endedBy = r.source; }
  }
  if (cin && !cin.endedOn && died) cin.endedOn = died;
  return cin;
}

/** Visit outcomes in which nobody got in. */
const NO_ACCESS: ReadonlySet<string> = new Set(['no-reply', 'refused']);

type Add = (step: Step, what: string, due: string, startedBy: string, met: EvidenceRecord | undefined, rule: string) => void;

function planDeadlines(records: readonly EvidenceRecord[], childId: number, plan: NonNullable<ChildProcess['plan']>, asOf: string, end: string | null, s: ProcessSettings, add: Add): void {
  const stop = [plan.endedOn, end, asOf].filter((d): d is string => d !== null).sort()[0]!;
  const open = !plan.endedOn && !end;
  const during = (x: EvidenceRecord) => x.occurredOn >= plan.since && (!plan.endedOn || x.occurredOn <= plan.endedOn);
  const coreGroups = records.filter((x) => x.kind === 'core-group' && during(x));
  const reviews = records.filter((x) => x.kind === 'conference' && body(x).type === 'review' && during(x));
  // A visit with no reply at the door, or entry refused (contract revision 2's `access`), was attempted, not made:
  // it does not meet the visiting clock (Working Together 2023: the child is seen on a statutory visit).
  const visits = records.filter((x) => x.kind === 'visit' && body(x).purpose === 'statutory' && during(x) && !NO_ACCESS.has(String(body(x).access)));

  // The first core group, then one at least every coreGroupEveryWorkingDays; each clock runs from the
  // meeting held, or, when it was missed, from the day it was due (so a plan left alone keeps raising it).
  periodic(add, 'first-core-group', 'core-group', 'hold a core group', plan.source, addWorkingDays(plan.since, 10), (from) => addWorkingDays(from, s.coreGroupEveryWorkingDays),
    coreGroups, stop, open, `${WT}, chapter 2: the first core group within 10 working days of the initial conference`, 'local procedures: core groups at least every 6 weeks (30 working days)');
  periodic(add, 'first-review', 'review', 'hold a review conference', plan.source, addMonths(plan.since, 3), (from) => addMonths(from, 6),
    reviews, stop, open, `${WT}, chapter 2: the first review conference within 3 months of the initial conference`, `${WT}, chapter 2: further reviews at most every 6 months`);
  periodic(add, 'visit', 'visit', 'visit the child (statutory visit)', plan.source, addWorkingDays(plan.since, s.visitEveryWorkingDays), (from) => addWorkingDays(from, s.visitEveryWorkingDays),
    visits, stop, open, `local authority visiting frequency for a child on a plan: at least every ${s.visitEveryWorkingDays} working days`, `local authority visiting frequency: at least every ${s.visitEveryWorkingDays} working days`);
  periodic(add, 'seen-alone', 'seen-alone', 'see the child alone', plan.source, addWorkingDays(plan.since, s.seenAloneEveryWorkingDays), (from) => addWorkingDays(from, s.seenAloneEveryWorkingDays),
    visits.filter((v) => body(v).childSeenAlone === true), stop, open, `${WT}: the child seen alone; at least every ${s.seenAloneEveryWorkingDays} working days on a plan (our default)`, `the child seen alone at least every ${s.seenAloneEveryWorkingDays} working days (our default)`);

  // A plan that does not change while new injuries arrive: each injury recorded during the plan needs the
  // plan looked at again (a core group or a review) within replanAfterInjuryWorkingDays.
  const replans = [...coreGroups, ...reviews];
  for (const x of records) {
    const subject = x.document.people.some((p) => p.role === 'subject' && x.personOf[p.key] === childId);
    const injuries = subject ? ((body(x).injuries as unknown[] | undefined) ?? []) : [];
    if (!injuries.length || !during(x) || x.occurredOn > stop) continue;
    const due = addWorkingDays(x.occurredOn, s.replanAfterInjuryWorkingDays);
    add('replan-after-injury', 'look at the plan again after a new injury (core group or review)', due, x.source,
      replans.find((m) => m.occurredOn >= x.occurredOn), `an injury to a child on a plan is brought to a core group or review within ${s.replanAfterInjuryWorkingDays} working days (our default; ${WT}: the plan is reviewed when circumstances change)`);
  }
}

function periodic(
  add: Add, firstStep: Step, nextStep: Step, what: string, planSource: string, firstDue: string, following: (from: string) => string,
  held: readonly EvidenceRecord[], stop: string, open: boolean, firstRule: string, nextRule: string,
): void {
  let due = firstDue;
  let last: EvidenceRecord | null = null;
  // `held` is in date order (deriveProcess sorts the records): the first held after the last one met is the
  // only candidate, so one pass finds them all (a plan of years has hundreds of visits and deadlines).
  let next = 0;
  // Bounded, for safety: a plan of many years with weekly visits stays far below it.
  for (let i = 0; i < 1000; i++) {
    while (last && next < held.length && held[next]!.occurredOn <= last.occurredOn) next++;
    const met = next < held.length && held[next]!.occurredOn <= due ? held[next] : undefined;
    // Past the stop day only what was met, and, while the plan is open, the next deadline still running.
    if (due > stop && !met) {
      if (open) add(i === 0 ? firstStep : nextStep, what, due, last?.source ?? planSource, undefined, i === 0 ? firstRule : nextRule);
      return;
    }
    add(i === 0 ? firstStep : nextStep, what, due, last?.source ?? planSource, met, i === 0 ? firstRule : nextRule);
    if (met) last = met;
    // The next clock runs from the meeting held, or, when it was missed, from the day it was due, so a
    // plan left alone keeps raising it.
    due = following(met ? met.occurredOn : due);
  }
}

/** Agencies absent from ABSENCES_IN_A_ROW or more consecutive meetings (core groups and conferences) they were expected at. */
function repeatedAbsences(records: readonly EvidenceRecord[]): RepeatedAbsence[] {
  const meetings = records.filter((r) => r.kind === 'core-group' || r.kind === 'conference');
  const runs = new Map<string, string[]>();
  const out: RepeatedAbsence[] = [];
  for (const m of meetings) {
    const b = body(m);
    const absent = new Set((b.agenciesAbsent as string[] | undefined) ?? []);
    for (const a of (b.agenciesPresent as string[] | undefined) ?? []) runs.delete(a);
    for (const a of absent) {
      const run = [...(runs.get(a) ?? []), m.source];
      runs.set(a, run);
      if (run.length === ABSENCES_IN_A_ROW) out.push({ agency: a, meetings: run });
      else if (run.length > ABSENCES_IN_A_ROW) out.find((x) => x.agency === a && x.meetings[0] === run[0])!.meetings = run;
    }
  }
  return out;
}

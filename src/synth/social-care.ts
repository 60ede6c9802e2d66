// Children's social care: referrals in, then the statutory path of England's
// Working Together to Safeguard Children (2018): assessment, strategy
// discussion, section 47 enquiry, initial child protection conference (within
// 15 working days), core groups (first within 10 working days), review
// conferences (3 months, then 6-monthly), or child-in-need support. Each step is
// written once per child, as social care keeps a file per child.
import { addWorkingDays, ageOn, workday } from './dates.ts';
import { childrenOn, type TruthPerson } from './households.ts';
import { isChildOn, poissonDays } from './health.ts';
import {
  CIN_AFTER_ASSESSMENT, CIN_GIVEN_S47_NO_ICPC, CIN_MEAN_DAYS, CIN_VISIT_INTERVAL_DAYS, CORE_GROUP_INTERVAL_DAYS,
  GP_ABSENT_FROM_CONFERENCE, ICPC_GIVEN_S47, NON_POLICE_REFERRAL_RATE, PLAN_AT_ICPC, PLAN_CATEGORIES, PLAN_ENDS_AT_REVIEW,
  PLAN_VISIT_INTERVAL_DAYS, REFERRAL_NFA, REFERRAL_SOURCES, S47_GIVEN_DISCUSSION, STRATEGY_DISCUSSION,
} from './rates.ts';
import { schoolOf } from './school.ts';
import type { Episode, HouseholdSim } from './sim.ts';
import type { RecordBody, RecordKind } from '../records/types.ts';

export type ReferralSource = 'police' | 'school' | 'health' | 'contact';

export function planReferrals(sim: HouseholdSim, w0: number, w1: number): void {
  const to = Math.min(w1, sim.world.endDay + 1);
  for (const d of poissonDays(sim.rng, w0, to, NON_POLICE_REFERRAL_RATE * sim.hh.risk)) {
    const source = sim.rng.weighted(REFERRAL_SOURCES);
    const day = workday(d);
    sim.at(day, () => { referral(sim, day, source); });
  }
}

const REASONS: Record<ReferralSource, readonly string[]> = {
  police: ['domestic incident with children present'],
  school: ['concerns about neglect: often hungry and unkempt', 'child described frequent shouting and fighting at home', 'persistent absence; parents not engaging with school'],
  health: ['maternal low mood and several missed appointments', 'concerns about home conditions seen at a home visit', 'several recent emergency attendances'],
  contact: ['worried the children are left alone in the evenings', 'hears shouting and children crying late at night', "worried about the mother's drinking"],
};
const CALLERS = ['a relative', 'a neighbour', 'an anonymous caller', "the family's housing officer"];

/** Who makes the referral; a school referral for a family with no pupils falls back to health. */
function referrerAgency(sim: HouseholdSim, children: TruthPerson[], day: number, source: ReferralSource): { agency: string; source: ReferralSource } {
  const dir = sim.world.dir;
  if (source === 'police') return { agency: dir.police, source };
  if (source === 'contact') return { agency: dir.csc, source };
  if (source === 'school') {
    for (const c of children) {
      const s = schoolOf(sim, c, day);
      if (s) return { agency: s, source };
    }
  }
  if (children.some((c) => ageOn(c.dob, day) < 5) && sim.rng.chance(0.4)) return { agency: dir.hv, source: 'health' };
  return { agency: sim.rng.chance(0.5) ? sim.gpOn(day) : sim.hospitalOn(day), source: 'health' };
}

/** A referral (or, from the public, a contact logged by social care) for every child at home; opens an episode. */
export function referral(sim: HouseholdSim, day: number, source: ReferralSource): void {
  if (sim.episode) return;
  const children = childrenOn(sim.hh, day);
  if (children.length === 0) return;
  const { rng } = sim;
  const dir = sim.world.dir;
  const { agency: referrer, source: actual } = referrerAgency(sim, children, day, source);
  const reason = rng.pick(REASONS[actual]);
  const urgency = source === 'police' ? 'within-24h' : rng.weighted([['routine', 0.5], ['within-24h', 0.35], ['immediate', 0.15]] as const);
  const caller = rng.pick(CALLERS);
  for (const c of children) {
    const cast = sim.cast(referrer, day);
    cast.family(c, { partner: true });
    if (referrer === dir.csc) {
      sim.record({ day, agency: referrer, refPrefix: 'con', kind: 'concern', cast, body: { category: 'unknown', description: `contact from ${caller}: ${reason}` } });
    } else {
      sim.record({ day, agency: referrer, refPrefix: 'ref', kind: 'referral', cast, body: { to: dir.csc, reason, urgency } });
    }
  }
  const ep: Episode = { children, stage: 'referral', referrer, reviews: 0 };
  sim.episode = ep;
  begin(sim, ep, day);
}

/** Police or another agency tells social care about an incident while the family is already open to it. */
export function notifyOpenCase(sim: HouseholdSim, incidentDay: number, description: string): void {
  const ep = sim.episode;
  if (!ep) return;
  const day = workday(incidentDay + 1);
  sim.at(day, () => {
    if (sim.episode !== ep) return;
    perChild(sim, ep, day, 'concern', 'con', () => ({ category: 'emotional', description }));
  });
}

function live(sim: HouseholdSim, ep: Episode): boolean {
  return sim.episode === ep;
}

function close(sim: HouseholdSim, ep: Episode): void {
  if (sim.episode === ep) sim.episode = undefined;
}

/** One record per child of the episode still at home and under 18; `body` may use the keys of mother and partner. */
function perChild(
  sim: HouseholdSim, ep: Episode, day: number, kind: RecordKind, refPrefix: string,
  body: (keys: { m: string; p?: string }, c: TruthPerson) => RecordBody, opts: { partner?: boolean } = {},
): void {
  const csc = sim.world.dir.csc;
  for (const c of ep.children) {
    if (!isChildOn(c, day)) continue;
    const cast = sim.cast(csc, day);
    const keys = cast.family(c, { partner: opts.partner ?? true, lives: true });
    sim.record({ day, agency: csc, refPrefix, kind, cast, body: body(keys, c) });
  }
}

/** Agencies round the table: social care, police, the GP, the referrer and whoever sees the children day to day. */
function partnerAgencies(sim: HouseholdSim, ep: Episode, day: number): string[] {
  const dir = sim.world.dir;
  const list = [dir.csc, dir.police, sim.gpOn(day), ep.referrer];
  for (const c of ep.children) {
    const s = schoolOf(sim, c, day);
    if (s) list.push(s);
    else if (isChildOn(c, day) && ageOn(c.dob, day) < 5) list.push(dir.hv);
  }
  return [...new Set(list)];
}

function attendance(sim: HouseholdSim, ep: Episode, day: number): { agenciesPresent: string[]; agenciesAbsent?: string[] } {
  const all = partnerAgencies(sim, ep, day);
  const gp = sim.gpOn(day);
  const gpAbsent = ep.referrer !== gp && sim.rng.chance(GP_ABSENT_FROM_CONFERENCE);
  const out: { agenciesPresent: string[]; agenciesAbsent?: string[] } = { agenciesPresent: all.filter((a) => !(gpAbsent && a === gp)) };
  if (gpAbsent) out.agenciesAbsent = [gp];
  return out;
}

function visit(sim: HouseholdSim, ep: Episode, day: number, purpose: 'statutory' | 'family-support', announced: boolean): void {
  const { rng } = sim;
  const partnerHome = rng.chance(0.5);
  perChild(sim, ep, day, 'visit', 'v', (keys, c) => {
    const seen = rng.chance(0.92);
    const present = keys.p === undefined ? [keys.m] : [keys.m, keys.p];
    return { purpose, announced, childSeen: seen, childSeenAlone: seen && ageOn(c.dob, day) >= 5 && rng.chance(0.5), present };
  }, { partner: partnerHome });
}

function begin(sim: HouseholdSim, ep: Episode, day: number): void {
  const { rng } = sim;
  if (rng.chance(REFERRAL_NFA)) { close(sim, ep); return; }
  if (rng.chance(STRATEGY_DISCUSSION)) {
    const sd = addWorkingDays(day, rng.int(0, 2));
    sim.at(sd, () => { strategyDiscussion(sim, ep, sd); });
  } else {
    assessment(sim, ep, addWorkingDays(day, rng.int(2, 10)));
  }
}

/** An assessment (home visit, then a decision within 45 working days): child-in-need support or close. */
function assessment(sim: HouseholdSim, ep: Episode, day: number): void {
  const { rng } = sim;
  ep.stage = 'assessment';
  sim.at(day, () => {
    if (!live(sim, ep)) return;
    visit(sim, ep, day, 'statutory', true);
    const decided = addWorkingDays(day, rng.int(10, 35));
    sim.at(decided, () => {
      if (!live(sim, ep)) return;
      if (rng.chance(CIN_AFTER_ASSESSMENT)) childInNeed(sim, ep, decided);
      else close(sim, ep);
    });
  });
}

function strategyDiscussion(sim: HouseholdSim, ep: Episode, day: number): void {
  if (!live(sim, ep)) return;
  const { rng } = sim;
  const decision = rng.chance(S47_GIVEN_DISCUSSION) ? 'section-47' : rng.chance(0.5) ? 'single-agency' : 'no-further-action';
  const agencies = partnerAgencies(sim, ep, day);
  perChild(sim, ep, day, 'strategy-discussion', 'sd', () => ({ agencies, decision }));
  if (decision === 'no-further-action') { close(sim, ep); return; }
  if (decision === 'single-agency') { assessment(sim, ep, addWorkingDays(day, rng.int(1, 5))); return; }

  ep.stage = 'section-47';
  const seen = addWorkingDays(day, rng.int(0, 1));
  sim.at(seen, () => {
    if (live(sim, ep)) visit(sim, ep, seen, 'statutory', rng.chance(0.5));
  });
  const outcomeDay = addWorkingDays(day, rng.int(5, 10));
  sim.at(outcomeDay, () => {
    if (!live(sim, ep)) return;
    if (rng.chance(ICPC_GIVEN_S47)) {
      perChild(sim, ep, outcomeDay, 'enquiry-outcome', 's47', () => ({ substantiated: true, decision: 'conference' }));
      const icpc = addWorkingDays(day, 15);
      sim.at(icpc, () => { initialConference(sim, ep, icpc); });
    } else if (rng.chance(CIN_GIVEN_S47_NO_ICPC)) {
      const substantiated = rng.chance(0.3);
      perChild(sim, ep, outcomeDay, 'enquiry-outcome', 's47', () => ({ substantiated, decision: 'child-in-need' }));
      childInNeed(sim, ep, outcomeDay);
    } else {
      perChild(sim, ep, outcomeDay, 'enquiry-outcome', 's47', () => ({ substantiated: false, decision: 'no-further-action' }));
      close(sim, ep);
    }
  });
}

function initialConference(sim: HouseholdSim, ep: Episode, day: number): void {
  if (!live(sim, ep)) return;
  const { rng } = sim;
  const plan = rng.chance(PLAN_AT_ICPC);
  const who = attendance(sim, ep, day);
  const categories = [rng.weighted(PLAN_CATEGORIES)];
  perChild(sim, ep, day, 'conference', 'cp', () => ({ type: 'initial', ...who, decision: plan ? 'plan' : 'no-plan', ...(plan ? { categories } : {}) }));
  if (!plan) { childInNeed(sim, ep, day); return; }
  ep.stage = 'plan';
  const cg = addWorkingDays(day, 10);
  sim.at(cg, () => { coreGroup(sim, ep, cg); });
  const v = workday(day + rng.int(5, 10));
  sim.at(v, () => { planVisit(sim, ep, v); });
  const review = workday(day + 91);
  sim.at(review, () => { reviewConference(sim, ep, review, categories); });
}

const CORE_GROUP_ACTIONS = [
  'mother to attend parenting course',
  'school to monitor attendance and report weekly',
  'GP to review mother\'s medication',
  'health visitor to complete developmental check',
  'referral to domestic abuse service',
  'family to engage with substance misuse service',
];

function onPlan(sim: HouseholdSim, ep: Episode): boolean {
  return live(sim, ep) && ep.stage === 'plan';
}

function coreGroup(sim: HouseholdSim, ep: Episode, day: number): void {
  if (!onPlan(sim, ep)) return;
  const who = attendance(sim, ep, day);
  const actions = [sim.rng.pick(CORE_GROUP_ACTIONS)];
  perChild(sim, ep, day, 'core-group', 'cg', () => ({ ...who, actions }));
  const next = workday(day + CORE_GROUP_INTERVAL_DAYS);
  sim.at(next, () => { coreGroup(sim, ep, next); });
}

function planVisit(sim: HouseholdSim, ep: Episode, day: number): void {
  if (!onPlan(sim, ep)) return;
  visit(sim, ep, day, 'statutory', sim.rng.chance(0.7));
  const next = workday(day + PLAN_VISIT_INTERVAL_DAYS + sim.rng.int(-3, 3));
  sim.at(next, () => { planVisit(sim, ep, next); });
}

function reviewConference(sim: HouseholdSim, ep: Episode, day: number, categories: string[]): void {
  if (!onPlan(sim, ep)) return;
  const { rng } = sim;
  const ends = rng.chance(PLAN_ENDS_AT_REVIEW[ep.reviews === 0 ? 0 : 1]);
  ep.reviews++;
  const who = attendance(sim, ep, day);
  perChild(sim, ep, day, 'conference', 'cp', () => ({ type: 'review', ...who, decision: ends ? 'plan-ends' : 'plan', ...(ends ? {} : { categories }) }));
  if (ends) {
    if (rng.chance(0.6)) childInNeed(sim, ep, day);
    else close(sim, ep);
    return;
  }
  const next = workday(day + 182);
  sim.at(next, () => { reviewConference(sim, ep, next, categories); });
}

/** Child-in-need support: family-support visits every ~6 weeks until the case closes. */
function childInNeed(sim: HouseholdSim, ep: Episode, day: number): void {
  const { rng } = sim;
  ep.stage = 'child-in-need';
  const until = day + Math.max(42, Math.round(rng.exponential(CIN_MEAN_DAYS)));
  const step = (d: number): void => {
    if (!live(sim, ep) || ep.stage !== 'child-in-need') return;
    if (d >= until) { close(sim, ep); return; }
    visit(sim, ep, d, 'family-support', true);
    const next = workday(d + CIN_VISIT_INTERVAL_DAYS + rng.int(-7, 7));
    sim.at(next, () => { step(next); });
  };
  const first = workday(day + rng.int(7, 21));
  sim.at(first, () => { step(first); });
}

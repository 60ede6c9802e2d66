// School records: admission forms (reception, secondary transfer, in-year moves),
// change-of-details forms, welfare concerns logged by the designated
// safeguarding lead, and Operation Encompass notifications from the police.
import { civil, dayOf, workday } from './dates.ts';
import { agencyInfo } from './agencies.ts';
import { motherOf, partnerOn, type SchoolDates, type TruthPerson } from './households.ts';
import { childSpan, isChildOn, poissonDays } from './health.ts';
import { ENCOMPASS_NOTIFICATION, SCHOOL_CONCERN_RATE } from './rates.ts';
import type { HouseholdSim } from './sim.ts';

export type Phase = 'primary' | 'secondary';

/** First day of the autumn term (a fixed date is close enough for these records). */
function termStart(year: number): number {
  return workday(dayOf(year, 9, 4));
}

/**
 * The school year: a child starts reception in the September after turning 4
 * (the cohort runs 1 September–31 August), moves to secondary seven years later
 * and stays in education or training to 18 (Education and Skills Act 2008).
 */
export function schoolDates(c: TruthPerson): SchoolDates {
  // Asked for every child every month, so kept on the person once worked out.
  if (!c.schooling) {
    const [y, m] = civil(c.dob);
    const year = m >= 9 ? y + 5 : y + 4;
    c.schooling = { reception: termStart(year), secondary: termStart(year + 7), leaves: dayOf(year + 14, 7, 20) };
  }
  return c.schooling;
}

export function phaseOn(c: TruthPerson, day: number): Phase | undefined {
  const d = schoolDates(c);
  if (day < d.reception || day >= d.leaves) return undefined;
  return day < d.secondary ? 'primary' : 'secondary';
}

/** The school the child attends on the day, if any. */
export function schoolOf(sim: HouseholdSim, c: TruthPerson, day: number): string | undefined {
  if (!isChildOn(c, day) || !phaseOn(c, day)) return undefined;
  return sim.schools.get(c.label);
}

/** Children already at school when the period starts have no admission record in it. */
export function initialSchools(sim: HouseholdSim): void {
  const start = sim.world.startDay;
  for (const c of sim.hh.people) {
    const phase = c.kind === 'child' ? phaseOn(c, start) : undefined;
    if (!phase) continue;
    const catchment = sim.catchmentOn(start);
    sim.schools.set(c.label, phase === 'primary' ? sim.primaryFor(catchment) : sim.secondaryFor(catchment));
  }
}

export function planSchool(sim: HouseholdSim, w0: number, w1: number): void {
  for (const c of sim.hh.people) {
    if (c.kind !== 'child') continue;
    const dates = schoolDates(c);
    for (const [phase, start] of [['primary', dates.reception], ['secondary', dates.secondary]] as const) {
      if (start >= w0 && start < w1 && start >= sim.world.startDay) sim.at(start, () => { admit(sim, c, phase, start); });
    }
    const span = childSpan(sim, c, w0, w1);
    if (!span) continue;
    for (const day of poissonDays(sim.rng, span[0], span[1], SCHOOL_CONCERN_RATE * sim.hh.risk)) {
      const d = workday(day);
      sim.at(d, () => { welfareConcern(sim, c, d); });
    }
  }
}

/** Admission form: the pupil, the parents at home as contacts, and the family's GP. */
export function admit(sim: HouseholdSim, c: TruthPerson, phase: Phase, day: number): void {
  if (!isChildOn(c, day)) return;
  const catchment = sim.catchmentOn(day);
  const school = phase === 'primary' ? sim.primaryFor(catchment) : sim.secondaryFor(catchment);
  sim.schools.set(c.label, school);
  schoolForm(sim, c, school, day, 'adm', 'Admission form.');
}

/** An admission or change-of-details form; the school's copy of the family's details is now current. */
export function schoolForm(sim: HouseholdSim, c: TruthPerson, school: string, day: number, refPrefix: 'adm' | 'upd', narrative: string): void {
  for (const p of [c, motherOf(sim.hh), partnerOn(sim.hh, day)]) if (p) sim.confirm(school, p, day);
  const cast = sim.cast(school, day);
  const keys = cast.family(c, { partner: true, lives: true });
  const gp = agencyInfo(sim.world.dir, sim.gpOn(day)).name;
  sim.record({ day, agency: school, refPrefix, kind: 'demographics', cast, body: { nextOfKin: keys.m, registeredGp: gp }, narrative });
}

const CONCERNS: readonly (readonly ['neglect' | 'emotional' | 'unknown', string])[] = [
  ['neglect', 'often arrives hungry and without a coat'],
  ['neglect', 'uniform unwashed for several days'],
  ['neglect', 'repeatedly late and very tired'],
  ['emotional', 'tearful in class; says it is noisy at home at night'],
  ['emotional', 'withdrawn since the start of term'],
  ['unknown', 'unexplained absence for three days'],
  ['unknown', 'not collected at the end of the day; mother arrived an hour late'],
];

function welfareConcern(sim: HouseholdSim, c: TruthPerson, day: number): void {
  const school = schoolOf(sim, c, day);
  if (!school) return;
  const [category, description] = sim.rng.pick(CONCERNS);
  const cast = sim.cast(school, day);
  cast.family(c);
  sim.record({ day, agency: school, refPrefix: 'dsl', kind: 'concern', cast, body: { category, description } });
}

/** Operation Encompass: the police tell each pupil's school before the next school day. */
export function encompass(sim: HouseholdSim, children: TruthPerson[], incidentDay: number): void {
  const day = workday(incidentDay + 1);
  for (const c of children) {
    if (!sim.rng.chance(ENCOMPASS_NOTIFICATION)) continue;
    sim.at(day, () => {
      const school = schoolOf(sim, c, day);
      if (!school) return;
      const cast = sim.cast(school, day);
      cast.family(c);
      sim.record({
        day, agency: school, refPrefix: 'dsl', kind: 'concern', cast,
        body: { category: 'emotional', description: 'Operation Encompass notification: police attended a domestic incident at home' },
      });
    });
  }
}

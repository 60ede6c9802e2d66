// Health records: births, GP consultations and immunisation clinics, the
// emergency department, and the health visitor's five mandated contacts.
import { ageOn, monthsOn, workday } from './dates.ts';
import { accidentalInjury, edComplaint, gpComplaint, type InjuryPattern } from './clinical.ts';
import { agencyInfo } from './agencies.ts';
import { motherOf, partnerOn, presentOn, type TruthPerson } from './households.ts';
import {
  byAge, ED_ADMISSION, ED_ATTENDANCES_PER_YEAR, ED_INJURY_GP_REVIEW, ED_INJURY_SHARE, ED_OTHER_HOSPITAL, GP_CONSULTS_PER_YEAR, GP_DNA_RATE,
  GP_INJURY_SHARE, HV_CONTACTS, HV_MISSED_RECORDED, HV_PARTNER_PRESENT, IMMUNISATION_DAYS, IMMUNISATION_UPTAKE,
  INFANT_CHECK_DAY, INFANT_CHECK_UPTAKE,
} from './rates.ts';
import type { Rng } from './random.ts';
import type { Cast, HouseholdSim } from './sim.ts';

const NONE: readonly number[] = [];

/** Days in [from, to) of a Poisson process with `perYear` events a year, in order. */
export function poissonDays(rng: Rng, from: number, to: number, perYear: number): readonly number[] {
  if (to <= from || perYear <= 0) return NONE;
  const n = rng.poisson((perYear * (to - from)) / 365.25);
  if (n === 0) return NONE;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(from + Math.floor(rng.float() * (to - from)));
  return out.sort((a, b) => a - b);
}

/** Born, living at home and under 18 on the day. */
export function isChildOn(c: TruthPerson, day: number): boolean {
  return presentOn(c, day) && day < c.adultDay;
}

/** The part of [w0, w1) in which the child is born and under 18 (and the period has not ended). */
export function childSpan(sim: HouseholdSim, c: TruthPerson, w0: number, w1: number): [number, number] | undefined {
  const from = Math.max(w0, c.dob, c.from);
  const to = Math.min(w1, c.adultDay, sim.world.endDay + 1, c.to);
  return to > from ? [from, to] : undefined;
}

/** Nominal milestone day falls in this window (and in the period): schedule it once. */
function due(sim: HouseholdSim, nominal: number, w0: number, w1: number): boolean {
  return nominal >= w0 && nominal < w1 && nominal >= sim.world.startDay;
}

export function planHealth(sim: HouseholdSim, w0: number, w1: number): void {
  const { rng } = sim;
  for (const c of sim.hh.people) {
    if (c.kind !== 'child') continue;
    if (c.dob - MILESTONES_BEFORE_BIRTH < w1 && c.dob + MILESTONES_AFTER_BIRTH >= w0) planMilestones(sim, c, w0, w1);
    const span = childSpan(sim, c, w0, w1);
    if (!span) continue;
    const age = ageOn(c.dob, (span[0] + span[1]) / 2);
    for (const d of poissonDays(rng, span[0], span[1], byAge(GP_RATES, age))) {
      const day = workday(d);
      sim.at(day, () => { gpConsultation(sim, c, day); });
    }
    for (const day of poissonDays(rng, span[0], span[1], byAge(ED_RATES, age) * sim.hh.risk)) {
      sim.at(day, () => { edAttendance(sim, c, day); });
    }
  }
}

// Every milestone (birth, health visits, immunisations, infant check) lies in this range around the birth.
const MILESTONES_BEFORE_BIRTH = 90;
const MILESTONES_AFTER_BIRTH = 1300;
// Local copies of the hottest rate tables (read once per child per month).
const GP_RATES = GP_CONSULTS_PER_YEAR;
const ED_RATES = ED_ATTENDANCES_PER_YEAR;

function planMilestones(sim: HouseholdSim, c: TruthPerson, w0: number, w1: number): void {
  const { rng } = sim;
  if (due(sim, c.dob, w0, w1)) sim.at(c.dob, () => { birth(sim, c, c.dob); });
  HV_CONTACTS.forEach((contact, k) => {
    const nominal = c.dob + contact.day;
    if (!due(sim, nominal, w0, w1)) return;
    const day = workday(nominal + rng.int(0, contact.spread));
    sim.at(day, () => { healthVisit(sim, c, k, day); });
  });
  for (const [offset, label] of IMMUNISATION_DAYS) {
    if (!due(sim, c.dob + offset, w0, w1)) continue;
    const day = workday(c.dob + offset + rng.int(0, 14));
    sim.at(day, () => { immunisation(sim, c, label, day); });
  }
  if (due(sim, c.dob + INFANT_CHECK_DAY, w0, w1)) {
    const day = workday(c.dob + INFANT_CHECK_DAY + rng.int(0, 7));
    sim.at(day, () => { infantCheck(sim, c, day); });
  }
}

/** Who brings the child (mother mostly, her partner sometimes; older teenagers often come alone); returns the key. */
function bringer(sim: HouseholdSim, cast: Cast, c: TruthPerson, day: number): string | undefined {
  const age = ageOn(c.dob, day);
  const accompanied = age < 12 ? 1 : age < 16 ? 0.6 : 0.3;
  if (!sim.rng.chance(accompanied)) return undefined;
  const partner = partnerOn(sim.hh, day);
  if (partner && sim.rng.chance(0.15)) {
    return partner.kind === 'father'
      ? cast.add(partner, 'f', 'parent', { relationship: 'father' })
      : cast.add(partner, 'p', 'partner-of-parent', { relationship: "mother's partner" });
  }
  return cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
}

function birth(sim: HouseholdSim, c: TruthPerson, day: number): void {
  const hospital = sim.hospitalOn(day);
  const cast = sim.cast(hospital, day);
  cast.add(c, 'child', 'subject');
  const m = cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
  sim.record({ day, agency: hospital, refPrefix: 'mat', kind: 'demographics', cast, body: { nextOfKin: m }, narrative: 'Birth recorded on the maternity system.' });
  // The baby is registered with the family's GP within the first weeks.
  const regDay = workday(day + sim.rng.int(7, 42));
  sim.at(regDay, () => {
    if (!isChildOn(c, regDay)) return;
    const gp = sim.gpOn(regDay);
    const g = sim.cast(gp, regDay);
    g.add(c, 'child', 'subject');
    const km = g.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
    sim.record({ day: regDay, agency: gp, refPrefix: 'reg', kind: 'demographics', cast: g, body: { nextOfKin: km, registeredGp: agencyInfo(sim.world.dir, gp).name }, narrative: 'New birth registered with the practice.' });
  });
}

function gpConsultation(sim: HouseholdSim, c: TruthPerson, day: number): void {
  if (!isChildOn(c, day)) return;
  const { rng } = sim;
  const gp = sim.gpOn(day);
  const age = ageOn(c.dob, day);
  const cast = sim.cast(gp, day);
  cast.add(c, 'child', 'subject');
  const by = bringer(sim, cast, c, day);
  if (rng.chance(Math.min(1, GP_DNA_RATE * sim.hh.risk))) {
    if (by === undefined) cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
    sim.record({ day, agency: gp, refPrefix: 'dna', kind: 'appointment-missed', cast, body: { service: 'GP appointment', wasNotBrought: age < 16 } });
    return;
  }
  const injury = rng.chance(byAge(GP_INJURY_SHARE, age)) ? accidentalInjury(rng, monthsOn(c.dob, day), 'gp') : undefined;
  const body: Record<string, unknown> = { setting: 'gp' };
  if (by !== undefined) body.broughtBy = by;
  body.complaint = injury ? injury.complaint : gpComplaint(rng, age);
  if (injury) {
    body.injuries = [injury.injury];
    body.explanation = injury.explanation;
    body.examination = 'complete';
  }
  body.outcome = rng.chance(0.03) ? 'referred-specialist' : 'discharged-home';
  sim.record({ day, agency: gp, refPrefix: 'c', kind: 'attendance', cast, body });
}

function edAttendance(sim: HouseholdSim, c: TruthPerson, day: number): void {
  if (!isChildOn(c, day)) return;
  const { rng } = sim;
  const hospital = sim.hospitalOn(day, rng.chance(ED_OTHER_HOSPITAL));
  const age = ageOn(c.dob, day);
  const cast = sim.cast(hospital, day);
  cast.add(c, 'child', 'subject');
  const by = bringer(sim, cast, c, day);
  const injury = rng.chance(byAge(ED_INJURY_SHARE, age)) ? accidentalInjury(rng, monthsOn(c.dob, day)) : undefined;
  const admitted = rng.chance(byAge(ED_ADMISSION, age));
  const body: Record<string, unknown> = { setting: 'emergency' };
  if (by !== undefined) body.broughtBy = by;
  body.complaint = injury ? injury.complaint : edComplaint(rng, age);
  if (injury) {
    body.injuries = [injury.injury];
    body.explanation = injury.explanation;
  }
  // An injury is examined in full (the benign background: an incomplete examination is a signal of its own).
  body.examination = injury || rng.chance(0.9) ? 'complete' : 'partial';
  body.outcome = admitted ? 'admitted' : injury?.followUp ? 'referred-specialist' : 'discharged-home';
  sim.record({ day, agency: hospital, refPrefix: 'ed', kind: 'attendance', cast, body });
  if (injury && rng.chance(ED_INJURY_GP_REVIEW)) {
    const review = workday(day + rng.int(2, 10));
    sim.at(review, () => { gpReview(sim, c, review, injury); });
  }
}

/** The GP sees the child again after an ED attendance for an injury: same injury, same account. */
function gpReview(sim: HouseholdSim, c: TruthPerson, day: number, injury: InjuryPattern): void {
  if (!isChildOn(c, day)) return;
  const gp = sim.gpOn(day);
  const cast = sim.cast(gp, day);
  cast.add(c, 'child', 'subject');
  const by = bringer(sim, cast, c, day);
  const body: Record<string, unknown> = { setting: 'gp' };
  if (by !== undefined) body.broughtBy = by;
  body.complaint = `review after emergency attendance: ${injury.complaint}`;
  body.injuries = [{ ...injury.injury }];
  body.explanation = injury.explanation;
  body.examination = 'complete';
  body.outcome = 'discharged-home';
  sim.record({ day, agency: gp, refPrefix: 'c', kind: 'attendance', cast, body });
}

const HV_OBSERVATIONS = [
  'feeding well; weight following its centile',
  'development appropriate for age',
  'warm, responsive interaction with parent',
  'home clean and suitable for a baby',
  'safe sleep advice given',
  'parent reports coping well',
];

function healthVisit(sim: HouseholdSim, c: TruthPerson, k: number, day: number): void {
  const contact = HV_CONTACTS[k];
  if (!contact) return;
  const { rng } = sim;
  const hv = sim.world.dir.hv;
  const antenatal = contact.day < 0;
  if (!antenatal && !isChildOn(c, day)) return;
  const cast = sim.cast(hv, day);
  if (!rng.chance(contact.completion)) {
    if (!rng.chance(HV_MISSED_RECORDED)) return;
    if (antenatal) cast.add(motherOf(sim.hh), 'm', 'subject', { relationship: 'expectant mother' });
    else cast.family(c);
    // Home visits with no answer are "no access"; clinic reviews (12 months, 2 years) are "was not brought".
    sim.record({ day, agency: hv, refPrefix: 'dna', kind: 'appointment-missed', cast, body: { service: `health visiting: ${contact.label}`, wasNotBrought: k >= 3 } });
    return;
  }
  const present: string[] = [];
  if (antenatal) {
    present.push(cast.add(motherOf(sim.hh), 'm', 'subject', { relationship: 'expectant mother' }));
  } else {
    const keys = cast.family(c, { partner: rng.chance(HV_PARTNER_PRESENT), lives: true });
    present.push(keys.m);
    if (keys.p !== undefined) present.push(keys.p);
  }
  sim.record({
    day, agency: hv, refPrefix: 'v', kind: 'visit', cast,
    body: { purpose: 'health-visiting', announced: true, childSeen: !antenatal, childSeenAlone: false, observations: `${contact.label}: ${rng.pick(HV_OBSERVATIONS)}`, present },
  });
}

function immunisation(sim: HouseholdSim, c: TruthPerson, label: string, day: number): void {
  if (!isChildOn(c, day)) return;
  const gp = sim.gpOn(day);
  const cast = sim.cast(gp, day);
  cast.add(c, 'child', 'subject');
  const m = cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
  if (sim.rng.chance(IMMUNISATION_UPTAKE)) {
    sim.record({ day, agency: gp, refPrefix: 'imm', kind: 'attendance', cast, body: { setting: 'clinic', broughtBy: m, complaint: label, outcome: 'discharged-home' } });
  } else {
    sim.record({ day, agency: gp, refPrefix: 'dna', kind: 'appointment-missed', cast, body: { service: label, wasNotBrought: true } });
  }
}

/** The GP's six-to-eight-week check of the baby, and the mother's own postnatal check at the same visit. */
function infantCheck(sim: HouseholdSim, c: TruthPerson, day: number): void {
  if (!isChildOn(c, day) || !sim.rng.chance(INFANT_CHECK_UPTAKE)) return;
  const gp = sim.gpOn(day);
  const mother = motherOf(sim.hh);
  const cast = sim.cast(gp, day);
  cast.add(c, 'child', 'subject');
  const m = cast.add(mother, 'm', 'parent', { relationship: 'mother' });
  sim.record({ day, agency: gp, refPrefix: 'c', kind: 'attendance', cast, body: { setting: 'gp', broughtBy: m, complaint: '6-8 week baby check', examination: 'complete', outcome: 'discharged-home' } });
  const own = sim.cast(gp, day);
  own.add(mother, 'm', 'subject');
  own.add(c, 'baby', 'other', { relationship: 'baby' });
  sim.record({ day, agency: gp, refPrefix: 'c', kind: 'attendance', cast: own, body: { setting: 'gp', complaint: 'postnatal check', outcome: 'discharged-home' } });
}

// Records of the household's own changes: a move (GP, school, health visitor
// and housing update their details, or the family registers somewhere new),
// and a partner moving in or out (told to some agencies, not to others: the
// "unknown man in the household" of so many serious case reviews).
import { ageOn, workday } from './dates.ts';
import { agencyInfo } from './agencies.ts';
import { addressAt, childrenOn, motherOf, partnerOn, presentOn, type HouseholdEvent, type TruthPerson } from './households.ts';
import { isChildOn } from './health.ts';
import {
  CHANGE_TOLD_TO_HEALTH_VISITOR, CHANGE_TOLD_TO_SCHOOL, CHANGE_TOLD_TO_SOCIAL_CARE, MOVE_TOLD_TO_GP, MOVE_TOLD_TO_SCHOOL,
  PARTNER_REGISTERS_WITH_GP, SCHOOL_CHANGE_AFTER_MOVE,
} from './rates.ts';
import { admit, phaseOn, schoolForm, schoolOf } from './school.ts';
import type { HouseholdSim } from './sim.ts';

export function planChanges(sim: HouseholdSim, w1: number): void {
  const events = sim.hh.events;
  while (sim.eventCursor < events.length) {
    const e = events[sim.eventCursor]!;
    if (e.day >= w1) break;
    sim.eventCursor++;
    if (e.type === 'move') sim.at(e.day, () => { moved(sim, e); });
    else if (e.type === 'partner-in' || e.type === 'partner-out') sim.at(e.day, () => { partnerChange(sim, e); });
    // Births are written by health.ts.
  }
}

/** Everyone living at home on the day: mother, partner, children under 18. */
function household(sim: HouseholdSim, day: number): TruthPerson[] {
  const partner = partnerOn(sim.hh, day);
  return [motherOf(sim.hh), ...(partner ? [partner] : []), ...childrenOn(sim.hh, day)];
}

/** A GP registration or change-of-details record for one person; children name their mother as next of kin. */
function gpForm(sim: HouseholdSim, gp: string, p: TruthPerson, day: number, narrative: string): void {
  sim.confirm(gp, p, day); // before writing, so the form shows the new details
  const cast = sim.cast(gp, day);
  cast.add(p, 'patient', 'subject');
  const body: Record<string, unknown> = {};
  if (p.kind === 'child') body.nextOfKin = cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
  body.registeredGp = agencyInfo(sim.world.dir, gp).name;
  sim.record({ day, agency: gp, refPrefix: 'reg', kind: 'demographics', cast, body, narrative });
}

function moved(sim: HouseholdSim, e: HouseholdEvent): void {
  const { rng, hh } = sim;
  const day = e.day;
  const far = e.previous !== undefined && addressAt(hh, day).catchment !== e.previous.catchment;
  const people = household(sim, day);

  // GP: a far move means registering with a new practice; a short one, a change of address (usually).
  if (far || rng.chance(MOVE_TOLD_TO_GP)) {
    const when = workday(day + rng.int(far ? 7 : 0, far ? 60 : 30));
    sim.at(when, () => {
      const gp = sim.gpOn(when);
      for (const p of people) if (presentOn(p, when)) gpForm(sim, gp, p, when, far ? 'New patient registration.' : 'Change of address.');
    });
  }

  for (const c of people) {
    if (c.kind !== 'child') continue;
    const phase = phaseOn(c, day);
    if (phase && far && rng.chance(SCHOOL_CHANGE_AFTER_MOVE)) {
      const when = workday(day + rng.int(7, 40));
      sim.at(when, () => { admit(sim, c, phaseOn(c, when) ?? phase, when); });
    } else if (phase && rng.chance(MOVE_TOLD_TO_SCHOOL)) {
      const when = workday(day + rng.int(0, 40));
      sim.at(when, () => {
        const school = schoolOf(sim, c, when);
        if (school) schoolForm(sim, c, school, when, 'upd', 'Change of address.');
      });
    } else if (!phase && ageOn(c.dob, day) < 5 && rng.chance(0.5)) {
      // The health visitor hears of the move at the next contact.
      const when = workday(day + rng.int(7, 60));
      sim.at(when, () => {
        if (!isChildOn(c, when)) return;
        const hv = sim.world.dir.hv;
        sim.confirm(hv, c, when);
        sim.confirm(hv, motherOf(hh), when);
        const cast = sim.cast(hv, when);
        const keys = cast.family(c, { lives: true });
        sim.record({ day: when, agency: hv, refPrefix: 'reg', kind: 'demographics', cast, body: { nextOfKin: keys.m }, narrative: 'Change of address.' });
      });
    }
  }

  // Council and housing-association tenants: the tenancy record lists the household.
  if (hh.socialTenant) {
    const housing = sim.world.dir.housing;
    for (const p of people) sim.confirm(housing, p, day);
    const cast = sim.cast(housing, day);
    const mother = motherOf(hh);
    cast.add(mother, 't', 'subject', { relationship: 'tenant' });
    let n = 0;
    for (const p of people) {
      if (p === mother) continue;
      const rel = p.kind === 'child' ? 'child of tenant' : 'partner of tenant';
      cast.add(p, `h${++n}`, 'other', { relationship: rel });
    }
    sim.record({ day, agency: housing, refPrefix: 'tn', kind: 'demographics', cast, body: {}, narrative: 'New tenancy.' });
  }
}

function partnerChange(sim: HouseholdSim, e: HouseholdEvent): void {
  const partner = e.person;
  if (!partner) return;
  const { rng, hh, world } = sim;
  const day = e.day;
  const change = e.type === 'partner-in' ? 'moved-in' : 'moved-out';
  const children = childrenOn(hh, day);
  if (children.length === 0) return;

  // Decide who is told first, so each record can say who else knows.
  const told: { agency: string; subject: TruthPerson; children: TruthPerson[] }[] = [];
  const ep = sim.episode;
  if (ep && rng.chance(CHANGE_TOLD_TO_SOCIAL_CARE)) told.push({ agency: world.dir.csc, subject: ep.children[0] ?? children[0]!, children: ep.children });
  const under5 = [...children].reverse().find((c) => ageOn(c.dob, day) < 5);
  if (under5 && rng.chance(CHANGE_TOLD_TO_HEALTH_VISITOR)) told.push({ agency: world.dir.hv, subject: under5, children: [under5] });
  const pupil = children.find((c) => schoolOf(sim, c, day));
  const school = pupil ? schoolOf(sim, pupil, day) : undefined;
  if (pupil && school && rng.chance(CHANGE_TOLD_TO_SCHOOL)) told.push({ agency: school, subject: pupil, children: [pupil] });
  const knownTo = told.map((t) => t.agency);

  for (const t of told) {
    const when = workday(day + rng.int(0, 30));
    sim.at(when, () => {
      for (const c of t.children) {
        if (!isChildOn(c, when)) continue;
        const cast = sim.cast(t.agency, when);
        cast.family(c, { lives: true });
        const key = partner.kind === 'father'
          ? cast.add(partner, 'f', 'parent', { relationship: 'father', livesWithSubject: change === 'moved-in' ? 'yes' : 'no' })
          : cast.add(partner, 'p', 'partner-of-parent', { relationship: "mother's partner", livesWithSubject: change === 'moved-in' ? 'yes' : 'no' });
        const body: Record<string, unknown> = { person: key, change };
        if (knownTo.length > 1) body.knownTo = knownTo.filter((a) => a !== t.agency);
        sim.record({ day: when, agency: t.agency, refPrefix: 'hc', kind: 'household-change', certainty: 'approximate', cast, body });
      }
    });
  }

  // A new partner often registers with the family's GP, giving the new address.
  if (change === 'moved-in' && rng.chance(PARTNER_REGISTERS_WITH_GP)) {
    const when = workday(day + rng.int(7, 120));
    sim.at(when, () => {
      if (presentOn(partner, when)) gpForm(sim, sim.gpOn(when), partner, when, 'New patient registration.');
    });
  }
}

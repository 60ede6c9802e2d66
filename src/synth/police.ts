// Police records: domestic-abuse incidents at home with the children present,
// and the arrest / charge / no-further-action that sometimes follows. Each
// incident may be referred to children's social care and notified to schools.
import { workday } from './dates.ts';
import { childrenOn, motherOf, partnerOn, type TruthPerson } from './households.ts';
import { poissonDays } from './health.ts';
import { DA_ARREST, DA_CHARGE_GIVEN_ARREST, DA_INCIDENT_RATE, DA_POLICE_REFERRAL } from './rates.ts';
import { encompass } from './school.ts';
import { notifyOpenCase, referral } from './social-care.ts';
import type { HouseholdSim } from './sim.ts';

const OFFENCES = [
  'domestic incident: verbal argument',
  'common assault (domestic)',
  'criminal damage (domestic)',
  'harassment (domestic)',
  'controlling or coercive behaviour',
];

export function planPolice(sim: HouseholdSim, w0: number, w1: number): void {
  const to = Math.min(w1, sim.world.endDay + 1);
  for (const day of poissonDays(sim.rng, w0, to, DA_INCIDENT_RATE * sim.hh.risk)) sim.at(day, () => { incident(sim, day); });
}

function suspectRelationship(p: TruthPerson): string {
  return p.kind === 'father' ? 'father' : "mother's partner";
}

function incident(sim: HouseholdSim, day: number): void {
  const partner = partnerOn(sim.hh, day);
  const children = childrenOn(sim.hh, day);
  if (!partner || children.length === 0) return;
  const { rng } = sim;
  const police = sim.world.dir.police;
  const offence = rng.pick(OFFENCES);
  const cast = sim.cast(police, day);
  // The youngest child present is the subject of the child-at-risk report; the others are listed as siblings.
  const youngestFirst = [...children].reverse();
  youngestFirst.forEach((c, i) => cast.add(c, i === 0 ? 'child' : `sib${i}`, i === 0 ? 'subject' : 'sibling'));
  cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother; victim' });
  const s = cast.add(partner, 's', 'alleged-perpetrator', { relationship: suspectRelationship(partner) });
  sim.record({
    day, agency: police, refPrefix: 'inc', kind: 'police-action', cast,
    body: { action: 'incident-attended', suspect: s, offence },
    narrative: `Domestic incident; ${children.length === 1 ? 'one child' : `${children.length} children`} in the house.`,
  });

  if (rng.chance(DA_ARREST)) arrest(sim, partner, offence, day);
  if (sim.episode) notifyOpenCase(sim, day, 'police notification: domestic incident at the family home');
  else if (rng.chance(DA_POLICE_REFERRAL)) {
    const refDay = workday(day + rng.int(0, 1));
    sim.at(refDay, () => { referral(sim, refDay, 'police'); });
  }
  encompass(sim, children, day);
}

function arrest(sim: HouseholdSim, suspect: TruthPerson, offence: string, day: number): void {
  const police = sim.world.dir.police;
  const cast = sim.cast(police, day);
  const s = cast.add(suspect, 's', 'alleged-perpetrator');
  cast.add(motherOf(sim.hh), 'v', 'other', { relationship: 'victim' });
  sim.record({ day, agency: police, refPrefix: 'arr', kind: 'police-action', cast, body: { action: 'arrest', suspect: s, offence } });

  const charged = sim.rng.chance(DA_CHARGE_GIVEN_ARREST);
  const later = day + sim.rng.int(14, 70);
  sim.at(later, () => {
    const c = sim.cast(police, later);
    const k = c.add(suspect, 's', 'alleged-perpetrator');
    const body: Record<string, unknown> = { action: charged ? 'charge' : 'no-further-action', suspect: k };
    if (charged) body.offence = offence;
    sim.record({ day: later, agency: police, refPrefix: 'arr', kind: 'police-action', cast: c, body });
  });
}

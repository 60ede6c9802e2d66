// Everyday reasons children see a GP or go to the emergency department, and
// the minor accidental injuries usual for their age. Deliberately modest and
// benign: this is the background a safeguarding signal has to stand out from.
// Injuries are only ever given to mobile children (from 12 months): in a baby
// who cannot crawl, any bruise or fracture is itself a warning sign (NICE CG89).
import type { Injury } from '../records/types.ts';
import type { Rng } from './random.ts';

const GP_COMPLAINTS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['cough and cold', 'fever', 'nappy rash', 'colic', 'reflux', 'eczema', 'oral thrush', 'sticky eye', 'vomiting', 'feeding advice']],
  [5, ['cough', 'fever', 'ear ache', 'tonsillitis', 'rash', 'diarrhoea and vomiting', 'eczema', 'constipation', 'conjunctivitis', 'wheeze', 'chickenpox']],
  [12, ['sore throat', 'ear ache', 'asthma review', 'abdominal pain', 'headache', 'rash', 'verruca', 'threadworms', 'hay fever', 'bedwetting']],
  [18, ['acne', 'low mood', 'anxiety', 'headache', 'sore throat', 'asthma review', 'abdominal pain', 'hay fever', 'knee pain', 'tiredness']],
];

const ED_COMPLAINTS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['bronchiolitis', 'fever', 'vomiting', 'poor feeding', 'rash', 'breathing difficulty']],
  [5, ['fever', 'croup', 'febrile convulsion', 'vomiting', 'breathing difficulty', 'swallowed a coin', 'allergic reaction']],
  [12, ['asthma attack', 'abdominal pain', 'fever', 'allergic reaction', 'vomiting']],
  [18, ['abdominal pain', 'asthma attack', 'chest pain', 'allergic reaction', 'headache', 'fainted']],
];

interface InjuryPattern {
  complaint: string;
  explanation: string;
  injury: Injury;
  /** Seen in fracture clinic after ED rather than simply sent home. */
  followUp?: boolean;
}

// Accidental injuries typical for each age (fall heights and sites follow the
// usual patterns: toddlers bump foreheads and shins, school-age children break
// forearms falling on an outstretched hand, teenagers get sports injuries).
const INJURIES: readonly (readonly [number, readonly InjuryPattern[]])[] = [
  [5, [
    { complaint: 'bump to forehead', explanation: 'tripped while running and hit the coffee table', injury: { type: 'swelling', site: 'forehead', side: 'midline', count: 1, sizeMm: 20 } },
    { complaint: 'cut chin', explanation: 'fell in the park', injury: { type: 'laceration', site: 'chin', side: 'midline', count: 1, sizeMm: 10 } },
    { complaint: 'grazed knee', explanation: 'fell on the pavement', injury: { type: 'abrasion', site: 'knee', count: 1, sizeMm: 25 } },
    { complaint: 'bruised shin', explanation: 'walked into a chair', injury: { type: 'bruise', site: 'shin', count: 1, sizeMm: 15 } },
    { complaint: 'head injury', explanation: 'fell off the sofa onto a carpeted floor', injury: { type: 'head-injury', site: 'forehead', side: 'midline' } },
  ]],
  [12, [
    { complaint: 'painful wrist', explanation: 'fell off the climbing frame onto an outstretched hand', injury: { type: 'fracture', site: 'forearm', count: 1 }, followUp: true },
    { complaint: 'grazed knee', explanation: 'fell off bike', injury: { type: 'abrasion', site: 'knee', count: 1, sizeMm: 40 } },
    { complaint: 'cut hand', explanation: 'caught on a fence', injury: { type: 'laceration', site: 'hand', count: 1, sizeMm: 15 } },
    { complaint: 'twisted ankle', explanation: 'went over on it playing football', injury: { type: 'swelling', site: 'foot', count: 1 } },
    { complaint: 'head injury', explanation: 'collided with another child in the playground', injury: { type: 'head-injury', site: 'forehead' } },
  ]],
  [18, [
    { complaint: 'hand injury', explanation: 'fell playing football', injury: { type: 'fracture', site: 'hand', count: 1 }, followUp: true },
    { complaint: 'twisted ankle', explanation: 'sports injury', injury: { type: 'swelling', site: 'foot', count: 1 } },
    { complaint: 'knee injury', explanation: 'landed badly in PE', injury: { type: 'swelling', site: 'knee', count: 1 } },
    { complaint: 'bruised shin', explanation: 'kicked during a football match', injury: { type: 'bruise', site: 'shin', count: 1, sizeMm: 30 } },
    { complaint: 'head injury', explanation: 'fell off skateboard', injury: { type: 'head-injury', site: 'scalp' } },
  ]],
];

function byAgeList<T>(table: readonly (readonly [number, readonly T[]])[], age: number): readonly T[] {
  for (const [upTo, items] of table) if (age < upTo) return items;
  return table[table.length - 1]?.[1] ?? [];
}

export function gpComplaint(rng: Rng, age: number): string {
  return rng.pick(byAgeList(GP_COMPLAINTS, age));
}

export function edComplaint(rng: Rng, age: number): string {
  return rng.pick(byAgeList(ED_COMPLAINTS, age));
}

/** A benign accidental injury for a child of this age, or undefined under one year. */
export function accidentalInjury(rng: Rng, age: number): InjuryPattern | undefined {
  if (age < 1) return undefined;
  const p = rng.pick(byAgeList(INJURIES, age));
  const injury: Injury = { ...p.injury };
  // Limbs have a side; midline sites already say so.
  if (injury.side === undefined && ['forearm', 'hand', 'knee', 'shin', 'foot'].includes(injury.site)) injury.side = rng.chance(0.5) ? 'left' : 'right';
  const out: InjuryPattern = { complaint: p.complaint, explanation: p.explanation, injury };
  if (p.followUp) out.followUp = true;
  return out;
}

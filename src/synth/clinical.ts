// Everyday reasons children see a GP or go to the emergency department, and
// the accidental injuries usual for their age and stage of mobility. This is
// the background a safeguarding signal has to stand out from, so it is meant
// to be honest rather than convenient: babies do get bruised now and then,
// toddlers do fall on their cheek or break a shin, and those records are here
// at their published (small) rates, not left out to flatter the rules.
//
// Stages of mobility are taken from age (WHO Multicentre Growth Reference
// Study, "WHO motor development study: windows of achievement for six gross
// motor development milestones", Acta Paediatr 2006;Suppl 450:86-95: sitting
// ~6 months, hands-and-knees crawling ~8.5, walking with help ~9.2, walking
// alone ~12):
//   pre-mobile    under 6 months
//   early mobile  6-8 months (rolling, sitting, starting to crawl)
//   cruising      9-11 months (pulling to stand, walking round furniture)
//   toddler       1-3 years
//   child         4-11 years
//   teenager      12-17 years
//
// Where the sites and shares come from (the numbers in the tables below are
// rounded and, where no study gives them directly, marked as assumptions):
// - Sugar NF, Taylor JA, Feldman KW, "Bruises in infants and toddlers: those
//   who don't cruise rarely bruise", Arch Pediatr Adolesc Med 1999;153:399-403:
//   at well-child visits 2.2% of infants not yet cruising had a bruise, 17.8%
//   of cruisers and 51.9% of walkers; bruises were mostly on the front of the
//   body over bony prominences (shins, knees, forehead).
// - Kemp AM et al., "Patterns of bruising in preschool children - a
//   longitudinal study", Arch Dis Child 2015;100:426-431: bruises in 6.7% of
//   pre-mobile, 45.6% of early mobile and 78.8% of walking children's weekly
//   checks; commonest below the knees, then the "facial T" (forehead, nose,
//   upper lip, chin) and head; ears, neck, buttocks, genitalia and hands were
//   rarely bruised (under 1% of all checks).
// - Pierce MC et al., "The prevalence of bruising among infants in pediatric
//   emergency departments", Ann Emerg Med 2016;67:1-8: on a complete skin
//   examination 1.3% of infants aged 5 months or under and 6.4% of older
//   infants had a bruise; at 5 months or under 83% of them came with a trauma
//   complaint (so ~1.1% of all ED visits at that age are an injury with a
//   bruise, and only 0.2% of medical visits had one).
// - Rosendahl K et al., "Incidence, pattern and mechanisms of injuries and
//   fractures in children under two years of age", BMC Musculoskelet Disord
//   2021;22:555: fractures 0.7 per 1,000 a year under 12 months (none under 7
//   months), 7.3 per 1,000 at 12-24 months; femur and tibia in the youngest,
//   then forearm, tibia and clavicle; mostly falls from furniture or own height.
// A bruise a doctor only happens to notice is not written down as an injury
// here (the brief for a GP or ED record is the complaint): recorded bruises are
// the ones the child was brought for, which is far fewer than bruises present.
// Every benign injury comes with the carer's account of how it happened.
import type { Injury, InjurySite, InjuryType } from '../records/types.ts';
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

export interface InjuryPattern {
  complaint: string;
  explanation: string;
  injury: Injury;
  /** Seen in fracture clinic after ED rather than simply sent home. */
  followUp?: boolean;
}

export type Stage = 'pre-mobile' | 'early-mobile' | 'cruising' | 'toddler' | 'child' | 'teenager';

/** Stage of mobility from age in whole months (see the header). */
export function stageAt(months: number): Stage {
  if (months < 6) return 'pre-mobile';
  if (months < 9) return 'early-mobile';
  if (months < 12) return 'cruising';
  if (months < 48) return 'toddler';
  if (months < 144) return 'child';
  return 'teenager';
}

type Weighted<T> = readonly (readonly [T, number])[];

// ---- where a recorded accidental bruise is, by stage -----------------------
// TEN-4-FACESp regions (torso, ear, neck, cheek, eyelid, jaw angle) get the
// small share the studies above find for everyday bruising; they are not left
// out. Shares are assumptions shaped by Sugar 1999 and Kemp 2015.

/** Pre-mobile babies: falls from a bed or sofa, knocks while being carried; below the knee is common even now (Kemp 2015). */
export const BRUISE_SITES_PRE_MOBILE: Weighted<InjurySite> = [
  ['forehead', 0.3], ['scalp', 0.1], ['shin', 0.15], ['nose', 0.05], ['cheek', 0.1], ['ear', 0.03], ['upper-arm', 0.05],
  ['thigh', 0.07], ['forearm', 0.05], ['back', 0.05], ['chest', 0.02], ['hand', 0.03],
];
/** Crawling and cruising babies: forehead and face first, then the shins (Sugar 1999; Kemp 2015). */
export const BRUISE_SITES_MOBILE_INFANT: Weighted<InjurySite> = [
  ['forehead', 0.35], ['scalp', 0.1], ['shin', 0.15], ['knee', 0.05], ['nose', 0.05], ['chin', 0.05], ['cheek', 0.07],
  ['ear', 0.02], ['eyelid', 0.02], ['upper-arm', 0.03], ['forearm', 0.03], ['thigh', 0.03], ['back', 0.03], ['hand', 0.01], ['foot', 0.01],
];
/**
 * Walking toddlers: shins and knees, forehead and the rest of the facial T;
 * cheek, eyelid (a black eye after a forehead fall), ear, back, buttock, chest,
 * abdomen and neck together about 7% (Kemp 2015: ears, neck and buttocks each
 * under 1% of checks).
 */
export const BRUISE_SITES_TODDLER: Weighted<InjurySite> = [
  ['shin', 0.32], ['knee', 0.14], ['forehead', 0.22], ['nose', 0.03], ['chin', 0.03], ['scalp', 0.05], ['forearm', 0.05],
  ['upper-arm', 0.01], ['thigh', 0.03], ['hand', 0.01], ['foot', 0.01],
  ['cheek', 0.03], ['eyelid', 0.015], ['ear', 0.005], ['back', 0.01], ['buttock', 0.005], ['chest', 0.003], ['abdomen', 0.002], ['neck', 0.002],
];
/** School-age children and teenagers: legs, arms and the face from sport and play. */
export const BRUISE_SITES_OLDER: Weighted<InjurySite> = [
  ['shin', 0.35], ['knee', 0.15], ['forearm', 0.12], ['thigh', 0.1], ['forehead', 0.08], ['hand', 0.05], ['upper-arm', 0.05],
  ['back', 0.04], ['cheek', 0.03], ['eyelid', 0.02], ['shoulder', 0.01],
];

const TORSO = new Set<InjurySite>(['back', 'buttock', 'chest', 'abdomen']);
const FACE = new Set<InjurySite>(['forehead', 'scalp', 'nose', 'chin', 'cheek', 'eyelid', 'ear', 'lip', 'neck']);
const LEGS = new Set<InjurySite>(['shin', 'knee', 'foot', 'thigh']);

/** How a carer explains a bruise at this site, for this stage: always a specific, ordinary account. */
function bruiseExplanation(rng: Rng, stage: Stage, site: InjurySite): string {
  if (stage === 'pre-mobile') {
    return rng.pick([
      'rolled off the bed onto the floor while being changed',
      'older brother dropped a toy on him while he was lying on the play mat',
      'fell from the sofa when left lying on it for a moment',
      'knocked against the door frame while being carried',
    ]);
  }
  if (TORSO.has(site)) {
    return rng.pick(stage === 'early-mobile' || stage === 'cruising'
      ? ['fell backwards off the bottom stair', 'slipped in the bath and fell against the side']
      : ['fell backwards down two stairs at home', 'slipped in the bath and fell against the side', 'fell off the slide at the park onto the ladder']);
  }
  if (site === 'ear') return 'fell against the edge of the bed frame';
  if (FACE.has(site)) {
    return rng.pick(stage === 'early-mobile' || stage === 'cruising'
      ? ['pulled up on the coffee table and fell against its edge', 'toppled over from sitting onto a wooden toy', 'fell forward while crawling onto the hearth']
      : ['tripped while running and hit the corner of the coffee table', 'fell over in the garden onto the path', 'walked into the door frame', 'fell off the sofa onto the floor']);
  }
  if (LEGS.has(site)) {
    return rng.pick(stage === 'child' || stage === 'teenager'
      ? ['kicked during a football match', 'fell off bike', 'walked into a bench in the playground']
      : ['walked into the coffee table', 'fell on the stairs', 'bumped into the toy box', 'fell over in the park']);
  }
  return rng.pick(['trapped in the door at home', 'fell off the climbing frame', 'fell against the radiator']);
}

function bruiseSites(stage: Stage): Weighted<InjurySite> {
  if (stage === 'pre-mobile') return BRUISE_SITES_PRE_MOBILE;
  if (stage === 'early-mobile' || stage === 'cruising') return BRUISE_SITES_MOBILE_INFANT;
  if (stage === 'toddler') return BRUISE_SITES_TODDLER;
  return BRUISE_SITES_OLDER;
}

// ---- what kind of injury an attendance is for, by stage --------------------

type Maker = (rng: Rng, stage: Stage, months: number) => InjuryPattern;

function make(complaint: string, explanation: string, type: InjuryType, site: InjurySite, extra: Partial<Injury> = {}, followUp = false): InjuryPattern {
  const injury: Injury = { type, site, ...extra };
  return followUp ? { complaint, explanation, injury, followUp } : { complaint, explanation, injury };
}

const SITE_WORDS: Partial<Record<InjurySite, string>> = { 'upper-arm': 'upper arm', eyelid: 'eye' };

const bruise: Maker = (rng, stage) => {
  const site = rng.weighted(bruiseSites(stage));
  const count = stage === 'toddler' && LEGS.has(site) && rng.chance(0.3) ? rng.int(2, 3) : 1;
  return make(`bruise to the ${SITE_WORDS[site] ?? site}`, bruiseExplanation(rng, stage, site), 'bruise', site,
    { count, sizeMm: rng.int(8, stage === 'child' || stage === 'teenager' ? 40 : 25) });
};

const headInjuryInfant: Maker = (rng) => make('head injury', rng.pick([
  'rolled off the bed onto a carpeted floor',
  'fell from the changing table',
  'slipped from the car seat on the sofa onto the floor',
  'fell while sitting and hit head on the floor',
]), 'head-injury', rng.chance(0.5) ? 'scalp' : 'forehead');

const bumpForehead: Maker = (rng, stage) => make('bump to forehead', stage === 'pre-mobile'
  ? 'rolled off the sofa onto the floor'
  : rng.pick(['pulled up on the coffee table and fell against it', 'tripped while running and hit the coffee table', 'fell off the sofa onto the floor']),
'swelling', 'forehead', { side: 'midline', count: 1, sizeMm: rng.int(10, 30) });

const cutLip: Maker = (rng) => make('cut lip', rng.pick(['fell against the coffee table while cruising', 'fell forward onto a toy']), 'laceration', 'lip', { count: 1, sizeMm: rng.int(3, 8) });

const cutChin: Maker = (rng) => make(rng.chance(0.5) ? 'cut chin' : 'cut forehead', rng.pick(['fell in the park', 'slipped on the kitchen floor', 'fell off the bottom step']),
  'laceration', rng.chance(0.5) ? 'chin' : 'forehead', { side: 'midline', count: 1, sizeMm: rng.int(5, 20) });

const grazedKnee: Maker = (rng, stage) => make('grazed knee', stage === 'child' ? rng.pick(['fell off bike', 'fell in the playground']) : 'fell on the pavement',
  'abrasion', rng.chance(0.8) ? 'knee' : 'hand', { count: 1, sizeMm: rng.int(10, 40) });

const headInjury: Maker = (rng, stage) => make('head injury', stage === 'toddler'
  ? 'fell off the sofa onto a carpeted floor'
  : rng.pick(['collided with another child in the playground', 'fell off the climbing frame']), 'head-injury', 'forehead');

const trappedFinger: Maker = (rng, stage) => make('trapped finger', stage === 'cruising' || stage === 'early-mobile' ? 'finger caught in a kitchen cupboard door' : 'finger trapped in the door at home',
  'swelling', 'hand', { count: 1 });

const pulledElbow: Maker = () => make('not using arm', 'pulled up by the hand when stumbling on the kerb', 'other', 'forearm');

const scald: Maker = (rng) => make('burn to hand', rng.pick(['touched the oven door', 'touched a hot radiator']), 'burn', 'hand', { count: 1, sizeMm: rng.int(5, 20) });

/**
 * An accidental fracture: femur or tibia in the youngest (Rosendahl 2021), then
 * the toddler's fracture of the tibia, forearm and clavicle; forearm and hand
 * for older children. Seen in fracture clinic afterwards.
 */
const fracture: Maker = (rng, stage) => {
  if (stage === 'early-mobile' || stage === 'cruising') {
    return make('not bearing weight on leg', rng.pick(['fell from the sofa with leg caught under her', 'slipped from a parent\'s arms on the stairs']), 'fracture', 'long-bone', { count: 1 }, true);
  }
  if (stage === 'toddler') {
    const [complaint, explanation, site] = rng.weighted([
      [['limping', 'twisted leg falling over while running', 'shin'], 0.35],
      [['painful wrist', 'fell off the sofa onto an outstretched hand', 'forearm'], 0.4],
      [['painful shoulder', 'fell from the top bunk ladder', 'shoulder'], 0.15],
      [['painful elbow', 'fell off the climbing frame onto the elbow', 'upper-arm'], 0.1],
    ] as const);
    return make(complaint, explanation, 'fracture', site, { count: 1 }, true);
  }
  if (stage === 'teenager') return make('hand injury', 'fell playing football', 'fracture', 'hand', { count: 1 }, true);
  return make('painful wrist', 'fell off the climbing frame onto an outstretched hand', 'fracture', 'forearm', { count: 1 }, true);
};

const twistedAnkle: Maker = (rng, stage) => make('twisted ankle', stage === 'teenager' ? 'sports injury' : 'went over on it playing football', 'swelling', 'foot', { count: 1 });
const kneeInjury: Maker = () => make('knee injury', 'landed badly in PE', 'swelling', 'knee', { count: 1 });
const cutHand: Maker = () => make('cut hand', 'caught on a fence', 'laceration', 'hand', { count: 1, sizeMm: 15 });
const headInjuryTeen: Maker = () => make('head injury', 'fell off skateboard', 'head-injury', 'scalp');

/**
 * What an injury attendance is for, by stage. Shares are assumptions except
 * where noted: bruises are 13% of pre-mobile injury attendances and 34% of
 * older infants' (from Pierce 2016 over the ED injury shares in rates.ts:
 * 1.1% / 8% and ~5% / 15%); fractures are 1.2% of injury attendances at 7-11
 * months and 4% at 1-3 years (Rosendahl 2021's incidences over the same ED
 * injury rates), and none under 7 months.
 */
const MIX: Record<Stage, Weighted<Maker>> = {
  'pre-mobile': [[headInjuryInfant, 0.55], [bumpForehead, 0.27], [bruise, 0.13], [trappedFinger, 0.05]],
  'early-mobile': [[headInjuryInfant, 0.33], [bumpForehead, 0.2], [bruise, 0.34], [cutLip, 0.05], [trappedFinger, 0.068], [fracture, 0.012]],
  cruising: [[headInjuryInfant, 0.33], [bumpForehead, 0.2], [bruise, 0.34], [cutLip, 0.05], [trappedFinger, 0.068], [fracture, 0.012]],
  toddler: [[bruise, 0.3], [bumpForehead, 0.15], [headInjury, 0.15], [cutChin, 0.12], [grazedKnee, 0.1], [fracture, 0.04], [scald, 0.04], [pulledElbow, 0.05], [trappedFinger, 0.05]],
  child: [[bruise, 0.2], [fracture, 0.15], [grazedKnee, 0.2], [cutHand, 0.1], [twistedAnkle, 0.15], [headInjury, 0.15], [trappedFinger, 0.05]],
  teenager: [[bruise, 0.2], [fracture, 0.2], [twistedAnkle, 0.2], [kneeInjury, 0.2], [headInjuryTeen, 0.2]],
};

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

const SIDED = new Set<InjurySite>(['forearm', 'hand', 'knee', 'shin', 'foot', 'thigh', 'upper-arm', 'shoulder', 'cheek', 'ear', 'eyelid', 'long-bone']);

/**
 * A benign accidental injury for a child of `months` whole months, as seen at
 * the emergency department or (no fractures: those go to ED for an X-ray) at
 * the GP. Always with an explanation of how it happened.
 */
export function accidentalInjury(rng: Rng, months: number, setting: 'emergency' | 'gp' = 'emergency'): InjuryPattern {
  const stage = stageAt(months);
  let mix = MIX[stage];
  if (setting === 'gp' || months < 7) mix = mix.filter(([m]) => m !== fracture);
  const p = rng.weighted(mix)(rng, stage, months);
  // Limbs and one-sided face sites have a side; midline sites already say so.
  if (p.injury.side === undefined && SIDED.has(p.injury.site)) p.injury.side = rng.chance(0.5) ? 'left' : 'right';
  return p;
}

// Injected abuse patterns, for measuring what the risk rules catch (the
// `abuse` option of generate.ts; never part of the ordinary population). A
// share of children is marked as abused and given the records of one pattern
// from the literature or from serious case reviews, written the way the
// agencies involved would write them, alongside everything else that happens
// to the family. The truth (`truth.abused`) names the child, the pattern, the
// date of its first record, every record it added and the rule expected to
// catch it, so a benchmark can tell detection from coincidence.
//
// The patterns:
// - sentinel-bruise: a small bruise on a pre-mobile baby, with an explanation
//   that does not account for it (Sheets LK et al., "Sentinel injuries in
//   infants evaluated for child physical abuse", Pediatrics 2013;131:701-707:
//   27.5% of definitely abused infants had one before, 80% of them bruises,
//   66% before 3 months of age).
// - sentinel-intraoral: a torn frenulum in a pre-mobile baby ("bleeding from
//   the mouth"), the other sentinel injury of Sheets et al. (11%).
// - ten4-bruising: bruising to the torso, ears, neck, cheek, eyelid or jaw in
//   a child of 9 months to 4 years, sometimes patterned (Pierce MC et al.,
//   Pediatrics 2010;125:67-74 and JAMA Netw Open 2021;4:e215832).
// - fracture-under-18m: a rib, long-bone or skull fracture in a child under 18
//   months with no or an unconvincing explanation (NICE CG89 1.2; Kemp AM et
//   al., "Patterns of skeletal fractures in child abuse: systematic review",
//   BMJ 2008;337:a1518).
// - repeated-injuries: three injuries in two months seen by different agencies
//   (ED, school or health visitor, GP), none alarming alone (Haringey LSCB,
//   Serious Case Review: Child A, 2009: injuries "treated as discrete events").
// - conflicting-explanations: the same injury explained one way to the GP and
//   another to the ED days later (NICE CG89 1.2; Child A).
// - returned-to-suspect: an injured child, a police investigation naming a
//   parent, the child placed away, then returned home while that parent is
//   still on police bail (Child A: Peter Connelly went home to his mother while
//   she was on bail).
// - was-not-brought: three or four health appointments missed in five months
//   (RCPCH, "Was not brought"; Powell C, Child Care in Practice 2018).
// - unknown-adult: a child known to social care, and a man who moves into the
//   home, told to the health visitor, school or GP but never named by social
//   care (Child A; Ofsted, "Ages of concern", 2011).
import type { Injury, InjurySite, MentionRole } from '../records/types.ts';
import { addWorkingDays, ageOn, monthsOn, workday } from './dates.ts';
import { isChildOn } from './health.ts';
import { motherOf, partnerOn, type Household, type TruthPerson } from './households.ts';
import { groupOf, pickGroup } from './names.ts';
import type { NhsAllocator } from './nhs.ts';
import { Rng } from './random.ts';
import { ABUSE_PATTERN_WEIGHTS, SENTINEL_AGE_DAYS } from './rates.ts';
import { schoolOf } from './school.ts';
import type { Cast, HouseholdSim } from './sim.ts';
import { ABUSE_PATTERNS, type AbuseCase, type AbusePattern, type PlannedCase } from './abuse-cases.ts';

export { ABUSE_PATTERNS, type AbuseCase, type AbusePattern, type PlannedCase } from './abuse-cases.ts';

export interface AbuseOptions {
  /** Chance that a child is abused (at most one child a household; only children of an age some pattern fits). */
  share: number;
  /** The patterns to use (default all), in the proportions of ABUSE_PATTERN_WEIGHTS as far as the children's ages allow. */
  patterns?: readonly AbusePattern[];
}

type Bands = readonly (readonly [readonly [number, number], number])[];

interface Spec {
  /** age of the child at the first record, in days, as weighted bands [from, to) */
  ages: Bands;
  /** how many days after the first record the pattern's last one can fall (it must fit in the period) */
  span: number;
  expectedRule: string;
  source: string;
  run: (sim: HouseholdSim, pc: PlannedCase) => void;
}

const YEAR = 365.25;
const years = (y: number) => Math.round(y * YEAR);

// ---- planning ------------------------------------------------------------------

/**
 * Marks abused children and plans their cases, household by household, from
 * one dedicated stream (so the rest of the population is untouched). Adds the
 * unknown adults to their households; their NHS numbers come after everyone
 * else's.
 */
export function planAbuseCases(sims: HouseholdSim[], opts: AbuseOptions, seed: number, nhs: NhsAllocator): void {
  if (!(opts.share >= 0 && opts.share <= 1)) throw new Error('abuse.share must be between 0 and 1');
  const allowed = opts.patterns ?? ABUSE_PATTERNS;
  for (const p of allowed) if (!ABUSE_PATTERNS.includes(p)) throw new Error(`unknown abuse pattern ${p}`);
  if (opts.share === 0 || allowed.length === 0) return;
  const pick = new Rng(seed, 0x61627573); // 'abus'
  const adults: TruthPerson[] = [];
  // Children of every age are picked at the same rate, but patterns fit different ages (a
  // sentinel injury needs a baby); each case takes the eligible pattern furthest below its
  // share of the cases so far, so every pattern gets its share when enough children fit it.
  const made = new Map<AbusePattern, number>();
  const behind = (p: AbusePattern) => (made.get(p) ?? 0) / ABUSE_PATTERN_WEIGHTS[p];
  const weights = allowed.reduce((sum, p) => sum + ABUSE_PATTERN_WEIGHTS[p], 0);
  sims.forEach((sim, i) => {
    const { startDay, endDay } = sim.world;
    for (const c of sim.hh.people) {
      if (c.kind !== 'child' || !pick.chance(opts.share)) continue;
      // Each pattern's possible first days: the child present and of the right age, the pattern fitting in the period.
      const options: { pattern: AbusePattern; bands: [number, number, number][] }[] = [];
      for (const pattern of allowed) {
        const spec = SPECS[pattern];
        const bands: [number, number, number][] = [];
        for (const [[a, b], w] of spec.ages) {
          const from = Math.max(startDay, c.dob + a, c.from);
          const to = Math.min(c.dob + b, endDay - spec.span, c.adultDay);
          if (to > from) bands.push([from, to, w]);
        }
        if (bands.length) options.push({ pattern, bands });
      }
      if (!options.length) continue;
      const chosen = options.reduce((a, b) => (behind(b.pattern) < behind(a.pattern) ? b : a));
      // A child whom only patterns already over their share fit (a teenager: only unknown-adult) is left out.
      const total = [...made.values()].reduce((x, y) => x + y, 0);
      if (behind(chosen.pattern) > (1.2 * total) / weights + 1) continue;
      made.set(chosen.pattern, (made.get(chosen.pattern) ?? 0) + 1);
      const [from, to] = pick.weighted(chosen.bands.map((b) => [b, b[2]] as const));
      const day = from + Math.floor(pick.float() * (to - from));
      const spec = SPECS[chosen.pattern];
      const pc: PlannedCase = {
        case: {
          child: c.label, household: sim.hh.id, pattern: chosen.pattern, expectedRule: spec.expectedRule,
          firstDate: '', records: [], description: '', source: spec.source,
        },
        child: c, day, rng: new Rng(seed, 0x41000000 + i), scheduled: false,
      };
      if (chosen.pattern === 'unknown-adult') {
        pc.adult = unknownAdult(sim.hh, pc.rng, workday(day + pc.rng.int(14, 40)));
        adults.push(pc.adult);
      }
      sim.cases.push(pc);
      break; // one abused child a household
    }
  });
  for (const a of adults) a.nhs = nhs.next();
}

/** Schedules the cases whose first record falls in this month. */
export function planAbuse(sim: HouseholdSim, w0: number, w1: number): void {
  for (const pc of sim.cases) {
    if (pc.scheduled || pc.day < w0 || pc.day >= w1) continue;
    pc.scheduled = true;
    sim.at(pc.day, () => { SPECS[pc.case.pattern].run(sim, pc); });
  }
}

function unknownAdult(hh: Household, rng: Rng, from: number): TruthPerson {
  const mother = motherOf(hh);
  const g = groupOf(pickGroup(rng));
  const dob = Math.min(mother.dob + Math.round(rng.normal(-2, 4) * YEAR), from - years(19));
  const p: TruthPerson = {
    label: `${hh.id}-adult1`, index: hh.people.length, kind: 'adult', given: rng.pick(g.adultMale), family: rng.pick(g.surnames),
    sex: 'male', dob, adultDay: dob + years(18), nhs: '', from, to: Infinity,
  };
  hh.people.push(p);
  return p;
}

// ---- writing records ------------------------------------------------------------

type Setting = 'emergency' | 'gp';

function note(pc: PlannedCase, text: string): void {
  if (!pc.case.description) pc.case.description = text;
}

function age(c: TruthPerson, day: number): string {
  const m = monthsOn(c.dob, day);
  return m < 24 ? `${m} month${m === 1 ? '' : 's'}` : `${Math.floor(m / 12)} years`;
}

/** The adult bringing the child (mother, or the suspect when there is one). */
function bring(sim: HouseholdSim, cast: Cast, day: number, who?: TruthPerson): string {
  const p = who ?? motherOf(sim.hh);
  if (p.kind === 'mother') return cast.add(p, 'm', 'parent', { relationship: 'mother' });
  return p.kind === 'father' ? cast.add(p, 'f', 'parent', { relationship: 'father' }) : cast.add(p, 'p', 'partner-of-parent', { relationship: "mother's partner" });
}

function attendance(sim: HouseholdSim, pc: PlannedCase, day: number, setting: Setting, complaint: string, injuries: Injury[], explanation: string | undefined,
  outcome = 'discharged-home'): void {
  const c = pc.child;
  if (!isChildOn(c, day)) return;
  const agency = setting === 'gp' ? sim.gpOn(day) : sim.hospitalOn(day);
  const cast = sim.cast(agency, day);
  cast.add(c, 'child', 'subject');
  const by = bring(sim, cast, day);
  const body: Record<string, unknown> = { setting, broughtBy: by, complaint, injuries };
  if (explanation !== undefined) body.explanation = explanation;
  body.examination = 'complete';
  body.outcome = outcome;
  sim.record({ day, agency, refPrefix: setting === 'gp' ? 'c' : 'ed', kind: 'attendance', cast, body, abuse: pc.case });
}

/** A health visitor's contact at which an injury is seen and written down. */
function hvVisit(sim: HouseholdSim, pc: PlannedCase, day: number, injuries: Injury[], observations: string): void {
  const c = pc.child;
  if (!isChildOn(c, day)) return;
  const hv = sim.world.dir.hv;
  const cast = sim.cast(hv, day);
  const keys = cast.family(c, { lives: true });
  sim.record({
    day, agency: hv, refPrefix: 'v', kind: 'visit', cast, abuse: pc.case,
    body: { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, injuries, observations, present: [keys.m] },
  });
}

function missed(sim: HouseholdSim, pc: PlannedCase, day: number, agency: string, service: string): void {
  const c = pc.child;
  if (!isChildOn(c, day)) return;
  const cast = sim.cast(agency, day);
  cast.add(c, 'child', 'subject');
  cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
  sim.record({ day, agency, refPrefix: 'dna', kind: 'appointment-missed', cast, body: { service, wasNotBrought: true }, abuse: pc.case });
}

const side = (rng: Rng): 'left' | 'right' => (rng.chance(0.5) ? 'left' : 'right');
const MIDLINE = new Set<InjurySite>(['chest', 'abdomen', 'back', 'buttock', 'neck', 'frenulum', 'forehead']);

function bruises(rng: Rng, sites: readonly (readonly [InjurySite, number])[], n: number, patterned = false): Injury[] {
  const out: Injury[] = [];
  const used = new Set<InjurySite>();
  for (let i = 0; i < n * 3 && out.length < n; i++) {
    const site = rng.weighted(sites);
    if (used.has(site)) continue;
    used.add(site);
    const injury: Injury = { type: 'bruise', site, side: MIDLINE.has(site) ? 'midline' : side(rng), count: rng.int(1, 3), sizeMm: rng.int(5, 30) };
    if (patterned && out.length === 0) injury.patterned = true;
    out.push(injury);
  }
  return out;
}

// ---- the patterns --------------------------------------------------------------

/** Abusive sentinel bruises: mostly on the face and head, some on the torso and limbs (assumption shaped by Sheets 2013 and Pierce 2010). */
const SENTINEL_SITES: readonly (readonly [InjurySite, number])[] = [
  ['cheek', 0.25], ['forehead', 0.15], ['ear', 0.1], ['eyelid', 0.05], ['jaw-angle', 0.05], ['neck', 0.03],
  ['chest', 0.07], ['abdomen', 0.05], ['back', 0.05], ['upper-arm', 0.1], ['thigh', 0.1],
];
const SENTINEL_STORIES = [
  'must have hit himself with his rattle',
  'older sibling may have poked her',
  'caught on the dummy clip',
  'bumped against the cot bars in his sleep',
  'noticed it at bath time, not sure how it happened',
];

function sentinelBruise(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const injuries = bruises(rng, SENTINEL_SITES, rng.chance(0.8) ? 1 : 2);
  injuries.forEach((i) => { i.count = 1; i.sizeMm = rng.int(4, 15); });
  const story = rng.pick(SENTINEL_STORIES);
  const where = rng.weighted([['gp', 0.45], ['emergency', 0.4], ['hv', 0.15]] as const);
  const sites = injuries.map((i) => i.site).join(' and ');
  note(pc, `bruise to the ${sites} at ${age(c, day)} (${where === 'hv' ? 'health visitor' : where})`);
  if (where === 'hv') hvVisit(sim, pc, day, injuries, `small bruise to the ${sites}; mother says it ${story}`);
  else attendance(sim, pc, day, where, `bruise to the ${sites}`, injuries, story);
}

function sentinelIntraoral(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const where = rng.chance(0.5) ? 'gp' : 'emergency';
  note(pc, `torn frenulum at ${age(c, day)} (${where})`);
  attendance(sim, pc, day, where, 'bleeding from the mouth', [{ type: 'laceration', site: 'frenulum', side: 'midline', count: 1, sizeMm: rng.int(2, 6) }],
    rng.pick(['caught with the bottle during a feed', 'hit in the mouth by the dummy', 'sibling pushed a toy into her mouth']));
}

const TEN4_SITES: readonly (readonly [InjurySite, number])[] = [
  ['ear', 0.2], ['cheek', 0.25], ['neck', 0.1], ['back', 0.1], ['buttock', 0.1], ['abdomen', 0.05], ['chest', 0.05], ['jaw-angle', 0.05], ['eyelid', 0.1],
];

function ten4Bruising(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const injuries = bruises(rng, TEN4_SITES, rng.int(1, 2), rng.chance(0.2));
  const story = rng.pick(['fell against the cot', 'fell off the sofa', 'her brother hit her with a toy', 'fell off the trampoline', 'bumped into the door']);
  const sites = injuries.map((i) => i.site).join(' and ');
  const where = ageOn(c.dob, day) < 5 ? rng.weighted([['emergency', 0.45], ['gp', 0.4], ['hv', 0.15]] as const) : rng.chance(0.5) ? 'emergency' : 'gp';
  note(pc, `bruising to the ${sites}${injuries.some((i) => i.patterned) ? ' (patterned)' : ''} at ${age(c, day)} (${where === 'hv' ? 'health visitor' : where})`);
  if (where === 'hv') hvVisit(sim, pc, day, injuries, `bruising to the ${sites}; mother says she ${story}`);
  else attendance(sim, pc, day, where, `bruising to the ${sites}`, injuries, story);
}

function fractureUnder18m(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const [complaint, site] = rng.weighted([
    [['crying when picked up', 'ribs'], 0.35], [['not moving leg', 'long-bone'], 0.4], [['swelling on the head', 'skull'], 0.25],
  ] as const);
  const story = rng.weighted([[undefined, 0.45], ['no history of injury', 0.25], ['leg got caught in the cot bars', 0.15], ['rolled off the bed', 0.15]] as const);
  note(pc, `${site} fracture at ${age(c, day)}, ${story === undefined ? 'no explanation' : `"${story}"`}`);
  const injury: Injury = { type: 'fracture', site, count: site === 'ribs' ? rng.int(1, 4) : 1 };
  if (site !== 'skull') injury.side = side(rng);
  attendance(sim, pc, day, 'emergency', complaint, [injury], story, 'admitted');
}

function repeatedInjuries(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  note(pc, `three injuries in two months at ${age(c, day)}: ED, then ${schoolOf(sim, c, day) ? 'school' : ageOn(c.dob, day) < 5 ? 'health visitor' : 'GP'}, then GP`);
  attendance(sim, pc, day, 'emergency', 'bruised arm', [{ type: 'bruise', site: rng.pick(['forearm', 'thigh', 'shin'] as const), side: side(rng), count: 2, sizeMm: 25 }],
    'fell down the stairs');
  const second = workday(day + rng.int(12, 30));
  sim.at(second, () => {
    if (!isChildOn(c, second)) return;
    const school = schoolOf(sim, c, second);
    if (school) {
      const cast = sim.cast(school, second);
      cast.family(c);
      sim.record({ day: second, agency: school, refPrefix: 'dsl', kind: 'concern', cast, abuse: pc.case,
        body: { category: 'physical', description: 'bruising to both upper arms seen when changing for PE; said they fell over' } });
    } else if (ageOn(c.dob, second) < 5) {
      hvVisit(sim, pc, second, [{ type: 'bruise', site: 'upper-arm', side: side(rng), count: 3, sizeMm: 10 }], 'bruises to the upper arm; mother says he fell off the bed');
    } else {
      attendance(sim, pc, second, 'gp', 'bruised arms', [{ type: 'bruise', site: 'upper-arm', side: side(rng), count: 3, sizeMm: 10 }], 'rough play with cousins');
    }
  });
  const third = workday(day + rng.int(35, 60));
  sim.at(third, () => {
    if (rng.chance(0.5)) attendance(sim, pc, third, 'gp', 'burn to hand', [{ type: 'burn', site: 'hand', side: side(rng), count: 1, sizeMm: 15 }], 'touched the oven door');
    else attendance(sim, pc, third, 'gp', 'cut forearm', [{ type: 'laceration', site: 'forearm', side: side(rng), count: 1, sizeMm: 20 }], 'fell on broken glass in the garden');
  });
}

/** Two accounts of one injury; the words barely overlap (the rule compares words). */
const ACCOUNTS: readonly (readonly [string, string])[] = [
  ['fell off the climbing frame at the park', 'his brother pushed him into the radiator'],
  ['tripped over the dog in the hallway', 'fell down the stairs at nan\'s house'],
  ['banged it on the kitchen table', 'hurt at nursery, they did not say how'],
  ['walked into the wardrobe door', 'slipped in the bath last night'],
];

function conflictingExplanations(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const [a, b] = rng.pick(ACCOUNTS);
  const injury: Injury = rng.pick<Injury>([
    { type: 'bruise', site: 'forehead', side: 'midline', count: 1, sizeMm: 30 },
    { type: 'laceration', site: 'forehead', side: 'midline', count: 1, sizeMm: 15 },
    { type: 'bruise', site: 'forearm', side: side(rng), count: 2, sizeMm: 20 },
  ]);
  const later = day + rng.int(1, 10);
  note(pc, `${injury.type} to the ${injury.site} at ${age(c, day)}: "${a}" to the GP, "${b}" to the ED ${later - day} days later`);
  attendance(sim, pc, day, 'gp', `${injury.type} to the ${injury.site}`, [injury], a);
  sim.at(later, () => { attendance(sim, pc, later, 'emergency', `${injury.type} to the ${injury.site}, not healing`, [{ ...injury }], b); });
}

function returnedToSuspect(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const dir = sim.world.dir;
  const partner = partnerOn(sim.hh, day);
  const suspect = partner && rng.chance(0.5) ? partner : motherOf(sim.hh);
  const relationship = suspect.kind === 'mother' ? 'mother' : suspect.kind === 'father' ? 'father' : "mother's partner";
  const hospital = sim.hospitalOn(day);
  const offence = rng.pick(['child cruelty (Children and Young Persons Act 1933, s1)', 'assault occasioning actual bodily harm on a child']);
  const back = workday(day + rng.int(30, 75));
  note(pc, `injured at ${age(c, day)}; ${relationship} arrested and bailed; placed away, returned home ${back - day} days later while the ${relationship} was on bail`);
  attendance(sim, pc, day, 'emergency', 'bruised arms', [
    { type: 'bruise', site: 'upper-arm', side: 'left', count: 3, sizeMm: 15 }, { type: 'bruise', site: 'forearm', side: 'right', count: 2, sizeMm: 10 },
  ], 'fell down the stairs', 'referred-social-care');
  const police = (d: number, action: string, withChild: boolean, extra: Record<string, unknown> = {}) => {
    if (!isChildOn(c, d)) return;
    const cast = sim.cast(dir.police, d);
    if (withChild) cast.add(c, 'child', 'subject');
    const s = cast.add(suspect, 's', 'alleged-perpetrator', { relationship });
    if (!withChild) cast.add(c, 'v', 'other', { relationship: 'victim' });
    sim.record({ day: d, agency: dir.police, refPrefix: 'cai', kind: 'police-action', cast, body: { action, suspect: s, ...extra }, abuse: pc.case });
  };
  const d1 = addWorkingDays(day, 1);
  sim.at(d1, () => {
    police(d1, 'investigation-opened', true, { offence });
    if (!isChildOn(c, d1)) return;
    const cast = sim.cast(dir.csc, d1);
    cast.family(c, { partner: true, lives: true });
    sim.record({ day: d1, agency: dir.csc, refPrefix: 'sd', kind: 'strategy-discussion', cast, body: { agencies: [dir.csc, dir.police, hospital], decision: 'section-47' }, abuse: pc.case });
  });
  const d2 = addWorkingDays(day, 2);
  sim.at(d2, () => {
    police(d2, 'arrest', false, { offence });
    police(d2, 'bail', false);
    if (!isChildOn(c, d2)) return;
    const cast = sim.cast(dir.csc, d2);
    cast.add(c, 'child', 'subject');
    cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother' });
    sim.record({ day: d2, agency: dir.csc, refPrefix: 'pl', kind: 'placement', cast, body: { subject: 'child', change: 'placed-away' },
      narrative: 'Placed with emergency foster carers while the police investigate.', abuse: pc.case });
  });
  sim.at(back, () => {
    if (!isChildOn(c, back)) return;
    const cast = sim.cast(dir.csc, back);
    cast.add(c, 'child', 'subject');
    const m = cast.add(motherOf(sim.hh), 'm', 'parent', { relationship: 'mother', livesWithSubject: 'yes' });
    if (suspect !== motherOf(sim.hh) && partnerOn(sim.hh, back) === suspect) {
      if (suspect.kind === 'father') cast.add(suspect, 'f', 'parent', { relationship: 'father', livesWithSubject: 'yes' });
      else cast.add(suspect, 'p', 'partner-of-parent', { relationship: "mother's partner", livesWithSubject: 'yes' });
    }
    sim.record({ day: back, agency: dir.csc, refPrefix: 'pl', kind: 'placement', cast, body: { subject: 'child', with: m, change: 'returned-home' },
      narrative: 'Returned home to mother; police investigation continuing.', abuse: pc.case });
  });
  const nfa = back + rng.int(40, 90);
  sim.at(nfa, () => { police(nfa, 'no-further-action', false); });
}

function wasNotBrought(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const n = rng.chance(0.5) ? 4 : 3;
  note(pc, `${n} health appointments missed in five months from ${age(c, day)}`);
  missed(sim, pc, day, sim.gpOn(day), 'GP appointment: review of weight');
  const d2 = workday(day + rng.int(20, 50));
  sim.at(d2, () => { missed(sim, pc, d2, sim.hospitalOn(d2), 'paediatric outpatient clinic'); });
  const d3 = workday(day + rng.int(60, 100));
  sim.at(d3, () => {
    if (ageOn(c.dob, d3) < 5) missed(sim, pc, d3, sim.world.dir.hv, 'health visiting: development review');
    else missed(sim, pc, d3, sim.gpOn(d3), 'GP appointment: asthma review');
  });
  if (n === 4) {
    const d4 = workday(day + rng.int(110, 145));
    sim.at(d4, () => { missed(sim, pc, d4, sim.gpOn(d4), 'GP appointment: review of weight'); });
  }
}

function unknownAdultMovesIn(sim: HouseholdSim, pc: PlannedCase): void {
  const { rng, child: c, day } = pc;
  const adult = pc.adult;
  if (!adult) return;
  const dir = sim.world.dir;
  const known = sim.episode?.children.includes(c) ?? false;
  if (!known && isChildOn(c, day)) {
    // Social care becomes involved: a referral, then an assessment visit (neither names the man: he is not there yet).
    const school = schoolOf(sim, c, day);
    const referrer = school ?? (ageOn(c.dob, day) < 5 ? dir.hv : sim.gpOn(day));
    const cast = sim.cast(referrer, day);
    cast.family(c, { partner: true });
    sim.record({ day, agency: referrer, refPrefix: 'ref', kind: 'referral', cast, abuse: pc.case,
      body: { to: dir.csc, reason: 'concerns about neglect: home conditions poor and child often unkempt', urgency: 'routine' } });
    const visit = addWorkingDays(day, rng.int(3, 8));
    sim.at(visit, () => {
      if (!isChildOn(c, visit)) return;
      const v = sim.cast(dir.csc, visit);
      const keys = v.family(c, { partner: true, lives: true });
      sim.record({ day: visit, agency: dir.csc, refPrefix: 'v', kind: 'visit', cast: v, abuse: pc.case,
        body: { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: false, present: keys.p === undefined ? [keys.m] : [keys.m, keys.p] } });
    });
  }
  const movedIn = adult.from;
  const teller = schoolOf(sim, c, movedIn) ?? (ageOn(c.dob, movedIn) < 5 ? dir.hv : sim.gpOn(movedIn));
  const hasPartner = partnerOn(sim.hh, movedIn) !== undefined;
  note(pc, `${hasPartner ? 'a lodger' : "the mother's boyfriend"} moved in when the child was ${age(c, movedIn)}, told to ${teller}; social care ${known ? 'already involved' : 'involved from the referral'}`);
  sim.at(movedIn, () => {
    if (!isChildOn(c, movedIn)) return;
    const cast = sim.cast(teller, movedIn);
    cast.family(c, { lives: true });
    const role: MentionRole = hasPartner ? 'lodger' : 'partner-of-parent';
    const key = cast.add(adult, 'a', role, { relationship: hasPartner ? 'lodger' : "mother's boyfriend", livesWithSubject: 'yes' });
    sim.record({ day: movedIn, agency: teller, refPrefix: 'hc', kind: 'household-change', certainty: 'approximate', cast, body: { person: key, change: 'moved-in' }, abuse: pc.case });
  });
}

const SPECS: Record<AbusePattern, Spec> = {
  'sentinel-bruise': { ages: SENTINEL_AGE_DAYS, span: 0, expectedRule: 'nice-cg89-suspect', source: 'Sheets LK et al. Pediatrics 2013;131:701-707', run: sentinelBruise },
  'sentinel-intraoral': { ages: SENTINEL_AGE_DAYS, span: 0, expectedRule: 'ten-4-facesp', source: 'Sheets LK et al. Pediatrics 2013;131:701-707; NICE CG89 1.2 (oral injury, lacerations in a child not independently mobile)', run: sentinelIntraoral },
  'ten4-bruising': { ages: [[[274, 1461], 1]], span: 0, expectedRule: 'ten-4-facesp', source: 'Pierce MC et al. Pediatrics 2010;125:67-74; JAMA Netw Open 2021;4:e215832', run: ten4Bruising },
  'fracture-under-18m': { ages: [[[14, 183], 0.5], [[183, 365], 0.3], [[365, 540], 0.2]], span: 0, expectedRule: 'nice-cg89-suspect', source: 'NICE CG89 1.2; Kemp AM et al. BMJ 2008;337:a1518', run: fractureUnder18m },
  'repeated-injuries': { ages: [[[years(1), years(11)], 1]], span: 70, expectedRule: 'accumulating-harm', source: 'Haringey LSCB, Serious Case Review: Child A (2009)', run: repeatedInjuries },
  'conflicting-explanations': { ages: [[[years(1), years(8)], 1]], span: 12, expectedRule: 'conflicting-explanations', source: 'NICE CG89 1.2; Haringey LSCB, Serious Case Review: Child A (2009)', run: conflictingExplanations },
  'returned-to-suspect': { ages: [[[30, years(10)], 1]], span: 80, expectedRule: 'returned-to-suspect', source: 'Haringey LSCB, Serious Case Review: Child A (2009)', run: returnedToSuspect },
  'was-not-brought': { ages: [[[60, years(5)], 1]], span: 150, expectedRule: 'was-not-brought', source: 'RCPCH, "Was not brought" (2018); Powell C, Child Care in Practice 2018', run: wasNotBrought },
  'unknown-adult': { ages: [[[14, years(16)], 1]], span: 60, expectedRule: 'unknown-adult', source: 'Haringey LSCB, Serious Case Review: Child A (2009); Ofsted, Ages of concern (2011)', run: unknownAdultMovesIn },
};

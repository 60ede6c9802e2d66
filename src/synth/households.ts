// The true population: households of a mother, sometimes a father or a partner,
// and one to four children, each with a timeline of moves, partners coming and
// going, and births. This is the truth that the records are written from and
// that identity resolution is scored against.
import type { Rng } from './random.ts';
import { addYears } from './dates.ts';
import { chooseNickname, DISTRICTS, groupOf, partnerGroup, pickGroup, postcodeFor, STREET_NAMES, STREET_TYPES, type District } from './names.ts';
import type { NhsAllocator } from './nhs.ts';
import {
  CHILDREN_PER_FAMILY, COUPLE_FAMILY_SHARE, FATHER_SEPARATION_RATE, MOTHER_AGE_AT_FIRST_BIRTH, MOVE_CHANGES_CATCHMENT,
  MOVE_RATE, PARTNER_SEPARATION_RATE, REPARTNER_RATE, RISK_TIERS, SIBLING_GAP_YEARS, SOCIAL_TENANT_SHARE, STEPFAMILY_SHARE,
} from './rates.ts';
import { CHILD_TAKES_NEW_SURNAME_RATE, scaled, SURNAME_CHANGE_AFTER_NEW_PARTNER_RATE } from './noise.ts';

/** `adult`: another adult who moves in outside the partner timeline (a boyfriend or lodger; only injected abuse patterns add one). */
export type PersonKind = 'mother' | 'father' | 'partner' | 'child' | 'adult';

export interface TruthPerson {
  /** Truth label, unique in the scenario: `h12-mother`, `h12-child2`, `h12-partner1`. */
  label: string;
  /** Position in the household's `people`. */
  index: number;
  kind: PersonKind;
  given: string;
  family: string;
  /** A surname taken later (from the mother's new partner). Decided by the noise stream, so noise 0 never has one. */
  laterFamily?: { from: number; family: string };
  sex: 'female' | 'male';
  dob: number;
  /** 18th birthday: from this day a child is no longer a child (cached; checked on every record). */
  adultDay: number;
  nhs: string;
  /** A short form of the given name that some agencies may write down. */
  nickname?: string;
  /** When a child starts primary and secondary school and leaves education (school.ts works it out). */
  schooling?: SchoolDates;
  /** Days the person lives in the household: [from, to). -Infinity / Infinity when before / after the period. */
  from: number;
  to: number;
}

export interface SchoolDates {
  reception: number;
  secondary: number;
  leaves: number;
}

export interface AddressTruth {
  flat?: number;
  number: number;
  street: string;
  streetType: readonly [string, string];
  district: District;
  postcode: string;
  /** Decides the family's GP, hospital and schools (see agencies.ts); kept on short moves. */
  catchment: number;
}

export type HouseholdEventType = 'move' | 'partner-in' | 'partner-out' | 'birth';

export interface HouseholdEvent {
  day: number;
  type: HouseholdEventType;
  person?: TruthPerson;
  /** For a move: the address before it. */
  previous?: AddressTruth;
}

export interface Household {
  id: string;
  people: TruthPerson[];
  /** Address history, oldest first; the first applies from before the period. */
  addresses: { from: number; address: AddressTruth }[];
  /** Time-ordered. */
  events: HouseholdEvent[];
  /** Multiplier (mean 1) on the need-driven rates: ED, missed appointments, police, referrals. */
  risk: number;
  socialTenant: boolean;
}

export interface HouseholdContext {
  index: number;
  startDay: number;
  endDay: number;
  /** At most this many children (the last household is cut to fit the requested total). */
  maxChildren: number;
  nhs: NhsAllocator;
  noise: number;
}

const YEAR = 365.25;
const RISK_MEAN = RISK_TIERS.reduce((s, [m, w]) => s + m * w, 0) / RISK_TIERS.reduce((s, [, w]) => s + w, 0);

export function familyAt(p: TruthPerson, day: number): string {
  return p.laterFamily && day >= p.laterFamily.from ? p.laterFamily.family : p.family;
}

export function addressAt(hh: Household, day: number): AddressTruth {
  let current = hh.addresses[0];
  for (const a of hh.addresses) {
    if (a.from <= day) current = a;
    else break;
  }
  if (!current) throw new Error(`household ${hh.id} has no address`);
  return current.address;
}

export function isAdult(p: TruthPerson): boolean {
  return p.kind !== 'child';
}

/** Present in the household on the day (and born). */
export function presentOn(p: TruthPerson, day: number): boolean {
  return p.from <= day && day < p.to && p.dob <= day;
}

/** Children living in the household and still under 18 on the day, eldest first. */
export function childrenOn(hh: Household, day: number): TruthPerson[] {
  return hh.people.filter((p) => p.kind === 'child' && presentOn(p, day) && day < p.adultDay);
}

export function motherOf(hh: Household): TruthPerson {
  const m = hh.people[0];
  if (!m || m.kind !== 'mother') throw new Error(`household ${hh.id} has no mother`);
  return m;
}

/** The mother's resident partner (the children's father or a new partner) on the day, if any. */
export function partnerOn(hh: Household, day: number): TruthPerson | undefined {
  return hh.people.find((p) => (p.kind === 'father' || p.kind === 'partner') && presentOn(p, day));
}

function newAddress(rng: Rng, catchment: number, district?: District): AddressTruth {
  const d = district ?? rng.pick(DISTRICTS);
  const street = rng.pick(STREET_NAMES);
  const streetType = rng.pick(STREET_TYPES);
  const number = rng.int(1, 180);
  // About a third of families with children in inner North London live in flats (assumption).
  const flat = rng.chance(0.35) ? rng.int(1, 12) : undefined;
  const address: AddressTruth = { number, street, streetType, district: d, postcode: postcodeFor(d, `${street} ${streetType[0]}`, number), catchment };
  if (flat !== undefined) address.flat = flat;
  return address;
}

function clip(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function yearsBefore(day: number, years: number): number {
  return Math.round(day - years * YEAR);
}

/**
 * Builds one household. `rng` drives the truth; `noiseRng` only what noise
 * decides (nicknames, surname changes), so the same seed gives the same people
 * and the same activity at any noise level.
 */
export function createHousehold(ctx: HouseholdContext, rng: Rng, noiseRng: Rng): Household {
  const id = `h${ctx.index + 1}`;
  const { startDay, endDay } = ctx;
  const span = (endDay + 1 - startDay) / YEAR;
  const group = pickGroup(rng);
  const names = groupOf(group);
  const people: TruthPerson[] = [];

  // Children: the youngest is anywhere from "born near the end of the period" to 17, older ones follow at sibling gaps.
  const wanted = Math.min(ctx.maxChildren, rng.weighted(CHILDREN_PER_FAMILY));
  const youngestAge = -span + rng.float() * (17 + span);
  const dobs: number[] = [Math.min(endDay, yearsBefore(startDay, youngestAge))];
  while (dobs.length < wanted) {
    const last = dobs[dobs.length - 1]!;
    const next = yearsBefore(last, SIBLING_GAP_YEARS[0] + rng.float() * (SIBLING_GAP_YEARS[1] - SIBLING_GAP_YEARS[0]));
    if (next <= addYears(startDay, -18)) break; // would already be an adult
    dobs.push(next);
  }
  dobs.reverse(); // eldest first
  const eldest = dobs[0]!;

  const m = MOTHER_AGE_AT_FIRST_BIRTH;
  const motherDob = yearsBefore(eldest, clip(rng.normal(m.mean, m.sd), m.min, m.max));
  const motherGiven = rng.pick(names.adultFemale);
  const couple = rng.chance(COUPLE_FAMILY_SHARE);
  const step = couple && rng.chance(STEPFAMILY_SHARE);

  const mother: TruthPerson = {
    label: `${id}-mother`, index: 0, kind: 'mother', given: motherGiven, family: rng.pick(names.surnames), sex: 'female',
    dob: motherDob, adultDay: addYears(motherDob, 18), nhs: ctx.nhs.next(), from: -Infinity, to: Infinity,
  };
  people.push(mother);

  let partnerCount = 0;
  const makePartner = (kind: 'father' | 'partner', from: number): TruthPerson => {
    const g = groupOf(partnerGroup(rng, group));
    const dob = Math.min(addYears(from === -Infinity ? startDay : from, -18), yearsBefore(motherDob, clip(rng.normal(2, 4), -6, 12)));
    const p: TruthPerson = {
      label: kind === 'father' ? `${id}-father` : `${id}-partner${++partnerCount}`, index: people.length, kind,
      given: rng.pick(g.adultMale), family: rng.pick(g.surnames), sex: 'male', dob, adultDay: addYears(dob, 18), nhs: ctx.nhs.next(), from, to: Infinity,
    };
    people.push(p);
    return p;
  };

  let partner: TruthPerson | undefined;
  if (couple) partner = makePartner(step ? 'partner' : 'father', -Infinity);
  // Married or not, about 60% of mothers living with the father share his surname (assumption).
  if (partner?.kind === 'father' && rng.chance(0.6)) mother.family = partner.family;
  // Children carry the father's surname when he is at home, else the mother's (60%) or an absent father's.
  const childFamily = partner?.kind === 'father' ? partner.family : rng.chance(0.6) ? mother.family : rng.pick(names.surnames);

  const usedNames = new Set<string>();
  dobs.forEach((dob, i) => {
    const sex = rng.chance(0.512) ? 'male' : 'female'; // ONS: ~105 boys per 100 girls at birth
    let given = rng.pick(sex === 'male' ? names.childMale : names.childFemale);
    for (let tries = 0; usedNames.has(given) && tries < 10; tries++) given = rng.pick(sex === 'male' ? names.childMale : names.childFemale);
    usedNames.add(given);
    people.push({
      label: `${id}-child${i + 1}`, index: people.length, kind: 'child', given, family: childFamily, sex, dob, adultDay: addYears(dob, 18), nhs: ctx.nhs.next(),
      from: dob < startDay ? -Infinity : dob, to: Infinity,
    });
  });

  const events: HouseholdEvent[] = [];
  for (const p of people) if (p.kind === 'child' && p.dob >= startDay) events.push({ day: p.dob, type: 'birth', person: p });

  // Partners leave and new ones move in, as competing waiting times.
  let t = startDay;
  for (;;) {
    const rate = partner ? (partner.kind === 'father' ? FATHER_SEPARATION_RATE : PARTNER_SEPARATION_RATE) : REPARTNER_RATE;
    t += Math.max(1, Math.round(rng.exponential(YEAR / rate)));
    if (t > endDay) break;
    if (partner) {
      partner.to = t;
      events.push({ day: t, type: 'partner-out', person: partner });
      partner = undefined;
    } else {
      partner = makePartner('partner', t);
      events.push({ day: t, type: 'partner-in', person: partner });
      maybeTakeSurname(ctx, noiseRng, people, partner, t);
    }
  }

  // Moves: a Poisson process; longer moves change the catchment (GP, schools, hospital).
  const addresses: Household['addresses'] = [{ from: -Infinity, address: newAddress(rng, rng.int(0, 1_000_000)) }];
  t = startDay;
  for (;;) {
    t += Math.max(1, Math.round(rng.exponential(YEAR / MOVE_RATE)));
    if (t > endDay) break;
    const previous = (addresses[addresses.length - 1] as { address: AddressTruth }).address;
    const far = rng.chance(MOVE_CHANGES_CATCHMENT);
    const address = far ? newAddress(rng, rng.int(0, 1_000_000)) : newAddress(rng, previous.catchment, previous.district);
    addresses.push({ from: t, address });
    events.push({ day: t, type: 'move', previous });
  }
  events.sort((a, b) => a.day - b.day);

  for (const p of people) {
    const nick = chooseNickname(noiseRng, p.given);
    if (nick) p.nickname = nick;
  }

  const risk = rng.weighted(RISK_TIERS) / RISK_MEAN;
  return { id, people, addresses, events, risk, socialTenant: rng.chance(SOCIAL_TENANT_SHARE) };
}

/** Some months after a new partner moves in, the mother (and perhaps her children) may take his surname. */
function maybeTakeSurname(ctx: HouseholdContext, noiseRng: Rng, people: TruthPerson[], partner: TruthPerson, day: number): void {
  const mother = people[0];
  if (!mother || mother.laterFamily || !noiseRng.chance(scaled(SURNAME_CHANGE_AFTER_NEW_PARTNER_RATE, ctx.noise))) return;
  const from = day + noiseRng.int(90, 540);
  if (from > ctx.endDay) return;
  mother.laterFamily = { from, family: partner.family };
  for (const c of people) {
    if (c.kind === 'child' && c.dob < from && !c.laterFamily && noiseRng.chance(CHILD_TAKES_NEW_SURNAME_RATE)) {
      c.laterFamily = { from, family: partner.family };
    }
  }
}

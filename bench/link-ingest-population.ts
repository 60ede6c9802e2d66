// The people of the link-on-ingest benchmark (bench/link-ingest.bench.ts): a
// seeded synthetic population of households, each person known to the system
// through one agency's demographics record, and the new records measured
// afterwards (re-mentions of known people written differently, and people
// nobody has seen).
//
// Names: src/synth's pools (ONS top names per group, birth decade and sex) for
// the head of the distribution, with a long tail so that block sizes look like
// a real area's rather than 60 surnames shared by a million people:
//   - surnames: the synth lists (in their order, commonest first) followed by
//     real surnames from datasets/splink (historical figures, mostly British)
//     and datasets/febrl, drawn with Zipf-like weights 1/(rank + 8): the
//     commonest surname is about 1.6% of people (Smith is 1.26% in England
//     and Wales), the top 60 about 30%;
//   - given names: the synth pools (70%) or Febrl's canonical given names (30%);
//   - streets: the synth street names and surnames-as-street-names, in ~40 North
//     and East London postcode districts, numbers 1-250 (postcodes from synth's
//     postcodeFor, one per block of 20 house numbers).
// NAMES=narrow uses the synth pools alone (60 surnames for 62% of people): a
// worst case for blocking, not a realistic population.
// Everything is drawn from src/synth's seeded Rng: the same seed gives the same people.
import { readFileSync } from 'node:fs';
import type { AgencyKind, AgencyRecord, PersonMention, ScenarioAgency } from '../src/records/types.ts';
import { civil, dayOf, isoDay } from '../src/synth/dates.ts';
import { chooseNickname, groupOf, NAME_GROUPS, pickGroup, postcodeFor, STREET_NAMES, STREET_TYPES, type District } from '../src/synth/names.ts';
import { NhsAllocator } from '../src/synth/nhs.ts';
import { formatPostcode, swapDayMonth, typo } from '../src/synth/noise.ts';
import { Rng } from '../src/synth/random.ts';

// ---- agencies ---------------------------------------------------------------

export interface BenchAgency extends ScenarioAgency {
  idPrefix: string;
  health: boolean;
  /** share of seeded people first known through this agency */
  weight: number;
}

export const AGENCIES: readonly BenchAgency[] = [
  { id: 'gp-1', kind: 'gp', name: 'Elm Surgery', idPrefix: 'G1-', health: true, weight: 0.14 },
  { id: 'gp-2', kind: 'gp', name: 'Birch Medical Centre', idPrefix: 'G2-', health: true, weight: 0.14 },
  { id: 'gp-3', kind: 'gp', name: 'Oak Health Centre', idPrefix: 'G3-', health: true, weight: 0.12 },
  { id: 'hospital-1', kind: 'hospital', name: 'Northbridge University Hospital', idPrefix: 'H1-', health: true, weight: 0.15 },
  { id: 'hv-1', kind: 'health-visiting', name: 'Northbridge health visiting service', idPrefix: 'HV-', health: true, weight: 0.08 },
  { id: 'primary-1', kind: 'school', name: 'Willow Primary School', idPrefix: 'P1-', health: false, weight: 0.1 },
  { id: 'csc-1', kind: 'social-care', name: "Northbridge children's social care", idPrefix: 'CSC-', health: false, weight: 0.1 },
  { id: 'police-1', kind: 'police', name: 'Northbridge Police', idPrefix: 'PN-', health: false, weight: 0.09 },
  { id: 'housing-1', kind: 'housing', name: 'Northbridge housing', idPrefix: 'HSG-', health: false, weight: 0.08 },
];

const agencyWeights = AGENCIES.map((a, i) => [i, a.weight] as const);

// ---- name and address pools -------------------------------------------------

const titleCase = (s: string) => s.replace(/(^|[-' ])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());

/** Real surnames beyond the synth lists, commonest first (each seen at least twice in its source). */
function tailSurnames(): string[] {
  const counts = new Map<string, number>();
  const add = (raw: string | undefined) => {
    const s = raw?.trim().toLowerCase();
    if (!s || !/^[a-z][a-z'-]{2,}$/.test(s) || s === 'baronet') return;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  };
  const hist = readFileSync(new URL('../datasets/splink/historical_figures_with_errors_50k.csv', import.meta.url), 'utf8');
  // One row per cluster is enough (the others are the same person with errors).
  const seenCluster = new Set<string>();
  for (const line of hist.split('\n').slice(1)) {
    const f = line.split(',');
    if (f.length !== 11 || seenCluster.has(f[1]!)) continue;
    seenCluster.add(f[1]!);
    add(f[5]);
  }
  for (const file of ['dataset3.csv', 'dataset4a.csv', 'dataset4b.csv']) {
    const text = readFileSync(new URL(`../datasets/febrl/${file}`, import.meta.url), 'utf8');
    for (const line of text.split('\n').slice(1)) add(line.split(',')[2]);
  }
  return [...counts].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => titleCase(s));
}

/** Canonical given names of Febrl's tables (Australian-sourced, mostly English names). */
function febrlGivenNames(sex: 'f' | 'm'): string[] {
  const text = readFileSync(new URL(`../datasets/febrl-names/givenname_${sex}.tbl`, import.meta.url), 'utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z][a-z'-]+)\s*:/.exec(line.replace(/#.*/, ''));
    if (m && m[1]!.length >= 3) out.push(titleCase(m[1]!));
  }
  return [...new Set(out)];
}

/** Cumulative weights for fast weighted picks from long lists. */
class Weighted<T> {
  private readonly cum: Float64Array;
  constructor(readonly items: readonly T[], weight: (rank: number) => number) {
    this.cum = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) this.cum[i] = total += weight(i);
  }
  pick(rng: Rng): T {
    const u = rng.float() * this.cum[this.cum.length - 1]!;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const OUTWARD = [
  ...Array.from({ length: 22 }, (_, i) => `N${i + 1}`),
  ...Array.from({ length: 18 }, (_, i) => `E${i + 1}`),
];
const LOCALITY: Record<string, string> = {
  N17: 'Tottenham', N15: 'South Tottenham', N22: 'Wood Green', N8: 'Hornsey', N4: 'Finsbury Park', N18: 'Upper Edmonton',
  N9: 'Lower Edmonton', N13: 'Palmers Green', N11: 'New Southgate', N10: 'Muswell Hill', E17: 'Walthamstow', E5: 'Clapton',
};

interface Pools {
  surnames: Weighted<string>[];
  given: (rng: Rng, group: number, sex: 'f' | 'm', adult: boolean) => string;
  street: (rng: Rng) => string;
}

function buildPools(narrow: boolean): Pools {
  const tail = narrow ? [] : tailSurnames();
  const febrl = { f: febrlGivenNames('f'), m: febrlGivenNames('m') };
  const surnames = NAME_GROUPS.map((g, i) => {
    if (narrow) return new Weighted(g.surnames, () => 1);
    // White British: the synth list heads the tail. Other groups: their own names first, then the shared tail.
    const head = i === 0 ? [...g.surnames] : [...g.surnames, ...NAME_GROUPS[0]!.surnames];
    const seen = new Set(head.map((s) => s.toLowerCase()));
    const list = [...head, ...tail.filter((s) => !seen.has(s.toLowerCase()))];
    return new Weighted(list, (rank) => 1 / (rank + 8));
  });
  const streets = narrow ? [...STREET_NAMES] : [...STREET_NAMES, ...tail.slice(0, 1500)];
  return {
    surnames,
    given: (rng, group, sex, adult) => {
      const g = groupOf(group);
      if (!narrow && rng.chance(0.3)) return rng.pick(febrl[sex]);
      return rng.pick(adult ? (sex === 'f' ? g.adultFemale : g.adultMale) : (sex === 'f' ? g.childFemale : g.childMale));
    },
    street: (rng) => rng.pick(streets),
  };
}

// ---- the population ---------------------------------------------------------

export interface Person {
  /** person id in the database: 1..PEOPLE for seeded people; new people get theirs from ingest */
  index: number;
  given: string;
  family: string;
  sex: 'female' | 'male';
  /** day number */
  dob: number;
  adult: boolean;
  household: number;
  /** assigned when a health agency first writes the person down */
  nhs?: string;
  /** the agency whose demographics record made them known, and its id for them */
  seedAgency: number;
  seedLocalId?: string;
  seedNhs?: string;
}

export interface Household {
  line1: string;
  /** the same address written with the street type abbreviated ('Rd') */
  line1Short: string;
  locality: string;
  postcode: string;
  members: number[];
}

const START_2008 = dayOf(2008, 1, 1);
const END_2024 = dayOf(2024, 12, 31);

export class Population {
  readonly people: Person[] = [];
  readonly households: Household[] = [];
  private readonly pools: Pools;
  private readonly rng: Rng;
  private readonly nhs: NhsAllocator;
  private nhsLeft = true;
  private localCounter = 0;

  constructor(seed: number, opts: { narrow?: boolean } = {}) {
    this.pools = buildPools(opts.narrow ?? false);
    this.rng = new Rng(seed, 1);
    this.nhs = new NhsAllocator(seed % 1_000_000);
  }

  nextNhs(): string | undefined {
    if (!this.nhsLeft) return undefined;
    try {
      return this.nhs.next();
    } catch {
      this.nhsLeft = false; // the 999 test range holds ~900,000 numbers
      return undefined;
    }
  }

  nextLocalId(agency: BenchAgency): string {
    return `${agency.idPrefix}${String(++this.localCounter).padStart(7, '0')}`;
  }

  /** A household of `size` people (1-5 when not given), appended to `people` (index = position + 1). */
  addHousehold(size?: number): Household {
    const rng = this.rng;
    const n = size ?? rng.weighted([[1, 0.28], [2, 0.3], [3, 0.2], [4, 0.15], [5, 0.07]] as const);
    const group = pickGroup(rng);
    const family = this.pools.surnames[group]!.pick(rng);
    const outward = rng.pick(OUTWARD);
    const district: District = { outward, locality: LOCALITY[outward] ?? 'London' };
    const street = this.pools.street(rng);
    const [type, short] = rng.pick(STREET_TYPES);
    const number = rng.int(1, 250);
    const flat = rng.chance(0.2) ? `Flat ${rng.int(1, 12)}, ` : '';
    const h: Household = {
      line1: `${flat}${number} ${street} ${type}`,
      line1Short: `${flat}${number} ${street} ${short}`,
      locality: district.locality,
      postcode: postcodeFor(district, `${street} ${type}`, number),
      members: [],
    };
    const hIndex = this.households.length;
    this.households.push(h);

    const childOnly = n === 1 && rng.chance(0.3);
    const adults = childOnly ? 0 : n === 1 ? 1 : Math.min(n, rng.chance(0.55) ? 2 : 1);
    const motherDob = dayOf(rng.int(1962, 2004), 1, 1) + rng.int(0, 364);
    const add = (p: Omit<Person, 'index' | 'household' | 'seedAgency'>) => {
      const person: Person = { ...p, index: this.people.length + 1, household: hIndex, seedAgency: 0 };
      this.people.push(person);
      h.members.push(person.index);
    };
    // Nobody in a household shares a given name with another member.
    const used = new Set<string>();
    const givenFor = (sex: 'female' | 'male', adult: boolean) => {
      let g = this.pools.given(rng, group, sex === 'female' ? 'f' : 'm', adult);
      for (let tries = 0; used.has(g) && tries < 20; tries++) g = this.pools.given(rng, group, sex === 'female' ? 'f' : 'm', adult);
      used.add(g);
      return g;
    };
    for (let i = 0; i < adults; i++) {
      const sex = i === 0 ? (rng.chance(0.9) ? 'female' : 'male') : 'male';
      const dob = i === 0 ? motherDob : motherDob + rng.int(-6 * 365, 4 * 365);
      const ownName = i === 1 && rng.chance(0.35);
      add({ given: givenFor(sex, true), family: ownName ? this.pools.surnames[group]!.pick(rng) : family, sex, dob, adult: true });
    }
    const earliest = Math.max(START_2008, motherDob + 18 * 365);
    const latest = Math.min(END_2024, motherDob + 45 * 365);
    const siblings: number[] = [];
    for (let i = adults; i < n; i++) {
      const sex = rng.chance(0.5) ? 'female' : 'male';
      const draw = () => (earliest <= latest ? rng.int(earliest, latest) : rng.int(START_2008, END_2024));
      let dob: number;
      // About 2% of children are a twin of the one before; other siblings are born at least ten months apart.
      if (siblings.length && rng.chance(0.02)) dob = siblings[siblings.length - 1]!;
      else {
        dob = draw();
        for (let tries = 0; siblings.some((d) => Math.abs(d - dob) < 300) && tries < 30; tries++) dob = draw();
      }
      siblings.push(dob);
      add({ given: givenFor(sex, false), family: rng.chance(0.88) ? family : this.pools.surnames[group]!.pick(rng), sex, dob, adult: false });
    }
    return h;
  }

  /** Households until `count` people exist (the last household may be cut short). */
  grow(count: number): void {
    while (this.people.length < count) {
      const h = this.addHousehold();
      while (this.people.length > count) {
        this.people.pop();
        h.members.pop();
      }
    }
  }

  /** Decide how each seeded person became known: agency, its local id, NHS number. */
  assignSeedAgencies(): void {
    for (const p of this.people) {
      p.seedAgency = this.rng.weighted(agencyWeights);
      const agency = AGENCIES[p.seedAgency]!;
      if (this.rng.chance(0.7)) p.seedLocalId = this.nextLocalId(agency);
      if (agency.health && this.rng.chance(0.97)) {
        p.nhs ??= this.nextNhs();
        p.seedNhs = p.nhs;
      }
    }
  }

  rngFor(): Rng {
    return this.rng;
  }
}

// ---- writing people down ----------------------------------------------------

export const SEED_OCCURRED_FROM = dayOf(2019, 1, 1);

/** The seeded demographics record that made person `p` known (ref seed-<index>). */
export function seedRecord(pop: Population, p: Person): AgencyRecord {
  const agency = AGENCIES[p.seedAgency]!;
  const h = pop.households[p.household]!;
  const mention: PersonMention = {
    key: 'p',
    role: 'subject',
    ...(p.seedLocalId ? { localId: p.seedLocalId } : {}),
    ...(p.seedNhs ? { nhsNumber: p.seedNhs } : {}),
    name: { given: p.given, family: p.family },
    dob: isoDay(p.dob),
    sex: p.sex,
    address: { lines: [h.line1, h.locality], postcode: h.postcode },
  };
  // Deterministic per person, so every table's rows agree without keeping the records.
  const occurred = Math.max(p.dob, SEED_OCCURRED_FROM) + ((p.index * 7919) % 1800);
  return {
    format: 'agency-record/1',
    agency: agency.id,
    ref: `seed-${p.index}`,
    kind: 'demographics',
    occurredAt: isoDay(Math.min(occurred, dayOf(2025, 12, 31))),
    certainty: 'documented',
    people: [mention],
    body: {},
  };
}

export type Variation =
  | 'nickname' | 'given-typo' | 'family-typo' | 'dob-swap' | 'dob-missing' | 'postcode-no-space'
  | 'postcode-lower-case' | 'address-abbreviated' | 'no-address' | 'family-upper-case';

const VARIATIONS: readonly Variation[] = [
  'nickname', 'given-typo', 'family-typo', 'dob-swap', 'dob-missing', 'postcode-no-space',
  'postcode-lower-case', 'address-abbreviated', 'no-address', 'family-upper-case',
];

export interface MentionTruth {
  agency: string;
  ref: string;
  key: string;
  /** 're': a re-mention of seeded person `person`; 'new': someone not seeded */
  kind: 're' | 'new';
  person: number;
  /** re-mentions: what could link it outright ('nhs', 'local-id') or only the match weight ('fuzzy') */
  path?: 'nhs' | 'local-id' | 'fuzzy';
  variations?: Variation[];
  otherAgency?: boolean;
}

const roleOf = (p: Person, first: boolean) => (first ? 'subject' : p.adult ? 'parent' : 'sibling');

function bodyFor(kind: AgencyKind, rng: Rng): { kind: AgencyRecord['kind']; body: AgencyRecord['body'] } {
  switch (kind) {
    case 'gp':
      return { kind: 'attendance', body: { setting: 'gp', complaint: rng.pick(['cough', 'rash', 'fever', 'ear ache', 'review']) } };
    case 'hospital':
      return { kind: 'attendance', body: { setting: 'emergency', complaint: rng.pick(['fall', 'head injury', 'burn', 'breathing difficulty']), outcome: 'discharged-home' } };
    case 'health-visiting':
      return { kind: 'visit', body: { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false } };
    case 'social-care':
      return { kind: 'visit', body: { purpose: 'statutory', announced: rng.chance(0.7), childSeen: true, childSeenAlone: rng.chance(0.5) } };
    case 'school':
    case 'police':
      return { kind: 'concern', body: { category: 'unknown', description: 'benchmark concern' } };
    default:
      return { kind: 'demographics', body: {} };
  }
}

/**
 * The new records measured: `count` records of 1-3 people each; about half
 * re-mention seeded people (a household's members, written differently, often
 * by another agency), the rest are people nobody has seen (a new household).
 */
export function newRecords(pop: Population, count: number, refPrefix: string, seededPeople: number): { records: AgencyRecord[]; truth: MentionTruth[] } {
  const rng = pop.rngFor();
  const records: AgencyRecord[] = [];
  const truth: MentionTruth[] = [];
  for (let i = 0; i < count; i++) {
    const ref = `${refPrefix}-${i + 1}`;
    const reMention = rng.chance(0.5);
    let members: Person[];
    let agency: BenchAgency;
    if (reMention) {
      const first = pop.people[rng.int(0, seededPeople - 1)]!;
      const h = pop.households[first.household]!;
      const others = h.members.filter((x) => x !== first.index && x <= seededPeople).map((x) => pop.people[x - 1]!);
      const n = Math.min(1 + others.length, rng.weighted([[1, 0.5], [2, 0.35], [3, 0.15]] as const));
      members = [first, ...others.slice(0, n - 1)];
      agency = rng.chance(0.65) ? AGENCIES[rng.weighted(agencyWeights.filter(([a]) => a !== first.seedAgency))]! : AGENCIES[first.seedAgency]!;
    } else {
      const n = rng.weighted([[1, 0.5], [2, 0.35], [3, 0.15]] as const);
      const h = pop.addHousehold(n);
      members = h.members.map((x) => pop.people[x - 1]!);
      agency = AGENCIES[rng.weighted(agencyWeights)]!;
    }
    const people = members.map((p, k): PersonMention => {
      const key = `p${k + 1}`;
      const written = reMention ? writeReMention(pop, rng, p, agency) : writeNew(pop, rng, p, agency);
      truth.push({ agency: agency.id, ref, key, kind: reMention ? 're' : 'new', person: p.index, ...written.truth });
      return { ...written.mention, key, role: roleOf(p, k === 0) };
    });
    const { kind, body } = bodyFor(agency.kind, rng);
    if (kind === 'attendance' && people.length > 1 && people[1]!.role === 'parent') body.broughtBy = people[1]!.key;
    records.push({
      format: 'agency-record/1',
      agency: agency.id,
      ref,
      kind,
      occurredAt: isoDay(dayOf(2026, 1, 1) + rng.int(0, 250)),
      certainty: 'documented',
      people,
      body,
    });
  }
  return { records, truth };
}

interface Written { mention: Omit<PersonMention, 'key' | 'role'>; truth: Partial<MentionTruth> }

function writeNew(pop: Population, rng: Rng, p: Person, agency: BenchAgency): Written {
  const h = pop.households[p.household]!;
  if (agency.health && rng.chance(0.95)) p.nhs ??= pop.nextNhs();
  return {
    mention: {
      ...(rng.chance(0.7) ? { localId: pop.nextLocalId(agency) } : {}),
      ...(agency.health && p.nhs ? { nhsNumber: p.nhs } : {}),
      name: { given: p.given, family: p.family },
      ...(p.adult && rng.chance(0.2) ? {} : { dob: isoDay(p.dob) }),
      sex: p.sex,
      address: { lines: [h.line1, h.locality], postcode: h.postcode },
    },
    truth: {},
  };
}

function writeReMention(pop: Population, rng: Rng, p: Person, agency: BenchAgency): Written {
  const h = pop.households[p.household]!;
  const same = agency.id === AGENCIES[p.seedAgency]!.id;
  const nhsNumber = agency.health && rng.chance(0.92) ? (p.nhs ??= pop.nextNhs()) : undefined;
  const localId = same && p.seedLocalId && rng.chance(0.9) ? p.seedLocalId : !same && rng.chance(0.5) ? pop.nextLocalId(agency) : undefined;

  const variations: Variation[] = [];
  const wanted = rng.chance(0.6) ? 1 : 2;
  while (variations.length < wanted) {
    const v = rng.pick(VARIATIONS);
    if (!variations.includes(v) && !(v.startsWith('dob') && variations.some((x) => x.startsWith('dob')))
      && !(v.startsWith('postcode') && variations.some((x) => x.startsWith('postcode') || x === 'no-address'))
      && !(v === 'no-address' && variations.some((x) => x.startsWith('postcode') || x === 'address-abbreviated'))
      && !(v === 'address-abbreviated' && variations.includes('no-address'))) variations.push(v);
  }
  let given = p.given;
  let family = p.family;
  let dob: string | undefined = isoDay(p.dob);
  let postcode = h.postcode;
  let line1 = h.line1;
  let address = true;
  const applied: Variation[] = [];
  for (const v of variations) {
    switch (v) {
      case 'nickname': {
        const nick = chooseNickname(rng, given);
        if (nick && nick !== given) { given = nick; applied.push(v); }
        else { given = typo(rng, given); applied.push('given-typo'); }
        break;
      }
      case 'given-typo': given = typo(rng, given); applied.push(v); break;
      case 'family-typo': family = typo(rng, family); applied.push(v); break;
      case 'family-upper-case': family = family.toUpperCase(); applied.push(v); break;
      case 'dob-swap': {
        const swapped = swapDayMonth(p.dob, dayOf(2026, 1, 1));
        if (swapped) { dob = swapped; applied.push(v); }
        else { dob = undefined; applied.push('dob-missing'); }
        break;
      }
      case 'dob-missing': dob = undefined; applied.push(v); break;
      case 'postcode-no-space': postcode = formatPostcode(postcode, 1); applied.push(v); break;
      case 'postcode-lower-case': postcode = formatPostcode(postcode, 2); applied.push(v); break;
      case 'address-abbreviated': line1 = h.line1Short; applied.push(v); break;
      case 'no-address': address = false; applied.push(v); break;
    }
  }
  const path = nhsNumber && nhsNumber === p.seedNhs ? 'nhs' : localId && localId === p.seedLocalId && same ? 'local-id' : 'fuzzy';
  return {
    mention: {
      ...(localId ? { localId } : {}),
      ...(nhsNumber ? { nhsNumber } : {}),
      name: { given, family },
      ...(dob ? { dob } : {}),
      ...(rng.chance(0.95) ? { sex: p.sex } : {}),
      ...(address ? { address: { lines: [line1, h.locality], postcode } } : {}),
    },
    truth: { path, variations: applied, otherAgency: !same },
  };
}

/** Year of a day number (for summaries). */
export const yearOf = (day: number) => civil(day)[0];

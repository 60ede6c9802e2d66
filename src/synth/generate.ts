// Seeded, deterministic synthetic population: households of children and
// adults that change over time, and the records GP, hospital, health visiting,
// schools, police, social care and housing would send about them, with
// identity noise and the truth kept beside it.
//
// Generation runs month by month: every household plans that month's events
// (and any follow-ups falling due), the month's records are sorted by date,
// numbered and streamed out. Only the population and one month of records are
// ever held, so 100k+ records stream in modest memory.
import { mentionId, type AgencyRecord, type Scenario, type ScenarioAgency } from '../records/types.ts';
import { planAbuse, planAbuseCases, type AbuseCase, type AbuseOptions } from './abuse.ts';
import { buildDirectory } from './agencies.ts';
import { planChanges } from './changes.ts';
import { addYears, isoDay, LATEST_DATE, monthStarts, parseDay } from './dates.ts';
import { planHealth } from './health.ts';
import { createHousehold, type Household } from './households.ts';
import { NhsAllocator } from './nhs.ts';
import { planPolice } from './police.ts';
import { mixSeed, Rng } from './random.ts';
import { initialSchools, planSchool } from './school.ts';
import { HouseholdSim, type Draft, type World } from './sim.ts';
import { planReferrals } from './social-care.ts';

export interface SynthOptions {
  seed: number;
  /** Number of real children (including those born during the period). */
  children: number;
  /** First day of the period, YYYY-MM-DD (default 2019-04-01). */
  start?: string;
  /** Length of the period in years (default 3); it never runs past 2026-11-21. */
  years?: number;
  /** Multiplier on every identity-noise rate (default 1; 0 = clean data). */
  noise?: number;
  /** Stop after this many records (they are in date order, so the period is cut short). */
  maxRecords?: number;
  /**
   * Inject abuse patterns into some children's records, for benchmarking the
   * risk rules (abuse.ts; `truth.abused` lists the cases). Off by default, and
   * with it off the output is exactly what it would be without the option.
   */
  abuse?: AbuseOptions;
}

export const DEFAULT_START = '2019-04-01';
export const DEFAULT_YEARS = 3;

interface Plan {
  seed: number;
  children: number;
  startDay: number;
  endDay: number;
  noise: number;
  maxRecords: number;
}

function plan(opts: SynthOptions): Plan {
  if (!Number.isFinite(opts.seed)) throw new Error('seed must be a finite number');
  if (!Number.isInteger(opts.children) || opts.children < 1) throw new Error('children must be a positive integer');
  const years = opts.years ?? DEFAULT_YEARS;
  if (!(years > 0)) throw new Error('years must be positive');
  const noise = opts.noise ?? 1;
  if (!(noise >= 0)) throw new Error('noise must be 0 or more');
  const startDay = parseDay(opts.start ?? DEFAULT_START);
  const whole = Math.floor(years);
  const nominalEnd = addYears(startDay, whole) + Math.round((years - whole) * 365.25) - 1;
  const endDay = Math.min(nominalEnd, parseDay(LATEST_DATE));
  if (endDay < startDay) throw new Error(`the period must start on or before ${LATEST_DATE}`);
  return { seed: opts.seed, children: opts.children, startDay, endDay, noise, maxRecords: opts.maxRecords ?? Infinity };
}

interface Prepared {
  plan: Plan;
  world: World;
  sims: HouseholdSim[];
}

/** The true population, built up front (a few hundred bytes a person). */
function prepare(opts: SynthOptions): Prepared {
  const p = plan(opts);
  const localIds = new Map<string, number>();
  const world: World = {
    noise: p.noise,
    startDay: p.startDay,
    endDay: p.endDay,
    dir: buildDirectory(p.children),
    drafts: [],
    nextLocalId: (agency) => {
      const n = (localIds.get(agency) ?? 100_000) + 1;
      localIds.set(agency, n);
      return n;
    },
  };
  const nhs = new NhsAllocator(mixSeed(p.seed, 0x6e6873) % 1_000_000);
  const sims: HouseholdSim[] = [];
  let left = p.children;
  for (let i = 0; left > 0; i++) {
    // Two streams per household: one for the truth and its activity, one for noise only,
    // so the same seed gives the same people and events at every noise level.
    const rng = new Rng(p.seed, 2 * i + 1);
    const noiseRng = new Rng(p.seed, 2 * i + 2);
    const hh = createHousehold({ index: i, startDay: p.startDay, endDay: p.endDay, maxChildren: left, nhs, noise: p.noise }, rng, noiseRng);
    left -= hh.people.filter((x) => x.kind === 'child').length;
    const sim = new HouseholdSim(hh, world, rng, noiseRng);
    initialSchools(sim);
    sims.push(sim);
  }
  if (opts.abuse) planAbuseCases(sims, opts.abuse, p.seed, nhs);
  return { plan: p, world, sims };
}

/** Plans and runs one household's events for the month [w0, w1). */
function runMonth(sim: HouseholdSim, w0: number, w1: number): void {
  planChanges(sim, w1);
  planHealth(sim, w0, w1);
  planSchool(sim, w0, w1);
  planPolice(sim, w0, w1);
  planReferrals(sim, w0, w1);
  planAbuse(sim, w0, w1);
  sim.drain(w1);
}

/** A draft numbered and written out as an agency record; its mentions' truth labels and any abuse case noted. */
function emit(d: Draft, refs: Map<string, number>, truth?: Map<string, string[]>): AgencyRecord {
  const n = (refs.get(d.agency) ?? 0) + 1;
  refs.set(d.agency, n);
  const ref = `${d.refPrefix}-${String(n).padStart(6, '0')}`;
  const record: AgencyRecord = {
    format: 'agency-record/1', agency: d.agency, ref, kind: d.kind, occurredAt: isoDay(d.day), certainty: d.certainty,
    people: d.people, body: d.body,
  };
  if (d.narrative !== undefined) record.narrative = d.narrative;
  if (truth) {
    d.people.forEach((m, i) => {
      const label = d.labels[i]!;
      const list = truth.get(label);
      const id = mentionId(d.agency, ref, m.key);
      if (list) list.push(id);
      else truth.set(label, [id]);
    });
  }
  if (d.abuse) {
    if (!d.abuse.firstDate) d.abuse.firstDate = record.occurredAt;
    d.abuse.records.push(`${d.agency}/${ref}`);
  }
  return record;
}

function checkMonth(d: Draft, w0: number, w1: number): void {
  if (d.day < w0 || d.day >= w1) throw new Error(`internal: ${d.kind} dated ${isoDay(d.day)} outside its month`);
}

function casesOf(sims: HouseholdSim[]): AbuseCase[] {
  return sims.flatMap((s) => s.cases.map((c) => c.case)).filter((c) => c.records.length > 0);
}

function* stream(prep: Prepared, truth?: Map<string, string[]>): Generator<AgencyRecord> {
  const { plan: p, world, sims } = prep;
  const refs = new Map<string, number>();
  const starts = monthStarts(p.startDay, p.endDay + 1);
  let emitted = 0;
  if (p.maxRecords <= 0) return;
  for (let w = 0; w < starts.length; w++) {
    const w0 = starts[w]!;
    const w1 = starts[w + 1] ?? p.endDay + 1;
    world.drafts = [];
    for (const sim of sims) runMonth(sim, w0, w1);
    // Stable sort: same-day records keep their (deterministic) generation order.
    const drafts = world.drafts.sort((a, b) => a.day - b.day);
    world.drafts = [];
    for (const d of drafts) {
      checkMonth(d, w0, w1);
      yield emit(d, refs, truth);
      if (++emitted >= p.maxRecords) return;
    }
  }
}

/** The records, in date order, one at a time (for benchmarks far larger than memory wants to hold). */
export function* generateRecords(opts: SynthOptions): Generator<AgencyRecord> {
  yield* stream(prepare(opts));
}

/** The whole scenario: agencies, records in date order, and the truth (who every mention really is). */
export function generateScenario(opts: SynthOptions): Scenario {
  const prep = prepare(opts);
  const people = new Map<string, string[]>();
  const records = [...stream(prep, people)];
  const { plan: p } = prep;
  return {
    format: 'scenario/1',
    id: `synth-${opts.seed}-${opts.children}`,
    title: `Synthetic population: ${opts.children} children, seed ${opts.seed}`,
    note: `Generated by src/synth (noise ${p.noise}), ${isoDay(p.startDay)} to ${isoDay(p.endDay)}. Fictional people and places; NHS numbers are in the 999 test range. Rates and their sources: src/synth/rates.ts and src/synth/noise.ts.`,
    sources: SOURCES,
    agencies: prep.world.dir.agencies,
    records,
    truth: {
      people: Object.fromEntries(people), households: describeHouseholds(prep.sims.map((s) => s.hh)),
      ...(opts.abuse ? { abused: casesOf(prep.sims) } : {}),
    },
  };
}

/** One household's records (in date order) and its truth. */
export interface HouseholdRecords {
  household: string;
  records: AgencyRecord[];
  /** person label -> mention ids (`agency/ref#key`), as in a scenario's truth.people */
  people: Record<string, string[]>;
  /** the household as in a scenario's truth.households */
  truth: unknown;
  /** injected abuse cases in this household (with the `abuse` option) */
  abused: AbuseCase[];
}

/**
 * The same population and events as generateScenario with these options, one
 * household at a time, so a population of any size can be walked in the
 * memory of one household. Refs and local ids are numbered in household order
 * rather than date order, so they differ from generateScenario's; who is who
 * and what happens to them do not (each household has its own random streams).
 * `maxRecords` is not supported here.
 */
export function* generateByHousehold(opts: Omit<SynthOptions, 'maxRecords'>): Generator<HouseholdRecords> {
  const prep = prepare(opts);
  const { plan: p, world } = prep;
  const refs = new Map<string, number>();
  const starts = monthStarts(p.startDay, p.endDay + 1);
  for (const sim of prep.sims) {
    const drafts: Draft[] = [];
    for (let w = 0; w < starts.length; w++) {
      const w0 = starts[w]!;
      const w1 = starts[w + 1] ?? p.endDay + 1;
      world.drafts = [];
      runMonth(sim, w0, w1);
      for (const d of world.drafts) checkMonth(d, w0, w1);
      drafts.push(...world.drafts);
    }
    world.drafts = [];
    drafts.sort((a, b) => a.day - b.day);
    const people = new Map<string, string[]>();
    const records = drafts.map((d) => emit(d, refs, people));
    const abused = sim.cases.map((c) => c.case).filter((c) => c.records.length > 0);
    yield { household: sim.hh.id, records, people: Object.fromEntries(people), truth: describeHouseholds([sim.hh])[sim.hh.id], abused };
  }
}

/** The period a run with these options covers, as inclusive YYYY-MM-DD dates. */
export function synthPeriod(opts: Pick<SynthOptions, 'start' | 'years'>): { start: string; end: string } {
  const p = plan({ seed: 0, children: 1, ...opts });
  return { start: isoDay(p.startDay), end: isoDay(p.endDay) };
}

/** The agencies a run with these options sends records from (they depend only on the number of children). */
export function synthAgencies(opts: Pick<SynthOptions, 'seed' | 'children'>): ScenarioAgency[] {
  return buildDirectory(opts.children).agencies;
}

/**
 * How many children to ask for to get about `records` records with these
 * options: measured on a 1,000-child pilot with the same seed and period.
 */
export function childrenForRecords(records: number, opts: Omit<SynthOptions, 'children' | 'maxRecords'> = { seed: 1 }): number {
  const pilot = 1000;
  let n = 0;
  for (const _ of generateRecords({ ...opts, children: pilot })) n++;
  return Math.max(1, Math.ceil((records * pilot * 1.02) / Math.max(1, n)));
}

const SOURCES = [
  'Ruzangi J et al. Trends in healthcare use in children aged less than 15 years: a population-based cohort study in England from 2007 to 2017. BMJ Open 2020;10:e033761',
  'Downing A, Rudge G. A study of childhood attendance at emergency departments in the West Midlands region. Emerg Med J 2006;23:391-3',
  'Public Health England. Health visitor service delivery metrics 2017 to 2018',
  'UKHSA. Cover of vaccination evaluated rapidly (COVER) 2019 to 2020',
  'Department for Education. Characteristics of children in need: 2019 to 2020',
  'ONS. Domestic abuse prevalence and trends, England and Wales: year ending March 2020',
  'ONS. Families and households in the UK: 2019',
  'MHCLG. English Housing Survey 2019 to 2020',
  'HM Government. Working Together to Safeguard Children 2018',
];

function describeHouseholds(hhs: Household[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const when = (d: number): string | undefined => (Number.isFinite(d) ? isoDay(d) : undefined);
  for (const hh of hhs) {
    out[hh.id] = {
      members: hh.people.map((p) => ({
        person: p.label, kind: p.kind, given: p.given, family: p.family,
        ...(p.laterFamily ? { laterFamily: { family: p.laterFamily.family, from: isoDay(p.laterFamily.from) } } : {}),
        dob: isoDay(p.dob), sex: p.sex, nhsNumber: p.nhs,
        ...(when(p.from) ? { from: when(p.from) } : {}),
        ...(when(p.to) ? { to: when(p.to) } : {}),
      })),
      addresses: hh.addresses.map((a) => ({ ...(when(a.from) ? { from: when(a.from) } : {}), postcode: a.address.postcode })),
    };
  }
  return out;
}

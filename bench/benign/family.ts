// A benign child's family and the running list of agency records about them.
// Every family is drawn from the published rates in rates.ts; nothing here
// knows what the risk rules look for.
import { addDays, birthday, monthsOld } from './dates.ts';
import { adultDob, home, person, type Ids } from './people.ts';
import * as R from './rates.ts';
import { buildRecord, type BuiltRecord, type Home, type Mention, type Person, type RecordSpec } from './records.ts';
import { Rng } from './random.ts';

export const PERIOD = { start: '2022-04-01', end: '2025-03-31' } as const;

export type Mobility = 'premobile' | 'crawling' | 'cruising' | 'walking';

export interface Family {
  group: R.Ethnicity;
  child: Person;
  mother: Person;
  /** the father, living with the child from birth, or null */
  father: Person | null;
  siblings: Person[];
  home: Home;
  mongolianSpot: boolean;
  bleeding: 'von Willebrand disease' | 'haemophilia A' | null;
  brittleBones: boolean;
  /** months old when the child first crawls (null: never crawls), cruises and walks */
  milestones: { crawling: number | null; cruising: number; walking: number };
}

export class ChildLife {
  readonly records: BuiltRecord[] = [];
  /** an adult who joined the household, with the day they did */
  partner: { person: Person; from: string } | null = null;
  /** the child's weight as a z-score at the last measurement (health.ts weigh) */
  weightZ: { z: number; on: string } | null = null;
  private serial = 0;

  constructor(readonly rng: Rng, readonly ids: Ids, readonly family: Family, readonly tag: string) {}

  get child() { return this.family.child; }

  /** First and last day this child is a child in the period. */
  get span(): { from: string; to: string } {
    const from = this.child.dob > PERIOD.start ? this.child.dob : PERIOD.start;
    const eighteen = birthday(this.child.dob, 18);
    return { from, to: eighteen < PERIOD.end ? addDays(eighteen, -1) : PERIOD.end };
  }

  add(spec: RecordSpec): BuiltRecord {
    const built = buildRecord(spec, this.tag, ++this.serial, this.rng, this.ids.next());
    this.records.push(built);
    return built;
  }

  /** Replaces a record by a new version of itself (same agency and ref): only the newest version is evidence. */
  amend(old: BuiltRecord, spec: RecordSpec): BuiltRecord {
    const ref = old.evidence.document.ref;
    const built = buildRecord({ ...spec, ref }, this.tag, ++this.serial, this.rng, this.ids.next());
    this.records.splice(this.records.indexOf(old), 1, built);
    return built;
  }

  months(on: string): number { return monthsOld(this.child.dob, on); }

  mobility(on: string): Mobility {
    const m = this.months(on);
    const { crawling, cruising, walking } = this.family.milestones;
    if (m >= walking) return 'walking';
    if (m >= cruising) return 'cruising';
    if (crawling !== null && m >= crawling) return 'crawling';
    return 'premobile';
  }

  // Mentions, as each agency would write them.
  childMention(): Mention { return { key: 'child', person: this.child, role: 'subject', home: this.homeOn() }; }
  motherMention(): Mention { return { key: 'm', person: this.family.mother, role: 'parent', relationship: 'mother', lives: 'yes', home: this.homeOn() }; }
  fatherMention(): Mention | null {
    const f = this.family.father;
    return f ? { key: 'f', person: f, role: 'parent', relationship: 'father', lives: 'yes', home: this.homeOn() } : null;
  }
  partnerMention(on: string): Mention | null {
    const p = this.partner;
    return p && p.from <= on ? { key: 'p', person: p.person, role: 'partner-of-parent', relationship: "mother's partner", lives: 'yes', home: this.homeOn() } : null;
  }
  /** Brothers and sisters living at home on a day (a grown-up one too), each named with this chance. */
  siblingMentions(on: string, chance = 1): Mention[] {
    return this.family.siblings.filter((s) => s.dob < on && this.rng.chance(chance))
      .map((s, i) => ({ key: `s${i + 1}`, person: s, role: 'sibling' as const, relationship: s.sex === 'male' ? 'brother' : 'sister', lives: 'yes' as const, home: this.homeOn() }));
  }
  /** The parents a health record names: the mother, and the resident father as the family is registered together. */
  parents(on: string, fatherChance = 1): Mention[] {
    const f = this.fatherMention();
    const p = this.partnerMention(on);
    return [this.motherMention(), ...(f && this.rng.chance(fatherChance) ? [f] : []), ...(p ? [p] : [])];
  }
  homeOn(): Home { return this.family.home; }
}

function milestone(rng: Rng, m: { median: number; sd: number }): number {
  return Math.max(m.median - 2.6 * m.sd, m.median + rng.normal() * m.sd);
}

/** A family drawn from the published rates around a child born on `dob`. */
export function newFamily(rng: Rng, ids: Ids, dob: string): Family {
  const group = rng.weighted(R.ETHNICITY);
  const sex = rng.chance(0.512) ? 'male' : 'female';
  const mother = person(ids, rng, group, 'female', adultDob(rng, dob, 19, 42));
  const father = rng.chance(R.FATHER_RESIDENT) ? person(ids, rng, group, 'male', adultDob(rng, dob, 20, 46), mother.family) : null;
  const child = person(ids, rng, group, sex, dob, father ? father.family : mother.family);
  const siblingCount = Number(rng.weighted({ 0: 0.35, 1: 0.4, 2: 0.18, 3: 0.07 }));
  const siblings = Array.from({ length: siblingCount }, () =>
    person(ids, rng, group, rng.chance(0.5) ? 'male' : 'female', addDays(dob, rng.int(-12, 6) * 365 + rng.int(-150, 150)), child.family));
  const crawls = !rng.chance(R.NEVER_CRAWLS);
  const cruising = milestone(rng, R.MILESTONE_MONTHS.cruising);
  const crawling = crawls ? Math.min(milestone(rng, R.MILESTONE_MONTHS.crawling), cruising + 1) : null;
  const walking = Math.max(cruising + 0.5, milestone(rng, R.MILESTONE_MONTHS.walking));
  const bleeding = rng.chance(R.VON_WILLEBRAND) ? 'von Willebrand disease' as const
    : sex === 'male' && rng.chance(R.HAEMOPHILIA_MALE) ? 'haemophilia A' as const : null;
  return {
    group, child, mother, father, siblings: siblings.filter((s) => s.dob !== dob), home: home(rng),
    mongolianSpot: rng.chance(R.MONGOLIAN_SPOT[group]), bleeding, brittleBones: rng.chance(R.OSTEOGENESIS_IMPERFECTA),
    milestones: { crawling, cruising, walking },
  };
}

// The independent benign population: children whose records are written from
// published rates (rates.ts) by code that shares nothing with src/synth and
// reads nothing of the risk rules. Child i of seed s is the same child whatever
// the population size. An injected child is a benign child with one pattern
// from the evidence base added (inject.ts).
import type { EvidenceRecord } from '../../src/household/derive.ts';
import { birth } from './birth.ts';
import { addDays, daysBetween, toDay, isoOf } from './dates.ts';
import { ChildLife, PERIOD, newFamily } from './family.ts';
import { generalPractice, healthVisiting } from './health.ts';
import { accidents } from './injuries.ts';
import { inject, PATTERNS, type Injection, type Pattern } from './inject.ts';
import { Ids } from './people.ts';
import { Rng } from './random.ts';
import { services } from './services.ts';

export { AGENCY_KINDS } from './records.ts';
export { PERIOD } from './family.ts';

export interface BenignChild {
  label: string;
  personId: number;
  dob: string;
  evidence: EvidenceRecord[];
  /** years the child was under 18 inside the period */
  childYears: number;
  /** `agency/ref` -> the benign features the record shows (mimics) */
  mimics: Map<string, string[]>;
  injection: Injection | null;
  /** the adults of the family by person id: 'mother', 'father' (resident from birth), 'partner' (joined later) */
  adults: Map<number, string>;
}

/** Date of birth uniform from 17 years before the period to two weeks before its end. */
function dateOfBirth(rng: Rng, range?: { from: string; to: string }): string {
  const lo = toDay(range?.from ?? addDays(PERIOD.start, -17 * 365.25));
  const hi = toDay(range?.to ?? addDays(PERIOD.end, -14));
  return isoOf(lo + Math.floor(rng.next() * (hi - lo + 1)));
}

function live(life: ChildLife): void {
  if (life.child.dob >= PERIOD.start) birth(life);
  healthVisiting(life);
  generalPractice(life);
  accidents(life);
  services(life);
}

function finish(life: ChildLife, label: string, injection: Injection | null): BenignChild {
  const { from, to } = life.span;
  const adults = new Map<number, string>([[life.family.mother.id, 'mother']]);
  if (life.family.father) adults.set(life.family.father.id, 'father');
  if (life.partner) adults.set(life.partner.person.id, 'partner');
  return {
    label, personId: life.child.id, dob: life.child.dob,
    evidence: life.records.map((r) => r.evidence),
    childYears: Math.max(0, (daysBetween(from, to) + 1) / 365.25),
    mimics: new Map(life.records.map((r) => [r.evidence.source, r.mimics])),
    injection, adults,
  };
}

export function benignChild(seed: number, index: number): BenignChild {
  const rng = new Rng(`${seed}/benign/${index}`);
  const ids = new Ids(index * 10_000);
  const life = new ChildLife(rng, ids, newFamily(rng, ids, dateOfBirth(rng)), `b${index}`);
  live(life);
  return finish(life, `benign-${index}`, null);
}

/** A benign child of an age the pattern needs, with the pattern's records added. */
export function injectedChild(seed: number, index: number, pattern: Pattern = PATTERNS[index % PATTERNS.length]!): BenignChild {
  const rng = new Rng(`${seed}/injected/${index}`);
  const ids = new Ids(index * 10_000);
  const life = new ChildLife(rng, ids, newFamily(rng, ids, dateOfBirth(rng, inject.dobRange(pattern))), `i${index}`);
  live(life);
  const injection = inject.apply(pattern, life);
  return finish(life, `injected-${index}-${pattern}`, injection);
}

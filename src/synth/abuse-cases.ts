// The abuse patterns the simulation can plant and the cases it records for them: apart from
// the planning (abuse.ts) so that the household simulation can name a case's type without
// importing the planner, which itself drives the simulation.
import type { TruthPerson } from './households.ts';
import type { Rng } from './random.ts';

export const ABUSE_PATTERNS = [
  'sentinel-bruise', 'sentinel-intraoral', 'ten4-bruising', 'fracture-under-18m', 'repeated-injuries',
  'conflicting-explanations', 'returned-to-suspect', 'was-not-brought', 'unknown-adult',
] as const;
export type AbusePattern = (typeof ABUSE_PATTERNS)[number];

export interface AbuseCase {
  /** truth label of the abused child */
  child: string;
  household: string;
  pattern: AbusePattern;
  /** the rule the pattern is a textbook case for (a benchmark may count any rule) */
  expectedRule: string;
  /** date of the first record the pattern added (YYYY-MM-DD); empty until one is written */
  firstDate: string;
  /** `agency/ref` of every record the pattern added, in date order */
  records: string[];
  description: string;
  source: string;
}

export interface PlannedCase {
  case: AbuseCase;
  child: TruthPerson;
  day: number;
  rng: Rng;
  scheduled: boolean;
  /** the unknown adult (unknown-adult only) */
  adult?: TruthPerson;
}

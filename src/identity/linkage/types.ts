// The probabilistic linkage engine's vocabulary (Fellegi–Sunter, as Splink
// does it). A record to link is a flat set of identity fields; a comparison
// puts a pair of records into one of its ordered levels; the model turns
// each level into a weight (log2 of m/u) and the sum into a match weight.

/** One person as a source wrote them, normalised only as far as being plain strings. */
export interface LinkRecord {
  id: string;
  /** which source it came from (for linking between sources only, e.g. FEBRL4's a and b) */
  source?: string;
  given?: string | null;
  family?: string | null;
  /** other names known (aliases, maiden names) */
  otherNames?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  dob?: string | null;
  sex?: string | null;
  nhsNumber?: string | null;
  /** any country's postcode; UK ones get sector/district levels */
  postcode?: string | null;
  /** address lines joined, without the postcode */
  address?: string | null;
  phone?: string | null;
  /** an identifier shared by both sides when both have it (e.g. FEBRL's soc_sec_id); compared exactly */
  otherId?: string | null;
  /** free place text (town, birth place) */
  place?: string | null;
  /** a child not yet born (a pre-birth record): its dob, if any, is the expected date of delivery */
  unborn?: boolean;
}

/** A comparison: named, with levels ordered from the strongest agreement to "else" (the last). */
export interface Comparison {
  name: string;
  /** level labels, best first; the last is the catch-all disagreement */
  levels: string[];
  /**
   * The level index for a pair, or null when the comparison has nothing to say
   * (a value missing on either side): null levels add no weight.
   */
  level(a: LinkRecord, b: LinkRecord): number | null;
  /** For term-frequency adjustment on exact agreement: the value whose rarity matters (e.g. the surname). */
  tfValue?(r: LinkRecord): string | null;
  /** the level index that counts as exact agreement for term-frequency adjustment */
  tfLevel?: number;
}

// What the risk rules may read from agencies' words. A signal is one thing a
// sentence says (a hungry child, a sibling's disclosure, "she doesn't know how
// it happened"), found in one field of one record, with the exact phrase, whether
// the sentence denies it ("no bruising seen") and who is reported as saying it.
// Context signals lower or cancel a finding ("documented birth injury"); they
// are never evidence of harm.

/** Signals that can support a concern. */
export const CONCERN_SIGNALS = [
  'injury', // an injury described in words (bruise, burn, fracture, bite, mark)
  'patterned-injury', // grip, fingertip, hand, slap, loop, belt or bite marks
  'immersion-pattern', // glove or sock distribution, symmetrical, clear tide line
  'explanation-absent', // "doesn't know", "no explanation", "unsure how it happened"
  'explanation-unsuitable', // "not consistent with", "extensive for the fall", "would not explain"
  'explanation-changed', // "account changed", "different account", "accounts differ"
  'delayed-presentation', // "brought two days later", "delay in seeking help"
  'hunger', // hungry, food-seeking, stealing or hoarding food, asking for food
  'poor-hygiene', // dirty, unkempt, smelling, soiled, head lice, same clothes
  'untreated-need', // untreated, tooth decay, dental abscess, missed treatment
  'faltering-growth', // weight loss, underweight, thin, failure to thrive
  'poor-home-conditions', // squalid, no food in the home, no heating, faeces
  'emotional-harm', // frightened, flinches, withdrawn, scapegoated, shut in a room
  'poor-interaction', // no warmth, rough handling, hostile to or ignores the child
  'inadequate-supervision', // left home alone, found unsupervised, no adult present
  'disclosure', // a child telling of harm: "disclosed", "said that mum hit her"
  'child-not-seen', // "not seen", "asleep upstairs", "no reply", "refused entry", "spoke at the door"
  'violent-adult', // history of violence, assault, GBH, domestic abuse perpetrator
  'new-adult', // a new partner, boyfriend or lodger in the home
  'not-brought', // "not brought", "did not attend", "DNA" of a child's appointment
] as const;

/** Practitioners' own context: lowers or cancels a finding, and the finding says so. */
export const CONTEXT_SIGNALS = [
  'birth-injury', // ventouse, forceps, cephalhaematoma, documented birth injury
  'birthmark', // Mongolian blue spot, congenital dermal melanocytosis, naevus
  'bleeding-disorder', // haemophilia, von Willebrand, confirmed by haematology
  'bone-disorder', // osteogenesis imperfecta, brittle bone disease
  'mobile', // crawling, cruising, walking, pulling to stand (a child independently mobile)
  'correction', // "recorded in error", "correction:", "not a bruise", "amended"
  'witnessed-accident', // a fall or accident witnessed by a professional or independent adult (a parent's: negated)
  'self-inflicted-scratch', // the baby's own fingernails
  'assessed-consistent', // a professional's assessment: "consistent with the history given", "mechanism plausible", "assessed as accidental"
] as const;

/**
 * How a decision that ends or declines protection was reached, as its record says: neither evidence of harm nor
 * context that lowers it, but what a reviewer asks of a closure (lexicon-decision.ts; rules/closed-unresolved.ts).
 */
export const DECISION_SIGNALS = [
  'risk-said-gone', // the adult who posed the risk said to have left: "relationship is over", "he has moved out"
  'not-visited', // the child not visited before the decision: "home visit cancelled", "closed without a visit"
  'adult-unchecked', // an adult in the home not identified or checked: "partner not identified", "no checks made"
] as const;

export type ConcernSignal = (typeof CONCERN_SIGNALS)[number];
export type ContextSignal = (typeof CONTEXT_SIGNALS)[number];
export type DecisionSignal = (typeof DECISION_SIGNALS)[number];
export type SignalCode = ConcernSignal | ContextSignal | DecisionSignal;

/** Who the text says is the source of what it reports. */
export type Attribution = 'child' | 'sibling' | 'parent' | 'relative' | 'neighbour' | 'public' | 'professional' | null;

export interface Signal {
  code: SignalCode;
  /** the record, `agency/ref` */
  source: string;
  /** where in the record: `narrative`, `body.description`, `body.explanation`, `body.injuries[2].note` … */
  field: string;
  /** the words it rests on, exactly as written (a sentence or the part of it that matched) */
  phrase: string;
  /**
   * the sentence denies it: "no bruising seen", "did not disclose". For context codes also when the context is
   * not established: only queried or pending ("?bleeding disorder", "awaiting tests for OI"), excluded ("clotting
   * screen normal"), a relative's ("mother has haemophilia") or, for witnessed-accident, seen only by a parent.
   * So a context signal with `negated: false` is safe to lower a finding with.
   */
  negated: boolean;
  /**
   * who the text says reported it ("brother disclosed", "mother says"); null when the writer's own observation.
   * In a concern's description or a referral's reason with no reporter named in the sentence, the record's
   * `reportedBy` (member-of-public and anonymous both as 'public').
   */
  attribution: Attribution;
}

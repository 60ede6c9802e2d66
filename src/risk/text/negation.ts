// Whether a sentence denies what a phrase in it says, scoped to the clause.
// NegEx (Chapman et al. 2001) is the model: a cue ("no", "not", "denies") negates what follows it, up to the end of
// its clause; a few cues follow what they negate ("bruising: none seen", "fracture excluded"); and some cues are
// not negations at all ("no change in", "cannot be excluded"). We add three rules NegEx leaves to its window:
// - a list stays under one "no" across commas and "and"/"or" ("no bruises, burns or marks"), but a comma or
//   "and" that starts a new clause ends it ("no bruising seen, a burn to the hand", "no food in the fridge and
//   the children were hungry");
// - "not", "n't" and "never" negate the verb they belong to, so they reach a finding only through words that
//   say it was seen or present ("did not see any bruising"), never through other verbs ("unable to explain the
//   bruising" does not deny the bruising);
// - a cue that belongs to a concern phrase ("no explanation for the burn", "was not brought") is that phrase's
//   own word, not a negation of what follows it.
import type { Token } from './nlp.ts';

const HARD_BREAKS = new Set([
  ';', '(', ')', '[', ']', 'but', 'however', 'although', 'though', 'whereas', 'except', 'apart', 'aside', 'whilst',
  'while', 'which', 'who', 'whom', 'because', 'so', 'than', 'unlike', 'despite', 'instead', 'otherwise',
]);
const SOFT_BREAKS = new Set([',', 'and', '&', '/', 'plus']);
/** Words that start a new clause after a comma or "and". */
const CLAUSE_STARTERS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'there', 'he', 'she', 'they', 'it', 'we', 'i', 'his', 'her',
  'their', 'its', 'my', 'our', 'mum', 'mom', 'mother', 'dad', 'father', 'child', 'children', 'baby', 'parent',
  'parents', 'was', 'were', 'is', 'are', 'has', 'had', 'have', 'will', 'would', 'could', 'can', 'did', 'does',
]);
const OWN_VERBS = new Set(['was', 'were', 'is', 'are', 'has', 'had', 'have', 'reports', 'reported', 'says', 'said', 'appears', 'appeared', 'seems', 'seemed', 'noted', 'observed']);
/** Words that end a negated phrase: once it has been "seen", a comma or "and" after it starts something new. */
const CLOSERS = new Set([
  'seen', 'noted', 'observed', 'found', 'identified', 'reported', 'present', 'evident', 'detected', 'visible',
  'apparent', 'today', 'disclosed', 'noticed', 'documented', 'recorded', 'made', 'given', 'raised', 'elicited',
]);
/** Cues that negate the noun phrases after them. */
const NOUN_CUES = new Set(['no', 'nil', 'without', 'none', 'nor', 'neither', 'denies', 'denied', 'deny', 'denying', 'nothing', 'absence', 'free', 'negative']);
/** Cues that negate their verb (and what follows it only through TRANSPARENT words). */
const VERB_CUES = new Set(['not', "n't", 'never', 'cannot']);
/** Words through which a verb's negation reaches the finding: seeing, having, being, finding. */
const TRANSPARENT = new Set([
  'be', 'been', 'being', 'is', 'was', 'were', 'are', 'am', 'have', 'has', 'had', 'having', 'do', 'does', 'did', 'any',
  'a', 'an', 'the', 'his', 'her', 'their', 'its', 'my', 'our', 'him', 'them', 'of', 'or', 'signs', 'sign', 'evidence',
  'obvious', 'further', 'other', 'new', 'visible', 'apparent', 'significant', 'yet', 'currently', 'previously',
  'known', 'to', 'seen', 'see', 'saw', 'noted', 'note', 'observe', 'observed', 'find', 'found', 'identified',
  'detected', 'show', 'shows', 'showed', 'shown', 'appear', 'appears', 'appeared', 'present', 'evident', 'report',
  'reported', 'disclose', 'disclosed', 'complain', 'complained', 'with', 'sustain', 'sustained', 'suffer',
  'suffered', 'on', 'examination', 'concerns', 'concern', 'about', 'regarding', 're', 'seem', 'seems', 'seemed',
  'look', 'looks', 'looked', 'feel', 'feels', 'felt', 'become', 'very', 'overly', 'particularly', 'too', 'at', 'all',
  'really', 'now', 'as', 'got', 'get', 'getting', 'there', 'acting', 'presenting', 'presented', 'display',
  'displayed', 'displaying', 'exhibit', 'exhibiting', 'indication', 'indications', 'suggestion', 'suspicion',
  'physical', 'clinical', 'recent', 'acute', 'such', 'independently', 'able', 'fully', 'confirmed', 'diagnosed',
  'hurt', 'marked', 'obviously', 'unduly', 'immediately', 'consistent', 'keeping', 'typical', 'suggestive',
  'in', 'like', 'indicate', 'indicates', 'indicated', 'suggest', 'suggests', 'suggested', 'reveal', 'revealed',
  'reveals', 'started', 'starting', 'start', 'begun', 'began', 'begin', 'demonstrate', 'demonstrated', 'demonstrates', 'confirm', 'confirms', 'require', 'required',
]);
/** "no change in", "not only": cues that are not negations. */
const PSEUDO_AFTER_CUE = new Set(['change', 'changes', 'improvement', 'better', 'doubt', 'only', 'just', 'necessarily', 'improved', 'ruled', 'excluded', 'exclude']);
/** What follows a finding to deny it: "bruising: none", "fracture excluded", "bruising not seen". */
const POST_CUES = new Set(['excluded', 'nil', 'none', 'absent', 'negative', 'nad', 'denied', 'ruled', 'unfounded', 'unsubstantiated']);
const NOT_WHAT = new Set([
  'seen', 'noted', 'present', 'found', 'evident', 'identified', 'detected', 'observed', 'apparent', 'substantiated',
  'visible', 'corroborated', 'confirmed', 'disclosed', 'reported', 'supported',
]);
const POST_FILLERS = new Set(['is', 'was', 'were', 'are', 'has', 'have', 'had', 'been', 'be', '-', '–', '—', ':', 'on', 'examination', 'today', 'at', 'this', 'time', 'seen', 'any', 'also', 'found', 'subsequently', 'now', 'since', 'by', 'haematology', 'hematology', 'x-ray', 'xray', 'scan', 'ct', 'mri', 'skeletal', 'survey', 'tests', 'testing', 'as']);

const MAX_REACH = 12;

/** The first and last token index of the clause holding token i (hard breaks only). */
export function clauseAround(tokens: readonly Token[], i: number): [number, number] {
  let lo = i;
  while (lo > 0 && !HARD_BREAKS.has(tokens[lo - 1]!.lower)) lo -= 1;
  let hi = i;
  while (hi < tokens.length - 1 && !HARD_BREAKS.has(tokens[hi + 1]!.lower)) hi += 1;
  return [lo, hi];
}

/**
 * The first and last token index of the part of the clause holding token i that a reader would quote: a comma
 * or "and" ends it when what follows starts a new clause or what precedes was complete ("no bruising seen,").
 */
export function segmentAround(tokens: readonly Token[], i: number): [number, number] {
  const [lo, hi] = clauseAround(tokens, i);
  let from = lo;
  for (let k = i - 1; k > lo; k -= 1) {
    if (tokens[k]!.lower === ',' && (startsNewClause(tokens, k + 1, i + 1) || closedBefore(tokens, lo, k))) {
      from = k + 1;
      break;
    }
  }
  let to = hi;
  for (let k = i + 1; k < hi; k += 1) {
    if (tokens[k]!.lower === ',' && (startsNewClause(tokens, k + 1, hi) || closedBefore(tokens, i, k))) {
      to = k - 1;
      break;
    }
  }
  return [from, to];
}

function startsNewClause(tokens: readonly Token[], afterBreak: number, matchStart: number): boolean {
  const first = tokens[afterBreak];
  if (!first) return false;
  if (CLAUSE_STARTERS.has(first.lower)) return true;
  // a verb of its own between the break and the finding: "no concerns, reports child is hungry"
  for (let k = afterBreak; k < matchStart; k += 1) if (OWN_VERBS.has(tokens[k]!.lower)) return true;
  return false;
}

function closedBefore(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k += 1) if (CLOSERS.has(tokens[k]!.lower)) return true;
  return false;
}

/** A cue word at k, or null when it is not one here (pseudo-negation, or the word of another phrase). */
function cueAt(tokens: readonly Token[], k: number, blocked: ReadonlySet<number>): 'noun' | 'verb' | null {
  if (blocked.has(k)) return null;
  const word = tokens[k]!.lower;
  const next = tokens[k + 1]?.lower ?? '';
  const kind = NOUN_CUES.has(word) ? 'noun' : VERB_CUES.has(word) ? 'verb' : null;
  if (!kind) return null;
  if (PSEUDO_AFTER_CUE.has(next)) return null;
  if (word === 'no' && next === 'further' && tokens[k + 2]?.lower === 'action') return null;
  if ((word === 'not' || word === "n't") && next === 'be' && /^(?:ruled|excluded)$/.test(tokens[k + 2]?.lower ?? '')) return null;
  if (word === 'free' && next !== 'of') return null;
  if (word === 'absence' && next !== 'of') return null;
  if (word === 'negative' && next !== 'for') return null;
  return kind;
}

/** The index of the cue that negates the phrase starting at `start`, or -1. */
function negatedBefore(tokens: readonly Token[], start: number, lo: number, blocked: ReadonlySet<number>, findings: ReadonlySet<number>): number {
  let lastBreak = -1;
  for (let k = start - 1; k >= lo && start - k <= MAX_REACH; k -= 1) {
    const word = tokens[k]!.lower;
    if (SOFT_BREAKS.has(word)) {
      if (startsNewClause(tokens, k + 1, start)) return -1;
      lastBreak = k;
      continue;
    }
    const cue = cueAt(tokens, k, blocked);
    if (!cue) continue;
    if (lastBreak >= 0 && closedBefore(tokens, k + 1, lastBreak)) return -1;
    if (cue === 'noun') return k;
    for (let j = k + 1; j < start; j += 1) {
      const between = tokens[j]!.lower;
      if (!TRANSPARENT.has(between) && !SOFT_BREAKS.has(between) && !findings.has(j)) return -1;
    }
    return k;
  }
  return -1;
}

function negatedAfter(tokens: readonly Token[], end: number, hi: number): boolean {
  for (let k = end + 1; k <= hi && k - end <= 6; k += 1) {
    const word = tokens[k]!.lower;
    const before = tokens[k - 1]!.lower;
    const pseudo = before === 'not' || before === "n't" || before === 'cannot' || before === 'never' || (before === 'be' && /^(?:not|n't|cannot)$/.test(tokens[k - 2]?.lower ?? ''));
    if (POST_CUES.has(word)) {
      if (word === 'ruled' && tokens[k + 1]?.lower !== 'out') return false;
      return !pseudo;
    }
    if (word === 'not' || word === "n't") {
      // "not confirmed", "not been confirmed", "not yet seen"
      const skip = /^(?:been|yet|be|being)$/.test(tokens[k + 1]?.lower ?? '') ? 2 : 1;
      if (NOT_WHAT.has(tokens[k + skip]?.lower ?? '')) return true;
    }
    if (!POST_FILLERS.has(word) && word !== ',') return false;
  }
  return false;
}

export interface Negation {
  negated: boolean;
  /** the token index of the cue before the phrase that negates it ("no" in "no bruises, burns or marks"), or -1 */
  cue: number;
}

/**
 * Whether the phrase at tokens[start..end] is denied in its clause. `blocked` are token indices that belong to
 * concern phrases (their cues are their own); `findings` are tokens of any phrase (a list of findings does not
 * break a "not"'s reach: "did not see bruises or burns").
 */
export function negationOf(
  tokens: readonly Token[],
  start: number,
  end: number,
  blocked: ReadonlySet<number>,
  findings: ReadonlySet<number>,
): Negation {
  const [lo, hi] = clauseAround(tokens, start);
  const cue = negatedBefore(tokens, start, lo, blocked, findings);
  if (cue >= 0) return { negated: true, cue };
  return { negated: negatedAfter(tokens, end, hi), cue: -1 };
}

// Whether context is only queried, pending or someone else's. Context lowers a finding only when it is
// established: "?bleeding disorder", "referred to haematology to exclude a bleeding disorder", "awaiting genetic
// tests for OI" and "mother has von Willebrand disease" (family history, not the child's diagnosis) must not
// lower anything, so signalsIn reports such context as negated. A concern that is only queried ("? fingertip
// marks") is still a concern and is not hedged away.
import type { Token } from './nlp.ts';

const HEDGES = new Set([
  '?', 'query', 'queried', 'possible', 'possibly', 'suspected', 'suspect', 'exclude', 'excluding', 'rule',
  'investigate', 'investigating', 'investigation', 'investigations', 'screen', 'screening', 'test', 'tests',
  'tested', 'testing', 'awaiting', 'pending', 'if', 'whether', 'unlikely', 'could', 'may', 'might', 'maybe',
  'consider', 'considered', 'considering', 'differential', 'ddx', 'vs', 'versus', 'refer', 'referred', 'referral',
  'check', 'checking', 'assess', 'assessment', 'fh', 'soon', 'should', 'would', 'hoping', 'expected', 'expect',
]);
const POST_HEDGES = new Set(['?', 'queried', 'suspected', 'pending', 'awaited', 'tbc', 'unconfirmed', 'possible', 'likely']);
const FAMILY = new Set([
  'mother', 'mum', 'mom', 'father', 'dad', 'parent', 'parents', 'brother', 'sister', 'sibling', 'siblings', 'aunt',
  'uncle', 'cousin', 'grandmother', 'grandfather', 'grandparent', 'grandparents', 'family', 'maternal', 'paternal',
]);
const HAS = new Set(['has', 'have', 'had', 'with', "'s", 'herself', 'himself', 'carries', 'carrier']);
/** The medical context that can belong to a relative instead of the child. */
const HERITABLE = new Set(['bleeding-disorder', 'bone-disorder']);

const ESTABLISHED = /(?:confirmed|diagnosed|diagnosis|known|established|positive)/;
const NOT_YET = /(?:to be|not|awaiting|pending|un|await)\s*(?:confirmed|diagnosed|established)|not known|unknown/;

export function isHedged(tokens: readonly Token[], start: number, end: number, lo: number, hi: number, code: string): boolean {
  const clause = tokens.slice(lo, hi + 1).map((t) => t.lower).join(' ');
  const established = ESTABLISHED.test(clause) && !NOT_YET.test(clause);
  for (let k = start - 1; k >= lo && start - k <= 5; k -= 1) {
    const word = tokens[k]!.lower;
    if (word === 'family' && tokens[k + 1]?.lower === 'history') return true;
    if (HEDGES.has(word) && !established) return true;
  }
  for (let k = end + 1; k <= hi && k - end <= 3; k += 1) if (POST_HEDGES.has(tokens[k]!.lower) && !established) return true;
  if (HERITABLE.has(code)) {
    for (let k = lo; k < start; k += 1) {
      if (FAMILY.has(tokens[k]!.lower) && HAS.has(tokens[k + 1]?.lower ?? '')) return true;
      if (FAMILY.has(tokens[k]!.lower) && tokens[k + 1]?.lower === 'history') return true;
    }
  }
  return false;
}

// Whether context is only queried, pending or someone else's. Context lowers a finding only when it is
// established: "?bleeding disorder", "referred to haematology to exclude a bleeding disorder", "awaiting genetic
// tests for OI" and "mother has von Willebrand disease" (someone else's, not the child's) must not
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
const REPORTS = new Set(['noticed', 'noted', 'said', 'reported', 'seen', 'observed', 'told', 'mentioned', 'explained', 'confirmed', 'described', 'shown', 'brought', 'asked']);
const HAS = new Set(['has', 'have', 'had', 'with', "'s", 'herself', 'himself', 'carries', 'carrier']);

const ESTABLISHED = /(?:confirmed|diagnosed|diagnosis|known|established|positive)/;
const NOT_YET = /(?:to be|not|awaiting|pending|un|await)\s*(?:confirmed|diagnosed|established)|not known|unknown/;

export function isHedged(tokens: readonly Token[], start: number, end: number, lo: number, hi: number): boolean {
  const clause = tokens.slice(lo, hi + 1).map((t) => t.lower).join(' ');
  const established = ESTABLISHED.test(clause) && !NOT_YET.test(clause);
  for (let k = start - 1; k >= lo && start - k <= 5; k -= 1) {
    const word = tokens[k]!.lower;
    if (word === 'family' && tokens[k + 1]?.lower === 'history') return true;
    if (HEDGES.has(word) && !established) return true;
  }
  for (let k = end + 1; k <= hi && k - end <= 3; k += 1) if (POST_HEDGES.has(tokens[k]!.lower) && !established) return true;
  // Someone else's: "mother has von Willebrand disease", "brother has been crawling", "mum had a forceps delivery
  // herself". Context lowers a finding about this child only when it is this child's.
  // ("mum has noticed he is crawling" is mum's report about the child, not hers.)
  for (let k = lo; k < start; k += 1) {
    if (!FAMILY.has(tokens[k]!.lower)) continue;
    const next = tokens[k + 1]?.lower ?? '';
    if (next === 'history') return true;
    if (HAS.has(next) && !REPORTS.has(tokens[k + 2]?.lower ?? '')) return true;
  }
  return false;
}

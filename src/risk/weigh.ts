// The weight of all the evidence about a child, not each rule alone. Every
// finding that carries terms (types.ts: a log2 likelihood ratio per piece of
// evidence, negative for context that lowers) is given the severity of the sum
// of the terms of every finding about the child standing in the WINDOW_DAYS up
// to and including its day. This is the linker's design (log-weights summed,
// as Fellegi and Sunter), read as Bayes' rule in log odds: posterior = prior +
// the sum of the evidence, which assumes the pieces are independent given the
// truth. They are not quite (a bruise and the concern a teacher raised about
// it), so a term is counted once however many findings cite it (by record and
// label), and the thresholds below are set where a single published finding
// lands, not lower.
//
// Findings about the statutory process and notices carry no terms and keep
// their own severity. Pure: the same firings, in any order, give the same result.
import type { Firing, Severity, Term } from './types.ts';

/**
 * How far back a finding's evidence still counts, in days: six months. Published horizons bracket it:
 * sentinel injuries precede severe abuse by weeks to months (Sheets LK et al., Pediatrics 2013;131:701:
 * 27.5% of abused infants had one, 95% of them by 7 months of age, none in non-abused controls), and the
 * re-referral measure of the Children in Need census is 12 months (DfE, Characteristics of children in need).
 * Rules that look further back (repeated concerns over a year, not brought over a year) carry that year in
 * their own terms, so the window only decides which different findings are seen together. Longer windows
 * add benign noise to the sum (the benign bench measures it); the lead calibrates at merge.
 */
export const WINDOW_DAYS = 183;

// The thresholds, in log2 likelihood ratio. NICE CG89 (2009, updated 2017) grades its alerting features in
// two: "consider" (maltreatment is one possible explanation) and "suspect" (a serious level of concern, not
// proof). The published likelihood ratio of a "suspect" feature sets high: a TEN-4-FACESp-positive bruise
// (sensitivity 95.6%, specificity 87.1%: LR+ 0.956 / 0.129 = 7.4; Pierce MC et al., JAMA Netw Open
// 2021;4(4):e215832) must be high on its own, so high starts at LR 7.
/** Medium from LR 2: one "consider" feature (CONSIDER_WEIGHT) is enough to tell the child's worker. */
export const MEDIUM_AT = Math.log2(2);
/** High from LR 7: one "suspect" feature, or three independent "consider" features (2.5³ ≈ 16); two are not (6.25). */
export const HIGH_AT = Math.log2(7);
/**
 * Critical from LR 49: two independent "suspect" features (7 × 7), from direct evidence only. Contributing
 * factors (parental risk factors, a firing's `contributing` records) count towards medium and high but never
 * to critical (facts.ts raisedBy keeps the same principle), and critical needs at least one direct term of
 * "suspect" strength (LR 4 or more): a pile of "consider" features is high at most.
 */
export const CRITICAL_AT = Math.log2(49);
/** The weight of one term that is direct evidence of harm at NICE CG89's "suspect" level. */
export const SUSPECT_TERM_AT = Math.log2(4);

/**
 * The weight of one NICE CG89 "suspect" feature for which no likelihood ratio of its own is published: that of
 * the validated "suspect" feature, a TEN-4-FACESp-positive bruise (LR+ 7.4, about 2.9 bits). High on its own.
 */
export const SUSPECT_WEIGHT = Math.log2(0.956 / 0.129);

/**
 * The weight a rule gives a pattern the evidence base names but for which no likelihood ratio is published
 * (most of what serious case reviews find): NICE CG89's "consider" tier, LR 2.5. Below half of high, so two
 * such patterns together stay medium and three make high.
 */
export const CONSIDER_WEIGHT = Math.log2(2.5);

interface Counted {
  term: Term;
  /** direct evidence of harm, not a contributing factor */
  direct: boolean;
}

const isContributing = (f: Firing, t: Term) => (f.contributing ?? []).includes(t.evidence);

/**
 * Which of two occurrences of the same term (record and label) counts: the larger in size, a positive one over
 * a negative one of the same size, a direct one over a contributing one, then by source and basis. Taking the
 * largest in size means adding a term can only move the sum its own way, whatever else is there.
 */
function preferred(a: Counted, b: Counted): Counted {
  const [x, y] = [Math.abs(a.term.weight), Math.abs(b.term.weight)];
  if (x !== y) return x > y ? a : b;
  if (a.term.weight !== b.term.weight) return a.term.weight > b.term.weight ? a : b;
  if (a.direct !== b.direct) return a.direct ? a : b;
  const ka = `${a.term.source}\u0000${a.term.basis}`;
  const kb = `${b.term.source}\u0000${b.term.basis}`;
  return ka <= kb ? a : b;
}

/** The distinct terms of these firings, each record-and-label once. */
export function distinctTerms(firings: readonly Firing[]): Counted[] {
  const out = new Map<string, Counted>();
  for (const f of firings) {
    for (const term of f.terms ?? []) {
      const key = `${term.evidence}\u0000${term.label}`;
      const c = { term, direct: !isContributing(f, term) };
      const had = out.get(key);
      out.set(key, had ? preferred(had, c) : c);
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** The positive terms of each capped group (Term.cap): their sum, and the smallest cap any of them states. */
function cappedGroups(counted: readonly Counted[]): Map<string, { sum: number; cap: number }> {
  const groups = new Map<string, { sum: number; cap: number }>();
  for (const { term } of counted) {
    if (!term.cap || term.weight <= 0) continue;
    const g = groups.get(term.cap.group) ?? { sum: 0, cap: term.cap.weight };
    groups.set(term.cap.group, { sum: g.sum + term.weight, cap: Math.min(g.cap, term.cap.weight) });
  }
  return groups;
}

/**
 * The sum of the terms' weights, each capped group counted at no more than its cap: the positive terms of a
 * group add up to the smallest cap any of them states, and its lowering terms still count in full.
 */
export function totalWeight(counted: readonly Counted[]): number {
  const free = counted.filter(({ term }) => !term.cap || term.weight <= 0).reduce((s, c) => s + c.term.weight, 0);
  return [...cappedGroups(counted).values()].reduce((s, g) => s + Math.min(g.sum, g.cap), free);
}

/** The capped groups whose terms add up to more than their cap, in words for the explanation. */
function overCap(counted: readonly Counted[]): string[] {
  return [...cappedGroups(counted)].filter(([, g]) => g.sum > g.cap).map(([name, g]) => `${name} together ${signed(g.cap)} (${ratioInWords(g.cap)}), not ${signed(g.sum)}`);
}

/** The severity of a weight of evidence. */
export function severityOf(counted: readonly Counted[]): Severity {
  const total = totalWeight(counted);
  const direct = counted.filter((c) => c.direct);
  const directTotal = totalWeight(direct);
  const strongDirect = direct.some((c) => c.term.weight >= SUSPECT_TERM_AT);
  if (total >= CRITICAL_AT && directTotal >= CRITICAL_AT && strongDirect) return 'critical';
  if (total >= HIGH_AT) return 'high';
  if (total >= MEDIUM_AT) return 'medium';
  return 'low';
}

/** A likelihood ratio in words: "×7.4", "÷4". */
export function ratioInWords(weight: number): string {
  const r = 2 ** Math.abs(weight);
  const shown = r >= 10 ? String(Math.round(r)) : String(Math.round(r * 10) / 10);
  return `${weight < 0 ? '÷' : '×'}${shown}`;
}

const signed = (w: number) => `${w < 0 ? '−' : '+'}${Math.abs(Math.round(w * 100) / 100)}`;

function explain(f: Firing, counted: readonly Counted[], severity: Severity): string {
  const total = totalWeight(counted);
  const capped = overCap(counted);
  // Each source once, numbered: several terms often rest on the same study or guideline.
  const sources = [...new Set(counted.map((c) => c.term.source))];
  const describe = (c: Counted) => `${signed(c.term.weight)} (${ratioInWords(c.term.weight)}) ${c.term.label} [${c.term.evidence}, ${c.term.basis}; source ${sources.indexOf(c.term.source) + 1}]`
    + (c.direct ? '' : ' (a contributing factor)');
  const raising = counted.filter((c) => c.term.weight > 0);
  const lowering = counted.filter((c) => c.term.weight < 0);
  return ` Weight of the evidence about the child in the ${WINDOW_DAYS} days to ${f.at}: ${signed(total)} (${ratioInWords(total)} in likelihood), so ${severity}`
    + (severity === f.severity ? '' : ` (this rule alone: ${f.severity})`)
    + ` (medium from ×2, high from ×7, critical from ×49 on direct evidence). For: ${raising.map(describe).join('; ') || 'nothing'}.`
    + (lowering.length ? ` Lowered by: ${lowering.map(describe).join('; ')}.` : '')
    + (capped.length ? ` Repeats of one kind are not independent, so counted as a pattern: ${capped.join('; ')}.` : '')
    + ` Sources: ${sources.map((x, i) => `${i + 1}. ${x}`).join(' ')}`;
}

/**
 * Each firing with terms gets the severity of the evidence standing in the window before its day, and its
 * explanation lists every term, its weight and source, and what lowered it. Firings without terms are returned
 * as they are.
 */
export function weighFirings(firings: readonly Firing[], from = 0): Firing[] {
  const weighed = firings.filter((f) => f.terms?.length);
  if (!weighed.length) return firings.slice(from);
  // Only the firings from `from` are weighed and returned; the earlier ones are the window they look back on
  // (the engine's kept state), and weighing them again would cost the square of the history.
  return firings.slice(from).map((f) => {
    if (!f.terms?.length) return f;
    const from = windowStart(f.at);
    const standing = weighed.filter((g) => g.personId === f.personId && g.at <= f.at && g.at >= from);
    const counted = distinctTerms(standing);
    const severity = severityOf(counted);
    return { ...f, severity, explanation: f.explanation + explain(f, counted, severity) };
  });
}

/** The first day of the window ending on `asOf` (days compare as YYYY-MM-DD strings). */
const windowStart = (asOf: string) => new Date(Date.parse(`${asOf}T00:00:00Z`) - WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);

// NICE CG89 (Child maltreatment: when to suspect maltreatment in under 18s, 2009, updated 2017), the
// "suspect" features of injury:
// - bruising in a child who is not independently mobile: mobility, not age. What the records say decides
//   ("crawling since 6 months", "not yet rolling"); with nothing recorded, age (injury-context.ts mobilityOn:
//   under 6 months not mobile, from 9 months mobile, between them unknown and weighed as such);
// - lacerations, abrasions, burns, bites or a torn frenulum in a child not independently mobile;
// - patterned bruising (grip, fingertip, hand, loop, ligature) at any age, and bruising on the ears, neck,
//   buttocks, face or trunk without a suitable explanation at any age (TEN-4-FACESp covers under 4);
// - fractures and scalds (nice-cg89-fractures-burns.ts);
// - an explanation that is absent ("don't know", "no explanation") or unsuitable ("not consistent with",
//   "extensive for the fall"). A record that simply has no explanation field is not an absent explanation:
//   the agency may not have written it down.
// Each feature carries its terms (physical-weights.ts); a confirmed bleeding disorder lowers bruising, and so
// does a professional's documented assessment that the injury fits the account ("consistent with the history
// given"): NICE's "suspect" is for an explanation absent or unsuitable, so one a clinician weighed and found
// suitable makes the injury of a baby not yet mobile a "consider" (medium, never cancelled). The finding says
// what lowered it. An entry a later record corrects (a birthmark charted as a bruise) raises nothing.
import type { EvidenceRecord } from '../../household/derive.ts';
import { wholeMonthsAt, describeAge } from '../age.ts';
import { aboutChild, childInjuries, daysBetween, isBruise, newInjuries, parentalRiskFactors, raisedBy, REVIEW_DAYS } from '../facts.ts';
import { assessedConsistent, bleedingDisorder, mobilityOn, said, type Corrections } from '../injury-context.ts';
import type { ChildPicture, Rule, Severity, Term } from '../types.ts';
import { fractureFeatures, scaldFeatures, type PhysicalFeature } from './nice-cg89-fractures-burns.ts';
import {
  ASSESSED_CONSISTENT_LOWERS, ASSESSED_CONSISTENT_SOURCE, ANY_AGE_BRUISE_WEIGHT, BLEEDING_DISORDER_LOWERS, factorTerms, CONSIDER_WEIGHT, EXPLANATION_WEIGHT, HYMEL_2020, KEMP_2015, MAGUIRE_2005,
  MOBILITY_UNKNOWN_BRUISE_WEIGHT, NICE_CG89, NICE_SUSPECT_WEIGHT, NOT_MOBILE_BRUISE_WEIGHT, PIERCE_2021, SHEETS_2013, SUGAR_1999, WHO_MGRS_2006,
} from './physical-weights.ts';
import { ten4InjuryFeatures } from './ten-4-facesp.ts';

/** @deprecated by mobility from the records: the age from which a child with no mobility recorded is taken as mobile. */
export { ASSUMED_MOBILE_FROM_MONTHS as NOT_MOBILE_MONTHS } from '../injury-context.ts';
/** An explanation that is none: "none", "unknown", "don't know", "no idea", "not sure how". */
export const NO_EXPLANATION = /^\s*(none|no explanation|unexplained|unknown|not known|nil|n\/a)\b|\b(none (clear|given|offered)|unclear|not clear|cannot explain|can'?t explain|could ?n[o']t explain|no clear explanation|(do|does|did)(n'?t| not) know|not sure|unsure|no idea|no account)\b/i;
/** An explanation that does not fit the injury or the child: "not consistent with", "extensive for the fall". */
export const UNSUITABLE_EXPLANATION = /\b(not|in)consistent with|does(n'?t| not) (fit|explain)|would(n'?t| not) (explain|account)|(too )?extensive for|implausible|not in keeping\b/i;
const PATTERN_MARK = /\b(marks?|bruis\w*|imprints?|print|pattern\w*|outline|lines|burns?|petechiae)\b/i;
const ANY_AGE_SITES = new Set(['ear', 'neck', 'buttock', 'genitals', 'cheek', 'eyelid', 'subconjunctiva', 'abdomen', 'back', 'chest']);

export type SuspectFeature = PhysicalFeature;

/** How the record accounts for the child's injuries: absent, unsuitable, or not said to be either. */
export function accountIn(r: EvidenceRecord): { verdict: 'absent' | 'unsuitable'; basis: string } | null {
  const explanation = (r.document.body as { explanation?: string }).explanation;
  if (explanation !== undefined && NO_EXPLANATION.test(explanation)) return { verdict: 'absent', basis: `explanation: "${explanation}"` };
  if (explanation !== undefined && UNSUITABLE_EXPLANATION.test(explanation)) return { verdict: 'unsuitable', basis: `explanation: "${explanation}"` };
  const absent = said(r, 'explanation-absent')[0];
  if (absent) return { verdict: 'absent', basis: `${absent.field}: "${absent.phrase}"` };
  const unsuitable = said(r, 'explanation-unsuitable')[0];
  if (unsuitable) return { verdict: 'unsuitable', basis: `${unsuitable.field}: "${unsuitable.phrase}"` };
  return null;
}

/** Given the child's other records, an injury they showed in the days before (a review of it) is not counted again. */
export function niceFeatures(r: EvidenceRecord, childId: number, dob: string | null, records?: readonly EvidenceRecord[], corrections?: Corrections): SuspectFeature[] {
  if (!aboutChild(r, childId)) return [];
  const all = childInjuries(r, childId, corrections);
  // An entry whose every injury a later record corrected is taken back, words and all.
  if (!all.length && corrections?.has(r.source)) return [];
  // A patterned injury is a mark with a shape (a grip, a loop, a hand): "finger injury" is an injury to a finger.
  const patternedWords = said(r, 'patterned-injury').find((s) => PATTERN_MARK.test(s.phrase));
  const injuryWords = said(r, 'injury').length > 0;
  if (!all.length && !patternedWords && !injuryWords) return [];
  const injuries = records ? newInjuries(r, childId, records, corrections) : all;
  const context = records ?? [r];
  const months = wholeMonthsAt(dob, r.occurredOn);
  const out: SuspectFeature[] = [];
  const term = (label: string, weight: number, source: string, basis: string): Term => ({ label, weight, source, evidence: r.source, basis });
  const at = (i: (typeof all)[number]) => `injuries[${all.indexOf(i)}]: ${i.type}, ${i.site}`;
  const mobility = mobilityOn(context, childId, months, r.occurredOn);
  const bleeding = bleedingDisorder(context, childId, r.occurredOn);
  const bleedingTerm = (): Term[] => bleeding ? [{ label: 'a bleeding disorder confirmed', weight: BLEEDING_DISORDER_LOWERS, source: 'Kemp AM, Collins P et al., bruising in children with inherited bleeding disorders (Cardiff); judgement', evidence: bleeding.source, basis: `${bleeding.field}: "${bleeding.phrase}"` }] : [];
  const assessed = assessedConsistent(context, r, childId);
  const assessedTerm = (): Term[] => assessed ? [{ label: 'a professional assessed the injury as fitting the account', weight: ASSESSED_CONSISTENT_LOWERS, source: ASSESSED_CONSISTENT_SOURCE, evidence: assessed.source, basis: `${assessed.field}: "${assessed.phrase}"` }] : [];
  const assessedWords = assessed ? `a professional assessed it as fitting the account, "${assessed.phrase}", ${assessed.source}` : '';
  const loweredBy = (bleedingToo: boolean) => {
    const why = [bleedingToo && bleeding ? `a bleeding disorder is confirmed, "${bleeding.phrase}", ${bleeding.source}` : '', assessedWords].filter(Boolean);
    return why.length ? ` (lowered: ${why.join('; ')})` : '';
  };
  const lowered = loweredBy(true);

  // One bruise raises one alert: a bruise TEN-4-FACESp already finds (any bruise under 5 months, a bruise to
  // the torso, ears, neck or face, a patterned bruise, all under 4) is not raised again here.
  const plain = injuries.filter((i) => isBruise(i) && !ten4InjuryFeatures(i, months).length);
  if (plain.length && mobility.mobile !== true && !(months !== null && months >= 48)) {
    const known = mobility.mobile === false;
    out.push({
      feature: `bruising in a child ${known ? 'not yet independently mobile' : 'whose mobility is not recorded'} (${mobility.basis})${lowered}`,
      severity: known && !bleeding && !assessed ? 'high' : 'medium',
      terms: [term(known ? 'bruising in a child not independently mobile' : 'bruising at an age when mobility is uncertain, not recorded',
        known ? NOT_MOBILE_BRUISE_WEIGHT : MOBILITY_UNKNOWN_BRUISE_WEIGHT, `${SHEETS_2013}; ${SUGAR_1999}${known ? '' : `; ${WHO_MGRS_2006}`}`,
        `${plain.map(at).join('; ')}; ${mobility.phrase ? `mobility: "${mobility.phrase}" (${mobility.source})` : mobility.basis}`), ...bleedingTerm(), ...assessedTerm()],
    });
  }
  // "Suspect child maltreatment if there are lacerations, abrasions or scars in a child who is not independently
  // mobile", and an oral injury (a torn frenulum) in a baby (CG89 1.2.3). The baby's own scratches are set aside.
  const open = injuries.filter((i) => ['laceration', 'abrasion', 'burn', 'scald', 'bite'].includes(i.type) || i.site === 'frenulum');
  if (open.length && mobility.mobile !== true && !(months !== null && months >= 48)) {
    const known = mobility.mobile === false;
    out.push({
      feature: `a cut, graze, burn, bite or mouth injury in a child ${known ? 'not yet independently mobile' : 'whose mobility is not recorded'} (${mobility.basis})${loweredBy(false)}`,
      severity: known && !assessed ? 'high' : 'medium',
      terms: [term('a cut, graze, burn, bite or mouth injury in a child not independently mobile', known ? NICE_SUSPECT_WEIGHT : CONSIDER_WEIGHT, NICE_CG89, open.map(at).join('; ')), ...assessedTerm()],
    });
  }
  const account = accountIn(r);
  // Patterned bruising at any age (TEN-4-FACESp counts a charted patterned bruise under 4): charted from 4
  // years, or described in words at any age where the record charts none.
  const patterned = injuries.filter((i) => isBruise(i) && i.patterned && (months === null || months >= 48));
  const wordsOnly = patternedWords && !injuries.some((i) => i.patterned && ten4InjuryFeatures(i, months).length);
  if (patterned.length || wordsOnly) {
    out.push({
      feature: 'patterned bruising (a grip, fingertip, hand, loop or ligature mark), which NICE CG89 says to suspect at any age',
      severity: 'high',
      terms: [term('patterned bruising', ANY_AGE_BRUISE_WEIGHT, `${NICE_CG89}; ${MAGUIRE_2005}; ${PIERCE_2021}`,
        patterned.length ? patterned.map(at).join('; ') : `${patternedWords!.field}: "${patternedWords!.phrase}"`)],
    });
  }
  // From 4 years: bruising where children rarely bruise by accident, without a suitable explanation.
  const sheltered = injuries.filter((i) => isBruise(i) && !i.patterned && months !== null && months >= 48 && ANY_AGE_SITES.has(i.site));
  if (sheltered.length && account) {
    out.push({
      feature: `bruising to the ${[...new Set(sheltered.map((i) => i.site))].join(', ')} with an explanation that is ${account.verdict}${lowered}`,
      severity: bleeding ? 'medium' : 'high',
      terms: [term('bruising where children rarely bruise by accident, not explained', ANY_AGE_BRUISE_WEIGHT, `${NICE_CG89}; ${KEMP_2015}; ${PIERCE_2021}`, sheltered.map(at).join('; ')), ...bleedingTerm()],
    });
  }
  const given = (r.document.body as { explanation?: unknown }).explanation;
  out.push(...fractureFeatures(r, injuries, months,
    { unexplained: account !== null, accountGiven: account === null && typeof given === 'string' && given.trim() !== '', mobility, assessed }, context, childId));
  out.push(...scaldFeatures(r, injuries));
  if (account && (injuries.length || injuryWords || patternedWords)) {
    out.push({
      feature: account.verdict === 'absent' ? `an injury with no explanation (${account.basis})` : `an injury whose explanation does not fit it (${account.basis})`,
      severity: 'medium',
      terms: [term(account.verdict === 'absent' ? 'no explanation for the injury' : 'an explanation unsuitable for the injury', EXPLANATION_WEIGHT, `${NICE_CG89}; ${HYMEL_2020}`, account.basis)],
    });
  }
  return out;
}

/**
 * The labels of what the child's records said in the REVIEW_DAYS before today: a hospital's referral, the
 * police log and the strategy discussion each restating one delay or one absent account are one piece of
 * evidence, not three (the weighing assumes its terms independent).
 */
function repeatedLabels(p: ChildPicture): Set<string> {
  const before = p.records.filter((r) => { const d = daysBetween(r.occurredOn, p.asOf); return d > 0 && d <= REVIEW_DAYS; });
  return new Set(before.flatMap((r) => niceFeatures(r, p.personId, p.dob, undefined, p.corrections).flatMap((f) => f.terms.map((t) => t.label))));
}

/** One term per label a day (the records of one day about one child are one episode), and none for a repeat. */
function onceEach(terms: readonly Term[], repeated: ReadonlySet<string>): Term[] {
  const best = new Map<string, Term>();
  for (const t of terms) {
    const b = best.get(t.label);
    if (!b || t.weight > b.weight) best.set(t.label, t);
  }
  return [...best.values()].map((t) => (repeated.has(t.label) && t.weight > 0 ? { ...t, weight: 0, basis: `said already in the ${REVIEW_DAYS} days before: ${t.basis}` } : t));
}

export const niceCg89: Rule = {
  id: 'nice-cg89-suspect',
  version: 5,
  title: 'Injury features that should make a professional suspect maltreatment (NICE CG89)',
  source: 'NICE guideline CG89, Child maltreatment: when to suspect maltreatment in under 18s (2009, updated 2017), section 1.2 (physical features)',
  evaluate(p) {
    const hits = p.today.map((r) => ({ r, features: niceFeatures(r, p.personId, p.dob, p.records, p.corrections) })).filter((h) => h.features.length);
    if (!hits.length) return null;
    const features = hits.flatMap((h) => h.features);
    const base: Severity = features.some((f) => f.severity === 'high') ? 'high' : 'medium';
    const factors = parentalRiskFactors(p.records, p.personId, hits.map((h) => h.r.source));
    const severity = raisedBy(base, factors);
    const age = describeAge(p.dob, p.asOf);
    return {
      severity,
      evidence: hits.map((h) => h.r.source),
      terms: [...onceEach(features.flatMap((f) => f.terms), repeatedLabels(p)), ...(severity !== base ? factorTerms(factors) : [])],
      explanation: `${p.name}${age ? ` (${age})` : ''}: ${[...new Set(features.map((f) => f.feature))].join('; ')} (${hits.map((h) => h.r.source).join(', ')}). NICE CG89 says to suspect maltreatment.`
        + (severity !== base ? ` Raised from ${base} by parental risk factors recorded: ${[...new Set(factors.map((f) => `${f.factor} (${f.source})`))].join(', ')}.` : ''),
      ...(severity !== base ? { contributing: [...new Set(factors.map((f) => f.source))] } : {}),
    };
  },
};

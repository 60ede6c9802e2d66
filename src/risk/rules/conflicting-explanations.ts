// Different explanations for the same injury of a child (an injury at the same
// site) given to different agencies within a fortnight: an explanation that changes with the listener is one that
// does not fit (NICE CG89, 1.2: "an explanation that is inconsistent"; reviews
// find a parent telling one service nothing clear and another a fall, the same
// week). High.
// A practitioner's own words that the account changed ("the account changed", "accounts differ") say the same
// within one record.
//
// Weight: NICE's own grade, "suspect". CG89 defines an unsuitable explanation as one that is implausible,
// inadequate or inconsistent, among other ways "between parents or carers" and "between accounts over time",
// and says to suspect maltreatment when a child has bruising, lacerations, abrasions, burns or fractures and the
// explanation is unsuitable (1.1). Two accounts of one injury that do not agree are that unsuitable explanation,
// whatever the injury, so the finding weighs as a NICE "suspect" feature (weigh.ts's anchor, LR 7.4): high on
// its own. The changing-history ratios measured in head injuries are of the same order (Hymel 2020: like a
// denial of trauma, LR+ 4.83, 95% CI 3.07-7.61; Hettler 2003: the history changed in 9% of abuse and none of
// the other cases, so no finite ratio). What is not an account (how a bruise was found, "don't know") is not
// set against a later one, and a second injury with its own account is not a second account of the first.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childInjuries, daysBetween } from '../facts.ts';
import { said } from '../injury-context.ts';
import type { Rule, Term } from '../types.ts';
import { HETTLER_2003, HYMEL_2020, NICE_CG89, NICE_SUSPECT_WEIGHT } from './physical-weights.ts';

/** NICE CG89's grade for an injury whose accounts disagree (an unsuitable explanation): "suspect". */
export const CONFLICTING_ACCOUNTS_WEIGHT = NICE_SUSPECT_WEIGHT;

export const SAME_EPISODE_DAYS = 14;
const STOP = new Set(['the', 'a', 'an', 'and', 'of', 'on', 'in', 'to', 'his', 'her', 'he', 'she', 'it', 'was', 'off', 'at', 'with', 'by', 'from']);

const words = (s: string) => new Set(s.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 2 && !STOP.has(w)));

/** Two explanations say different things: fewer than half the words of the shorter one are in the other. */
export function differentExplanations(a: string, b: string): boolean {
  const [x, y] = [words(a), words(b)];
  const small = x.size <= y.size ? x : y;
  const other = small === x ? y : x;
  if (!small.size) return false;
  const shared = [...small].filter((w) => other.has(w)).length;
  return shared / small.size < 0.5;
}

const explanationOf = (r: EvidenceRecord) => (r.document.body as { explanation?: string }).explanation;

/**
 * Words that say how an injury was found, or that nobody knows, are not an account of how it happened ("incidental
 * finding", "noticed at bath time", "don't know"): set against a later account they are not a second story. An
 * absent explanation is weighed by the NICE rule instead.
 */
const NOT_AN_ACCOUNT = /\b(incidental(ly)?|noted on examination|found on examination|seen on examination|(noticed|found|spotted) (it |them |this )?(at|during|when|by|in|on|after)|routine (check|review|examination))\b/i;

/**
 * An explanation is an account when it says how or where the injury happened. Words that nobody knows how take
 * that away only when they are all there is ("mum doesn't know"): "hurt at nursery, they did not say how" still
 * tells where and with whom, and set against "banged it on the kitchen table" it is another story.
 */
function isAccount(r: EvidenceRecord): boolean {
  const explanation = explanationOf(r) ?? '';
  if (NOT_AN_ACCOUNT.test(explanation)) return false;
  const unknown = said(r, 'explanation-absent').filter((s) => s.field === 'body.explanation');
  if (!unknown.length) return true;
  return words(unknown.reduce((rest, s) => rest.split(s.phrase).join(' '), explanation)).size >= 2;
}

/** The words of an account, less what it says nobody knows (compared with the other account on what it tells). */
const told = (r: EvidenceRecord) => said(r, 'explanation-absent').filter((s) => s.field === 'body.explanation')
  .reduce((rest, s) => rest.split(s.phrase).join(' '), explanationOf(r) ?? '');

const injuryKeys = (r: EvidenceRecord, childId: number) => new Set(childInjuries(r, childId).map((i) => `${i.type}|${i.site}`));

export const conflictingExplanations: Rule = {
  id: 'conflicting-explanations',
  version: 4,
  title: 'Different explanations for injuries given to different agencies, or an account that changed',
  source: 'NICE guideline CG89 (2009, updated 2017), 1.2 (an inconsistent explanation); Brandon et al., triennial analyses of serious case reviews',
  evaluate(p) {
    const explained = (r: EvidenceRecord) => childInjuries(r, p.personId).length > 0 && !!explanationOf(r) && isAccount(r);
    const pairs: [EvidenceRecord, EvidenceRecord][] = [];
    for (const t of p.today.filter(explained)) {
      for (const o of p.records.filter(explained)) {
        if (o === t || o.agencyId === t.agencyId || Math.abs(daysBetween(o.occurredOn, t.occurredOn)) > SAME_EPISODE_DAYS) continue;
        if (p.today.includes(o) && o.source > t.source) continue; // each same-day pair once
        // The same injury is the same kind at the same site: a graze on the knee a week after a bruise on the
        // knee is a second injury with its own account, not a second account of the first.
        const earlier = injuryKeys(o, p.personId);
        const sameInjury = [...injuryKeys(t, p.personId)].some((k) => earlier.has(k));
        if (sameInjury && differentExplanations(told(t), told(o))) pairs.push([o, t]);
      }
    }
    // In words: a record about the child's injury that says the account changed.
    const changed = p.today.filter((r) => aboutChild(r, p.personId) && (childInjuries(r, p.personId).length > 0 || said(r, 'injury').length > 0))
      .map((r) => ({ r, s: said(r, 'explanation-changed')[0] })).filter((x) => x.s);
    if (!pairs.length && !changed.length) return null;
    const source = `${NICE_CG89} (an unsuitable explanation: inconsistent between accounts over time or between carers; suspect with an injury, no ratio of its own: the "suspect" weight, LR 7.4); ${HYMEL_2020}; ${HETTLER_2003}`;
    const terms: Term[] = [
      ...pairs.map(([o, t]): Term => ({ label: 'different accounts of an injury to different agencies', weight: CONFLICTING_ACCOUNTS_WEIGHT, source, evidence: t.source,
        basis: `explanation: "${explanationOf(t)}" against "${explanationOf(o)}" (${o.source})` })),
      ...changed.map(({ r, s }): Term => ({ label: 'the account of the injury changed', weight: CONFLICTING_ACCOUNTS_WEIGHT, source, evidence: r.source, basis: `${s!.field}: "${s!.phrase}"` })),
    ];
    return {
      severity: 'high',
      evidence: [...new Set([...pairs.flat().map((r) => r.source), ...changed.map((x) => x.r.source)])],
      terms,
      explanation: [
        ...pairs.map(([o, t]) => `${o.agencyId} was told "${explanationOf(o)}" (${o.source}, ${o.occurredOn}) and ${t.agencyId} "${explanationOf(t)}" (${t.source}, ${t.occurredOn})`),
        ...changed.map(({ r, s }) => `${r.agencyId} recorded that the account changed: "${s!.phrase}" (${r.source}, ${r.occurredOn})`),
      ].join('; ') + `: ${pairs.length ? `different accounts of ${p.name}'s injuries to different agencies` : `a changing account of ${p.name}'s injuries`}.`,
    };
  },
};

// A child taken off a child-protection plan while concerns continue: a concern, a referral, an injury or a
// visit that did not see the child in the six months after a conference ended the plan. About a fifth to a
// quarter of plans each year are a child's second or later (DfE, Characteristics of children in need), and
// the triennial analyses of serious case reviews describe plans ended on apparent improvement while the same
// worries went on (Brandon M et al., Complexity and challenge: a triennial analysis of serious case reviews
// 2014-2017, DfE 2020; Sidebotham P et al., 2016). A new plan since is the context that stops it (the
// conference has the child again, and the other rules tell the worker).
// Weights: the plan ended, a "consider" (LR 2.5); each concern or referral since, half a "consider" (LR 1.6):
// one is medium, two with the ending are medium still, three make high. An unseen visit carries the term of
// visits.ts, and an injury is weighed where it is found (the physical rules, known-child-seen), so neither is
// counted twice.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childInjuries, childProtectionPlan, daysBetween } from '../facts.ts';
import type { Rule, Term } from '../types.ts';
import { notSeenAt, notSeenTerm } from '../visits.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const AFTER_PLAN_DAYS = 183;
const ENDED_SOURCE = 'DfE, Characteristics of children in need (second or later plans); Brandon M et al., Complexity and challenge (DfE 2020); no published ratio: the "consider" weight (LR 2.5)';
const SINCE_SOURCE = 'Brandon M et al., Complexity and challenge (DfE 2020): concerns continuing after a plan ends; no published ratio: half the "consider" weight (LR 1.6)';

/** The last conference that ended the child's plan, when no plan has started since. */
function planEnded(records: readonly EvidenceRecord[]): EvidenceRecord | null {
  let ended: EvidenceRecord | null = null;
  for (const r of records) {
    if (r.kind !== 'conference') continue;
    const decision = (r.document.body as { decision?: string }).decision;
    if (decision === 'plan-ends') ended = r;
    else if (decision === 'plan') ended = null;
  }
  return ended;
}

function whatContinues(r: EvidenceRecord, childId: number): string | null {
  if (!aboutChild(r, childId)) return null;
  if (r.kind === 'concern') return 'a concern';
  if (r.kind === 'referral') return 'a referral';
  if (childInjuries(r, childId).length) return 'an injury';
  if (notSeenAt(r, childId)) return 'a visit that did not see the child';
  return null;
}

export const offPlanConcerns: Rule = {
  id: 'off-plan-concerns',
  version: 1,
  title: 'Taken off a child-protection plan while concerns continue',
  source: 'Brandon M et al., Complexity and challenge: a triennial analysis of serious case reviews 2014-2017 (DfE 2020); DfE, Characteristics of children in need (second or subsequent plans)',
  evaluate(p) {
    if (!p.today.some((r) => whatContinues(r, p.personId))) return null;
    if (childProtectionPlan(p.records)) return null;
    const ended = planEnded(p.records);
    if (!ended || daysBetween(ended.occurredOn, p.asOf) > AFTER_PLAN_DAYS) return null;
    const since = p.records.filter((r) => r.occurredOn > ended.occurredOn && whatContinues(r, p.personId));
    if (!since.length) return null;
    const terms: Term[] = [
      { label: 'child-protection plan ended', weight: CONSIDER_WEIGHT, source: ENDED_SOURCE, evidence: ended.source, basis: 'decision: plan-ends' },
      ...since.flatMap((r): Term[] => {
        // An unseen visit carries the same term as in the not-seen rules, and an injury is weighed where it is
        // found (the physical rules; known-child-seen for a child open to social care): counted once.
        const how = notSeenAt(r, p.personId);
        if (how) return [notSeenTerm(r, how)];
        if (r.kind !== 'concern' && r.kind !== 'referral') return [];
        return [{ label: 'a concern continuing after the plan ended', weight: CONSIDER_WEIGHT / 2, source: SINCE_SOURCE, evidence: r.source, basis: `${whatContinues(r, p.personId)} (${r.kind})` }];
      }),
    ];
    return {
      severity: since.length >= 2 ? 'high' : 'medium',
      terms,
      evidence: [ended.source, ...since.map((r) => r.source)],
      explanation: `${p.name}'s child-protection plan ended on ${ended.occurredOn} (${ended.source}), and since then: ${since.map((r) => `${whatContinues(r, p.personId)} on ${r.occurredOn} (${r.source})`).join('; ')}. The worries that led to the plan may not have gone.`,
    };
  },
};

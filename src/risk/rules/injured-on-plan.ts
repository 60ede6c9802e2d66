// An injury to a child on a child-protection plan, whoever writes it down. A child on a plan is one a
// conference found at continuing risk of significant harm, and the serious case reviews keep finding children
// injured again while on a plan, each injury accepted on the parents' account and the plan left as it was
// (Sidebotham P, Brandon M et al., Pathways to harm, pathways to protection: a triennial analysis of serious
// case reviews 2011 to 2014, DfE 2016; Brandon M et al., Complexity and challenge, DfE 2020). Working Together
// (2023) asks for the plan to be looked at again when circumstances change.
// known-child-seen tells the allocated worker of an injury another agency charts, and weighs it; this rule
// weighs what that one leaves out: an injury the social worker records (a parent tells them of a burn, a bump
// seen at a visit), and one another agency describes only in words. The worker knows of their own record, but
// the injury is evidence about the child all the same.
// Weight: the same term as known-child-seen's for an injury on a plan (NICE CG89 "consider", LR 2.5), with the
// same label on the same plan record, so weighing counts the plan's injuries once in its window. The injury's
// own features are weighed by the physical rules, not here.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childInjuries, childProtectionPlan } from '../facts.ts';
import { said } from '../injury-context.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const INJURED_ON_PLAN_LABEL = 'injured while on a child-protection plan';
const SOURCE = 'Sidebotham P, Brandon M et al., Pathways to harm, pathways to protection (DfE 2016); Brandon M et al., Complexity and challenge (DfE 2020); NICE CG89 (2009, updated 2017) "consider" tier; no published ratio for an injury while on a plan (LR 2.5)';

/**
 * Records that tell of something that has just happened. A conference, strategy discussion or court record
 * about a child recounts their history ("the fracture last August"): its words are not a new injury.
 */
export const TELLS_NEWS: ReadonlySet<string> = new Set(['concern', 'referral', 'visit', 'attendance', 'police-action', 'appointment-missed', 'measurement', 'education', 'death']);

/** The record charts injuries and lists none: it was looked for and not found, whatever the complaint's words. */
export const chartsNone = (r: EvidenceRecord) => {
  const injuries = (r.document.body as { injuries?: unknown }).injuries;
  return Array.isArray(injuries) && injuries.length === 0;
};

/** The injury a record shows on the child, and where: its charted injuries, or its words. */
function injuryIn(r: EvidenceRecord, childId: number): string | null {
  if (!aboutChild(r, childId)) return null;
  const charted = childInjuries(r, childId);
  if (charted.length) return `injuries: ${charted.map((i) => `${i.type}, ${i.site}`).join('; ')}`;
  if (!TELLS_NEWS.has(r.kind) || chartsNone(r)) return null;
  const words = said(r, 'injury')[0];
  return words ? `${words.field}: "${words.phrase}"` : null;
}

/** known-child-seen weighs another agency's charted injury on a plan: not weighed again here. */
const weighedByKnownChildSeen = (r: EvidenceRecord, childId: number) => r.agencyKind !== 'social-care' && childInjuries(r, childId).length > 0;

export const injuredOnPlan: Rule = {
  id: 'injured-on-plan',
  version: 1,
  title: 'An injury to a child on a child-protection plan, recorded by social care or described in words',
  source: 'Sidebotham P, Brandon M et al., Pathways to harm, pathways to protection (DfE 2016); Brandon M et al., Complexity and challenge (DfE 2020); HM Government, Working Together to Safeguard Children (2023)',
  evaluate(p) {
    const injured = p.today
      .filter((r) => !weighedByKnownChildSeen(r, p.personId))
      .map((r) => ({ r, basis: injuryIn(r, p.personId) }))
      .filter((x): x is { r: EvidenceRecord; basis: string } => x.basis !== null);
    if (!injured.length) return null;
    const plan = childProtectionPlan(p.records);
    if (!plan) return null;
    const terms: Term[] = [{
      label: INJURED_ON_PLAN_LABEL, weight: CONSIDER_WEIGHT, source: SOURCE, evidence: plan.source,
      basis: `injury in ${injured.map((x) => `${x.r.source}, ${x.basis}`).join(' and ')}`,
    }];
    return {
      severity: 'medium',
      terms,
      evidence: [...injured.map((x) => x.r.source), plan.source],
      explanation: `${p.name}, subject to a child-protection plan since ${plan.since} (${plan.source}), was injured: ${injured.map((x) => `${x.r.source} (${x.r.kind}) ${x.basis}`).join('; ')}. An injury while on a plan calls for the plan to be looked at again.`,
    };
  },
};

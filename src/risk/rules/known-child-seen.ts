// Any injury, attendance or concern about a child on a child-protection plan or
// open to children's social care tells the allocated worker at once (high for a
// worrying injury on a plan, medium for another injury, low otherwise): what the
// Child Protection Information Sharing service (CP-IS, NHS England) does for
// emergency departments, here for every agency. Social care's own records are
// left out: the worker knows them.
//
// Weights: only an injury is weighed, and only for what this rule adds, the child's standing: a child on a
// plan is one a conference found at continuing risk of significant harm, so an injury to them is a NICE CG89
// "consider" (CONSIDER_WEIGHT, LR 2.5); open to social care, a quarter of that (LR 1.26): most children in
// need are not maltreated, and their ordinary injuries were the benign bench's commonest firing of this rule. The injury's own features (a
// TEN-4-FACESp bruise) are weighed by the physical rules, not again here. Being seen without an injury is
// news for the worker, not evidence of harm: no terms, and it stays low.
import { aboutChild, childInjuries, childProtectionPlan, openToSocialCare } from '../facts.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

const KNOWN_SOURCE = 'NICE CG89 (2009, updated 2017) "consider" tier; no published ratio for an injury while on a plan (LR 2.5) or open to social care (LR 1.26)';
import { niceFeatures } from './nice-cg89.ts';
import { ten4Features } from './ten-4-facesp.ts';

// A growth measurement is the child seen by health; an education change (withdrawn to home education, off the
// roll) is what the allocated worker most needs to hear from a school (Children's Wellbeing and Schools Act).
const SEEN = new Set(['attendance', 'concern', 'police-action', 'appointment-missed', 'visit', 'referral', 'measurement', 'education']);

export const knownChildSeen: Rule = {
  id: 'known-child-seen',
  version: 2,
  title: 'A child on a plan or known to social care seen by another agency',
  source: 'NHS England, Child Protection – Information Sharing (CP-IS); HM Government, Working Together to Safeguard Children (2023), information sharing',
  evaluate(p) {
    const seen = p.today.filter((r) => r.agencyKind !== 'social-care' && SEEN.has(r.kind) && aboutChild(r, p.personId));
    if (!seen.length) return null;
    const plan = childProtectionPlan(p.records);
    const open = plan ? null : openToSocialCare(p);
    if (!plan && !open) return null;
    const injured = seen.filter((r) => childInjuries(r, p.personId).length);
    // An injury on a plan is always told; it is high when the injury itself is a worry (a suspect pattern, no clear explanation).
    // Read with the child's other records: mobility, a birth injury, a bleeding disorder recorded elsewhere.
    const worrying = injured.filter((r) => ten4Features(r, p.personId, p.dob, p.records).length || niceFeatures(r, p.personId, p.dob, p.records).length);
    const severity: Severity = plan ? (worrying.length ? 'high' : injured.length ? 'medium' : 'low') : injured.length ? 'medium' : 'low';
    const status = plan ? `subject to a child-protection plan since ${plan.since} (${plan.source})` : `open to children's social care (${open!.source})`;
    // The child's standing is one fact, however many injuries it meets: one term, on the plan's (or the open
    // case's) record, so weighing counts it once in the window; the injuries are weighed where they are found.
    const terms: Term[] = injured.length ? [{
      label: plan ? 'injured while on a child-protection plan' : 'injured while open to social care',
      weight: plan ? CONSIDER_WEIGHT : CONSIDER_WEIGHT / 4, source: KNOWN_SOURCE, evidence: (plan ?? open)!.source,
      basis: `injuries in ${injured.map((r) => `${r.source}: ${childInjuries(r, p.personId).map((i) => `${i.type}, ${i.site}`).join('; ')}`).join(' and ')}`,
    }] : [];
    return {
      severity,
      ...(terms.length ? { terms } : {}),
      evidence: [...seen.map((r) => r.source), plan?.source ?? open!.source],
      explanation: `${p.name}, ${status}, was ${injured.length ? 'seen with injuries' : 'seen'} by ${[...new Set(seen.map((r) => r.agencyId))].join(', ')} (${seen.map((r) => `${r.kind} ${r.source}`).join('; ')}): the allocated worker must know today.`,
    };
  },
};

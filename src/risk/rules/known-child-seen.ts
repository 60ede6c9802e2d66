// Any injury, attendance or concern about a child on a child-protection plan or
// open to children's social care tells the allocated worker at once (high for a
// worrying injury on a plan, medium for another injury, low otherwise): what the
// Child Protection Information Sharing service (CP-IS, NHS England) does for
// emergency departments, here for every agency. Social care's own records are
// left out: the worker knows them.
import { aboutChild, childInjuries, childProtectionPlan, openToSocialCare } from '../facts.ts';
import type { Rule, Severity } from '../types.ts';
import { niceFeatures } from './nice-cg89.ts';
import { ten4Features } from './ten-4-facesp.ts';

// A growth measurement is the child seen by health; an education change (withdrawn to home education, off the
// roll) is what the allocated worker most needs to hear from a school (Children's Wellbeing and Schools Act).
const SEEN = new Set(['attendance', 'concern', 'police-action', 'appointment-missed', 'visit', 'referral', 'measurement', 'education']);

export const knownChildSeen: Rule = {
  id: 'known-child-seen',
  version: 1,
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
    const worrying = injured.filter((r) => ten4Features(r, p.personId, p.dob).length || niceFeatures(r, p.personId, p.dob).length);
    const severity: Severity = plan ? (worrying.length ? 'high' : injured.length ? 'medium' : 'low') : injured.length ? 'medium' : 'low';
    const status = plan ? `subject to a child-protection plan since ${plan.since} (${plan.source})` : `open to children's social care (${open!.source})`;
    return {
      severity,
      evidence: [...seen.map((r) => r.source), plan?.source ?? open!.source],
      explanation: `${p.name}, ${status}, was ${injured.length ? 'seen with injuries' : 'seen'} by ${[...new Set(seen.map((r) => r.agencyId))].join(', ')} (${seen.map((r) => `${r.kind} ${r.source}`).join('; ')}): the allocated worker must know today.`,
    };
  },
};

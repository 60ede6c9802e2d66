// A child withdrawn from school to home education while subject to a section 47 enquiry or a child-protection
// plan. The Children's Wellbeing and Schools Act 2025 makes such a withdrawal need the local authority's
// consent, because a child taken out of school while an enquiry or plan is running loses the professionals who
// see them most (the Child Safeguarding Practice Review Panel's reviews of children educated at home). Open to
// social care otherwise (a child in need), it is a lesser concern. A section 47 enquiry is open from a strategy
// discussion deciding one until its outcome; a plan from the conference until one ends it. An enquiry closed, or
// a plan ended, before the withdrawal is the context that stops it.
// Weights: during an enquiry or on a plan, the "suspect" weight (LR 7.4, high alone): no ratio is published,
// and the Act's requirement of consent is the evidence base's own judgement that this is serious; open to
// social care, a "consider" (LR 2.5).
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childProtectionPlan, openToSocialCare } from '../facts.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT, SUSPECT_WEIGHT } from '../weigh.ts';

const ACT = "Children's Wellbeing and Schools Act 2025: local authority consent to educate at home a child subject to a section 47 enquiry or a child-protection plan";

/** The strategy discussion that opened a section 47 enquiry with no outcome recorded since. */
export function openEnquiry(records: readonly EvidenceRecord[]): EvidenceRecord | null {
  let open: EvidenceRecord | null = null;
  for (const r of records) {
    const decision = (r.document.body as { decision?: string }).decision;
    if (r.kind === 'strategy-discussion') open = decision === 'section-47' ? r : null;
    else if (r.kind === 'enquiry-outcome') open = null;
  }
  return open;
}

export const withdrawnEducation = (r: EvidenceRecord, childId: number) =>
  r.kind === 'education' && aboutChild(r, childId) && (r.document.body as { change?: string }).change === 'withdrawn-home-education';

export const homeEducationWithdrawal: Rule = {
  id: 'home-education-withdrawal',
  version: 1,
  title: 'Withdrawn to home education during a section 47 enquiry or on a plan',
  source: ACT,
  evaluate(p) {
    const withdrawn = p.today.filter((r) => withdrawnEducation(r, p.personId));
    if (!withdrawn.length) return null;
    const enquiry = openEnquiry(p.records);
    const plan = childProtectionPlan(p.records);
    const open = enquiry || plan ? null : openToSocialCare(p);
    if (!enquiry && !plan && !open) return null;
    const status = plan ? `on a child-protection plan (${plan.source})` : enquiry ? `subject to a section 47 enquiry (${enquiry.source})` : `open to social care (${open!.source})`;
    const serious = !!(plan || enquiry);
    const terms: Term[] = withdrawn.map((r) => ({
      label: serious ? 'withdrawn to home education during an enquiry or on a plan' : 'withdrawn to home education while open to social care',
      weight: serious ? SUSPECT_WEIGHT : CONSIDER_WEIGHT,
      source: serious ? `${ACT}; no published ratio: the "suspect" weight (LR 7.4)` : `${ACT} (a lesser concern for a child in need); no published ratio: the "consider" weight (LR 2.5)`,
      evidence: r.source, basis: `change: withdrawn-home-education, while ${status}`,
    }));
    return {
      severity: serious ? 'high' : 'medium',
      terms,
      evidence: [...withdrawn.map((r) => r.source), (plan ?? enquiry ?? open)!.source],
      explanation: `${p.name} was withdrawn from school to home education (${withdrawn.map((r) => r.source).join(', ')}) while ${status}`
        + (serious ? ": the Children's Wellbeing and Schools Act asks for the local authority's consent, and the child loses the professionals who see them most." : ': the child loses the professionals who see them most.'),
    };
  },
};

// An incomplete examination of a child on a child-protection plan who has had
// injuries recently: reviews find children with recorded bruises not fully
// examined because they were "miserable" or "cranky" (Brandon et al., triennial
// analyses of serious case reviews; NICE CG89 recommends a full examination
// when maltreatment is suspected). Critical on a plan; medium when
// the child is otherwise open to social care.
// It is about what an agency did not do, like the statutory clocks: it carries no terms and keeps its own
// severity (weigh.ts). The injuries it follows carry their own terms in their own findings, and birthmarks,
// corrections and the baby's own scratches are not injuries here either (facts.ts childInjuries).
import { childInjuries, childProtectionPlan, openToSocialCare, within } from '../facts.ts';
import type { Rule } from '../types.ts';

export const RECENT_INJURY_DAYS = 90;

export const incompleteExamination: Rule = {
  id: 'incomplete-examination',
  version: 2,
  title: 'Incomplete examination of a child on a plan with recent injuries',
  source: 'Brandon et al., triennial analyses of serious case reviews; NICE guideline CG89 (2009, updated 2017), recommendation 1.1.1',
  evaluate(p) {
    const partial = p.today.filter((r) => r.kind === 'attendance'
      && ['partial', 'not-done'].includes((r.document.body as { examination?: string }).examination ?? ''));
    if (!partial.length) return null;
    const plan = childProtectionPlan(p.records);
    const open = plan ?? openToSocialCare(p);
    if (!open) return null;
    const injured = p.records.filter((r) => within(r, p.asOf, RECENT_INJURY_DAYS) && childInjuries(r, p.personId).length);
    if (!injured.length) return null;
    const notes = partial.map((r) => (r.document.body as { examinationNote?: string }).examinationNote).filter(Boolean);
    return {
      severity: plan ? 'critical' : 'medium',
      evidence: [...new Set([...partial.map((r) => r.source), ...injured.map((r) => r.source), open.source])],
      explanation: `${p.name} was not fully examined (${partial.map((r) => r.source).join(', ')}${notes.length ? `: "${notes.join('"; "')}"` : ''}) while ${plan ? 'on a child-protection plan' : 'open to social care'} (${open.source}) and with injuries recorded in the last ${RECENT_INJURY_DAYS} days (${injured.map((r) => r.source).join(', ')}).`,
    };
  },
};

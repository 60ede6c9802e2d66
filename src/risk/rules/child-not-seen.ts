// A child not seen: visits with no reply, entry refused, the child seen only on the doorstep or not seen
// inside, one after another with no visit between that saw the child in their home. The serious case reviews
// keep finding children who were not seen or heard for weeks while the adults were (Brandon et al.,
// Understanding serious case reviews and their impact, DCSF 2009; Sidebotham et al., Pathways to harm,
// pathways to protection, DfE 2016; Ofsted, The voice of the child, 2011); Working Together to Safeguard
// Children (2023) asks that the child be seen, and seen alone.
// - two or more such visits within 90 days, counted since the last visit that saw the child inside;
// - or entry refused once, for a child on a child-protection plan or open to social care.
// A visit that sees the child in their home ends the run (the context that stops it). A child seen by another
// service since (an attendance about them) lowers it: someone has seen them, if not at home.
// Weights: each visit half a "consider" (LR 1.6), entry refused a whole one (visits.ts); the child's standing
// on a plan a "consider", open to social care LR 2; seen elsewhere since, minus half a "consider".
import { aboutChild, afterBirth, childProtectionPlan, notYetBorn, openToSocialCare, within } from '../facts.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { notSeenAt, notSeenTerm, NOT_SEEN_WORDS, unseenSinceLastSeen } from '../visits.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const NOT_SEEN_DAYS = 90;
const STANDING_SOURCE = 'Working Together to Safeguard Children (2023): a child on a plan or in need is seen; no published ratio: the "consider" weight on a plan (LR 2.5), LR 2 open to social care';
const ELSEWHERE_SOURCE = 'Judgement: another service has seen the child since (an attendance), which the reviews ask for when a home visit fails; minus half the "consider" weight';

export const childNotSeen: Rule = {
  id: 'child-not-seen',
  version: 1,
  title: 'A child not seen: no reply, entry refused, seen only on the doorstep',
  source: 'Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009); Sidebotham P et al., Pathways to harm, pathways to protection: a triennial analysis of serious case reviews 2011 to 2014 (DfE 2016); HM Government, Working Together to Safeguard Children (2023)',
  evaluate(p) {
    if (notYetBorn(p) || !p.today.some((r) => notSeenAt(r, p.personId))) return null;
    const run = unseenSinceLastSeen(p.records, p.personId).filter((r) => within(r, p.asOf, NOT_SEEN_DAYS) && afterBirth(p, r));
    const plan = childProtectionPlan(p.records);
    const open = plan ?? openToSocialCare(p);
    const refused = run.filter((r) => notSeenAt(r, p.personId) === 'refused');
    if (run.length < 2 && !(refused.length && open)) return null;
    const first = run[0]!.occurredOn;
    const elsewhere = p.records.filter((r) => r.occurredOn >= first && r.kind === 'attendance' && aboutChild(r, p.personId));
    const terms: Term[] = run.map((r) => notSeenTerm(r, notSeenAt(r, p.personId)!));
    if (open) {
      terms.push({ label: plan ? 'not seen while on a child-protection plan' : 'not seen while open to social care', weight: plan ? CONSIDER_WEIGHT : 1,
        source: STANDING_SOURCE, evidence: open.source, basis: plan ? 'decision: plan' : 'open to social care' });
    }
    const lastSeenElsewhere = elsewhere.at(-1);
    if (lastSeenElsewhere) {
      terms.push({ label: 'seen by another service since', weight: -CONSIDER_WEIGHT / 2, source: ELSEWHERE_SOURCE, evidence: lastSeenElsewhere.source, basis: `${lastSeenElsewhere.kind} ${lastSeenElsewhere.occurredOn}` });
    }
    const severity: Severity = (refused.length && plan) || run.length >= 3 ? 'high' : 'medium';
    return {
      severity,
      terms,
      evidence: run.map((r) => r.source),
      explanation: `${p.name} has not been seen at home on ${run.length} visit${run.length === 1 ? '' : 's'} in a row (${run.map((r) => `${r.occurredOn} ${NOT_SEEN_WORDS[notSeenAt(r, p.personId)!]}, ${r.source}`).join('; ')})`
        + (open ? ` while ${plan ? `on a child-protection plan (${plan.source})` : `open to social care (${open.source})`}` : '')
        + (lastSeenElsewhere ? `; seen by another service since (${lastSeenElsewhere.source}, ${lastSeenElsewhere.occurredOn}), which lowers it` : '')
        + ': the child must be seen, and seen alone.',
    };
  },
};

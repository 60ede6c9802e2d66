// Concerns raised by relatives, neighbours or the public, again and again, each closed with no further action.
// The serious case reviews keep finding that what family members and neighbours said was discounted
// (Brandon M et al., Analysing child deaths and serious injury through abuse and neglect, DCSF 2008, and the
// triennial analyses since; the contract's `reportedBy` exists for this), and a report closed without
// substantiation carries about the same risk of later maltreatment as one substantiated (Kohl PL,
// Jonson-Reid M, Drake B, Time to leave substantiation behind, Child Maltreatment 2009;14(1):17-26).
// Who raised it: `reportedBy` (contract revision 2), or, where a record does not say, the words ("a neighbour
// called to say…": the text reader's attribution of a concern it reads in the description, reason or narrative).
// Fires on a new concern or referral from a relative, neighbour, member of the public or anonymous caller,
// when an earlier one in the year was closed with no further action (an enquiry outcome or strategy discussion
// deciding it). Any of them taken up since (a section 47 enquiry, a conference, a child-in-need plan, a
// child-protection plan) is the context that stops it: the concerns were heard.
// Weights: each such concern half a "consider" (LR 1.6); each closure followed by another concern half a
// "consider": two concerns and a closure are medium, three concerns and two closures high.
import type { EvidenceRecord } from '../../household/derive.ts';
import type { ReportedBy } from '../../records/types.ts';
import { aboutChild, childProtectionPlan, within } from '../facts.ts';
import { signalsIn } from '../text/signals.ts';
import { CONCERN_SIGNALS } from '../text/vocabulary.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const CONCERN_YEAR_DAYS = 365;
const COMMUNITY: readonly ReportedBy[] = ['relative', 'neighbour', 'member-of-public', 'anonymous'];
const WHO: Record<string, string> = { relative: 'a relative', neighbour: 'a neighbour', 'member-of-public': 'a member of the public', anonymous: 'an anonymous caller' };
const CONCERN_SOURCE = 'Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF 2008) and the triennial analyses since: concerns of family and neighbours discounted; no published ratio: half the "consider" weight (LR 1.6)';
const CLOSED_SOURCE = 'Kohl PL, Jonson-Reid M, Drake B, Child Maltreatment 2009;14(1):17-26: unsubstantiated reports recur much as substantiated ones; no published ratio: half the "consider" weight (LR 1.6)';

const FROM_WORDS: Record<string, ReportedBy> = { relative: 'relative', neighbour: 'neighbour', public: 'member-of-public' };
const CONCERNS = new Set<string>(CONCERN_SIGNALS);

/** Who first raised the concern, and where the record says so: its `reportedBy`, else who its words say reported harm. */
function reported(r: EvidenceRecord): { by: ReportedBy; basis: string } | undefined {
  const given = (r.document.body as { reportedBy?: ReportedBy }).reportedBy;
  if (given) return { by: given, basis: `reportedBy: ${given}` };
  if (r.kind !== 'concern' && r.kind !== 'referral') return undefined;
  const said = signalsIn(r).find((s) => CONCERNS.has(s.code) && !s.negated && s.attribution && FROM_WORDS[s.attribution]);
  return said ? { by: FROM_WORDS[said.attribution!]!, basis: `${said.field}: "${said.phrase}"` } : undefined;
}
const reporter = (r: EvidenceRecord) => reported(r)?.by;

export function communityConcern(r: EvidenceRecord, childId: number): boolean {
  const by = reporter(r);
  return (r.kind === 'concern' || r.kind === 'referral') && !!by && COMMUNITY.includes(by) && aboutChild(r, childId);
}

const decisionOf = (r: EvidenceRecord) => (r.document.body as { decision?: string }).decision;
const closes = (r: EvidenceRecord) => (r.kind === 'enquiry-outcome' || r.kind === 'strategy-discussion') && decisionOf(r) === 'no-further-action';
const takesUp = (r: EvidenceRecord) => (r.kind === 'strategy-discussion' && decisionOf(r) === 'section-47')
  || (r.kind === 'enquiry-outcome' && (decisionOf(r) === 'conference' || decisionOf(r) === 'child-in-need'))
  || (r.kind === 'conference' && decisionOf(r) === 'plan');

export const communityConcernsClosed: Rule = {
  id: 'community-concerns-closed',
  version: 1,
  title: 'Concerns from relatives, neighbours or the public raised again after being closed',
  source: 'Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF 2008) and the triennial analyses of serious case reviews since; Kohl PL et al., Child Maltreatment 2009;14(1):17-26',
  evaluate(p) {
    const today = p.today.filter((r) => communityConcern(r, p.personId));
    if (!today.length) return null;
    const year = p.records.filter((r) => within(r, p.asOf, CONCERN_YEAR_DAYS));
    const concerns = year.filter((r) => communityConcern(r, p.personId));
    const first = concerns[0]!;
    // Taken up since the first of them, or the child on a plan: the concerns were heard.
    if (childProtectionPlan(p.records) || year.some((r) => r.occurredOn >= first.occurredOn && takesUp(r))) return null;
    // Each earlier concern closed with no further action before the next one was raised.
    const closures: EvidenceRecord[] = [];
    for (let i = 0; i + 1 < concerns.length; i++) {
      const [c, next] = [concerns[i]!, concerns[i + 1]!];
      const closed = year.find((r) => closes(r) && r.occurredOn >= c.occurredOn && r.occurredOn <= next.occurredOn && !closures.includes(r));
      if (closed) closures.push(closed);
    }
    if (!closures.length) return null;
    const terms: Term[] = [
      ...concerns.map((r) => ({ label: `a concern raised by ${WHO[reporter(r)!]}`, weight: CONSIDER_WEIGHT / 2, source: CONCERN_SOURCE, evidence: r.source, basis: reported(r)!.basis })),
      ...closures.map((r) => ({ label: 'closed with no further action, then raised again', weight: CONSIDER_WEIGHT / 2, source: CLOSED_SOURCE, evidence: r.source, basis: `${r.kind}, decision: no-further-action` })),
    ];
    return {
      severity: closures.length >= 2 ? 'high' : 'medium',
      terms,
      evidence: [...concerns.map((r) => r.source), ...closures.map((r) => r.source)],
      explanation: `${concerns.length} concerns about ${p.name} from outside the professions in a year (${concerns.map((r) => `${WHO[reporter(r)!]} on ${r.occurredOn}, ${r.source}`).join('; ')}), `
        + `${closures.length} of them closed with no further action (${closures.map((r) => `${r.source}, ${r.occurredOn}`).join('; ')}) before the next was raised: what family and neighbours say is evidence, not noise.`,
    };
  },
};

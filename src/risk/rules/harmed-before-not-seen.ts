// A child already found to have suffered significant harm, living at home, and not seen: a visit that did not
// see them, or one that saw them only with their carers present after visits that did not. Previous
// maltreatment is the strongest predictor of maltreatment again (Hindley N, Ramchandani PG, Jones DPH, Risk
// factors for recurrence of maltreatment: a systematic review, Arch Dis Child 2006;91(9):744-52), and children
// returned home after harm are the group most often harmed again (Farmer E, Lutman E, DCSF 2010). The serious
// case reviews find such children unseen for months, or seen briefly in the parents' presence, never alone,
// undressed or weighed, while workers took the parents' co-operation at face value (Brandon M et al.,
// Understanding serious case reviews and their impact, DCSF 2009: "the child was not seen, or not seen alone";
// Working Together to Safeguard Children 2023: a child at risk is seen, and seen alone).
// Significant harm is found when a court or the local authority has said so in a record about the child: legal
// advice that the care-proceedings threshold is met, or a section 47 enquiry that substantiated harm. A child
// placed away from home and not returned is not at home, and this rule does not speak of them.
// Fires on a day with a visit about the child that:
// - did not see them (visits.ts: entry refused, no reply, doorstep, not seen);
// - or saw them, but not alone, when they are old enough to be spoken to alone, after at least one visit since
//   the last that saw them alone did not see them at all (a glimpse after a run of absences is not a sighting).
// Weights (no published likelihood ratio for either): significant harm found before, NICE's "consider" weight
// (weigh.ts CONSIDER_WEIGHT); each visit that did not see the child as visits.ts weighs it (the same term whichever
// rule cites it, so weighing counts it once); a sighting only in the carers' presence after such visits, half a
// "consider", as a visit that did not see the child.
import { placementWindows } from '../../household/timeline.ts';
import type { VisitBody } from '../../records/types.ts';
import { ageAt, type EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, afterBirth, notYetBorn, within } from '../facts.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { notSeenAt, notSeenTerm, NOT_SEEN_WORDS } from '../visits.ts';
import { CONSIDER_WEIGHT, HIGH_AT, MEDIUM_AT } from '../weigh.ts';

/** How far back the visits that did not see the child count: a year, as the re-referral measure does. */
export const UNSEEN_LOOKBACK_DAYS = 365;
/** From this age a child can be spoken to alone (Working Together 2023: seen alone, by age and understanding). */
export const SEEN_ALONE_FROM_YEARS = 3;

const HISTORY_SOURCE = 'Hindley N, Ramchandani PG, Jones DPH, Arch Dis Child 2006;91(9):744-52 (previous maltreatment the strongest predictor of recurrence); Farmer E, Lutman E (DCSF 2010); no published ratio: NICE\'s "consider" weight (LR 2.5)';
const GLIMPSE_SOURCE = 'Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009): children not seen alone; Working Together to Safeguard Children (2023); no published ratio: half the "consider" weight (LR 1.6), as a visit that did not see the child';

/** The record in which significant harm to the child was found, the earliest, with the field that says so. */
export function harmFound(records: readonly EvidenceRecord[], childId: number): { r: EvidenceRecord; basis: string } | null {
  for (const r of records) {
    if (!aboutChild(r, childId)) continue;
    const body = r.document.body as { question?: string; thresholdMet?: boolean; substantiated?: boolean };
    if (r.kind === 'legal-advice' && body.question === 'care-proceedings-threshold' && body.thresholdMet === true) {
      return { r, basis: 'question: care-proceedings-threshold, thresholdMet: true' };
    }
    if (r.kind === 'enquiry-outcome' && body.substantiated === true) return { r, basis: 'substantiated: true' };
  }
  return null;
}

const isVisitAbout = (r: EvidenceRecord, childId: number) => r.kind === 'visit' && aboutChild(r, childId);
const seenAlone = (r: EvidenceRecord) => (r.document.body as Partial<VisitBody>).childSeenAlone === true;
const seenNotAlone = (r: EvidenceRecord, childId: number) => isVisitAbout(r, childId) && notSeenAt(r, childId) === null
  && (r.document.body as Partial<VisitBody>).childSeen === true && !seenAlone(r);

export const harmedBeforeNotSeen: Rule = {
  id: 'harmed-before-not-seen',
  version: 1,
  title: 'A child harmed before, at home, and not seen (or seen only with the carers present)',
  source: 'Hindley N et al., Arch Dis Child 2006;91(9):744-52; Farmer E, Lutman E (DCSF 2010); Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009); HM Government, Working Together to Safeguard Children (2023)',
  evaluate(p) {
    const visits = p.today.filter((r) => isVisitAbout(r, p.personId));
    if (!visits.length || notYetBorn(p)) return null;
    const harm = harmFound(p.records, p.personId);
    if (!harm) return null;
    // Placed away and not back: the child is not at home.
    if (placementWindows([...p.records], p.personId).some((w) => w.until === null || w.until > p.asOf)) return null;
    // The visits since the last one that saw the child alone, in the last year.
    let since: EvidenceRecord[] = [];
    for (const r of p.records) {
      if (!isVisitAbout(r, p.personId)) continue;
      if (seenAlone(r)) since = [];
      else since.push(r);
    }
    since = since.filter((r) => within(r, p.asOf, UNSEEN_LOOKBACK_DAYS) && afterBirth(p, r));
    const unseen = since.filter((r) => notSeenAt(r, p.personId));
    const unseenToday = visits.filter((r) => notSeenAt(r, p.personId));
    const age = ageAt(p.dob, p.asOf);
    const glimpse = unseenToday.length ? undefined : visits.find((r) => seenNotAlone(r, p.personId)
      && age !== null && age >= SEEN_ALONE_FROM_YEARS && unseen.some((u) => u.occurredOn < r.occurredOn));
    if (!unseenToday.length && !glimpse) return null;
    const terms: Term[] = [
      { label: 'significant harm found before', weight: CONSIDER_WEIGHT, source: HISTORY_SOURCE, evidence: harm.r.source, basis: harm.basis },
      ...unseen.map((r) => notSeenTerm(r, notSeenAt(r, p.personId)!)),
    ];
    if (glimpse) {
      terms.push({ label: 'seen only with the carers present, after visits that did not see the child', weight: CONSIDER_WEIGHT / 2, source: GLIMPSE_SOURCE,
        evidence: glimpse.source, basis: `childSeen: true, childSeenAlone: false (${(glimpse.document.body as Partial<VisitBody>).purpose ?? 'visit'})` });
    }
    const sum = terms.reduce((s, t) => s + t.weight, 0);
    const severity: Severity = sum >= HIGH_AT ? 'high' : sum >= MEDIUM_AT ? 'medium' : 'low';
    return {
      severity,
      terms,
      // The harm found before is a risk factor, not harm seen now: it never makes a finding critical (weigh.ts).
      contributing: [harm.r.source],
      evidence: [harm.r.source, ...unseen.map((r) => r.source), ...(glimpse ? [glimpse.source] : [])],
      explanation: `Significant harm to ${p.name} was found (${harm.r.source}, ${harm.r.occurredOn}: ${harm.basis}), and ${p.name} is at home`
        + (unseen.length ? `; not seen at ${unseen.length} visit${unseen.length === 1 ? '' : 's'} since last seen alone (${unseen.map((r) => `${r.occurredOn} ${NOT_SEEN_WORDS[notSeenAt(r, p.personId)!]}, ${r.source}`).join('; ')})` : '')
        + (glimpse ? `; then seen only with the carers present, not alone (${glimpse.source}, ${glimpse.occurredOn})` : '')
        + '. A child harmed before is the child most likely to be harmed again: they must be seen, and seen alone.',
    };
  },
};

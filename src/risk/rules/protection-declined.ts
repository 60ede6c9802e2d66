// Harm substantiated, then no child-protection plan: a section 47 enquiry substantiated the concerns, and the
// decision that followed did not protect the child with a plan (a conference deciding no plan, or the enquiry
// itself ending in a child-in-need plan or no further action). Children maltreated before are about six times as
// likely as others to be maltreated again, most of all in the months after the episode (Hindley N, Ramchandani
// PG, Jones DPH, Risk factors for recurrence of maltreatment: a systematic review, Arch Dis Child 2006;91:744-52),
// and the triennial analyses of serious case reviews find children whose substantiated harm led to support rather
// than protection, and whose later injuries were each seen alone (Brandon M et al., Understanding serious case
// reviews and their impact, DCSF 2009; Complexity and challenge, DfE 2020).
// It fires on the day protection is declined, and on each day in the year after the substantiation when a new
// concern, referral, injury or unseen visit about the child is recorded. A plan made since is the context that
// stops it: the conference has the child, and the plan's own rules tell the worker (a plan that ends is
// off-plan-concerns' pattern).
// Weights: the substantiation, log2 6 (Hindley 2006: relative risk about 6, taken as the likelihood ratio of
// "maltreated before" for maltreatment now), once, on the substantiating record, as a contributing factor (a
// history, not a sign of harm today): it can make high, never critical. Each new concern or referral since, half a
// "consider" (LR 1.6), together no more than one "consider" (the same repeated worry). Injuries and unseen visits
// are weighed where they are found (the physical rules, visits.ts), not again here.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childProtectionPlan, daysBetween, standingInjuries } from '../facts.ts';
import type { Corrections } from '../injury-context.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { notSeenAt } from '../visits.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

/** How long after a substantiated enquiry a new concern still reads as recurrence: a year (Hindley 2006: the risk is highest early and falls after). */
export const RECURRENCE_DAYS = 365;
/** log2 of the relative risk of recurrence for children maltreated before (Hindley 2006: about 6). */
export const SUBSTANTIATED_WEIGHT = Math.log2(6); // 2.58
const SUBSTANTIATED_SOURCE = 'Hindley N, Ramchandani PG, Jones DPH. Risk factors for recurrence of maltreatment: a systematic review. Arch Dis Child 2006;91:744-52 (maltreated before: about six times the risk, highest soon after); taken as LR 6';
const SINCE_SOURCE = 'Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009); Complexity and challenge (DfE 2020): concerns continuing after harm was substantiated without a plan; no published ratio: half the "consider" weight (LR 1.6), together at most one "consider"';
const SINCE_CAP = { group: 'concerns after protection was declined', weight: CONSIDER_WEIGHT };

const decisionOf = (r: EvidenceRecord) => (r.document.body as { decision?: string }).decision;

interface Declined {
  /** the enquiry outcome that substantiated the concerns */
  substantiated: EvidenceRecord;
  /** the record that declined protection: a conference deciding no plan, or the enquiry's own decision */
  declined: EvidenceRecord;
}

/**
 * The latest substantiated enquiry about the child in the year before `asOf`, and the decision after it that
 * made no plan; null when a plan was made since, or the conference it asked for has not yet sat.
 */
export function protectionDeclined(records: readonly EvidenceRecord[], childId: number, asOf: string): Declined | null {
  let found: Declined | null = null;
  let pending: EvidenceRecord | null = null;
  for (const r of records) {
    if (r.occurredOn > asOf) break;
    const body = r.document.body as { substantiated?: boolean };
    if (r.kind === 'enquiry-outcome' && aboutChild(r, childId) && body.substantiated === true) {
      const decision = decisionOf(r);
      if (decision === 'conference') { pending = r; found = null; } else { pending = null; found = { substantiated: r, declined: r }; }
    } else if (r.kind === 'conference' && aboutChild(r, childId)) {
      if (decisionOf(r) === 'plan') { pending = null; found = null; } else if (pending && decisionOf(r) === 'no-plan') { found = { substantiated: pending, declined: r }; pending = null; }
    }
  }
  if (!found || daysBetween(found.substantiated.occurredOn, asOf) > RECURRENCE_DAYS) return null;
  return found;
}

/** What a record about the child adds after protection was declined: a concern, referral, injury or unseen visit. */
function continuing(r: EvidenceRecord, childId: number, corrections: Corrections | undefined): string | null {
  if (!aboutChild(r, childId)) return null;
  if (r.kind === 'concern') return 'a concern';
  if (r.kind === 'referral') return 'a referral';
  if (standingInjuries(r, childId, corrections).length) return 'an injury';
  if (notSeenAt(r, childId)) return 'a visit that did not see the child';
  return null;
}

export const protectionDeclinedRule: Rule = {
  id: 'protection-declined',
  version: 1,
  title: 'Harm substantiated, then no child-protection plan, and concerns since',
  source: 'Hindley N et al., Arch Dis Child 2006;91:744-52 (recurrence of maltreatment); Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009) and Complexity and challenge (DfE 2020)',
  evaluate(p) {
    if (!p.today.length || childProtectionPlan(p.records)) return null;
    const d = protectionDeclined(p.records, p.personId, p.asOf);
    if (!d) return null;
    const decidedToday = p.today.includes(d.declined);
    const after = p.records.filter((r) => r.occurredOn > d.declined.occurredOn && continuing(r, p.personId, p.corrections));
    const newToday = after.some((r) => p.today.includes(r));
    if (!decidedToday && !newToday) return null;
    // One term for each day's concerns: the nursery and the health visitor told of the same bruises are one worry.
    const days = new Map<string, EvidenceRecord>();
    for (const r of after) if ((r.kind === 'concern' || r.kind === 'referral') && !days.has(r.occurredOn)) days.set(r.occurredOn, r);
    const terms: Term[] = [
      { label: 'harm substantiated by an enquiry, no child-protection plan made', weight: SUBSTANTIATED_WEIGHT, source: SUBSTANTIATED_SOURCE,
        evidence: d.substantiated.source, basis: `substantiated: true; then ${d.declined.kind} decision: ${decisionOf(d.declined)} (${d.declined.source})` },
      ...[...days.values()].map((r) => ({ label: 'a concern after harm was substantiated without a plan', weight: CONSIDER_WEIGHT / 2, cap: SINCE_CAP,
        source: SINCE_SOURCE, evidence: r.source, basis: `${r.kind} ${r.occurredOn}` })),
    ];
    const severity: Severity = after.length >= 2 ? 'high' : 'medium';
    const evidence = [...new Set([d.substantiated.source, d.declined.source, ...after.map((r) => r.source)])];
    return {
      severity,
      terms,
      evidence,
      // The substantiation is the child's history, not harm seen today: it raises, never makes critical.
      contributing: [d.substantiated.source],
      explanation: `A section 47 enquiry about ${p.name} substantiated the concerns on ${d.substantiated.occurredOn} (${d.substantiated.source}), and `
        + (d.declined === d.substantiated ? `it ended with ${decisionOf(d.declined)?.replace(/-/g, ' ')}` : `the conference on ${d.declined.occurredOn} (${d.declined.source}) decided no plan`)
        + (after.length ? `; since then: ${after.map((r) => `${continuing(r, p.personId, p.corrections)} on ${r.occurredOn} (${r.source})`).join('; ')}` : '')
        + '. A child harmed before is about six times as likely to be harmed again, most of all in the months after: read what is new against the enquiry.',
    };
  },
};

// Domestic abuse in the child's home with the child there: a police record, referral or concern that names the
// child and records domestic abuse (an offence, or words: "domestic abuse", "domestic violence", "domestic
// incident", "DV"). A child who sees, hears or experiences the effects of domestic abuse is a victim of it in their
// own right (Domestic Abuse Act 2021, s.3), domestic abuse is found in most serious case reviews (Brandon M et al.,
// New learning from serious case reviews, DfE 2012; Complexity and challenge, DfE 2020), and the police notify
// children's services of every incident with a child present (Working Together to Safeguard Children, 2023;
// Operation Encompass for schools). Denied words ("no domestic abuse disclosed") never count.
// One incident is the records within three days of each other (the police log and their notification next day).
// Weights: no study gives a likelihood ratio for an incident as records hold it: each incident is the toxic-trio
// factor's "consider" (LR 2.5), with the same label and record as that factor (physical-weights.ts factorTerms),
// so an incident raised by this rule and by another rule's parental risk factors counts once; a contributing
// factor (it can make high, never critical alone). A single standard incident with the child there is a
// notification matter (the police notify children's services and, through Operation Encompass, the school):
// medium, for the family's workers to know. What raises it is what the multi-agency risk assessment
// conference (MARAC) criteria name (SafeLives, MARAC guidance and the DASH risk identification checklist, 2009):
// - "potential escalation": three or more police call-outs in 12 months. Two standard incidents are one
//   household's repeat, together half a "consider" more than one (LR 3.95: medium); three or more add the
//   escalation term at the "suspect" weight (weigh.ts SUSPECT_WEIGHT), so high;
// - "visible high risk": an offence recorded that the checklist asks about as a high-risk feature (injury
//   beyond common assault, strangulation or choking, a weapon, threats to kill, sexual violence), read from the
//   police record's offence field: at the "suspect" weight, so high.
// Both are contributing factors, as the incidents are: high, never critical on their own.
import type { EvidenceRecord } from '../../household/derive.ts';
import { daysBetween, isChildIn, within } from '../facts.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { basisOf, readSignals } from '../words.ts';
import { CONSIDER_WEIGHT, SUSPECT_WEIGHT } from '../weigh.ts';

/** Incidents counted back this far: a year, as the parental risk factors (facts.ts FACTOR_DAYS). */
export const INCIDENT_DAYS = 365;
const SAME_INCIDENT_DAYS = 3;
const DOMESTIC = /\b(?:domestic(?:ally)?|intimate partner|coercive)\b/i;
/**
 * Words of an adult's past ("a conviction for domestic violence against an ex-partner", "police previously called"):
 * the violent-adult rule's evidence about that adult, not an incident in this child's home.
 */
const HISTORY = /\b(?:history|histories|convict\w*|previous(?:ly)?|past|prior|formerly|former|ex-?partners?|years? ago)\b/i;
/** Abbreviations only in capitals: "DA" and "DV" are also initials and words. */
const DOMESTIC_CAPITALS = /\b(?:DV|DA|MARAC|DVPN|DVPO)\b/;
const KINDS = new Set(['police-action', 'referral', 'concern']);
const SOURCE = 'Domestic Abuse Act 2021, s.3 (children as victims); Brandon M et al., New learning from serious case reviews (DfE 2012): the "toxic trio" in most reviews; a contributing factor at the "consider" weight (LR 2.5), repeated standard incidents together at most one and a half';
const CAP = { group: 'domestic abuse incidents', weight: 1.5 * CONSIDER_WEIGHT };
const MARAC = 'SafeLives, MARAC guidance and DASH risk identification checklist (2009)';
/** The MARAC "potential escalation" criterion: this many police call-outs in INCIDENT_DAYS. */
export const ESCALATION_INCIDENTS = 3;
/** Offences the DASH checklist treats as high-risk features, as police systems name them. */
const HIGH_RISK_OFFENCE = /\b(?:actual bodily harm|a\.?b\.?h|grievous bodily harm|g\.?b\.?h|wounding|strangl\w*|suffocat\w*|chok\w*|weapon|knife|firearm|threats? to kill|rape|sexual)\b/i;

/** The police offence field of a record, when it names a high-risk feature. */
function highRiskOffence(r: EvidenceRecord): string | undefined {
  const offence = (r.document.body as { offence?: unknown }).offence;
  return r.kind === 'police-action' && typeof offence === 'string' && HIGH_RISK_OFFENCE.test(offence) ? `offence: "${offence}"` : undefined;
}

/** The words of a record that say domestic abuse, when it names the child; undefined otherwise. */
export function domesticAbuseIn(r: EvidenceRecord, childId: number): string | undefined {
  return isChildIn(r, childId).length ? domesticAbuseSaid(r) : undefined;
}

/** The field or words of a police record, referral or concern that say domestic abuse now (not an adult's past), whoever it names. */
export function domesticAbuseSaid(r: EvidenceRecord): string | undefined {
  if (!KINDS.has(r.kind)) return undefined;
  // A police offence is a field, read whole: "assault (domestic)" is one offence, whatever the reader's phrase.
  // A police record closing the allegation with no further action is not an incident.
  const body = r.document.body as { action?: string; offence?: string };
  if (r.kind === 'police-action' && body.action === 'no-further-action') return undefined;
  if (r.kind === 'police-action' && body.offence && /\bdomestic/i.test(body.offence)) return `offence: "${body.offence}"`;
  const said = readSignals(r, ['violent-adult']).found.find((s) => (DOMESTIC.test(s.phrase) || DOMESTIC_CAPITALS.test(s.phrase)) && !HISTORY.test(s.phrase));
  return said ? basisOf(said) : undefined;
}

export const domesticAbuseChildPresent: Rule = {
  id: 'domestic-abuse-child-present',
  version: 1,
  title: "Domestic abuse in the child's home, the child there",
  source: 'Domestic Abuse Act 2021, s.3; Brandon M et al., New learning from serious case reviews (DfE 2012) and Complexity and challenge (DfE 2020); HM Government, Working Together to Safeguard Children (2023)',
  evaluate(p) {
    if (!p.today.some((r) => domesticAbuseIn(r, p.personId))) return null;
    const incidents: EvidenceRecord[][] = [];
    for (const r of p.records) {
      if (!within(r, p.asOf, INCIDENT_DAYS) || !domesticAbuseIn(r, p.personId)) continue;
      const open = incidents.at(-1);
      if (open && daysBetween(open.at(-1)!.occurredOn, r.occurredOn) <= SAME_INCIDENT_DAYS) open.push(r);
      else incidents.push([r]);
    }
    const terms: Term[] = incidents.map((e) => ({
      label: 'parental risk factor: domestic abuse', weight: CONSIDER_WEIGHT, cap: CAP, source: SOURCE, evidence: e[0]!.source, basis: domesticAbuseIn(e[0]!, p.personId)!,
    }));
    const escalated = incidents.length >= ESCALATION_INCIDENTS;
    if (escalated) {
      const third = incidents[ESCALATION_INCIDENTS - 1]![0]!;
      terms.push({ label: `domestic abuse: ${ESCALATION_INCIDENTS} or more incidents in 12 months`, weight: SUSPECT_WEIGHT, source: `${MARAC}: "potential escalation" (three or more police call-outs in 12 months); the "suspect" weight (weigh.ts)`,
        evidence: third.source, basis: `${incidents.length} incidents: ${incidents.map((e) => e[0]!.occurredOn).join(', ')}` });
    }
    const aggravated = incidents.flatMap((e) => e.flatMap((r) => { const b = highRiskOffence(r); return b ? [{ r, basis: b }] : []; }));
    if (aggravated[0]) {
      terms.push({ label: 'domestic abuse with a high-risk feature', weight: SUSPECT_WEIGHT, source: `${MARAC}: "visible high risk" (injury, strangulation, weapons, threats to kill, sexual violence); the "suspect" weight (weigh.ts)`,
        evidence: aggravated[0].r.source, basis: aggravated[0].basis });
    }
    const evidence = incidents.flat().map((r) => r.source);
    const severity: Severity = escalated || aggravated.length ? 'high' : 'medium';
    return {
      severity,
      terms,
      evidence,
      contributing: evidence,
      explanation: `Domestic abuse recorded in ${p.name}'s home with ${p.name} named: ${incidents.map((e) => `${e[0]!.occurredOn} (${e.map((r) => r.source).join(', ')}: ${domesticAbuseIn(e[0]!, p.personId)})`).join('; ')}`
        + (escalated ? `: ${incidents.length} incidents in a year, the MARAC criterion of potential escalation` : incidents.length >= 2 ? `: ${incidents.length} incidents in a year, a repeat` : '')
        + `${aggravated[0] ? `; a high-risk feature recorded (${aggravated[0].r.source} ${aggravated[0].basis})` : ''}. A child who sees, hears or lives with domestic abuse is a victim of it: the family's workers should know, and ask what the child's day is like.`,
    };
  },
};

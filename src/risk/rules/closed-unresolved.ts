// A decision that ends or declines protection, reached with the question behind it left open: the case closed
// with no further action, or a conference deciding no plan, where the decision's own record says
// - it rests on a parent's word that the risk has gone ("mother says the relationship is over"): the "rule of
//   optimism" and "start again syndrome" of the serious case reviews (Dingwall, Eekelaar and Murray, The
//   protection of children, 1983; Brandon M et al., Analysing child deaths and serious injury through abuse and
//   neglect, DCSF 2008), and, for a violent partner, the reliance on mothers' accounts of the men around the child
//   that the Child Safeguarding Practice Review Panel describes (The myth of invisible men, 2021);
// - the child was not visited or not seen before it (a planned home visit cancelled): Working Together to
//   Safeguard Children (2023) asks that the child be seen in an assessment; Brandon M et al., Understanding
//   serious case reviews and their impact (DCSF 2009): children not seen;
// - an adult in the household was not identified or checked: The myth of invisible men (2021); Ofsted, Ages of
//   concern (2011);
// - a professional dissented from it (the conference's `dissent`): Working Together (2023) asks for dissent to be
//   recorded and escalated, and the reviews find decisions made against the advice of those who knew the child.
// A parent's word checked by a professional ("police confirmed he has moved out") is not the first pattern: only
// what the record attributes to a parent counts. Denied phrases never count.
// Weights: no study gives a ratio for any of these as records hold them: each is a "consider" (LR 2.5), as a
// contributing factor (how the decision was made, not harm seen on the child): with the evidence standing about
// the child they can make high, never critical. One alone is medium.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild } from '../facts.ts';
import { signalsIn } from '../text/signals.ts';
import type { DecisionSignal, Signal } from '../text/vocabulary.ts';
import type { Rule, Term } from '../types.ts';
import { basisOf } from '../words.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

const OPTIMISM_SOURCE = 'Dingwall R, Eekelaar J, Murray T, The protection of children (1983): the rule of optimism; Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF 2008); Child Safeguarding Practice Review Panel, The myth of invisible men (2021); no published ratio: the "consider" weight (LR 2.5)';
const NOT_SEEN_SOURCE = 'HM Government, Working Together to Safeguard Children (2023): the child seen in an assessment; Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009); no published ratio: the "consider" weight (LR 2.5)';
const UNCHECKED_SOURCE = 'Child Safeguarding Practice Review Panel, The myth of invisible men (2021); Ofsted, Ages of concern (2011); no published ratio: the "consider" weight (LR 2.5)';
const DISSENT_SOURCE = 'HM Government, Working Together to Safeguard Children (2023): dissent recorded at conference and professional disagreement escalated; Brandon M et al., Complexity and challenge (DfE 2020); no published ratio: the "consider" weight (LR 2.5)';

const decisionOf = (r: EvidenceRecord) => (r.document.body as { decision?: string }).decision;

/** A decision that ends or declines protection: no further action after a strategy discussion or an enquiry, or a conference deciding no plan or ending one. */
export function endsProtection(r: EvidenceRecord): boolean {
  const decision = decisionOf(r);
  if (r.kind === 'enquiry-outcome' || r.kind === 'strategy-discussion') return decision === 'no-further-action';
  return r.kind === 'conference' && (decision === 'no-plan' || decision === 'plan-ends');
}

interface Gap { label: string; source: string; basis: string }

const said = (r: EvidenceRecord, code: DecisionSignal | 'child-not-seen'): Signal[] => signalsIn(r).filter((s) => s.code === code && !s.negated);

/** What the decision's own record says was left open. */
export function gapsIn(r: EvidenceRecord): Gap[] {
  const out: Gap[] = [];
  const word = said(r, 'risk-said-gone').find((s) => s.attribution === 'parent');
  if (word) out.push({ label: "decided on a parent's word that the risk has gone", source: OPTIMISM_SOURCE, basis: basisOf(word) });
  const unseen = said(r, 'not-visited')[0] ?? said(r, 'child-not-seen')[0];
  if (unseen) out.push({ label: 'decided without the child visited or seen', source: NOT_SEEN_SOURCE, basis: basisOf(unseen) });
  const unchecked = said(r, 'adult-unchecked')[0];
  if (unchecked) out.push({ label: 'decided with an adult in the household not identified or checked', source: UNCHECKED_SOURCE, basis: basisOf(unchecked) });
  const dissent = (r.document.body as { dissent?: unknown }).dissent;
  if (r.kind === 'conference' && typeof dissent === 'string' && dissent.trim()) {
    out.push({ label: 'decided against a professional\'s recorded dissent', source: DISSENT_SOURCE, basis: `dissent: "${dissent.trim()}"` });
  }
  return out;
}

export const closedUnresolved: Rule = {
  id: 'closed-unresolved',
  version: 1,
  title: 'Protection ended or declined with the question behind it left open',
  source: 'Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF 2008) and the triennial analyses since; Child Safeguarding Practice Review Panel, The myth of invisible men (2021); HM Government, Working Together to Safeguard Children (2023)',
  evaluate(p) {
    const hits = p.today.filter((r) => endsProtection(r) && aboutChild(r, p.personId)).map((r) => ({ r, gaps: gapsIn(r) })).filter((h) => h.gaps.length);
    if (!hits.length) return null;
    const terms: Term[] = hits.flatMap((h) => h.gaps.map((g) => ({ label: g.label, weight: CONSIDER_WEIGHT, source: g.source, evidence: h.r.source, basis: g.basis })));
    const evidence = hits.map((h) => h.r.source);
    return {
      severity: terms.length >= 2 ? 'high' : 'medium',
      terms,
      evidence,
      // How the decision was made, not harm seen on the child: it raises the evidence standing, never makes critical.
      contributing: evidence,
      explanation: hits.map((h) => `${h.r.kind} ${h.r.source} (${h.r.occurredOn}) decided ${decisionOf(h.r)?.replace(/-/g, ' ')} about ${p.name}, `
        + h.gaps.map((g) => `${g.label} (${g.basis})`).join('; ')).join('. ')
        + '. A decision that ends protection should rest on what was checked: look again before the case closes.',
    };
  },
};

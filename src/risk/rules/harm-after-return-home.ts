// A child returned home from care, then injured or neglected. A return home is the time of highest risk for a
// child who was removed: about half of neglected children returned to their parents were abused or neglected
// again, most within months (Farmer E, Lutman E, Case management and outcomes for neglected children returned
// to their parents: a five year follow-up study, DCSF 2010; Farmer E, Reunification from out-of-home care,
// NSPCC 2018), and the Child Safeguarding Practice Review Panel's reviews of reunified children find the first
// worries after the return accepted one by one. returned-home-not-seen raises the child not seen after a
// return; this rule raises what is seen: an injury (charted or in words), a feature of neglect or of a child
// left without supervision in the words of a record about the child, or a concern or referral about them,
// within six months of the return and with no placement away since.
// Weight: the return home only, the same term as returned-home-not-seen's (label and record), so weighing counts
// it once however many rules cite it; what was seen is weighed by its own rule (the physical rules,
// neglect-features, left-unsupervised, injured-on-plan), never twice. Alone medium.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, childInjuries, daysBetween } from '../facts.ts';
import type { ConcernSignal } from '../text/vocabulary.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';
import { basisOf, readSignals } from '../words.ts';
import { chartsNone, TELLS_NEWS } from './injured-on-plan.ts';
import { AFTER_RETURN_DAYS, returnsHome } from './returned-home-not-seen.ts';

const RETURN_SOURCE = 'Farmer E, Lutman E (DCSF 2010): about half of neglected children returned home were maltreated again; Child Safeguarding Practice Review Panel, annual reports; no published ratio: the "consider" weight (LR 2.5)';

/** What the record shows of harm since the return, in words a practitioner can check against it. */
const HARM_WORDS: readonly ConcernSignal[] = ['injury', 'hunger', 'poor-hygiene', 'untreated-need', 'poor-home-conditions', 'emotional-harm', 'poor-interaction', 'inadequate-supervision', 'disclosure'];

function harmIn(r: EvidenceRecord, childId: number): string | null {
  if (!aboutChild(r, childId)) return null;
  const charted = childInjuries(r, childId);
  if (charted.length) return `injuries: ${charted.map((i) => `${i.type}, ${i.site}`).join('; ')}`;
  const words = TELLS_NEWS.has(r.kind) ? readSignals(r, chartsNone(r) ? HARM_WORDS.filter((c) => c !== 'injury') : HARM_WORDS).found[0] : undefined;
  if (words) return basisOf(words);
  if (r.kind === 'concern' || r.kind === 'referral') return `a ${r.kind}`;
  return null;
}

const placedAway = (r: EvidenceRecord, childId: number) => {
  const body = r.document.body as { subject?: string; change?: string };
  return r.kind === 'placement' && body.change === 'placed-away' && !!body.subject && r.personOf[body.subject] === childId;
};

export const harmAfterReturnHome: Rule = {
  id: 'harm-after-return-home',
  version: 1,
  title: 'Returned home from care, then injured or neglected',
  source: 'Farmer E, Lutman E, Case management and outcomes for neglected children returned to their parents (DCSF 2010); Farmer E, Reunification from out-of-home care (NSPCC 2018); Child Safeguarding Practice Review Panel, annual reports',
  evaluate(p) {
    const seen = p.today.map((r) => ({ r, basis: harmIn(r, p.personId) })).filter((x): x is { r: EvidenceRecord; basis: string } => x.basis !== null);
    if (!seen.length) return null;
    const back = returnsHome(p.records, p.personId).filter((r) => daysBetween(r.occurredOn, p.asOf) <= AFTER_RETURN_DAYS).at(-1);
    if (!back) return null;
    if (p.records.some((r) => r.occurredOn > back.occurredOn && placedAway(r, p.personId))) return null;
    const terms: Term[] = [{ label: 'returned home from care', weight: CONSIDER_WEIGHT, source: RETURN_SOURCE, evidence: back.source, basis: 'change: returned-home' }];
    return {
      severity: 'medium',
      terms,
      evidence: [back.source, ...seen.map((x) => x.r.source)],
      explanation: `${p.name} returned home from care on ${back.occurredOn} (${back.source}), ${daysBetween(back.occurredOn, p.asOf)} days ago, and now: ${seen.map((x) => `${x.r.source} (${x.r.kind}) ${x.basis}`).join('; ')}. A return home is when the child is most at risk: what is seen after it is weighed with the return.`,
    };
  },
};

// A child returned home from care, then not seen. A return home is the time of highest risk for a child who
// was removed: about half of neglected children returned to their parents were abused or neglected again
// (Farmer E, Lutman E, Case management and outcomes for neglected children returned to their parents: a five
// year follow-up study, DCSF 2010), and the Child Safeguarding Practice Review Panel's annual reports return
// to children who were reunified and then not seen. Fires on a visit after a return home (a `placement`
// record for the child with `change: returned-home`) within six months that did not see the child, counted
// since the last visit that saw them inside (the context that stops it).
// Weights: the return home, a "consider" (LR 2.5; a base rate, not a ratio, is published); each visit as in
// visits.ts, with the same term whichever rule cites it (weighing counts it once).
import type { EvidenceRecord } from '../../household/derive.ts';
import { daysBetween, notYetBorn } from '../facts.ts';
import type { Rule, Term } from '../types.ts';
import { notSeenAt, notSeenTerm, NOT_SEEN_WORDS, unseenSinceLastSeen } from '../visits.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const AFTER_RETURN_DAYS = 183;
const RETURN_SOURCE = 'Farmer E, Lutman E (DCSF 2010): about half of neglected children returned home were maltreated again; Child Safeguarding Practice Review Panel, annual reports; no published ratio: the "consider" weight (LR 2.5)';

export function returnsHome(records: readonly EvidenceRecord[], childId: number): EvidenceRecord[] {
  return records.filter((r) => {
    const body = r.document.body as { subject?: string; change?: string };
    return r.kind === 'placement' && body.change === 'returned-home' && !!body.subject && r.personOf[body.subject] === childId;
  });
}

export const returnedHomeNotSeen: Rule = {
  id: 'returned-home-not-seen',
  version: 1,
  title: 'Returned home from care, then not seen',
  source: 'Farmer E, Lutman E, Case management and outcomes for neglected children returned to their parents (DCSF 2010); Child Safeguarding Practice Review Panel, annual reports; HM Government, Working Together to Safeguard Children (2023)',
  evaluate(p) {
    if (notYetBorn(p) || !p.today.some((r) => notSeenAt(r, p.personId))) return null;
    const back = returnsHome(p.records, p.personId).filter((r) => daysBetween(r.occurredOn, p.asOf) <= AFTER_RETURN_DAYS).at(-1);
    if (!back) return null;
    // Placed away again since the return: the child is not at home.
    const awayAgain = p.records.some((r) => r.kind === 'placement' && r.occurredOn > back.occurredOn
      && (r.document.body as { change?: string }).change === 'placed-away' && r.personOf[(r.document.body as { subject: string }).subject] === p.personId);
    if (awayAgain) return null;
    const run = unseenSinceLastSeen(p.records, p.personId, back.occurredOn);
    if (!run.length) return null;
    const terms: Term[] = [
      { label: 'returned home from care', weight: CONSIDER_WEIGHT, source: RETURN_SOURCE, evidence: back.source, basis: 'change: returned-home' },
      ...run.map((r) => notSeenTerm(r, notSeenAt(r, p.personId)!)),
    ];
    return {
      severity: run.length >= 2 ? 'high' : 'medium',
      terms,
      evidence: [back.source, ...run.map((r) => r.source)],
      explanation: `${p.name} returned home from care on ${back.occurredOn} (${back.source}) and has not been seen at home since the last visit that saw them: ${run.map((r) => `${r.occurredOn} ${NOT_SEEN_WORDS[notSeenAt(r, p.personId)!]} (${r.source})`).join('; ')}. A return home is when the child is most at risk.`,
    };
  },
};

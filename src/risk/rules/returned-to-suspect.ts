// A child returned home while someone in that home is a suspect under police
// investigation for harming a child: reviews find children sent home to a parent
// on police bail for harming them, with no safety plan (Brandon et al., triennial
// analyses of serious case reviews; Working Together 2023 on section 47 enquiries
// alongside police investigations). An investigation counts as open from an
// investigation, arrest, interview or bail naming the suspect until a
// no-further-action or a prosecution decision.
//
// Weights (no published likelihood ratio for either): an open police investigation naming someone in the home as
// a suspect of harming a child is a NICE CG89 "suspect"-level concern (a serious level of concern, not proof:
// SUSPECT_WEIGHT, LR 7.4, high alone); the return home that puts the child back with them is a "consider" pattern the review names
// (LR 2.5). Together high; critical with one more "suspect" feature in the window (an injury), as weigh.ts asks
// two for critical.
import type { EvidenceRecord } from '../../household/derive.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT, SUSPECT_WEIGHT } from '../weigh.ts';

const SUSPECT_SOURCE = 'Brandon et al., triennial analyses of serious case reviews; NICE CG89 (2009, updated 2017) "suspect" tier; no published ratio: the "suspect" weight (LR 7.4)';
const RETURN_SOURCE = 'Brandon et al., triennial analyses of serious case reviews; Working Together (2023), s47 and police investigations; no published ratio: the "consider" weight (LR 2.5)';

const OPENS = new Set(['investigation-opened', 'arrest', 'interview', 'bail']);

/** Person id -> the record of the open investigation naming them as suspect, as of the picture's day. */
export function suspectsUnderInvestigation(records: EvidenceRecord[]): Map<number, string> {
  const open = new Map<number, string>();
  for (const r of records) {
    const body = r.document.body as { action?: string; suspect?: string; decision?: string };
    const suspect = body.suspect ? r.personOf[body.suspect] : null;
    if (suspect === null || suspect === undefined) continue;
    if (r.kind === 'police-action' && body.action && OPENS.has(body.action)) open.set(suspect, r.source);
    else if ((r.kind === 'police-action' && body.action === 'no-further-action') || r.kind === 'prosecution-decision') open.delete(suspect);
  }
  return open;
}

export const returnedToSuspect: Rule = {
  id: 'returned-to-suspect',
  version: 2,
  title: 'Returned home while a suspect in the household is under investigation',
  source: 'Brandon et al., triennial analyses of serious case reviews; HM Government, Working Together to Safeguard Children (2023), section 47 enquiries and police investigations',
  evaluate(p) {
    const returns = p.today.filter((r) => {
      const body = r.document.body as { subject?: string; change?: string };
      return r.kind === 'placement' && body.change === 'returned-home' && body.subject && r.personOf[body.subject] === p.personId;
    });
    if (!returns.length) return null;
    const open = suspectsUnderInvestigation(p.records);
    const home = new Set<number>();
    for (const r of returns) {
      const w = (r.document.body as { with?: string }).with;
      const id = w ? r.personOf[w] : null;
      if (id) home.add(id);
    }
    for (const m of p.household.members) if (m.current && m.personId !== null) home.add(m.personId);
    const suspects = [...home].filter((id) => open.has(id));
    if (!suspects.length) return null;
    const name = (id: number) => p.household.members.find((m) => m.personId === id)?.name
      ?? p.household.network.find((m) => m.personId === id)?.name ?? `person ${id}`;
    const terms: Term[] = [
      ...returns.map((r) => ({ label: 'returned home to a household with a suspect under investigation', weight: CONSIDER_WEIGHT, source: RETURN_SOURCE, evidence: r.source, basis: 'change: returned-home' })),
      ...suspects.map((id) => ({ label: 'someone in the home is a suspect under police investigation', weight: SUSPECT_WEIGHT, source: SUSPECT_SOURCE, evidence: open.get(id)!, basis: `suspect: ${name(id)}` })),
    ];
    return {
      severity: 'critical',
      terms,
      evidence: [...returns.map((r) => r.source), ...suspects.map((id) => open.get(id)!)],
      subjectPersonId: suspects[0]!,
      explanation: `${p.name} returned home (${returns.map((r) => r.source).join(', ')}) to a household where ${suspects.map((id) => `${name(id)} is a suspect under police investigation (${open.get(id)})`).join(' and ')}, with no decision yet to end it.`,
    };
  },
};

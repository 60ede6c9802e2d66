// A child-protection conference that decided about a child with too few agencies in the room: the agencies
// that hold the evidence of harm (police, the hospital, the GP) recorded as absent, and the decision taken by
// children's social care alone, or nearly. Working Together to Safeguard Children (2023) makes the conference
// a multi-agency decision and names police and health among those who should attend; local safeguarding
// procedures set a quorum of children's social care and at least two other agencies that know the child, and
// say that a conference without it should not make a decision. The analyses of serious case reviews find
// decisions to end protection, or to return a child home, taken without the police or health practitioners
// who knew what had happened (Brandon M et al., Analysing child deaths and serious injury through abuse and
// neglect, DCSF 2008; Sidebotham P et al., Pathways to harm, pathways to protection, DfE 2016).
// Fires on a conference about the child whose `agenciesPresent` has fewer than QUORUM agencies while
// `agenciesAbsent` names at least one. About what agencies did, not what they saw, so it carries no weight of
// evidence (like statutory-drift): high when an absent agency is the police or a health service, whose
// knowledge of harm the decision then lacks; medium otherwise.
import { aboutChild } from '../facts.ts';
import type { Rule, Severity } from '../types.ts';

/** Children's social care and at least two other agencies. */
export const QUORUM = 3;
const HOLDS_EVIDENCE = new Set(['police', 'hospital', 'gp', 'health-visiting', 'community-health']);

interface ConferenceBody { type?: string; decision?: string; agenciesPresent?: string[]; agenciesAbsent?: string[] }

export const inquorateConference: Rule = {
  id: 'inquorate-conference',
  version: 1,
  title: 'A child-protection conference decided with too few agencies present',
  source: 'HM Government, Working Together to Safeguard Children (2023), child protection conferences; Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF 2008)',
  evaluate(p) {
    const found = p.today.filter((r) => {
      const body = r.document.body as ConferenceBody;
      return r.kind === 'conference' && aboutChild(r, p.personId) && Array.isArray(body.agenciesPresent) && Array.isArray(body.agenciesAbsent)
        && new Set(body.agenciesPresent).size < QUORUM && body.agenciesAbsent.length > 0;
    });
    const r = found[0];
    if (!r) return null;
    const body = r.document.body as ConferenceBody;
    const absent = [...new Set(body.agenciesAbsent)];
    const missing = absent.filter((a) => HOLDS_EVIDENCE.has(p.agencyKinds[a] ?? ''));
    const severity: Severity = missing.length ? 'high' : 'medium';
    return {
      severity,
      evidence: [r.source],
      explanation: `The ${body.type ?? ''} conference about ${p.name} on ${r.occurredOn} (${r.source}) decided "${body.decision ?? 'unrecorded'}" with ${new Set(body.agenciesPresent).size} agenc${new Set(body.agenciesPresent).size === 1 ? 'y' : 'ies'} present (${body.agenciesPresent!.join(', ') || 'none'}), fewer than the ${QUORUM} a conference needs; absent: ${absent.join(', ')}`
        + (missing.length ? `, among them ${missing.map((a) => `${a} (${p.agencyKinds[a]})`).join(', ')}, who hold what is known of harm to the child` : '')
        + '. A decision about a child\'s protection is a multi-agency decision: reconvene with them before acting on it.',
    };
  },
};

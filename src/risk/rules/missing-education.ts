// A child missing education: a local authority or school records that the child is not on any school roll
// and not receiving suitable education, or that a school removed them from its roll with nowhere known to go.
// Children missing education are at risk of harm and of being out of sight (DfE, Children missing education:
// statutory guidance for local authorities, 2016, updated 2024; the Children's Wellbeing and Schools Act 2025
// adds registers of children not in school). Enrolment at a school since is the context that stops it: a
// removal from roll followed, within 30 days, by an enrolment is a move between schools.
// Weights: missing education, a "consider" (LR 2.5); removed from roll, half (LR 1.6), since most removals
// are moves; open to social care, LR 2 more (a child in need out of every professional's sight).
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, daysBetween, openToSocialCare } from '../facts.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const MOVE_DAYS = 30;
const GUIDANCE = "DfE, Children missing education: statutory guidance (2016, updated 2024); Children's Wellbeing and Schools Act 2025 (children not in school)";

const change = (r: EvidenceRecord) => (r.document.body as { change?: string }).change;
const schoolChange = (r: EvidenceRecord, childId: number, ...changes: string[]) => r.kind === 'education' && aboutChild(r, childId) && changes.includes(change(r) ?? '');

export const missingEducation: Rule = {
  id: 'missing-education',
  version: 1,
  title: 'A child missing education',
  source: GUIDANCE,
  // A removal from roll is looked at again a month on, when no enrolment may have followed.
  wakeDays(records, childId) {
    return records.filter((r) => schoolChange(r, childId, 'removed-from-roll'))
      .map((r) => new Date(Date.parse(`${r.occurredOn}T00:00:00Z`) + MOVE_DAYS * 86_400_000).toISOString().slice(0, 10));
  },
  evaluate(p) {
    // Looked at on the day of the record, and again on any record within MOVE_DAYS, so an enrolment
    // that follows a removal from roll is seen; the finding stands only while nothing has enrolled the child since.
    const out = p.records.filter((r) => schoolChange(r, p.personId, 'missing-education', 'removed-from-roll') && daysBetween(r.occurredOn, p.asOf) <= MOVE_DAYS
      && !p.records.some((e) => schoolChange(e, p.personId, 'enrolled') && e.occurredOn >= r.occurredOn));
    const removedOnly = (r: EvidenceRecord) => change(r) === 'removed-from-roll';
    // A removal from roll is a concern only once a month has passed with no enrolment; missing education at once.
    const standing = out.filter((r) => !removedOnly(r) || daysBetween(r.occurredOn, p.asOf) >= MOVE_DAYS);
    if (!standing.some((r) => r.occurredOn === p.asOf || (removedOnly(r) && daysBetween(r.occurredOn, p.asOf) === MOVE_DAYS))) return null;
    const open = openToSocialCare(p);
    const terms: Term[] = standing.map((r) => ({
      label: removedOnly(r) ? 'removed from a school roll, no enrolment since' : 'missing education',
      weight: removedOnly(r) ? CONSIDER_WEIGHT / 2 : CONSIDER_WEIGHT,
      source: `${GUIDANCE}; no published ratio: the "consider" weight (LR 2.5), half for a removal from roll`,
      evidence: r.source, basis: `change: ${change(r)}`,
    }));
    if (open) terms.push({ label: 'out of school while open to social care', weight: 1, source: `${GUIDANCE}; no published ratio: LR 2`, evidence: open.source, basis: 'open to social care' });
    return {
      severity: 'medium',
      terms,
      evidence: [...standing.map((r) => r.source), ...(open ? [open.source] : [])],
      explanation: `${p.name} is out of school: ${standing.map((r) => `${removedOnly(r) ? `removed from roll on ${r.occurredOn} with no enrolment since` : `recorded missing education on ${r.occurredOn}`} (${r.source})`).join('; ')}`
        + (open ? `, while open to social care (${open.source})` : '') + '.',
    };
  },
};

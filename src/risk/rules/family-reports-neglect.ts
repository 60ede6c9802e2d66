// A parent or relative tells an agency that a child is being neglected: going hungry, undernourished, kept from
// a doctor, left dirty. The analyses of serious case reviews of neglect find what family members said
// discounted or never passed on, often because it came from an estranged parent or in the middle of a dispute
// between adults (Brandon M et al., Neglect and serious case reviews, UEA/NSPCC 2013; Brandon M et al.,
// Analysing child deaths and serious injury through abuse and neglect, DCSF 2008), and Working Together to
// Safeguard Children (2023) asks every agency to refer what it is told about a child at risk, whoever tells it.
// The neglect rule (neglect.ts) reads the features NICE CG89 (1.3) lists in the child's own records; this rule
// reads them where a family member speaks of the child in another's record (a police interview of a father, a
// referral about the household), which that rule does not see.
// Fires on a concern, referral or police record naming the child in which words of neglect (hunger, faltering
// growth, untreated need, poor hygiene) are attributed to a parent or relative (text/attribution.ts, or the
// record's `reportedBy`), and are about this child: the child is the record's subject, or the only child it names.
// Weights: each kind of neglect reported weighs as the neglect rule weighs it when seen (NICE's "consider",
// faltering growth described as faltering-growth.ts weighs it), with the same labels, so a feature both rules
// cite counts once; no extra weight for who said it (a report is not more than a sighting). Counted with the
// child's missed appointments in the year, with was-not-brought's very terms, as the neglect rule counts them.
import { ageAt, type EvidenceRecord } from '../../household/derive.ts';
import type { PersonMention } from '../../records/types.ts';
import { CG89, GRADE_ONLY, NG75 } from '../citations.ts';
import { aboutChild, isChildIn, within } from '../facts.ts';
import type { ConcernSignal, Signal } from '../text/vocabulary.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { CONSIDER_WEIGHT, HIGH_AT, MEDIUM_AT } from '../weigh.ts';
import { basisOf, readSignals } from '../words.ts';
import { FALL_BITS } from './faltering-growth.ts';
import { NEGLECT_WINDOW_DAYS, NOT_BROUGHT_LABEL } from './neglect.ts';
import { NOT_BROUGHT_CAP, NOT_BROUGHT_WEIGHT } from './was-not-brought.ts';

const SOURCE = 'Brandon M et al., Neglect and serious case reviews (UEA/NSPCC, 2013); Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF, 2008); HM Government, Working Together to Safeguard Children (2023)';
const NOT_BROUGHT_SOURCE = 'French LRM et al., Br J Gen Pract 2017;67:e483, as the was-not-brought rule weighs it';

/** The kinds read, with the neglect rule's labels (and faltering-growth's for growth), so weighing counts a feature once. */
const KINDS: { code: ConcernSignal; label: string; weight: number; source: string }[] = [
  { code: 'hunger', label: 'hunger or food-seeking', weight: CONSIDER_WEIGHT, source: `${CG89}, 1.3 (consider); ${GRADE_ONLY}` },
  { code: 'poor-hygiene', label: 'poor hygiene', weight: CONSIDER_WEIGHT, source: `${CG89}, 1.3 (consider); ${GRADE_ONLY}` },
  { code: 'untreated-need', label: 'untreated medical or dental need', weight: CONSIDER_WEIGHT, source: `${CG89}, 1.3 (consider); ${GRADE_ONLY}` },
  { code: 'faltering-growth', label: 'faltering growth described', weight: FALL_BITS, source: `${CG89}, 1.3 (consider); ${NG75}` },
];
const REPORTED_KINDS = new Set(['concern', 'referral', 'police-action']);
const FAMILY = new Set(['parent', 'relative']);
// The head word says who they are: "son of the suspect" is a child, "mother of the child" is not.
const CHILD_RELATION = /^(?:half[ -]|step[ -])?(?:son|daughter|child|baby|infant|brother|sister|sibling|boy|girl)\b/i;

/** Another child the record names: a sibling, a subject under 18, or someone its relationship calls a child. */
function otherChildIn(r: EvidenceRecord, childId: number): boolean {
  const mine = new Set(isChildIn(r, childId));
  return r.document.people.some((m: PersonMention) => {
    if (mine.has(m.key)) return false;
    if (m.role === 'sibling') return true;
    const age = ageAt(m.dob ?? null, r.occurredOn);
    if (age !== null) return age < 18;
    return m.role !== 'subject' && !!m.relationship && CHILD_RELATION.test(m.relationship);
  });
}

/** The words of neglect a family member says of this child in the record, by kind. */
export function familyReports(r: EvidenceRecord, childId: number): { kind: (typeof KINDS)[number]; signal: Signal }[] {
  if (!REPORTED_KINDS.has(r.kind) || !isChildIn(r, childId).length) return [];
  if (!aboutChild(r, childId) && otherChildIn(r, childId)) return [];
  const out: { kind: (typeof KINDS)[number]; signal: Signal }[] = [];
  for (const kind of KINDS) {
    const said = readSignals(r, [kind.code]).found.find((s) => s.attribution !== null && FAMILY.has(s.attribution));
    if (said) out.push({ kind, signal: said });
  }
  return out;
}

const wasNotBrought = (r: EvidenceRecord, childId: number) => r.kind === 'appointment-missed' && aboutChild(r, childId)
  && (r.document.body as { wasNotBrought?: boolean }).wasNotBrought === true;

export const familyReportsNeglect: Rule = {
  id: 'family-reports-neglect',
  version: 1,
  title: 'A parent or relative tells an agency the child is neglected',
  source: SOURCE,
  evaluate(p) {
    if (!p.today.some((r) => familyReports(r, p.personId).length)) return null;
    const year = p.records.filter((r) => within(r, p.asOf, NEGLECT_WINDOW_DAYS));
    // The first report of each kind in the year carries its term: a kind told again is the same evidence.
    const first = new Map<string, { r: EvidenceRecord; signal: Signal; kind: (typeof KINDS)[number] }>();
    for (const r of year) for (const x of familyReports(r, p.personId)) if (!first.has(x.kind.code)) first.set(x.kind.code, { r, ...x });
    const reported = [...first.values()];
    const missed = year.filter((r) => wasNotBrought(r, p.personId));
    const terms: Term[] = [
      ...reported.map((x) => ({ label: x.kind.label, weight: x.kind.weight, source: x.kind.source, evidence: x.r.source, basis: `${basisOf(x.signal)} (said by a ${x.signal.attribution})` })),
      ...missed.map((r) => ({ label: NOT_BROUGHT_LABEL, weight: NOT_BROUGHT_WEIGHT, cap: NOT_BROUGHT_CAP, source: NOT_BROUGHT_SOURCE, evidence: r.source,
        basis: `wasNotBrought: true (${(r.document.body as { service?: string }).service ?? 'appointment'})` })),
    ];
    const capped = Math.min(missed.length * NOT_BROUGHT_WEIGHT, NOT_BROUGHT_CAP.weight);
    const sum = reported.reduce((s, x) => s + x.kind.weight, 0) + capped;
    const severity: Severity = sum >= HIGH_AT ? 'high' : sum >= MEDIUM_AT ? 'medium' : 'low';
    return {
      severity,
      terms,
      evidence: [...new Set(terms.map((t) => t.evidence))],
      explanation: `A family member told an agency that ${p.name} is neglected: ${reported.map((x) => `${x.kind.label} (${x.r.source}, ${x.r.occurredOn}, ${basisOf(x.signal)}, said by a ${x.signal.attribution})`).join('; ')}`
        + (missed.length ? `; and ${p.name} was not brought to ${missed.length} appointment${missed.length === 1 ? '' : 's'} in the year (${missed.map((r) => `${r.source} ${r.occurredOn}`).join(', ')})` : '')
        + '. What relatives say is evidence: it should reach children\'s social care, and the child be seen.',
    };
  },
};

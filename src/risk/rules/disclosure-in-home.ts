// A child's disclosure of harm speaks for every child in the home. The analyses of serious case reviews
// find brothers' and sisters' words unheard: a sibling told of hunger or violence and the other children in
// the same home were not thought about (Brandon M et al., Complexity and challenge: a triennial analysis of
// serious case reviews 2014–2017, DfE 2020; Brandon et al., Neglect and serious case reviews, 2013). When
// one child in a family is maltreated, a sibling is often maltreated too (Hamilton-Giachritsis CE, Browne KD,
// A retrospective study of risk to siblings in abusing families, J Fam Psychol 2005;19(4):619–24: siblings
// were also maltreated in over a third of the families). So for each child, a disclosure in the last year by
// a child living in the same home (household/derive.ts), or by the child, raises a finding citing the record
// and the words:
// - a `disclosure` the text affirms (not "did not disclose"), in a record about a child of the household;
// - a concern or referral `reportedBy: "child"` about such a child;
// - in a record about this child, a disclosure the text attributes to a sibling.
// High: a child's account of harm calls for a strategy discussion (HM Government, Working Together to
// Safeguard Children, 2023). It weighs as NICE's "suspect" (weigh.ts SUSPECT_WEIGHT, no published ratio
// for a sibling's account): intentionally false reports are rare (about 4% of investigated reports: Trocmé N,
// Bala N, Child Abuse Negl 2005;29(12):1333–45).
// The records the rules read are those naming the child (household/household.ts): a sibling's record that
// never names this child is not seen here.
import type { EvidenceRecord, Household } from '../../household/derive.ts';
import { isAdultOn } from '../../household/adulthood.ts';
import { within } from '../facts.ts';
import { GRADE_ONLY } from '../citations.ts';
import { SUSPECT_WEIGHT } from '../weigh.ts';
import type { Rule, Term } from '../types.ts';
import type { Signal } from '../text/vocabulary.ts';
import { basisOf, readSignals, setAsideNote } from '../words.ts';

export const DISCLOSURE_WINDOW_DAYS = 365;
const SOURCE = 'Brandon M et al., Complexity and challenge: a triennial analysis of serious case reviews 2014–2017 (DfE, 2020); Hamilton-Giachritsis CE, Browne KD, J Fam Psychol 2005;19(4):619–24';

interface Disclosure { r: EvidenceRecord; who: string; basis: string }

const subjectsOf = (r: EvidenceRecord) => r.document.people.filter((m) => m.role === 'subject').map((m) => r.personOf[m.key] ?? null);

/** The child of the household the record is about, when it is one other than the child itself, on the record's day. */
function householdChild(r: EvidenceRecord, household: Household, childId: number): { personId: number; name: string } | null {
  for (const id of subjectsOf(r)) {
    if (id === null || id === childId) continue;
    const m = household.members.find((x) => x.personId === id);
    if (!m || m.from > r.occurredOn || (!m.current && m.to < r.occurredOn)) continue;
    if (isAdultOn(m, r.occurredOn) === true) continue;
    return { personId: id, name: m.name };
  }
  return null;
}

/**
 * A child's own account: the text attributes it to a child (or sibling), or, said by nobody in particular,
 * its words are of disclosing or telling. "M reports hit by a football" (a parent's account of an accident)
 * is not one, whatever a reader of words takes it for.
 */
const CHILD_SPEAKING = /\b(disclos\w*|told|tells)\b/i;
export const byAChild = (s: Signal) => s.attribution === 'child' || s.attribution === 'sibling' || (s.attribution === null && CHILD_SPEAKING.test(s.phrase));

function disclosuresIn(r: EvidenceRecord, household: Household, childId: number, setAside: Signal[]): Disclosure[] {
  const all = readSignals(r, ['disclosure']);
  setAside.push(...all.setAside);
  const read = { found: all.found.filter(byAChild) };
  const reportedByChild = ['concern', 'referral'].includes(r.kind) && (r.document.body as { reportedBy?: string }).reportedBy === 'child';
  const sibling = householdChild(r, household, childId);
  if (sibling) {
    const basis = read.found[0] ? basisOf(read.found[0]) : reportedByChild ? 'reportedBy: child' : null;
    return basis ? [{ r, who: `${sibling.name}, a child in the same home,`, basis }] : [];
  }
  if (!subjectsOf(r).includes(childId)) return [];
  const bySibling = read.found.find((s) => s.attribution === 'sibling');
  if (bySibling) return [{ r, who: 'a brother or sister', basis: basisOf(bySibling) }];
  const own = read.found.find((s) => s.attribution !== 'sibling');
  if (own) return [{ r, who: 'the child', basis: basisOf(own) }];
  return reportedByChild ? [{ r, who: 'the child', basis: 'reportedBy: child' }] : [];
}

export const disclosureInHome: Rule = {
  id: 'disclosure-in-home',
  version: 1,
  title: "A child's disclosure, which speaks for every child in the home",
  source: SOURCE,
  evaluate(p) {
    const mayDisclose = (r: EvidenceRecord) => ['concern', 'referral'].includes(r.kind) || readSignals(r, ['disclosure']).found.some(byAChild);
    if (!p.today.some(mayDisclose)) return null;
    const setAside: Signal[] = [];
    const found = p.records.filter((r) => within(r, p.asOf, DISCLOSURE_WINDOW_DAYS))
      .flatMap((r) => disclosuresIn(r, p.household, p.personId, setAside));
    if (!found.length) return null;
    // One term for each child who disclosed, on their first record: a child telling again is the same
    // evidence told again, and weighing then sees the same term every day.
    const firstOfEach = [...new Map(found.map((d) => [d.who, d] as const).reverse()).values()];
    const terms: Term[] = firstOfEach.map((d) => ({
      label: d.who === 'the child' ? "the child's own disclosure" : "a sibling's disclosure", weight: SUSPECT_WEIGHT,
      source: `${SOURCE}; ${GRADE_ONLY}`, evidence: d.r.source, basis: d.basis,
    }));
    return {
      severity: 'high',
      evidence: [...new Set(found.map((d) => d.r.source))],
      terms,
      explanation: found.map((d) => `${d.r.source} (${d.r.occurredOn}): ${d.who} disclosed, ${d.basis}`).join('; ')
        + (found.some((d) => d.who !== 'the child')
          ? `. What one child in the home tells speaks for ${p.name} too: a strategy discussion should consider every child there.`
          : `. A child's account of harm calls for a strategy discussion about every child in the home.`)
        + setAsideNote([...new Map(setAside.map((s) => [`${s.source}|${s.phrase}`, s])).values()]),
    };
  },
};

// Someone alleged to have harmed the child comes to live in the child's home. returned-to-suspect raises the
// child sent back to a suspect; this is the same danger the other way round: the person the child (or anyone)
// said hurt them moves in, or returns from elsewhere, while the allegation stands. Reviews find children left
// living with the person an allegation named, with no risk assessment and no safety plan (Brandon M et al.,
// triennial analyses of serious case reviews; Child Safeguarding Practice Review Panel, annual reports), and
// the guidance on people who pose a risk to children asks for an assessment when such a person joins a
// household with children (Home Office Circular 16/2005; HM Government, Working Together to Safeguard Children
// 2023). Any age: harm by another child in the home is child-on-child abuse (Working Together 2023), and a
// teenager accused of hurting a younger child is the same danger in the home as an adult.
// The allegation: a record about the child (the child its subject) naming the person as `suspect` or in the
// role `alleged-perpetrator`. It stands until the police record no further action, or the prosecutor decides
// not to charge, naming that person. The joining: a household change about the child saying the person moved
// in, or a placement returning the person home (or moving them) to someone living in the child's home, in a
// record that names the child. The allegation must come first: who was already there is the disclosure rules'.
// Weight: an allegation of harm to this very child, still open, and its subject now in the home, is a NICE
// CG89 "suspect"-level concern (a serious level of concern, not proof: SUSPECT_WEIGHT, LR 7.4; no published
// ratio), as returned-to-suspect weighs an open investigation. High alone; one term, on the joining record.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild } from '../facts.ts';
import type { Rule, Term } from '../types.ts';
import { SUSPECT_WEIGHT } from '../weigh.ts';

const SOURCE = 'Brandon M et al., triennial analyses of serious case reviews; Home Office Circular 16/2005 (people who pose a risk to children joining a household); HM Government, Working Together to Safeguard Children (2023), child-on-child abuse; NICE CG89 "suspect" tier; no published ratio: the "suspect" weight (LR 7.4)';

interface Body { suspect?: string; action?: string; decision?: string; person?: string; change?: string; subject?: string; with?: string }
const bodyOf = (r: EvidenceRecord) => r.document.body as Body;

/** The people a record accuses: its `suspect`, and anyone in the role of alleged perpetrator. */
function accused(r: EvidenceRecord): number[] {
  const keys = new Set<string>(r.document.people.filter((m) => m.role === 'alleged-perpetrator').map((m) => m.key));
  const s = bodyOf(r).suspect;
  if (s) keys.add(s);
  return [...keys].map((k) => r.personOf[k]).filter((id): id is number => typeof id === 'number');
}

const closesAllegation = (r: EvidenceRecord) => (r.kind === 'police-action' && bodyOf(r).action === 'no-further-action')
  || (r.kind === 'prosecution-decision' && bodyOf(r).decision !== 'charge');

/** Person id -> the record of the standing allegation that they harmed the child, as of the last record given. */
export function standingAllegations(records: readonly EvidenceRecord[], childId: number): Map<number, EvidenceRecord> {
  const open = new Map<number, EvidenceRecord>();
  for (const r of records) {
    const who = accused(r).filter((id) => id !== childId);
    if (closesAllegation(r)) for (const id of who) open.delete(id);
    else if (aboutChild(r, childId)) for (const id of who) if (!open.has(id)) open.set(id, r);
  }
  return open;
}

/** The people a record of today brings to live in the child's home. */
function joining(r: EvidenceRecord, childId: number, homeIds: ReadonlySet<number>): number[] {
  const b = bodyOf(r);
  if (r.kind === 'household-change' && b.change === 'moved-in' && b.person && aboutChild(r, childId)) {
    const id = r.personOf[b.person];
    return typeof id === 'number' ? [id] : [];
  }
  const namesChild = Object.values(r.personOf).includes(childId);
  if (r.kind === 'placement' && namesChild && (b.change === 'returned-home' || b.change === 'moved-address') && b.subject && b.with) {
    const who = r.personOf[b.subject];
    const to = r.personOf[b.with];
    return typeof who === 'number' && who !== childId && typeof to === 'number' && homeIds.has(to) ? [who] : [];
  }
  return [];
}

export const allegedHarmerJoinsHome: Rule = {
  id: 'alleged-harmer-joins-home',
  version: 1,
  title: "Someone alleged to have harmed the child comes to live in the child's home",
  source: SOURCE,
  evaluate(p) {
    const homeIds = new Set(p.household.members.filter((m) => m.current && m.personId !== null).map((m) => m.personId!));
    const joins = p.today.flatMap((r) => joining(r, p.personId, homeIds).map((id) => ({ r, id })));
    if (!joins.length) return null;
    const open = standingAllegations(p.records, p.personId);
    const found = joins.filter((j) => open.has(j.id) && open.get(j.id)!.occurredOn <= j.r.occurredOn && open.get(j.id) !== j.r);
    if (!found.length) return null;
    const name = (id: number) => p.household.members.find((m) => m.personId === id)?.name ?? p.household.network.find((m) => m.personId === id)?.name ?? `person ${id}`;
    const allegation = (id: number) => open.get(id)!;
    const terms: Term[] = found.map((j) => ({
      label: 'someone alleged to have harmed the child joined the home', weight: SUSPECT_WEIGHT, source: SOURCE, evidence: j.r.source,
      basis: `${name(j.id)}: ${j.r.kind} ${bodyOf(j.r).change ?? ''} ${j.r.occurredOn}; alleged in ${allegation(j.id).source} (${allegation(j.id).occurredOn})`.replace(/ {2,}/g, ' '),
    }));
    return {
      severity: 'high',
      terms,
      evidence: [...new Set(found.flatMap((j) => [j.r.source, allegation(j.id).source]))],
      subjectPersonId: found[0]!.id,
      explanation: found.map((j) => `${name(j.id)}, named in ${allegation(j.id).source} (${allegation(j.id).occurredOn}) as having harmed ${p.name}, with no decision since to take it no further, comes to live in ${p.name}'s home (${j.r.source}, ${j.r.occurredOn})`).join('. ')
        + '. Assess the risk they pose and make a safety plan before they live with the child.',
    };
  },
};

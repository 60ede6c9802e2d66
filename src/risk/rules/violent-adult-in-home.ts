// An adult with a police history of violence who lives in, or moves into, the child's home. Reviews keep
// finding a new partner whose violent past was known to the police but not to those protecting the child
// (Child Safeguarding Practice Review Panel, The myth of invisible men, 2021; Sidebotham P, Brandon M et al.,
// Pathways to harm, pathways to protection: a triennial analysis of serious case reviews 2011 to 2014, DfE
// 2016). Evidence of violence is a police record naming them as suspect (or alleged perpetrator) of a
// violent offence, or words a record says of them ("known to police for assaults": the `violent-adult`
// signal); they are in the home by the household's own reading (household/derive.ts), as of the picture's
// day, whichever came first. Adults only: a child in trouble with the police is not this pattern.
// Weights: no study gives a likelihood ratio for this as records hold it. The violence weighs LR 4 (2 bits),
// between NICE's "consider" and "suspect" (weigh.ts): a recognised risk factor (CG89's scope lists "history of
// violent offending") rather than a sign of harm to this child, so its records are `contributing` and never
// make a finding critical (weigh.ts). Joining the home in the last year is the reviews' pattern (the new
// partner), a "consider" more (CONSIDER_WEIGHT): high together; medium for an adult there longer.
// It says whether children's social care has named them, but weighs the same either way: the unknown-adult
// rule weighs that.
// Domestic abuse in this child's own home (a record that says domestic abuse and names the child, or names
// someone else who lives with the child, the victim, as an arrest does) is not this pattern: it is the
// domestic-abuse rule's evidence, weighed there as an incident, with repeats escalating as the MARAC
// criteria do. The reviews' pattern is a violent past the child's protectors did not know of (The myth of
// invisible men, 2021: "previous histories of violence" towards former partners and others); the same police
// log counted again as the adult's "history" would double the one incident (weigh.ts assumes independent
// terms), and a single standard-risk incident with a child present is a notification matter (Operation
// Encompass; Working Together 2023), not a high alert.
import type { EvidenceRecord, HouseholdMember } from '../../household/derive.ts';
import { isAdultOn } from '../../household/adulthood.ts';
import { daysBetween } from '../facts.ts';
import type { ChildPicture, Rule, Severity, Term } from '../types.ts';
import { domesticAbuseIn, domesticAbuseSaid } from './domestic-abuse-child-present.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';
import { basisOf, readSignals } from '../words.ts';

export const VIOLENT_ADULT_BITS = 2;
export const JOINED_DAYS = 365;
const SOURCE = 'Child Safeguarding Practice Review Panel, The myth of invisible men (2021); Sidebotham P, Brandon M et al., Pathways to harm, pathways to protection: a triennial analysis of serious case reviews 2011 to 2014 (DfE, 2016)';

/** Offences against the person, as police systems name them. */
export const VIOLENT_OFFENCE = /\b(assault\w*|battery|a\.?b\.?h|g\.?b\.?h|(actual|grievous) bodily harm|wounding|violen\w*|affray|robbery|murder|manslaughter|threats? to kill|strangl\w*|suffocat\w*|chok\w*|kidnap\w*|false imprisonment|rape|sexual assault|cruelty|firearm|knife|weapon|domestic abuse)\b/i;

interface Violence { r: EvidenceRecord; personId: number | null; basis: string }

function violenceIn(r: EvidenceRecord): Violence[] {
  const body = r.document.body as { action?: string; suspect?: string; offence?: string };
  const out: Violence[] = [];
  if (r.kind === 'police-action' && body.action !== 'no-further-action' && body.offence && VIOLENT_OFFENCE.test(body.offence)) {
    const suspects = body.suspect ? [body.suspect] : r.document.people.filter((m) => m.role === 'alleged-perpetrator').map((m) => m.key);
    for (const k of suspects) out.push({ r, personId: r.personOf[k] ?? null, basis: `offence: "${body.offence}" (${body.action ?? 'police'}; suspect)` });
  }
  // A police record's offence is read as a field above, where no further action sets it aside; the words of a
  // record closing an allegation are not a history of violence either.
  const closed = r.kind === 'police-action' && body.action === 'no-further-action';
  const said = closed ? undefined : readSignals(r, ['violent-adult']).found.find((x) => !(r.kind === 'police-action' && x.field === 'body.offence'));
  if (said) {
    // Whom the words are about: the people they name (by given name, else by family name, which a family
    // shares), else the record's suspect or alleged perpetrator. Never anyone else the record names: in
    // "domestic incident" the victim is named too.
    const phrase = said.phrase.toLowerCase();
    const says = (n: string | undefined) => !!n && n.length > 1 && new RegExp(`\\b${n.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(phrase);
    const others = r.document.people.filter((m) => m.role !== 'subject' && m.role !== 'professional');
    const byGiven = others.filter((m) => says(m.name.given));
    const byFamily = others.filter((m) => says(m.name.family));
    const accused = others.filter((m) => m.role === 'alleged-perpetrator' || m.key === body.suspect);
    // "Step-father's conviction for injuring Amy": the possessive says whose it is, before any name the sentence
    // goes on to give (the person harmed).
    const owners = others.filter((m) => m.relationship && says(`${m.relationship}'s`));
    const about = owners.length ? owners : byGiven.length ? byGiven : byFamily.length === 1 ? byFamily : accused;
    for (const m of about) out.push({ r, personId: r.personOf[m.key] ?? null, basis: basisOf(said) });
  }
  return out;
}

/**
 * Whether a record of this adult's violence is domestic abuse in the child's own home: it says domestic abuse
 * and names the child, or names another person who lives with the child (the victim an arrest names).
 */
function inThisHome(r: EvidenceRecord, adultId: number, p: ChildPicture): boolean {
  if (domesticAbuseIn(r, p.personId)) return true;
  if (!domesticAbuseSaid(r) && !/\b(?:domestic|coercive)\b/i.test(String((r.document.body as { offence?: unknown }).offence ?? ''))) return false;
  return r.document.people.some((m) => {
    const id = r.personOf[m.key];
    return id != null && id !== adultId && p.household.members.some((h) => h.personId === id);
  });
}

export const violentAdultInHome: Rule = {
  id: 'violent-adult-in-home',
  version: 1,
  title: "An adult with a police history of violence in the child's home",
  source: SOURCE,
  evaluate(p) {
    if (!p.today.length) return null;
    const violence = p.records.flatMap(violenceIn).filter((v) => v.personId !== null && v.personId !== p.personId && !inThisHome(v.r, v.personId, p));
    if (!violence.length) return null;
    const inHome = (id: number): HouseholdMember | undefined => p.household.members.find((m) => m.personId === id
      && m.from <= p.asOf && (m.current || m.to >= p.asOf) && isAdultOn(m, p.asOf) !== false);
    const adults = new Map<number, { m: HouseholdMember; v: Violence[] }>();
    for (const v of violence) {
      const m = inHome(v.personId!);
      if (!m) continue;
      const a = adults.get(v.personId!) ?? { m, v: [] };
      a.v.push(v);
      adults.set(v.personId!, a);
    }
    if (!adults.size) return null;
    // Something new today: the violence recorded, or the evidence that put them in the home.
    const fresh = [...adults.values()].some((a) => a.v.some((v) => p.today.includes(v.r)) || a.m.evidence.some((e) => e.occurredOn === p.asOf));
    if (!fresh) return null;
    const joined = [...adults.values()].filter((a) => daysBetween(a.m.from, p.asOf) <= JOINED_DAYS);
    const severity: Severity = joined.length ? 'high' : 'medium';
    // One term for each adult, on the first record of their violence: more records of one man's violence are
    // not independent evidence about the child, and weighing then sees the same term every day.
    const terms: Term[] = [...adults.values()].flatMap((a) => a.v.slice(0, 1).map((v) => ({
      label: 'an adult in the home with a police history of violence', weight: VIOLENT_ADULT_BITS,
      source: `${SOURCE}; weight: no published ratio, between NICE's "consider" and "suspect" (violent-adult-in-home.ts)`, evidence: v.r.source, basis: `${a.m.name}: ${v.basis}`,
    })));
    for (const a of joined) {
      const moved = a.m.evidence[0]!;
      terms.push({ label: 'an adult with a violent history joined the home in the last year', weight: CONSIDER_WEIGHT, source: `${SOURCE}; NICE's "consider" weight (weigh.ts)`, evidence: moved.source, basis: `${a.m.name}: ${moved.why}, from ${a.m.from}` });
    }
    const first = [...adults.values()][0]!;
    const evidence = [...new Set([...adults.values()].flatMap((a) => [...a.v.map((v) => v.r.source), ...a.m.evidence.slice(0, 1).map((e) => e.source)]))];
    return {
      severity,
      evidence,
      // A risk factor about an adult, not harm seen on the child: it never makes a finding critical.
      contributing: evidence,
      subjectPersonId: first.m.personId,
      terms,
      explanation: [...adults.values()].map((a) => `${a.m.name} (${[...a.m.relationships, ...a.m.roles][0] ?? 'adult'}) has lived in ${p.name}'s home since ${a.m.from} (${a.m.evidence[0]?.why ?? 'household'} in ${a.m.evidence[0]?.source ?? 'the records'})`
        + ` and has a police history of violence: ${a.v.map((v) => `${v.r.source} (${v.r.occurredOn}) ${v.basis}`).join('; ')}`
        + (a.m.knownToSocialCare ? '' : '; no children\'s social care record about the child names them')).join('. ')
        + (joined.length ? `. ${joined.map((a) => a.m.name).join(', ')} joined the home in the last year: find out who they are and tell the family's workers.` : '.'),
    };
  },
};

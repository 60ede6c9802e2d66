// An adult linked to the child's home by any agency whom children's social
// care has not recorded about the child. Reviews find again and again a mother's
// partner living in the home for months unknown to the professionals, though an
// agency had his name (Brandon et al., triennial analyses of serious case reviews;
// Ofsted, Ages of concern, 2011: "hidden men"; Child Safeguarding Practice Review
// Panel, The myth of invisible men, 2021). It matters once social
// care is involved with the child (before that, nobody is "recorded by" them).
// - high while the child is on a child-protection plan or open to social care, else medium;
// - one level higher when the adult is an alleged perpetrator in any record.
//
// The rule is about an adult the professionals do not know of, not about a gap in one social-care record.
// A parent who has lived with the child since birth, recorded as such by the health services that saw the
// child from the start (maternity, GP, health visiting), is known: a social-care record naming only the other
// parent does not make them hidden. The evidence agrees: in Stiffman et al. (Pediatrics 2002;109:615), a
// child living with a biological parent had no raised risk of maltreatment death (adjusted OR 1.1), one
// living with an unrelated adult 8.8 times the risk, with a step-parent 4.7 and another adult relative 2.2.
// Those odds ratios are the terms' weights (log2), an approximation of a likelihood ratio for the record
// system (the outcome they measure is death, the most severe). An alleged perpetrator is never set aside.
import { describedAsChild, isAdultInHome } from '../../household/adulthood.ts';
import type { EvidenceRecord, HouseholdMember } from '../../household/derive.ts';
import { childProtectionPlan, daysBetween, openToSocialCare } from '../facts.ts';
import type { ChildPicture, Rule, Severity, Term } from '../types.ts';
import { SUSPECT_WEIGHT } from '../weigh.ts';

const STIFFMAN = 'Stiffman MN et al. Household composition and risk of fatal child maltreatment. Pediatrics 2002;109(4):615-21';
/** log2 of the adjusted odds ratios (Stiffman 2002): unrelated adult 8.8, step-parent 4.7, other adult relative 2.2. */
export const UNRELATED_ADULT_WEIGHT = Math.log2(8.8); // 3.14
export const STEP_PARENT_WEIGHT = Math.log2(4.7); // 2.23
export const RELATIVE_WEIGHT = Math.log2(2.2); // 1.14
/** Recorded at the child's home within this many days of the birth: "since birth" (the new-birth visit is by day 14, GP registration by about 8 weeks). */
export const SINCE_BIRTH_DAYS = 92;
/** Agencies that record a baby's household from the start. */
const HEALTH_KINDS = new Set(['gp', 'hospital', 'health-visiting', 'community-health']);

// "mother's partner" is a partner: the possessive is not the person (as the household reading does).
const own = (relationship: string) => relationship.replace(/\b\w+'s\s+/g, '');
const PARENT = /\b(father|mother|dad|daddy|mum|mummy|mom|parent|birth (father|mother))\b/i;
const STEP = /\b(step[- ]?\w*)\b/i;
const UNRELATED = /\b(partner|boyfriend|girlfriend|husband|wife|lodger|friend|visitor)\b/i;
const RELATIVE = /\b(grand\w*|aunt|auntie|uncle|cousin|relative)\b/i;

function kinOf(m: HouseholdMember): 'parent' | 'step-parent' | 'relative' | 'unrelated' {
  const rels = m.relationships.map(own);
  if (rels.some((r) => STEP.test(r))) return 'step-parent';
  if (rels.some((r) => UNRELATED.test(r))) return 'unrelated';
  if (rels.some((r) => PARENT.test(r)) || (!rels.length && m.roles.includes('parent'))) return 'parent';
  if (rels.some((r) => RELATIVE.test(r)) || m.roles.includes('relative')) return 'relative';
  return 'unrelated';
}

/**
 * A parent at the child's home without a break since the child's first months, recorded there by a health
 * service: the health record that says so, or null.
 */
export function residentParentSinceBirth(m: HouseholdMember, p: Pick<ChildPicture, 'dob' | 'agencyKinds'>): string | null {
  if (kinOf(m) !== 'parent' || m.periods.length !== 1 || !p.dob || !/^\d{4}-\d{2}-\d{2}$/.test(p.dob)) return null;
  if (daysBetween(p.dob, m.from) > SINCE_BIRTH_DAYS) return null;
  const health = m.evidence.find((e) => HEALTH_KINDS.has(p.agencyKinds[e.agency] ?? '') && daysBetween(p.dob!, e.occurredOn) <= SINCE_BIRTH_DAYS);
  return health?.source ?? null;
}

const r2suspect = (r: EvidenceRecord): number | null | undefined => {
  const suspect = (r.document.body as { suspect?: string }).suspect;
  return suspect === undefined ? undefined : r.personOf[suspect];
};

export const unknownAdult: Rule = {
  id: 'unknown-adult',
  version: 2,
  title: "An adult in the child's home not recorded by children's social care",
  source: 'Brandon et al., triennial analyses of serious case reviews; Ofsted, Ages of concern (2011) on unknown men in the household; Child Safeguarding Practice Review Panel, The myth of invisible men (2021); Stiffman et al., Pediatrics 2002 (household composition)',
  evaluate(p) {
    if (!p.records.some((r) => r.agencyKind === 'social-care')) return null;
    const isPerpetrator = (m: HouseholdMember) => m.personId !== null && p.records.some((r) =>
      r.document.people.some((x) => x.role === 'alleged-perpetrator' && r.personOf[x.key] === m.personId) || r2suspect(r) === m.personId);
    const notNamed = p.household.members.filter((m) => {
      if (m.knownToSocialCare) return false;
      // Brothers and sisters, even grown up, are not the "hidden" adults this rule looks for.
      if (describedAsChild(m)) return false;
      return isAdultInHome(m, p.asOf);
    });
    const setAside = notNamed.map((m) => ({ m, since: isPerpetrator(m) ? null : residentParentSinceBirth(m, p) })).filter((x) => x.since);
    const unknown = notNamed.filter((m) => !setAside.some((x) => x.m === m));
    if (!unknown.length) return null;
    const perpetrators = unknown.filter(isPerpetrator);
    const plan = childProtectionPlan(p.records);
    const base: Severity = plan || openToSocialCare(p) ? 'high' : 'medium';
    const severity: Severity = perpetrators.length ? (base === 'high' ? 'critical' : 'high') : base;
    const evidence = [...new Set(unknown.flatMap((m) => m.evidence.map((e) => e.source)))];
    // An alleged perpetrator in another record: no ratio of its own; NICE's "suspect" anchor (weigh.ts), so an
    // unknown unrelated adult who is also an alleged perpetrator reaches critical, as the rule always said.
    const perpetratorTerms: Term[] = perpetrators.map((m) => {
      const r = p.records.find((x) => x.document.people.some((k) => x.personOf[k.key] === m.personId && k.role === 'alleged-perpetrator')
        || r2suspect(x) === m.personId)!;
      return { label: 'an adult in the home who is an alleged perpetrator in another record', weight: SUSPECT_WEIGHT,
        source: 'Child Safeguarding Practice Review Panel, The myth of invisible men (2021); no published ratio: NICE CG89 "suspect" anchor (weigh.ts)', evidence: r.source, basis: `alleged perpetrator: ${m.name}` };
    });
    const terms: Term[] = unknown.map((m) => {
      const kin = kinOf(m);
      const first = m.evidence[0]!;
      const weight = kin === 'step-parent' ? STEP_PARENT_WEIGHT : kin === 'relative' ? RELATIVE_WEIGHT : kin === 'parent' ? Math.log2(1.1) : UNRELATED_ADULT_WEIGHT;
      return {
        label: `${kin === 'parent' ? 'a parent' : kin === 'relative' ? 'an adult relative' : kin === 'step-parent' ? 'a step-parent' : 'an adult not related to the child'} in the home, not named by children's social care`,
        weight, source: STIFFMAN, evidence: first.source, basis: `${first.why}: ${m.name}${m.relationships[0] ? ` (${m.relationships[0]})` : ''}`,
      };
    });
    return {
      severity,
      evidence,
      subjectPersonId: unknown[0]!.personId,
      terms: [...terms, ...perpetratorTerms],
      explanation: unknown.map((m) => `${m.name} (${[...m.relationships, ...m.roles].filter(Boolean)[0] ?? 'adult'}) is linked to ${p.name}'s home from ${m.from} by ${[...new Set(m.evidence.map((e) => `${e.why} in ${e.source}`))].join(', ')}, but no children's social care record about ${p.name} names them`).join('; ')
        + (perpetrators.length ? `; ${perpetrators.map((m) => m.name).join(', ')} ${perpetrators.length === 1 ? 'is' : 'are'} an alleged perpetrator in another record` : '')
        + (setAside.length ? `. Not counted: ${setAside.map((x) => `${x.m.name}, a parent living with ${p.name} since birth as ${x.since} records`).join('; ')}` : '')
        + (plan ? `. ${p.name} is on a child-protection plan (${plan.source}): find out who they are.` : '.'),
    };
  },
};

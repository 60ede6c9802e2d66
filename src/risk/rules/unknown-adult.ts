// An adult linked to the child's home by any agency whom children's social
// care has not recorded about the child. Peter Connelly's mother's boyfriend
// lived in the home for months unknown to every professional, though she had
// named him as next of kin (Haringey LSCB, Serious Case Review: Child A, 2009;
// Ofsted, The voice of the child, 2011: "hidden men"). It matters once social
// care is involved with the child (before that, nobody is "recorded by" them).
// - high while the child is on a child-protection plan or open to social care, else medium;
// - one level higher when the adult is an alleged perpetrator in any record.
import { describedAsChild, isAdultInHome } from '../../household/adulthood.ts';
import { childProtectionPlan, openToSocialCare } from '../facts.ts';
import type { Rule, Severity } from '../types.ts';

export const unknownAdult: Rule = {
  id: 'unknown-adult',
  version: 1,
  title: "An adult in the child's home not recorded by children's social care",
  source: 'Haringey LSCB, Serious Case Review: Child A (2009); Ofsted, Ages of concern (2011) on unknown men in the household',
  evaluate(p) {
    if (!p.records.some((r) => r.agencyKind === 'social-care')) return null;
    const unknown = p.household.members.filter((m) => {
      if (m.knownToSocialCare) return false;
      // Brothers and sisters, even grown up, are not the "hidden" adults this rule looks for.
      if (describedAsChild(m)) return false;
      return isAdultInHome(m, p.asOf);
    });
    if (!unknown.length) return null;
    const perpetrators = unknown.filter((m) => m.personId !== null && p.records.some((r) =>
      r.document.people.some((x) => x.role === 'alleged-perpetrator' && r.personOf[x.key] === m.personId)
      || ((r.document.body as { suspect?: string }).suspect !== undefined && r.personOf[(r.document.body as { suspect: string }).suspect] === m.personId)));
    const plan = childProtectionPlan(p.records);
    const base: Severity = plan || openToSocialCare(p) ? 'high' : 'medium';
    const severity: Severity = perpetrators.length ? (base === 'high' ? 'critical' : 'high') : base;
    const evidence = [...new Set(unknown.flatMap((m) => m.evidence.map((e) => e.source)))];
    return {
      severity,
      evidence,
      subjectPersonId: unknown[0]!.personId,
      explanation: unknown.map((m) => `${m.name} (${[...m.relationships, ...m.roles].filter(Boolean)[0] ?? 'adult'}) is linked to ${p.name}'s home from ${m.from} by ${[...new Set(m.evidence.map((e) => `${e.why} in ${e.source}`))].join(', ')}, but no children's social care record about ${p.name} names them`).join('; ')
        + (perpetrators.length ? `; ${perpetrators.map((m) => m.name).join(', ')} ${perpetrators.length === 1 ? 'is' : 'are'} an alleged perpetrator in another record` : '')
        + (plan ? `. ${p.name} is on a child-protection plan (${plan.source}): find out who they are.` : '.'),
    };
  },
};

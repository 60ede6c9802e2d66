// A child repeatedly not brought to appointments: a sign of neglect, and of a
// child kept from professionals' sight (NICE CG89, 1.3 neglect; Powell C,
// "Was not brought", Child Care in Practice 2018 and RCPCH guidance). Counted
// over the last year: 2 or more medium; high from 3 within six months missed
// at 2 or more agencies (a run, not a busy year, and a child kept from several
// professionals' sight rather than a family at odds with one service: RCPCH
// asks for missed appointments to be seen across services), or from 3 in the
// year for a child on a child-protection plan.
//
// Weights: children not brought to outpatient appointments more often had a child-protection alert (adjusted
// OR 2.72; French LRM et al., Br J Gen Pract 2017;67:e483). One family's missed appointments are not
// independent, so each is weighed at the square root of that (LR 1.65): two together make the published 2.72.
// A run at two services and a plan are NICE CG89 "consider" patterns with no published ratio (CONSIDER_WEIGHT).
import { aboutChild, childProtectionPlan, within } from '../facts.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

export const NOT_BROUGHT_WEIGHT = Math.log2(2.72) / 2;
/**
 * The published ratio is for a child who misses appointments, not for each one missed: however many there are,
 * one family's misses together weigh no more than it (Term.cap). A run at several services, or on a plan, is
 * weighed on top as its own pattern.
 */
export const NOT_BROUGHT_CAP = { group: 'appointments not brought to', weight: Math.log2(2.72) };
const FRENCH_2017 = 'French LRM et al., Br J Gen Pract 2017;67:e483 (not brought: adjusted OR 2.72 for a child-protection alert), halved in log for one family\'s repeats';
const CONSIDER = 'NICE CG89 (2009, updated 2017) 1.3 "consider neglect"; RCPCH, "Was not brought" (2018); no published ratio: the "consider" weight (LR 2.5)';

const YEAR = 365;
const RUN_DAYS = 183;

export const wasNotBrought: Rule = {
  id: 'was-not-brought',
  version: 4,
  title: 'Repeatedly not brought to appointments',
  source: 'NICE guideline CG89 (2009, updated 2017), 1.3 neglect; RCPCH, "Was not brought" (2018)',
  evaluate(p) {
    const wnb = (r: (typeof p.records)[number]) => r.kind === 'appointment-missed' && aboutChild(r, p.personId)
      && (r.document.body as { wasNotBrought?: boolean }).wasNotBrought === true;
    if (!p.today.some(wnb)) return null;
    const missed = p.records.filter((r) => wnb(r) && within(r, p.asOf, YEAR));
    if (missed.length < 2) return null;
    const known = childProtectionPlan(p.records);
    const run = missed.filter((r) => within(r, p.asOf, RUN_DAYS));
    const services = new Set(run.map((r) => r.agencyId));
    const crossServiceRun = run.length >= 3 && services.size >= 2;
    const severity: Severity = crossServiceRun || (known && missed.length >= 3) ? 'high' : 'medium';
    const service = (r: (typeof p.records)[number]) => (r.document.body as { service?: string }).service ?? 'appointment';
    const terms: Term[] = missed.map((r) => ({
      label: 'not brought to an appointment', weight: NOT_BROUGHT_WEIGHT, cap: NOT_BROUGHT_CAP, source: FRENCH_2017, evidence: r.source, basis: `wasNotBrought: true (${service(r)})`,
    }));
    if (crossServiceRun) {
      terms.push({ label: 'not brought 3 or more times within six months, at 2 or more services', weight: CONSIDER_WEIGHT, source: CONSIDER, evidence: run[0]!.source, basis: `services: ${[...services].sort().join(', ')}` });
    }
    if (known) terms.push({ label: 'not brought while on a child-protection plan', weight: CONSIDER_WEIGHT, source: CONSIDER, evidence: known.source, basis: 'decision: plan' });
    return {
      severity,
      terms,
      evidence: missed.map((r) => r.source),
      explanation: `${p.name} was not brought to ${missed.length} appointments in a year (${missed.map((r) => `${(r.document.body as { service?: string }).service ?? 'appointment'} ${r.occurredOn}`).join(', ')})${known ? ` while on a child-protection plan (${known.source})` : ''}.`,
    };
  },
};

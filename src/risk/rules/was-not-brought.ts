// A child repeatedly not brought to appointments: a sign of neglect, and of a
// child kept from professionals' sight (NICE CG89, 1.3 neglect; Powell C,
// "Was not brought", Child Care in Practice 2018 and RCPCH guidance). Counted
// over the last year: 2 or more medium; high from 3 within six months missed
// at 2 or more agencies (a run, not a busy year, and a child kept from several
// professionals' sight rather than a family at odds with one service: RCPCH
// asks for missed appointments to be seen across services), or from 3 in the
// year for a child on a child-protection plan.
import { aboutChild, childProtectionPlan, within } from '../facts.ts';
import type { Rule, Severity } from '../types.ts';

const YEAR = 365;
const RUN_DAYS = 183;

export const wasNotBrought: Rule = {
  id: 'was-not-brought',
  version: 2,
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
    const severity: Severity = (run.length >= 3 && services.size >= 2) || (known && missed.length >= 3) ? 'high' : 'medium';
    return {
      severity,
      evidence: missed.map((r) => r.source),
      explanation: `${p.name} was not brought to ${missed.length} appointments in a year (${missed.map((r) => `${(r.document.body as { service?: string }).service ?? 'appointment'} ${r.occurredOn}`).join(', ')})${known ? ` while on a child-protection plan (${known.source})` : ''}.`,
    };
  },
};

// Different explanations for the same injury of a child (an injury at the same
// site) given to different agencies within a fortnight: an explanation that changes with the listener is one that
// does not fit (NICE CG89, 1.2: "an explanation that is inconsistent"; Peter
// Connelly's mother told the GP nothing clear and the hospital he fell off the
// settee, on the same day). High.
import type { EvidenceRecord } from '../../household/derive.ts';
import { childInjuries, daysBetween } from '../facts.ts';
import type { Rule } from '../types.ts';

export const SAME_EPISODE_DAYS = 14;
const STOP = new Set(['the', 'a', 'an', 'and', 'of', 'on', 'in', 'to', 'his', 'her', 'he', 'she', 'it', 'was', 'off', 'at', 'with', 'by', 'from']);

const words = (s: string) => new Set(s.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 2 && !STOP.has(w)));

/** Two explanations say different things: fewer than half the words of the shorter one are in the other. */
export function differentExplanations(a: string, b: string): boolean {
  const [x, y] = [words(a), words(b)];
  const small = x.size <= y.size ? x : y;
  const other = small === x ? y : x;
  if (!small.size) return false;
  const shared = [...small].filter((w) => other.has(w)).length;
  return shared / small.size < 0.5;
}

const explanationOf = (r: EvidenceRecord) => (r.document.body as { explanation?: string }).explanation;

export const conflictingExplanations: Rule = {
  id: 'conflicting-explanations',
  version: 1,
  title: 'Different explanations for injuries given to different agencies',
  source: 'NICE guideline CG89 (2009, updated 2017), 1.2 (an inconsistent explanation); Haringey LSCB, Serious Case Review: Child A (2009)',
  evaluate(p) {
    const explained = (r: EvidenceRecord) => childInjuries(r, p.personId).length > 0 && !!explanationOf(r);
    const pairs: [EvidenceRecord, EvidenceRecord][] = [];
    for (const t of p.today.filter(explained)) {
      for (const o of p.records.filter(explained)) {
        if (o === t || o.agencyId === t.agencyId || Math.abs(daysBetween(o.occurredOn, t.occurredOn)) > SAME_EPISODE_DAYS) continue;
        if (p.today.includes(o) && o.source > t.source) continue; // each same-day pair once
        const sites = new Set(childInjuries(o, p.personId).map((i) => i.site));
        const sameInjury = childInjuries(t, p.personId).some((i) => sites.has(i.site));
        if (sameInjury && differentExplanations(explanationOf(t)!, explanationOf(o)!)) pairs.push([o, t]);
      }
    }
    if (!pairs.length) return null;
    return {
      severity: 'high',
      evidence: [...new Set(pairs.flat().map((r) => r.source))],
      explanation: pairs.map(([o, t]) => `${o.agencyId} was told "${explanationOf(o)}" (${o.source}, ${o.occurredOn}) and ${t.agencyId} "${explanationOf(t)}" (${t.source}, ${t.occurredOn})`).join('; ')
        + `: different accounts of ${p.name}'s injuries to different agencies.`,
    };
  },
};

// Emotional abuse and harmful parent–child interaction, as NICE CG89 describes them: a child's emotional
// state or behaviour out of keeping with their age (frightened, withdrawn, flinching, "frozen watchfulness":
// 1.4, emotional, behavioural, interpersonal and social functioning) and interaction that may harm (hostility,
// rejection, scapegoating, emotional unavailability, rough handling: 1.5, parent–child interactions). NICE
// grades these "consider": each weighs as that (weigh.ts CONSIDER_WEIGHT) the first time it is recorded.
// Recorded again on another day by another agency it is no longer one observer's impression: half a
// "consider" more (a second observer of the same thing, not a new feature); more records of the same kind
// add nothing. A concern recorded in the category "emotional" is the agency's own reading and counts as the
// emotional-state kind. Severity by the sum on weighing's thresholds: one kind medium; both kinds, each
// seen by two agencies, high.
// A category is not an observation when the record's own words say what it is: a school's log of an Operation
// Encompass notification (the police telling the school's key adult of a domestic incident at home, so that
// the school can support the child: Operation Encompass, endorsed in Working Together 2023 and Keeping Children
// Safe in Education 2024) is filed as "emotional" but reports the incident, not what anyone saw of the child.
// The incident is the domestic-abuse rule's evidence; read again here it would count one night twice. Words
// of the child's state in such a record ("withdrawn", "frightened") still count, through the reader.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, within } from '../facts.ts';
import { CG89, GRADE_ONLY } from '../citations.ts';
import { CONSIDER_WEIGHT, HIGH_AT, MEDIUM_AT } from '../weigh.ts';
import type { Rule, Severity, Term } from '../types.ts';
import type { Signal } from '../text/vocabulary.ts';
import { basisOf, readSignals, setAsideNote } from '../words.ts';
import { domesticAbuseSaid } from './domestic-abuse-child-present.ts';

export const EMOTIONAL_WINDOW_DAYS = 365;

const KINDS = [
  { code: 'emotional-harm', label: "the child's emotional state or behaviour (frightened, withdrawn)", section: '1.4' },
  { code: 'poor-interaction', label: 'harmful parent–child interaction', section: '1.5' },
] as const;

function occurrences(kind: (typeof KINDS)[number], records: readonly EvidenceRecord[], childId: number, setAside: Signal[]) {
  const out: { r: EvidenceRecord; basis: string }[] = [];
  for (const r of records) {
    // Written about the child, or a record naming the child in which the parent's care of them is seen.
    if (!r.document.people.some((m) => r.personOf[m.key] === childId)) continue;
    const read = readSignals(r, [kind.code]);
    setAside.push(...read.setAside);
    if (read.found[0]) out.push({ r, basis: basisOf(read.found[0]) });
    else if (kind.code === 'emotional-harm' && r.kind === 'concern' && aboutChild(r, childId)
      && (r.document.body as { category?: string }).category === 'emotional' && !isIncidentNotice(r)) out.push({ r, basis: 'category: emotional' });
  }
  return out;
}

/** A record that is the notice of a domestic incident (Operation Encompass, a police notification): its words say domestic abuse or name the scheme. */
const ENCOMPASS = /\boperation encompass\b/i;
function isIncidentNotice(r: EvidenceRecord): boolean {
  const body = r.document.body as { description?: unknown };
  return ENCOMPASS.test(`${String(body.description ?? '')} ${r.document.narrative ?? ''}`) || !!domesticAbuseSaid(r);
}

export const emotionalHarm: Rule = {
  id: 'emotional-harm',
  version: 1,
  title: 'Emotional harm and harmful parent–child interaction (NICE CG89 1.4, 1.5)',
  source: `${CG89}, 1.4 emotional, behavioural, interpersonal and social functioning; 1.5 parent–child interactions`,
  evaluate(p) {
    if (!KINDS.some((k) => occurrences(k, p.today, p.personId, []).length)) return null;
    const recent = p.records.filter((r) => within(r, p.asOf, EMOTIONAL_WINDOW_DAYS));
    const setAside: Signal[] = [];
    const terms: Term[] = [];
    const found: string[] = [];
    for (const kind of KINDS) {
      const seen = occurrences(kind, recent, p.personId, setAside);
      if (!seen.length) continue;
      const first = seen[0]!;
      terms.push({ label: kind.label, weight: CONSIDER_WEIGHT, source: `${CG89}, ${kind.section} (consider); ${GRADE_ONLY}`, evidence: first.r.source, basis: first.basis });
      // The first other agency's record carries the term, so later days' findings weigh the same one.
      const corroborated = seen.find((o) => o.r.occurredOn !== first.r.occurredOn && o.r.agencyId !== first.r.agencyId);
      if (corroborated) {
        terms.push({ label: `${kind.label}, seen again by another agency`, weight: CONSIDER_WEIGHT / 2, source: `${CG89}, ${kind.section}; half the weight of NICE's "consider" for a second observer (weigh.ts)`, evidence: corroborated.r.source, basis: corroborated.basis });
      }
      found.push(`${kind.label}: ${seen.map((o) => `${o.r.source} (${o.r.occurredOn}) ${o.basis}`).join('; ')}`);
    }
    if (!terms.length) return null;
    const sum = terms.reduce((s, t) => s + t.weight, 0);
    const severity: Severity = sum >= HIGH_AT ? 'high' : sum >= MEDIUM_AT ? 'medium' : 'low';
    return {
      severity,
      evidence: [...new Set(terms.map((t) => t.evidence))],
      terms,
      explanation: `${p.name}: ${found.join('. ')}. NICE CG89 asks to consider emotional abuse${terms.length > 1 ? '; recorded by more than one agency or in both kinds, it is a pattern' : ''}.`
        + setAsideNote([...new Map(setAside.map((s) => [`${s.source}|${s.phrase}`, s])).values()]),
    };
  },
};

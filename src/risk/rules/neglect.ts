// Neglect, as NICE CG89 (1.3, failure of provision) lists its features and agencies record them: a hungry
// or food-seeking child; a child persistently dirty or smelly; medical or dental needs left untreated; poor
// home conditions; a child repeatedly not brought to appointments; faltering growth. Neglect is cumulative
// (Brandon et al., Neglect and serious case reviews, UEA/NSPCC 2013: "a pattern of neglect" missed when each
// episode was seen alone), so the rule weighs every feature of the last year together:
// - each kind of feature weighs as NICE's "consider" (weigh.ts CONSIDER_WEIGHT) the first time it is recorded;
// - where NICE grades persistence "suspect" (a child "persistently smelly and dirty"; parents who
//   persistently fail to obtain treatment for tooth decay), the same kind again on another day brings the
//   kind to "suspect"'s weight; other kinds recorded again add nothing (one family's repeats are not
//   independent evidence, and NICE's "consider" for home conditions already speaks of repeated reports);
// - several kinds add up: three "consider" kinds reach high, as one "suspect" does (weigh.ts).
// Severity by the sum, on weighing's thresholds (weigh.ts MEDIUM_AT, HIGH_AT).
// Not brought to appointments has its own rule (was-not-brought) and weight (French et al. 2017); here it is
// one kind of neglect among the others, never a finding alone, with that rule's very terms (same label and
// record) so weighing counts each missed appointment once. Faltering growth is weighed by
// faltering-growth.ts; its terms are taken here unchanged, for the same reason.
// Words a sentence denies ("no concerns about hygiene") are set aside, and the explanation says so.
import type { EvidenceRecord } from '../../household/derive.ts';
import { aboutChild, within } from '../facts.ts';
import { CG89, GRADE_ONLY } from '../citations.ts';
import { CONSIDER_WEIGHT, HIGH_AT, MEDIUM_AT, SUSPECT_WEIGHT } from '../weigh.ts';
import type { Rule, Severity, Term } from '../types.ts';
import type { ConcernSignal, Signal } from '../text/vocabulary.ts';
import { basisOf, readSignals, setAsideNote } from '../words.ts';
import { growthPicture } from './faltering-growth.ts';
import { NOT_BROUGHT_CAP, NOT_BROUGHT_WEIGHT } from './was-not-brought.ts';

export const NEGLECT_WINDOW_DAYS = 365;
/** Appointments about a child's growth or feeding, by the service's name. */
const GROWTH_SERVICE = /\b(weight|weigh|growth|feeding|dietit\w*|nutrition\w*|failure to thrive|faltering)\b/i;
/** was-not-brought's term for one missed appointment: weighing keeps one term per record and label. */
export const NOT_BROUGHT_LABEL = 'not brought to an appointment';
const NOT_BROUGHT_SOURCE = 'French LRM et al., Br J Gen Pract 2017;67:e483, as the was-not-brought rule weighs it';

interface Kind {
  code: ConcernSignal;
  label: string;
  /** whose record speaks of it: the child's own (hunger is the child's), or any record at the home */
  home: boolean;
  /** NICE grades it "suspect" when persistent */
  persistentSuspect: boolean;
}

const KINDS: Kind[] = [
  { code: 'hunger', label: 'hunger or food-seeking', home: false, persistentSuspect: false },
  { code: 'poor-hygiene', label: 'poor hygiene', home: false, persistentSuspect: true },
  { code: 'untreated-need', label: 'untreated medical or dental need', home: false, persistentSuspect: true },
  { code: 'poor-home-conditions', label: 'poor home conditions', home: true, persistentSuspect: false },
  { code: 'not-brought', label: 'not brought to appointments', home: false, persistentSuspect: false },
];

const wasNotBrought = (r: EvidenceRecord, childId: number) => r.kind === 'appointment-missed' && aboutChild(r, childId)
  && (r.document.body as { wasNotBrought?: boolean }).wasNotBrought === true;

/** Every record of one kind of neglect in the records given: the record and the words or field it rests on. */
function occurrences(kind: Kind, records: readonly EvidenceRecord[], childId: number, setAside: Signal[]): { r: EvidenceRecord; basis: string }[] {
  const out: { r: EvidenceRecord; basis: string }[] = [];
  for (const r of records) {
    if (kind.code === 'not-brought' && wasNotBrought(r, childId)) {
      out.push({ r, basis: `wasNotBrought: true (${(r.document.body as { service?: string }).service ?? 'appointment'})` });
      continue;
    }
    // A home's conditions are every child's in it; a child's hunger or hygiene is written about that child.
    if (!kind.home && !aboutChild(r, childId)) continue;
    const read = readSignals(r, [kind.code]);
    setAside.push(...read.setAside);
    if (read.found[0]) out.push({ r, basis: basisOf(read.found[0]) });
  }
  return out;
}

export const neglect: Rule = {
  id: 'neglect-features',
  version: 2,
  title: 'Features of neglect accumulating (NICE CG89 1.3)',
  source: `${CG89}, 1.3 neglect; Brandon M et al., Neglect and serious case reviews (University of East Anglia/NSPCC, 2013)`,
  evaluate(p) {
    const recent = p.records.filter((r) => within(r, p.asOf, NEGLECT_WINDOW_DAYS));
    const setAside: Signal[] = [];
    const today = KINDS.flatMap((k) => occurrences(k, p.today, p.personId, []));
    // Growth is read against the whole history (the birthweight is the baseline); only its terms from the window count.
    const whole = growthPicture(p);
    const inWindow = new Set(recent.map((r) => r.source));
    const growth = { ...whole, terms: whole.terms.filter((t) => inWindow.has(t.evidence)) };
    const growthToday = growth.terms.filter((t) => p.today.some((r) => r.source === t.evidence));
    if (!today.length && !growthToday.length) return null;
    const terms: Term[] = [];
    const found: string[] = [];
    for (const kind of KINDS) {
      const seen = occurrences(kind, recent, p.personId, setAside);
      if (!seen.length) continue;
      const days = [...new Set(seen.map((o) => o.r.occurredOn))];
      const first = seen[0]!;
      if (kind.code === 'not-brought') {
        // Each missed appointment as was-not-brought weighs it (French et al. 2017), so it is counted once.
        terms.push(...seen.map((o) => ({ label: NOT_BROUGHT_LABEL, weight: NOT_BROUGHT_WEIGHT, cap: NOT_BROUGHT_CAP, source: NOT_BROUGHT_SOURCE, evidence: o.r.source, basis: o.basis })));
        found.push(`${kind.label} on ${days.length} day${days.length === 1 ? '' : 's'} (${seen.map((o) => `${o.r.source} ${o.basis}`).join('; ')})`);
        continue;
      }
      terms.push({ label: kind.label, weight: CONSIDER_WEIGHT, source: `${CG89}, 1.3 (consider); ${GRADE_ONLY}`, evidence: first.r.source, basis: first.basis });
      // Persistence: the same kind again on another day. The first such record carries the term, so every
      // later day's finding weighs the same term (weighing counts a record and label once).
      const again = kind.persistentSuspect ? seen.find((o) => o.r.occurredOn !== first.r.occurredOn) : undefined;
      if (again) {
        terms.push({ label: `${kind.label}, persistent`, weight: SUSPECT_WEIGHT - CONSIDER_WEIGHT, source: `${CG89}, 1.3 (suspect when persistent); ${GRADE_ONLY}`, evidence: again.r.source, basis: again.basis });
      }
      found.push(`${kind.label} on ${days.length} day${days.length === 1 ? '' : 's'} (${seen.map((o) => `${o.r.source} ${o.basis}`).join('; ')})`);
    }
    // Faltering growth (weighed by its own rule), and a recovery away from home, counted with the rest.
    if (growth.terms.length) {
      terms.push(...growth.terms);
      found.push(`growth: ${growth.notes.filter((n) => growth.terms.some((t) => n.includes(t.evidence))).join('; ')}`);
    }
    // CG89 1.3: consider neglect when a child is not brought to follow-up essential to their health. While
    // growth falters, an appointment for weight, feeding or growth is that follow-up: one such appointment
    // missed is the feature (its own missed-appointment term stays as was-not-brought weighs it).
    const growthAppointment = growth.terms.some((t) => t.label.includes('NG75') || t.label === 'faltering growth described')
      ? recent.find((r) => wasNotBrought(r, p.personId) && GROWTH_SERVICE.test((r.document.body as { service?: string }).service ?? '')) : undefined;
    if (growthAppointment) {
      const service = (growthAppointment.document.body as { service?: string }).service!;
      terms.push({ label: 'not brought to follow-up for faltering growth', weight: CONSIDER_WEIGHT, source: `${CG89}, 1.3 (consider: not brought to follow-up essential to health); ${GRADE_ONLY}`, evidence: growthAppointment.source, basis: `service: "${service}", wasNotBrought: true, while growth faltered` });
      found.push(`not brought to ${service} (${growthAppointment.source}) while growth faltered`);
    }
    const kinds = found.length;
    const sum = terms.reduce((s, t) => s + t.weight, 0);
    // Not brought alone is the was-not-brought rule's; a single growth term alone is faltering-growth's.
    const onlyNotBrought = kinds === 1 && terms.every((t) => t.weight === NOT_BROUGHT_WEIGHT);
    const onlyGrowth = kinds === 1 && growth.terms.length === terms.length;
    if (onlyNotBrought || onlyGrowth) return null;
    const severity: Severity = sum >= HIGH_AT ? 'high' : sum >= MEDIUM_AT ? 'medium' : 'low';
    return {
      severity,
      evidence: [...new Set(terms.map((t) => t.evidence))],
      terms,
      explanation: `${p.name}: ${kinds} kind${kinds === 1 ? '' : 's'} of neglect recorded in the last ${NEGLECT_WINDOW_DAYS} days: ${found.join('; ')}.`
        + ' NICE CG89 asks to consider neglect at each, and to suspect it when a child is persistently dirty or their treatment persistently not sought; together they are a pattern.'
        + setAsideNote([...new Map(setAside.map((s) => [`${s.source}|${s.phrase}`, s])).values()]),
    };
  },
};

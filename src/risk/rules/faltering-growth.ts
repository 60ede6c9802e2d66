// Faltering growth, from the weights agencies measure (contract revision 2, `measurement`, centiles on the
// UK-WHO charts) and from their words. NICE NG75 (Faltering growth, 2017) gives the thresholds for concern:
// a fall across 1 or more centile spaces when the birthweight was below the 9th centile, 2 or more when it
// was between the 9th and the 91st, 3 or more above the 91st; or a weight below the 2nd centile whatever the
// birthweight. NICE CG89 (1.3) asks to consider neglect when growth falters because a child is not given
// enough to eat. Most faltering growth has other causes, so a fall alone weighs little; a child who falls
// at home and catches up when others feed them (placed away from home, or in hospital) is the pattern that
// points to provision, and weighs as NICE's "suspect".
// - weight below the 2nd centile with no fall: low (a small child growing along their line); with a fall,
//   both of NG75's criteria are met and both count;
// - a fall to NG75's threshold, or faltering growth described in words: medium;
// - catch-up growth away from home after a fall: high.
// The first weight on record stands for the birthweight when no weight from the first 28 days is held; the
// explanation says which it was.
import type { EvidenceRecord } from '../../household/derive.ts';
import { placementWindows } from '../../household/timeline.ts';
import { spacesFallen, spacesOfConcern, LOW_WEIGHT_CENTILE, READING_TOLERANCE_SPACES } from '../centiles.ts';
import { aboutChild, daysBetween } from '../facts.ts';
import { CG89, NG75 } from '../citations.ts';
import { SUSPECT_WEIGHT } from '../weigh.ts';
import type { MeasurementBody } from '../../records/types.ts';
import type { ChildPicture, Rule, Severity, Term } from '../types.ts';
import { basisOf, readSignals, setAsideNote } from '../words.ts';

/**
 * A fall to NG75's threshold: concern about growth, of which neglect is one cause among many; CG89 1.3 says
 * "consider" only when the cause is a lack of food, which a weight cannot show. So less than the "consider"
 * weight (weigh.ts, LR 2.5): LR 2, the least that tells the child's worker (weigh.ts MEDIUM_AT).
 */
export const FALL_BITS = 1;
/** Below the 2nd centile but no fall: NG75 asks to assess growth; for maltreatment, weak. */
export const LOW_ONLY_BITS = 0.5;
export const BIRTH_DAYS = 28;
/** A measurement in hospital this many days after an inpatient admission is a weight gained there. */
export const ADMISSION_DAYS = 30;

export interface Weighing { r: EvidenceRecord; centile: number }

export interface GrowthPicture {
  terms: Term[];
  /** the measurement that met NG75's threshold, latest first, or null */
  faltering: Weighing | null;
  notes: string[];
  setAside: ReturnType<typeof readSignals>['setAside'];
}

function weighings(records: readonly EvidenceRecord[], childId: number): Weighing[] {
  return records.filter((r) => r.kind === 'measurement' && aboutChild(r, childId))
    .map((r) => ({ r, centile: (r.document.body as MeasurementBody).centiles?.weight }))
    .filter((w): w is Weighing => typeof w.centile === 'number');
}

/** "the 2nd", "the 91st", "the 0.4th", "the 13.8th": as the charts name their lines. */
export function ordinal(c: number): string {
  const n = Number(c.toFixed(1));
  const teen = Number.isInteger(n) && n % 100 >= 11 && n % 100 <= 13;
  const last = String(n).slice(-1);
  return `${n}${teen ? 'th' : last === '1' ? 'st' : last === '2' ? 'nd' : last === '3' ? 'rd' : 'th'}`;
}
const fmt = ordinal;

/** The child's growth as of the picture's day: what NG75 would raise, and the terms it weighs. */
export function growthPicture(p: Pick<ChildPicture, 'records' | 'personId' | 'dob' | 'asOf'>): GrowthPicture {
  const out: GrowthPicture = { terms: [], faltering: null, notes: [], setAside: [] };
  const list = weighings(p.records, p.personId);
  const base = list[0];
  if (base) {
    const atBirth = p.dob !== null && /^\d{4}-\d{2}-\d{2}$/.test(p.dob) && daysBetween(p.dob, base.r.occurredOn) <= BIRTH_DAYS;
    const baseName = atBirth ? `birthweight on the ${fmt(base.centile)} centile` : `first weight on record on the ${fmt(base.centile)} centile (${base.r.occurredOn}; no birthweight held)`;
    const need = spacesOfConcern(base.centile);
    const meets = (w: Weighing) => w !== base && spacesFallen(base.centile, w.centile) >= need - READING_TOLERANCE_SPACES;
    const fell = list.filter(meets);
    const last = list.at(-1)!;
    // The first measurement to meet the threshold carries the term, so every later day's finding weighs the
    // same term (weighing counts a record and label once); the latest is told in the words.
    const falling = fell[0];
    if (falling) {
      out.faltering = fell.at(-1)!;
      const spaces = spacesFallen(base.centile, falling.centile);
      out.terms.push({
        label: 'weight faltering across centile spaces (NG75)', weight: FALL_BITS, source: `${NG75}; ${CG89}, 1.3 (consider)`,
        evidence: falling.r.source,
        basis: `centiles.weight: ${fmt(falling.centile)}, ${spaces.toFixed(1)} centile spaces below the ${baseName} (NG75: ${need} or more)`,
      });
      out.notes.push(`weight fell from the ${baseName} to the ${fmt(falling.centile)} centile on ${falling.r.occurredOn} (${falling.r.source}), ${spaces.toFixed(1)} centile spaces where NG75 is concerned from ${need}`);
      if (out.faltering !== falling) out.notes.push(`on the ${fmt(out.faltering.centile)} centile at the latest weighing (${out.faltering.r.source}, ${out.faltering.r.occurredOn})`);
      const lowest = list.filter((w) => w.r.occurredOn >= falling.r.occurredOn).reduce((m, w) => (w.centile < m.centile ? w : m), falling);
      const recovered = list.find((w) => w.r.occurredOn > lowest.r.occurredOn && spacesFallen(lowest.centile, w.centile) <= -1 + READING_TOLERANCE_SPACES
        && awayFromHome(w.r, p.records, p.personId));
      if (recovered) {
        out.terms.push({
          label: 'catch-up growth when fed away from home', weight: SUSPECT_WEIGHT, source: `${CG89}, 1.3 (faltering growth because of failure to provide adequate food); ${NG75}`,
          evidence: recovered.r.source,
          basis: `centiles.weight: ${fmt(recovered.centile)}, up from the ${fmt(lowest.centile)} (${lowest.r.source}) ${awayFromHome(recovered.r, p.records, p.personId)}`,
        });
        out.notes.push(`then rose from the ${fmt(lowest.centile)} to the ${fmt(recovered.centile)} centile ${awayFromHome(recovered.r, p.records, p.personId)} (${recovered.r.source}): growth recovers when others feed the child`);
      }
    }
    // NG75's other criterion, a current weight below the 2nd centile, counts beside a fall: a child who fell
    // to below the 2nd meets both.
    // A birthweight alone is not growth: a baby born small is weighed again before anything is said.
    if (last.centile < LOW_WEIGHT_CENTILE && !(atBirth && last === base)) {
      const firstLow = list.find((w) => w.centile < LOW_WEIGHT_CENTILE)!;
      out.terms.push({
        label: 'weight below the 2nd centile (NG75)', weight: LOW_ONLY_BITS, source: NG75, evidence: firstLow.r.source,
        basis: `centiles.weight: ${fmt(firstLow.centile)}, with the ${baseName}`,
      });
      out.notes.push(`weight on the ${fmt(last.centile)} centile on ${last.r.occurredOn} (${last.r.source}), below the 2nd, with the ${baseName}`);
    }
  }
  for (const r of p.records.filter((x) => aboutChild(x, p.personId))) {
    const read = readSignals(r, ['faltering-growth']);
    out.setAside.push(...read.setAside);
    const s = read.found[0];
    if (!s) continue;
    out.terms.push({ label: 'faltering growth described', weight: FALL_BITS, source: `${CG89}, 1.3 (consider); ${NG75}`, evidence: r.source, basis: basisOf(s) });
    out.notes.push(`${r.source} on ${r.occurredOn}: ${basisOf(s)}`);
    break; // the first description carries the term; later ones say the same thing again
  }
  return out;
}

/** Where a measurement was taken away from the family home: during a placement, or in hospital after an admission; '' when at home. */
function awayFromHome(r: EvidenceRecord, records: readonly EvidenceRecord[], childId: number): string {
  const placed = placementWindows([...records], childId).find((w) => r.occurredOn >= w.from && (w.until === null || r.occurredOn < w.until));
  if (placed) return `while placed away from home (${placed.source})`;
  if ((r.document.body as MeasurementBody).setting !== 'hospital') return '';
  const admitted = records.find((a) => a.kind === 'attendance' && aboutChild(a, childId) && (a.document.body as { setting?: string }).setting === 'inpatient'
    && daysBetween(a.occurredOn, r.occurredOn) >= 0 && daysBetween(a.occurredOn, r.occurredOn) <= ADMISSION_DAYS);
  return admitted ? `in hospital after admission (${admitted.source})` : '';
}

export const falteringGrowth: Rule = {
  id: 'faltering-growth',
  version: 1,
  title: 'Faltering growth (NICE NG75), and catch-up growth away from home',
  source: `${NG75}; ${CG89}, 1.3 neglect`,
  evaluate(p) {
    const relevant = p.today.some((r) => aboutChild(r, p.personId) && (r.kind === 'measurement' || readSignals(r, ['faltering-growth']).found.length));
    if (!relevant) return null;
    const g = growthPicture(p);
    if (!g.terms.length) return null;
    const caughtUp = g.terms.some((t) => t.weight >= SUSPECT_WEIGHT);
    const severity: Severity = caughtUp ? 'high' : g.terms.some((t) => t.weight >= FALL_BITS) ? 'medium' : 'low';
    return {
      severity,
      evidence: [...new Set(g.terms.map((t) => t.evidence))],
      terms: g.terms,
      explanation: `${p.name}: ${g.notes.join('; ')}.`
        + (caughtUp ? ' NICE CG89 asks to consider neglect when growth falters for want of food; recovery away from home points there.' : ' NICE NG75 asks for an assessment of growth; neglect is one possible cause (CG89 1.3).')
        + setAsideNote(g.setAside),
    };
  },
};

// Injuries and concerns accumulating across agencies. Reviews find injuries
// "treated as discrete events" by services that each held a fragment (Brandon
// et al., triennial analyses of serious case reviews); Working Together to Safeguard Children (2023)
// asks agencies to see cumulative harm. Counted over the last 90 days in
// episodes, not records: records about the child with an injury, a concern or
// a referral to social care within 3 days of each other are one episode (an
// emergency visit and the GP's review, one domestic incident reported by the
// police, the school and social care), so one event is never counted thrice.
// An injury seen again within 14 days (the GP's review of an emergency visit) is
// the same episode too.
// Always from 2 or more agencies (one agency's records alone are not a multi-agency picture):
// - 2 or more episodes: medium
// - 3 or more episodes of injury or physical-harm concern, or a suspect injury (TEN-4-FACESp or
//   NICE CG89 high) and another episode: high
// - 2 or more episodes with suspect injuries: critical
// Parental risk factors recorded elsewhere raise medium to high (with two or more
// injury episodes), never further.
//
// Weights: only what the pattern adds to the findings of each injury (those are weighed by the physical rules,
// TEN-4-FACESp and NICE CG89, not again here). An episode with a concern or referral in it (someone worried
// enough to say so) is weighed at half the "consider" weight (LR 1.6), as a repeated concern is one of NICE
// CG89's "consider" features; an episode of injury alone at a quarter (LR 1.26): minor injuries are common in
// mobile children (most of the benign bench's firings of this rule were a walking child's bruises), and the
// injuries that are not are weighed by the physical rules. Injuries seen by three kinds of service, each holding a fragment,
// is the pattern the review names: one more "consider". Parental risk factors (the "toxic trio": domestic abuse,
// parental mental ill health and substance misuse, each found in roughly half or more of serious case reviews;
// Brandon M et al., New learning from serious case reviews, DfE 2012) are a "consider" each, as contributing
// factors: they can make high, never critical.
//
// An injury episode is harm's, not childhood's: a bruise or graze without a pattern where a mobile child knocks
// themselves (the shins, knees, forehead or chin: Sugar 1999; Kemp 2015) is the ordinary wear of an active child
// and, noticed in passing (not an emergency presentation), makes no episode on its own (injury-context.ts
// ordinaryForMobileChild); any other injury does, and NICE CG89 and TEN-4-FACESp still read every injury. An entry a later record corrects (a birthmark charted as a bruise) is no episode.
import type { EvidenceRecord } from '../../household/derive.ts';
import type { Injury } from '../../records/types.ts';
import { wholeMonthsAt } from '../age.ts';
import { aboutChild, childInjuries, daysBetween, parentalRiskFactors, raisedBy, REVIEW_DAYS, within } from '../facts.ts';
import { mobilityOn, ordinaryForMobileChild, type Corrections } from '../injury-context.ts';
import type { Rule, Severity, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';

/**
 * Ordinary episodes are what any child has: however many there are, together they are one "consider" feature
 * (repeated injuries or concerns), never more (Term.cap). What makes them worse is weighed on its own: an
 * episode's own suspect injury, the fragments held by three kinds of service, injuries coming closer together.
 */
const EPISODES_CAP = { group: 'episodes of injury or concern', weight: CONSIDER_WEIGHT };
const EPISODE_SOURCE = 'NICE CG89 (2009, updated 2017) "consider" tier (repeated injuries or concerns); Working Together (2023), cumulative harm; no published ratio: half the "consider" weight for an episode of concern (LR 1.6), a quarter for one of injury alone (LR 1.26)';
const FRAGMENTS_SOURCE = 'Brandon et al., triennial analyses of serious case reviews: injuries held by separate services; no published ratio: the "consider" weight (LR 2.5)';
const FACTOR_SOURCE = 'Brandon M et al., New learning from serious case reviews (DfE 2012): the "toxic trio" in most reviews; a contributing factor at the "consider" weight (LR 2.5)';
import { niceFeatures } from './nice-cg89.ts';
import { ten4Features } from './ten-4-facesp.ts';

export const WINDOW_DAYS = 90;

/** What the pattern reads of a child's records: their injuries that are harm's, not childhood's. */
interface Reading {
  childId: number;
  dob: string | null;
  records: readonly EvidenceRecord[];
  corrections: Corrections | undefined;
}

/**
 * The child's injuries in r that can make an episode: less a bruise a later record corrects as a birthmark, and
 * less the ordinary knocks of a child the records (or age) show independently mobile.
 */
function harmInjuries(r: EvidenceRecord, x: Reading): Injury[] {
  const injuries = childInjuries(r, x.childId, x.corrections);
  // A child brought to the emergency department with an injury is a presentation, which NICE CG89 asks to be
  // considered when repeated: only the knocks noticed in passing (at the GP, a visit, school) are set aside.
  if (!injuries.some(ordinaryForMobileChild) || (r.document.body as { setting?: string }).setting === 'emergency') return injuries;
  const mobile = mobilityOn(x.records, x.childId, wholeMonthsAt(x.dob, r.occurredOn), r.occurredOn).mobile === true;
  return mobile ? injuries.filter((i) => !ordinaryForMobileChild(i)) : injuries;
}

// A correction is not an episode of its own (childInjuries sets its injuries aside).
function counts(r: EvidenceRecord, x: Reading): boolean {
  if (!aboutChild(r, x.childId)) return false;
  return harmInjuries(r, x).length > 0 || r.kind === 'concern' || (r.kind === 'referral');
}

export const accumulatingHarm: Rule = {
  id: 'accumulating-harm',
  version: 5,
  title: 'Injuries and concerns accumulating across agencies',
  source: 'Brandon et al., triennial analyses of serious case reviews; HM Government, Working Together to Safeguard Children (2023), cumulative harm',
  evaluate(p) {
    const reading: Reading = { childId: p.personId, dob: p.dob, records: p.records, corrections: p.corrections };
    if (!p.today.some((r) => counts(r, reading))) return null;
    const events = p.records.filter((r) => within(r, p.asOf, WINDOW_DAYS) && counts(r, reading));
    const episodes = episodesOf(events, (r) => harmInjuries(r, reading));
    if (episodes.length < 2) return null;
    // One agency's own records are that agency's picture (and TEN-4-FACESp or NICE CG89 already raise a
    // suspect injury on its own): this rule adds what only two agencies' records seen together show.
    const agencies = new Set(events.map((r) => r.agencyId));
    if (agencies.size < 2) return null;
    const suspectRecord = (r: EvidenceRecord) => ten4Features(r, p.personId, p.dob, p.records, p.corrections).length > 0
      || niceFeatures(r, p.personId, p.dob, p.records, p.corrections).some((f) => f.severity === 'high');
    const suspect = episodes.filter((e) => e.some(suspectRecord));
    // An injury seen, or a concern about physical harm (a teacher seeing bruises), is an injury episode.
    const injured = episodes.filter((e) => e.some((r) => harmInjuries(r, reading).length > 0
      || (r.kind === 'concern' && (r.document.body as { category?: string }).category === 'physical')));
    // Three injuries seen by three kinds of service (the emergency department, the school, the GP), each
    // holding one, is the pattern of fragments the reviews describe; the same three seen by hospitals and one other service are medium.
    const kinds = new Set(events.map((r) => r.agencyKind));
    const base: Severity = suspect.length >= 2 ? 'critical' : (injured.length >= 3 && kinds.size >= 3) || suspect.length ? 'high' : 'medium';
    const starts = episodes.map((e) => e[0]!.occurredOn);
    const gaps = starts.slice(1).map((d, i) => daysBetween(starts[i]!, d));
    const rising = gaps.length >= 2 && gaps[gaps.length - 1]! < gaps[gaps.length - 2]!;
    const evidence = events.map((r) => r.source);
    // Parental risk factors raise a pattern of injuries, not one injury beside a concern.
    const factors = injured.length >= 2 ? parentalRiskFactors(p.records, p.personId, evidence) : [];
    const severity = raisedBy(base, factors, evidence);
    const counted = factors.filter((f) => !evidence.includes(f.source));
    const fragments = injured.length >= 3 && kinds.size >= 3;
    const terms: Term[] = [
      ...episodes.map((e) => {
        const concern = e.some((r) => r.kind === 'concern' || r.kind === 'referral');
        return { label: concern ? 'an episode of concern, one of several across agencies' : 'an episode of injury, one of several across agencies',
          weight: concern ? CONSIDER_WEIGHT / 2 : CONSIDER_WEIGHT / 4, cap: EPISODES_CAP, source: EPISODE_SOURCE, evidence: e[0]!.source, basis: `${e[0]!.kind} ${e[0]!.occurredOn}` };
      }),
      ...(fragments ? [{ label: 'injuries seen by three or more kinds of service', weight: CONSIDER_WEIGHT, source: FRAGMENTS_SOURCE, evidence: events[0]!.source, basis: `agencies: ${[...kinds].sort().join(', ')}` }] : []),
      ...[...new Map(counted.map((f) => [`${f.source}|${f.factor}`, f])).values()].map((f) => ({ label: `parental risk factor: ${f.factor}`, weight: CONSIDER_WEIGHT, source: FACTOR_SOURCE, evidence: f.source, basis: f.factor })),
    ];
    return {
      severity,
      terms,
      evidence,
      explanation: `${episodes.length} separate episodes of injury or concern about ${p.name} in ${WINDOW_DAYS} days (${episodes.map((e) => `${e[0]!.occurredOn}: ${e.map((r) => r.source).join(', ')}`).join('; ')}) from ${agencies.size} agenc${agencies.size === 1 ? 'y' : 'ies'}`
        + (suspect.length ? `, ${suspect.length} of them with a suspect injury pattern` : '')
        + (rising ? `, coming closer together (${gaps.join(', ')} days apart)` : '')
        + ': seen together they are a pattern, not separate events.'
        + (severity !== base ? ` Raised from ${base} by parental risk factors: ${[...new Set(factors.map((f) => `${f.factor} (${f.source})`))].join(', ')}.` : ''),
      ...(counted.length ? { contributing: [...new Set(counted.map((f) => f.source))] } : {}),
    };
  },
};

/** Records within this many days of the previous one belong to the same episode. */
export const EPISODE_DAYS = 3;

function episodesOf(events: EvidenceRecord[], injuriesIn: (r: EvidenceRecord) => Injury[]): EvidenceRecord[][] {
  const out: EvidenceRecord[][] = [];
  const injuriesOf = (r: EvidenceRecord) => new Set(injuriesIn(r).map((i) => `${i.type}|${i.site}`));
  for (const r of events) {
    const mine = injuriesOf(r);
    const same = out.find((e) => {
      const gap = daysBetween(e.at(-1)!.occurredOn, r.occurredOn);
      return gap <= EPISODE_DAYS || (gap <= REVIEW_DAYS && e.some((x) => [...injuriesOf(x)].some((i) => mine.has(i))));
    });
    if (same) same.push(r);
    else out.push([r]);
  }
  return out;
}

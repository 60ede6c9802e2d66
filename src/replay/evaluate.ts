// Scores a replay report against a scenario's truth, with the same definitions
// as the shared independent scorer (tools/score_replay.py; a test runs both on
// one report so they cannot drift):
// - linkage: pairwise precision and recall over the scenario's mentions;
// - the child: every reported person holding any of the child's mentions (a
//   child split into two people keeps the alerts raised on either);
// - a missed opportunity is met by a high or critical alert on any of them
//   dated on the day or up to MET_WITHIN_DAYS after (a record may reach the
//   system a day or two after the event);
// - days of warning: from the first high or critical alert to the outcome.
import type { Scenario } from '../records/types.ts';
import { mentionId } from '../records/types.ts';
import type { ReplayReport } from './replay.ts';

export interface Evaluation {
  scenario: string;
  mentions: number;
  mentionsMissing: number;
  mentionsUnknown: number;
  mentionsDuplicated: number;
  truePairs: number;
  reportedPairs: number;
  correctPairs: number;
  linkPrecision: number;
  linkRecall: number;
  childClusters: number | null;
  /**
   * When the child is split: whether the review queue holds the split, every piece joined to the rest through
   * open reviews (a practitioner is asked about each); null when the child is one person (or not known).
   */
  childSplitInReview: boolean | null;
  alerts: number;
  /** alerts on any person holding one of the child's mentions */
  childAlerts: number;
  /** the child's first alert of any severity, of high or critical, and of critical */
  firstAlert: string | null;
  firstHighOrCritical: string | null;
  firstCritical: string | null;
  outcome: string | null;
  /** days from the first high or critical alert to the outcome (death, say): the time there was to act; null with no such alert */
  daysFromFirstHighAlertToOutcome: number | null;
  /** each date the published reviews name as a missed opportunity, the child's alerts from that day to MET_WITHIN_DAYS after, and whether one was high or critical */
  missedOpportunities: { date: string; met: boolean; alerts: { at: string; rule: string; severity: string }[] }[];
  missedOpportunitiesMet: number;
}

/** A missed opportunity is met by an alert on its day or this many days after (as tools/score_replay.py). */
export const MET_WITHIN_DAYS = 2;

const HIGH: ReadonlySet<string> = new Set(['high', 'critical']);
const dayOf = (at: string) => at.slice(0, 10);
const dayNumber = (d: string) => Date.parse(`${dayOf(d)}T00:00:00Z`) / 86_400_000;

function pairs(clusters: string[][]): Set<string> {
  const out = new Set<string>();
  for (const c of clusters) {
    const sorted = [...new Set(c)].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) out.add(`${sorted[i]}\u0000${sorted[j]}`);
    }
  }
  return out;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Whether the open reviews connect these people (the pieces of a split child) into one. */
function splitInReview(report: ReplayReport, pieces: Set<string>): boolean {
  const personOf = new Map(report.people.flatMap((p) => p.mentions.map((m) => [m, p.id] as const)));
  const joined = new Map<string, string>([...pieces].map((p) => [p, p]));
  const find = (p: string): string => (joined.get(p) === p ? p : find(joined.get(p)!));
  for (const r of report.reviews ?? []) {
    const [a, b] = [personOf.get(r.mention), personOf.get(r.candidate)];
    if (a && b && pieces.has(a) && pieces.has(b)) joined.set(find(a), find(b));
  }
  return new Set([...pieces].map(find)).size === 1;
}

export function evaluate(scenario: Scenario, report: ReplayReport): Evaluation {
  if (!scenario.truth) throw new Error(`scenario '${scenario.id}' has no truth to evaluate against`);
  const truth = scenario.truth;
  const mentions = new Set(scenario.records.flatMap((r) => r.people.map((p) => mentionId(r.agency, r.ref, p.key))));
  const seen = report.people.flatMap((p) => p.mentions);
  const seenSet = new Set(seen);
  const truePairs = pairs(Object.values(truth.people));
  const reported = pairs(report.people.map((p) => p.mentions.filter((m) => mentions.has(m))));
  let correct = 0;
  for (const p of reported) if (truePairs.has(p)) correct++;
  const childMentions = truth.child ? new Set(truth.people[truth.child] ?? []) : null;
  const childIds = new Set(childMentions ? report.people.filter((p) => p.mentions.some((m) => childMentions.has(m))).map((p) => p.id) : []);
  const childAlerts = report.alerts.filter((a) => childIds.has(a.person)).sort((a, b) => (dayOf(a.at) < dayOf(b.at) ? -1 : dayOf(a.at) > dayOf(b.at) ? 1 : 0));
  const firstHigh = childAlerts.find((a) => HIGH.has(a.severity));
  const firstCritical = childAlerts.find((a) => a.severity === 'critical');
  const outcome = truth.outcome?.date ?? null;
  const missed = (truth.missedOpportunities ?? []).map((date) => {
    const from = dayNumber(date);
    const within = childAlerts.filter((a) => dayNumber(a.at) >= from && dayNumber(a.at) <= from + MET_WITHIN_DAYS);
    return { date, met: within.some((a) => HIGH.has(a.severity)), alerts: within.map((a) => ({ at: dayOf(a.at), rule: a.rule, severity: a.severity })) };
  });
  return {
    scenario: scenario.id,
    mentions: mentions.size,
    mentionsMissing: [...mentions].filter((m) => !seenSet.has(m)).length,
    mentionsUnknown: [...seenSet].filter((m) => !mentions.has(m)).length,
    mentionsDuplicated: seen.length - seenSet.size,
    truePairs: truePairs.size,
    reportedPairs: reported.size,
    correctPairs: correct,
    linkPrecision: round4(reported.size ? correct / reported.size : 1),
    linkRecall: round4(truePairs.size ? correct / truePairs.size : 1),
    childClusters: childMentions ? childIds.size : null,
    childSplitInReview: childIds.size > 1 ? splitInReview(report, childIds) : null,
    alerts: report.alerts.length,
    childAlerts: childAlerts.length,
    firstAlert: childAlerts[0] ? dayOf(childAlerts[0].at) : null,
    firstHighOrCritical: firstHigh ? dayOf(firstHigh.at) : null,
    firstCritical: firstCritical ? dayOf(firstCritical.at) : null,
    outcome,
    daysFromFirstHighAlertToOutcome: firstHigh && outcome ? dayNumber(outcome) - dayNumber(firstHigh.at) : null,
    missedOpportunities: missed,
    missedOpportunitiesMet: missed.filter((m) => m.met).length,
  };
}

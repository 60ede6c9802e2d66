// Scores a replay report against a scenario's truth: pairwise precision and
// recall of person linkage over mentions (the same definition as
// tools/score_replay.py, so the two must agree).
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
  alerts: number;
  /** the child's first alert of any severity, and of high or critical */
  firstAlert: string | null;
  firstHighOrCritical: string | null;
  /** days from the first high or critical alert to the outcome (death, say): the time there was to act */
  daysFromFirstHighAlertToOutcome: number | null;
  /** each date the published reviews name as a missed opportunity, and the child's alerts on that date */
  missedOpportunities: { date: string; alerts: { rule: string; severity: string }[] }[];
  missedOpportunitiesMet: number;
}

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
  // The child is whichever reported person holds most of the child's mentions.
  const child = childMentions
    ? [...report.people].sort((a, b) => b.mentions.filter((m) => childMentions.has(m)).length - a.mentions.filter((m) => childMentions.has(m)).length)[0]
    : undefined;
  const childAlerts = child ? report.alerts.filter((a) => a.person === child.id).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) : [];
  const firstHigh = childAlerts.find((a) => a.severity === 'high' || a.severity === 'critical')?.at ?? null;
  const outcome = truth.outcome?.date ?? null;
  const missed = (truth.missedOpportunities ?? []).map((date) => ({
    date, alerts: childAlerts.filter((a) => a.at === date).map((a) => ({ rule: a.rule, severity: a.severity })),
  }));
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
    childClusters: childMentions ? report.people.filter((p) => p.mentions.some((m) => childMentions.has(m))).length : null,
    alerts: report.alerts.length,
    firstAlert: childAlerts[0]?.at ?? null,
    firstHighOrCritical: firstHigh,
    daysFromFirstHighAlertToOutcome: firstHigh && outcome ? Math.round((Date.parse(outcome) - Date.parse(firstHigh)) / 86_400_000) : null,
    missedOpportunities: missed,
    missedOpportunitiesMet: missed.filter((m) => m.alerts.length).length,
  };
}

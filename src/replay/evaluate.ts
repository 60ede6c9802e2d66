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
  };
}

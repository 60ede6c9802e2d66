// Evaluation across cases: several scenario files (or a folder of them), each
// replayed into its own fresh database and scored by evaluate(), then one
// table a reader can compare across cases, with a total row. A case that
// fails to replay is a row saying so, never the end of the run: "every one
// replays" is itself what is being measured.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../records/types.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { replay, withoutTruth, type ReplayReport } from './replay.ts';

export interface CaseResult {
  file: string;
  scenario: string;
  /** wall-clock seconds to replay and score */
  seconds: number;
  evaluation?: Evaluation;
  /** why the case could not be replayed or scored */
  error?: string;
}

export interface CasesSummary {
  cases: CaseResult[];
  total: { cases: number; replayed: number; missedOpportunities: number; met: number; metFraction: number | null };
}

/** The scenario files named: each file as given, each folder's *.json in name order. */
export function scenarioFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) => statSync(p).isDirectory()
    ? readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => join(p, f))
    : [p]);
}

export async function evaluateCases(
  files: readonly string[],
  read: (file: string) => Scenario,
  opts: { onCase?: (r: CaseResult) => void; replayOne?: (s: ReturnType<typeof withoutTruth>) => Promise<ReplayReport> } = {},
): Promise<CasesSummary> {
  const cases: CaseResult[] = [];
  for (const file of files) {
    const started = performance.now();
    let result: CaseResult;
    try {
      const scenario = read(file);
      const report = await (opts.replayOne ?? ((s) => replay(s)))(withoutTruth(scenario));
      result = { file, scenario: scenario.id, seconds: 0, evaluation: evaluate(scenario, report) };
    } catch (e) {
      result = { file, scenario: file.replace(/^.*\//, '').replace(/\.json$/, ''), seconds: 0, error: (e as Error).message };
    }
    result.seconds = Math.round((performance.now() - started) / 100) / 10;
    cases.push(result);
    opts.onCase?.(result);
  }
  const scored = cases.flatMap((c) => (c.evaluation ? [c.evaluation] : []));
  const all = scored.reduce((n, e) => n + e.missedOpportunities.length, 0);
  const met = scored.reduce((n, e) => n + e.missedOpportunitiesMet, 0);
  return {
    cases,
    total: { cases: cases.length, replayed: scored.length, missedOpportunities: all, met, metFraction: all ? Math.round((met / all) * 1000) / 1000 : null },
  };
}

const HEADINGS = ['case', 'missed opportunities met', 'first high alert', 'days of warning', 'link precision', 'link recall', 'child split into'];

/** The summary as a Markdown table (readable in a terminal, pasteable into the README), then why any case did not replay. */
export function casesTable(s: CasesSummary): string {
  const rows = s.cases.map((c) => {
    const e = c.evaluation;
    if (!e) return [c.scenario, 'did not replay', '', '', '', '', '']; // why: under the table
    return [
      c.scenario,
      `${e.missedOpportunitiesMet}/${e.missedOpportunities.length}`,
      e.firstHighOrCritical ?? 'none',
      e.daysFromFirstHighAlertToOutcome === null ? '–' : String(e.daysFromFirstHighAlertToOutcome),
      e.linkPrecision.toFixed(2),
      e.linkRecall.toFixed(2),
      e.childClusters === null ? '–' : e.childClusters === 1 ? '1 person' : `${e.childClusters} people${e.childSplitInReview ? ' (in review)' : ''}`,
    ];
  });
  const t = s.total;
  const pct = t.metFraction === null ? '' : ` (${Math.round(t.metFraction * 100)}%)`;
  rows.push([`total (${t.replayed} of ${t.cases} replayed)`, `${t.met}/${t.missedOpportunities}${pct}`, '', '', '', '', '']);
  // Padded to each column's width, so the same text reads as a table in a terminal and renders as one in Markdown.
  const right = new Set([1, 3, 4, 5]);
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const pad = (cell: string, i: number) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right.has(i) ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`;
  const why = s.cases.filter((c) => c.error).map((c) => `${c.scenario} did not replay: ${c.error}`);
  return [line(HEADINGS), rule, ...rows.map(line), ...(why.length ? ['', ...why] : [])].join('\n');
}

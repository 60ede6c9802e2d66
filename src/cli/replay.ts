import { evaluateCases, casesTable, scenarioFiles } from '../replay/evaluate-cases.ts';
import { replay, withoutTruth } from '../replay/replay.ts';
import { printJson } from './context.ts';
import { readScenario } from './read-input.ts';

export async function replayCommand(path: string): Promise<void> {
  const scenario = readScenario(path);
  printJson(await replay(withoutTruth(scenario), { onProgress: progressToStderr(scenario.records.length) }));
}

/**
 * Replays each scenario (files, or folders of them) and scores it: a table by default, `--json` for the
 * results as data. Progress and each case's time go to standard error; a case that cannot replay is a row
 * of the table and makes the exit status 1.
 */
export async function evaluateCommand(paths: string[], opts: { json?: boolean }): Promise<void> {
  const files = scenarioFiles(paths);
  if (files.length === 0) throw new Error(`no scenario files in ${paths.join(', ')}`);
  const started = performance.now();
  const summary = await evaluateCases(files, readScenario, {
    onCase: (c) => process.stderr.write(`${c.scenario}: ${c.error ? `could not replay (${c.error})` : 'replayed and scored'} in ${c.seconds} s\n`),
  });
  process.stderr.write(`${files.length} case(s) in ${Math.round((performance.now() - started) / 1000)} s\n`);
  if (opts.json) printJson(summary);
  else process.stdout.write(`${casesTable(summary)}\n`);
  if (summary.cases.some((c) => c.error)) process.exitCode = 1;
}

function progressToStderr(total: number) {
  const every = Math.max(1, Math.floor(total / 10));
  return (done: number) => {
    if (done % every === 0 || done === total) process.stderr.write(`replayed ${done}/${total} records\n`);
  };
}

import { evaluate } from '../replay/evaluate.ts';
import { replay, withoutTruth } from '../replay/replay.ts';
import { printJson } from './context.ts';
import { readScenario } from './read-input.ts';

export async function replayCommand(path: string): Promise<void> {
  const scenario = readScenario(path);
  printJson(await replay(withoutTruth(scenario), { onProgress: progressToStderr(scenario.records.length) }));
}

export async function evaluateCommand(path: string): Promise<void> {
  const scenario = readScenario(path);
  const report = await replay(withoutTruth(scenario), { onProgress: progressToStderr(scenario.records.length) });
  printJson(evaluate(scenario, report));
}

function progressToStderr(total: number) {
  const every = Math.max(1, Math.floor(total / 10));
  return (done: number) => {
    if (done % every === 0 || done === total) process.stderr.write(`replayed ${done}/${total} records\n`);
  };
}

import cliProgress from 'cli-progress';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../app/load.ts';
import { summariseResults } from '../app/ingest.ts';
import type { AgencyRecord } from '../records/types.ts';
import { operator, printJson, withRepository } from './context.ts';
import { readInput } from './read-input.ts';

export async function ingestCommand(files: string[], opts: { batchSize: number }): Promise<void> {
  await withRepository(async (repo) => {
    const report = [];
    for (const file of files) {
      const input = readInput(file);
      // A scenario names its agencies, so they are registered; other files need `threadline agency add` first.
      await registerAgencies(repo, operator, input.agencies);
      const items = input.kind === 'scenario' ? inTimeOrder(input.items as AgencyRecord[]) : input.items;
      const bar = items.length > opts.batchSize && process.stderr.isTTY
        ? new cliProgress.SingleBar({ stream: process.stderr, format: `${file} [{bar}] {value}/{total} records {eta_formatted}` }, cliProgress.Presets.shades_classic)
        : null;
      bar?.start(items.length, 0);
      const results = await ingestInBatches(repo, operator, items, {
        batchSize: opts.batchSize,
        onProgress: (done) => bar?.update(done),
      });
      bar?.stop();
      const summary = summariseResults(results);
      report.push({ file, ...summary, refusedItems: results.filter((r) => r.status === 'refused') });
      if (summary.refused) process.exitCode = 2;
    }
    printJson(files.length === 1 ? report[0] : report);
  });
}

// Feeding many records through the one ingest path in batches: used by the
// CLI's ingest, the demo loader and replay alike.
import type { Actor } from '../shared/actor.ts';
import type { Repository } from './repository.ts';
import { occurredInstant } from '../records/dates.ts';
import type { IngestResult } from './ingest.ts';
import type { AgencyRecord, ScenarioAgency } from '../records/types.ts';

export interface LoadOptions {
  batchSize?: number;
  /** called before each batch is sent (replay moves its clock here) */
  beforeBatch?: (batch: unknown[]) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function registerAgencies(repo: Repository, actor: Actor, agencies: ScenarioAgency[]): Promise<void> {
  for (const agency of agencies) await repo.registerAgency(actor, agency);
}

export async function ingestInBatches(repo: Repository, actor: Actor, items: unknown[], opts: LoadOptions = {}): Promise<IngestResult[]> {
  const size = Math.max(1, opts.batchSize ?? 500);
  const results: IngestResult[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    opts.beforeBatch?.(batch);
    const outcome = await repo.ingest(actor, batch);
    results.push(...outcome.results.map((r) => ({ ...r, index: r.index + start })));
    opts.onProgress?.(Math.min(start + size, items.length), items.length);
  }
  return results;
}

/** Records in the order they happened; records at the same moment keep their input order. */
export function inTimeOrder(records: AgencyRecord[]): AgencyRecord[] {
  return records
    .map((r, i) => ({ r, i, t: occurredInstant(r.occurredAt).getTime() }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r);
}

// Planner statistics. PostgreSQL's autovacuum refreshes them on a server, but
// only some time after a bulk load, and PGlite (single-user, embedded) has no
// autovacuum at all. Stale statistics make the planner scan whole tables for
// one person's chronology, so after enough new rows we ANALYZE the tables
// that ingest grows, outside any transaction and without holding up the caller.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { log } from '../log.ts';

const TABLES = ['record', 'mention', 'person', 'mention_link', 'person_mention', 'person_key'];
/** Re-analyse each time the stored records double (from a floor): about log2(n) runs in all. */
const GROWTH = 1;
const FLOOR = 1000;

export class StatisticsKeeper {
  private storedSinceAnalyse = 0;
  private storedAtAnalyse = 0;
  private running: Promise<void> | null = null;

  constructor(private readonly kysely: Kysely<any>) {}

  /** Tell the keeper that `records` record versions were just committed. */
  noteWrites(records: number): void {
    this.storedSinceAnalyse += records;
    if (this.running) return;
    if (this.storedSinceAnalyse < Math.max(FLOOR, GROWTH * this.storedAtAnalyse)) return;
    this.running = this.analyse().finally(() => (this.running = null));
  }

  /** Resolves when any analysis under way has finished (for tests and benchmarks). */
  async settled(): Promise<void> {
    await this.running;
  }

  private async analyse(): Promise<void> {
    const since = this.storedSinceAnalyse;
    this.storedSinceAnalyse = 0;
    try {
      await sql.raw(`analyze ${TABLES.join(', ')}`).execute(this.kysely);
      this.storedAtAnalyse += since;
    } catch (e) {
      this.storedSinceAnalyse += since; // try again after the next write
      log.warn({ err: { code: (e as { code?: string }).code } }, 'could not refresh planner statistics');
    }
  }
}

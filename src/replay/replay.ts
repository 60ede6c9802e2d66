// Replay: a scenario's records fed through the one ingest path in the order
// things happened, with the clock set to each record's time, into a fresh
// embedded database. It never reads the scenario's `truth`: it is handed a
// copy without it.
import { Repository } from '../app/repository.ts';
import type { Actor } from '../shared/actor.ts';
import { openDb, type Db } from '../db/connect.ts';
import { standingFirings } from '../risk/lifecycle.ts';
import { NOTICE_RULES } from '../risk/alerts.ts';
import type { ChronologyEntry } from '../chronology/chronology.ts';
import { occurredInstant } from '../records/dates.ts';
import type { IngestResult } from '../app/ingest.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../app/load.ts';
import type { AgencyRecord, Scenario } from '../records/types.ts';
import type { ChildProcessView } from '../workflow/process-view.ts';
import type { Household } from '../household/derive.ts';
import { childPersonIds } from '../household/children.ts';

export interface ReplayReport {
  scenario: string;
  people: { id: string; name: string; dob: string | null; mentions: string[] }[];
  /** every alert firing, in date order: raised, or raised again with new evidence or a higher severity */
  alerts: { at: string; rule: string; severity: string; person: string; evidence: string[]; explanation: string; source: string }[];
  chronology: { person: string; entries: ChronologyEntry[] }[];
  /** each child's household over time (see household/children.ts for who counts as a child);
   * optional only so that reports built by hand elsewhere (scoring tests) still type */
  households?: ({ person: string } & Household)[];
  /** each child's statutory process as of the end of the replay: plan, deadlines met and missed, decisions and their sign-offs */
  processes?: ({ person: string } & ChildProcessView)[];
  /** pairs the linker left for a practitioner to confirm or reject (not linked in `people`) */
  reviews?: { mention: string; candidate: string; weight: number | null; why: string }[];
  ingest: { records: number; stored: number; refused: Pick<IngestResult, 'agency' | 'ref' | 'problems'>[] };
}

export type ScenarioWithoutTruth = Omit<Scenario, 'truth'>;

/** Copies only what replay may use; `truth` is never touched, not even to leave it out. */
export function withoutTruth(scenario: Scenario): ScenarioWithoutTruth {
  const { format, id, title, agencies, records } = scenario;
  return { format, id, title, agencies, records };
}

const replayer: Actor = { kind: 'operator', name: 'replay' };
export const personLabel = (id: number) => `p${id}`;

export async function replay(
  scenario: ScenarioWithoutTruth,
  opts: { db?: Db; onProgress?: (done: number, total: number) => void } = {},
): Promise<ReplayReport> {
  const db = opts.db ?? (await openDb({ kind: 'pglite', memory: true }));
  let clock = new Date(0);
  const repo = new Repository(db, { clock: () => clock });
  try {
    await registerAgencies(repo, replayer, scenario.agencies);
    const results = await ingestInBatches(repo, replayer, inTimeOrder(scenario.records), {
      batchSize: 1,
      beforeBatch: ([record]) => {
        // The clock only moves forward: a record is ingested "as of" the time it happened.
        const t = occurredInstant((record as AgencyRecord).occurredAt);
        if (!Number.isNaN(t.getTime()) && t > clock) clock = t;
      },
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    const refused = results.filter((r) => r.status === 'refused').map((r) => ({ agency: r.agency, ref: r.ref, problems: r.problems }));
    const stored = results.length - refused.length;

    // As of the end of the replay, every statutory clock looked at once more: what the hourly refresh does
    // live, and what makes the result independent of the order the records arrived in.
    await repo.refreshProcessAlerts(replayer);
    const { people } = await repo.people(replayer, { limit: 1_000_000, offset: 0 });
    const chronology: ReplayReport['chronology'] = [];
    for (const p of people) {
      const c = await repo.chronology(replayer, p.id);
      if (c) chronology.push({ person: personLabel(p.id), entries: c.entries });
    }
    const households: ReplayReport['households'] = [];
    const processes: ReplayReport['processes'] = [];
    for (const id of childPersonIds(people, scenario.records)) {
      const h = await repo.household(replayer, id);
      if (h) households.push({ person: personLabel(id), ...h });
      const p = await repo.process(replayer, id);
      if (p && (p.plan || p.deadlines.length || p.decisions.length)) processes.push({ person: personLabel(id), ...p });
    }
    return {
      scenario: scenario.id,
      people: people.map((p) => ({ id: personLabel(p.id), name: p.name, dob: p.dob, mentions: p.mentions })),
      // What the risk rules found; notices about access (who sees what, break-glass) are not findings about a child.
      alerts: standingFirings((await repo.alerts(replayer, { limit: 1_000_000, offset: 0 })).alerts.filter((a) => !(NOTICE_RULES as readonly string[]).includes(a.rule)))
        .map((f) => ({ at: f.at, rule: f.rule, severity: f.severity, person: personLabel(f.personId), evidence: f.evidence, explanation: f.explanation, source: f.ruleSource ?? '' })),
      chronology,
      households,
      processes,
      reviews: (await repo.reviews(replayer, { limit: 100_000, offset: 0 })).reviews
        .map((r) => ({ mention: r.mention.source, candidate: r.candidate.source, weight: r.weight, why: r.why })),
      ingest: { records: scenario.records.length, stored, refused },
    };
  } finally {
    if (!opts.db) await db.close();
  }
}

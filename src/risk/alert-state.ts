// The engine's state for each child (engine-state.ts), kept in the database
// beside the alerts it produced, and written in the same transaction, so the
// two never disagree for long: refreshAlerts checks that the firings the state
// keeps are the ones stored, and starts again from scratch when they are not.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EngineState } from './engine-state.ts';

export async function engineStatesOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, EngineState>> {
  const out = new Map<number, EngineState>();
  if (!personIds.length) return out;
  const rows = await tx.selectFrom('alert_state').select(['person_id', 'state']).where('person_id', 'in', personIds).execute();
  for (const r of rows) out.set(Number(r.person_id), r.state as unknown as EngineState);
  return out;
}

export async function keepEngineState(tx: Transaction<Database>, personId: number, state: EngineState, at: Date): Promise<void> {
  const through = state.days.at(-1)?.[0] ?? null;
  await sql`
    insert into alert_state (person_id, state, evaluated_through, updated_at)
    values (${personId}, ${JSON.stringify(state)}::jsonb, ${through}::date, ${at})
    on conflict (person_id) do update set state = excluded.state, evaluated_through = excluded.evaluated_through, updated_at = excluded.updated_at`.execute(tx);
}

export async function forgetEngineState(tx: Transaction<Database>, personId: number): Promise<void> {
  await tx.deleteFrom('alert_state').where('person_id', '=', personId).execute();
}

// Managers' sign-offs of decisions ending protection, as the process needs
// them: for each child, the decision's `agency/ref` and the day it was signed.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { londonDate } from '../records/dates.ts';

export async function signOffsOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, Map<string, string>>> {
  const out = new Map<number, Map<string, string>>();
  if (!personIds.length) return out;
  const rows = await tx.selectFrom('case_entry as e').innerJoin('record as r', 'r.id', 'e.record_id')
    .select(['e.person_id', 'e.at', 'r.agency_id', 'r.ref']).where('e.kind', '=', 'sign-off').where('e.person_id', 'in', personIds).execute();
  for (const r of rows) {
    const m = out.get(r.person_id) ?? new Map<string, string>();
    m.set(`${r.agency_id}/${r.ref}`, londonDate(r.at));
    out.set(r.person_id, m);
  }
  return out;
}

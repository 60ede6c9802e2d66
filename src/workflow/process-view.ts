// A child's process as a reader sees it: the derivation (process.ts) over
// their records as of today, with each protective decision's sign-off.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import { agencyKinds } from '../risk/alerts.ts';
import { deriveProcess, type ChildProcess, type ProtectiveDecision } from './process.ts';

export interface ChildProcessView extends Omit<ChildProcess, 'decisions'> {
  decisions: (ProtectiveDecision & { signedOff: { by: string; at: string } | null })[];
}

export async function processView(tx: Transaction<Database>, personId: number, records: EvidenceRecord[], now: Date): Promise<ChildProcessView> {
  const asOf = now.toISOString().slice(0, 10);
  const p = deriveProcess(records, personId, asOf, { agencyKinds: await agencyKinds(tx) });
  return { ...p, decisions: p.decisions.map((d) => ({ ...d, signedOff: null })) };
}

import type { AgencyKind } from '../records/types.ts';
import { openCommandDb, operator, printJson, withRepository } from './context.ts';

export async function agencyAddCommand(id: string, kind: string, name: string): Promise<void> {
  await withRepository(async (repo) => {
    printJson({ agency: id, result: await repo.registerAgency(operator, { id, kind: kind as AgencyKind, name }) });
  });
}

export async function keyCreateCommand(agency: string, opts: { label?: string; user?: string }): Promise<void> {
  await withRepository(async (repo) => {
    const key = await repo.createApiKey(operator, agency, opts.label, opts.user);
    process.stderr.write('This key is shown once. Store it in the agency system; Threadline keeps only a hash.\n');
    printJson({ agency, keyId: key.keyId, token: key.token });
  });
}

export async function auditVerifyCommand(): Promise<void> {
  await withRepository(async (repo) => {
    const result = await repo.verifyAudit(operator);
    printJson(result);
    if (!result.ok) process.exitCode = 3;
  });
}

export async function migrateCommand(): Promise<void> {
  const db = await openCommandDb();
  await db.close();
  process.stderr.write('schema is up to date\n');
}

export async function whoHasLookedCommand(personId: number): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.whoHasLooked(operator, personId)); });
}

export async function auditCheckpointCommand(): Promise<void> {
  await withRepository(async (repo) => {
    const out = await repo.checkpointAudit(operator);
    printJson(out);
  });
}

/** What retention would remove now, and why (changes nothing). */
export async function retentionPlanCommand(opts: { years?: number; limit?: number }): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.planRetention(operator, opts)); });
}

/** Remove the records retention says are due; run again while the answer says `more: true`. */
export async function retentionRunCommand(opts: { years?: number; limit?: number }): Promise<void> {
  await withRepository(async (repo) => {
    const r = await repo.runRetention(operator, opts);
    printJson({ asOf: r.asOf, period: r.period, cutoff: r.cutoff, children: r.children.length, removed: r.removed, kept: r.kept, more: r.more });
  });
}

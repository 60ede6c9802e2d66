import { fileURLToPath } from 'node:url';
import { Repository } from '../app/repository.ts';
import { openDb, targetFromEnv } from '../db/connect.ts';
import { SERVER_HOLDER } from '../db/data-dir-lock.ts';
import { log } from '../log.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../app/load.ts';
import type { AgencyRecord } from '../records/types.ts';
import { buildServer } from '../web/server.ts';
import { OidcClient, oidcSettingsFromEnv } from '../access/oidc.ts';
import { operator } from './context.ts';
import { readScenario } from './read-input.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { checkpointSecondsFromEnv } from '../access/audit-anchor.ts';
import { startAlertSchedule } from './alert-schedule.ts';

export const DEMO_SCENARIO = fileURLToPath(new URL('../../scenarios/baby-p.json', import.meta.url));

export async function serveCommand(opts: { demo?: boolean; port?: number; host?: string }): Promise<void> {
  const target = targetFromEnv();
  // How often the running server signs the newest audit row (audit-anchor.ts); a bad value fails at start.
  const checkpointEveryMs = checkpointSecondsFromEnv() * 1000;
  const db = await openDb(target, { holder: SERVER_HOLDER });
  const repo = new Repository(db);
  let accountsFile: string | null = null;
  if (opts.demo && !(await repo.hasRecords(operator))) {
    const scenario = readScenario(DEMO_SCENARIO);
    await registerAgencies(repo, operator, scenario.agencies);
    await ingestInBatches(repo, operator, inTimeOrder(scenario.records));
    const { people } = await repo.people(operator);
    accountsFile = await createDemoAccounts(repo, target, people.find((p) => p.name === 'Peter Connelly')?.id ?? null);
    log.info({ records: scenario.records.length }, 'demo scenario loaded');
  }
  const oidc = oidcSettingsFromEnv();
  const app = await buildServer(repo, oidc ? { oidc: new OidcClient(oidc) } : {});
  const port = opts.port ?? Number(process.env.PORT ?? 3000);
  // By default only this machine can reach it; a deployment sets HOST behind its TLS-terminating proxy.
  const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  const where = target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${'dataDir' in target ? target.dataDir : 'memory'}`;
  process.stdout.write(`Threadline is running at http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${port}/ (${where})\n`);
  if (accountsFile) process.stdout.write(`Demo accounts (social.worker, gp, police.officer, teacher, team.manager, privacy.officer): passwords in ${accountsFile}; security code: node bin/threadline.js demo code <username>\n`);
  // Periodic signed checkpoints of the audit chain, and one on the way out.
  const checkpoint = () => repo.checkpointAudit(operator).catch((e: Error) => { log.error({ err: { type: e.name } }, 'audit checkpoint failed'); });
  const timer = setInterval(checkpoint, checkpointEveryMs);
  timer.unref();
  // Statutory deadlines that passed with nothing recorded (hourly), and alerts nobody acknowledged in time (every few minutes).
  const alertJobs = startAlertSchedule(repo);
  const stop = async () => {
    clearInterval(timer);
    alertJobs.stop();
    await checkpoint();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

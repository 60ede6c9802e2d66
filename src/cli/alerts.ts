// `threadline alerts …` and `threadline alert <step> <id>`: alerts at the
// command line, through the same repository methods as the HTTP API.
import { operator, printJson, withRepository } from './context.ts';
import type { AlertStatus, AlertStep } from '../risk/lifecycle.ts';

export async function alertsCommand(opts: { status: string; person?: number; limit: number; offset: number; json?: boolean }): Promise<void> {
  await withRepository(async (repo) => {
    const status = opts.status === 'all' ? undefined : (opts.status as AlertStatus | 'not-closed');
    const out = await repo.alerts(operator, { limit: opts.limit, offset: opts.offset, ...(status ? { status } : {}), ...(opts.person ? { personId: opts.person } : {}) });
    if (opts.json) { printJson(out); return; }
    process.stdout.write(`${out.total} alert${out.total === 1 ? '' : 's'}\n`);
    for (const a of out.alerts) {
      process.stdout.write(`\n#${a.id} ${a.severity.toUpperCase()} ${a.rule} — person ${a.personId} — ${a.status}${a.escalatedAt ? ', ESCALATED' : ''} — ${a.firstFiredOn}..${a.lastFiredOn}\n`);
      process.stdout.write(`  ${a.explanation}\n  evidence: ${a.evidence.join(', ')}\n  told: ${a.recipients.join(', ')}\n`);
    }
  });
}

export function alertStepCommand(step: AlertStep) {
  return async (id: number, opts: { by?: string; reason?: string }): Promise<void> => {
    await withRepository(async (repo) => { printJson(await repo.stepAlert(operator, id, step, opts)); });
  };
}

export async function alertsEscalateCommand(): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.escalateAlerts(operator)); });
}

/** Look again, as of now, at every child with a statutory process (the server does this every hour). */
export async function alertsRefreshCommand(): Promise<void> {
  await withRepository(async (repo) => { printJson(await repo.refreshProcessAlerts(operator)); });
}

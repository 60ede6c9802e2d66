// The running server's alert jobs. Escalation is a write to every overdue alert, so it runs here, on a
// timer, and never as a side effect of someone reading alerts or a child's page. It runs often enough that
// a critical alert (escalated after 1 hour unacknowledged) reaches the duty manager within minutes of its
// deadline; the statutory-deadline refresh reads every child with a process, so it runs hourly.
import type { Repository } from '../app/repository.ts';
import { log } from '../log.ts';
import { operator } from './context.ts';

export const ESCALATE_EVERY_MS = 5 * 60_000;
export const REFRESH_EVERY_MS = 60 * 60_000;

export interface AlertSchedule {
  /** Stops both timers (a job already running finishes). */
  stop(): void;
  /** The first run of both jobs, started at once. */
  first: Promise<void>;
}

export function startAlertSchedule(repo: Repository, every: { escalateMs?: number; refreshMs?: number } = {}): AlertSchedule {
  // A failed run is logged (by error type only: nothing from the records) and the next one tries again.
  const failed = (job: string) => (e: Error) => { log.error({ err: { type: e.name } }, `scheduled ${job} failed`); };
  const escalate = () => repo.escalateAlerts(operator).then(() => undefined, failed('alert escalation'));
  const refresh = () => repo.refreshProcessAlerts(operator).then(() => undefined, failed('alert refresh'));
  const timers = [setInterval(escalate, every.escalateMs ?? ESCALATE_EVERY_MS), setInterval(refresh, every.refreshMs ?? REFRESH_EVERY_MS)];
  for (const t of timers) t.unref();
  // The refresh may raise alerts; escalating after it sees them at once.
  const first = refresh().then(escalate);
  return { stop: () => { timers.forEach(clearInterval); }, first };
}

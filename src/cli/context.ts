// What every CLI command needs: the database named by the environment, the
// repository over it, and the operator as the actor.
import type { Actor } from '../shared/actor.ts';
import { Repository } from '../app/repository.ts';
import { openDb, targetFromEnv, type Db } from '../db/connect.ts';
import { userInfo } from 'node:os';

export const operator: Actor = { kind: 'operator', name: safeUserName() };

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The command being run ("key create"), set before its action: named to anyone it keeps out of the embedded database. */
let runningCommand = '';
export function setRunningCommand(name: string): void {
  runningCommand = name;
}

/** The database named by the environment, opened as this command (see DataDirLock: one process at a time on PGlite). */
export function openCommandDb(): Promise<Db> {
  return openDb(targetFromEnv(), { holder: runningCommand ? `the command \`threadline ${runningCommand}\`` : 'a threadline command' });
}

export async function withRepository<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
  const db = await openCommandDb();
  try {
    return await fn(new Repository(db));
  } finally {
    await db.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Whether a read found the person; if not, says so on stderr and sets a failing exit code. */
export function foundPerson<T>(value: T | null, personId: number): value is T {
  if (value !== null) return true;
  process.stderr.write(`no person ${personId}\n`);
  process.exitCode = 1;
  return false;
}

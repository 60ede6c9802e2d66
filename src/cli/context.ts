// What every CLI command needs: the database named by the environment, the
// repository over it, and the operator as the actor.
import type { Actor } from '../access/actor.ts';
import { Repository } from '../access/repository.ts';
import { openDb, targetFromEnv } from '../db/connect.ts';
import { userInfo } from 'node:os';

export const operator: Actor = { kind: 'operator', name: safeUserName() };

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function withRepository<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
  const db = await openDb(targetFromEnv());
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

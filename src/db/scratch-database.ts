// Throwaway databases on a PostgreSQL server, for tests and benchmarks: a
// uniquely named database is created beside the server's own and dropped
// afterwards. The name prefix guards the drop against ever touching anything else.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const PREFIX = 'tl_scratch_';

/** Create a fresh database on the server `serverUrl` points at; returns its URL. */
export async function createScratchDatabase(serverUrl: string): Promise<string> {
  const name = `${PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropScratchDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!name.startsWith(PREFIX) || !/^[0-9a-z_]+$/.test(name)) throw new Error(`refusing to drop '${name}': not a scratch database`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

// The real `threadline` as separate processes, for tests that kill it, drop its
// connections or run a command beside it: a server on a free port, a CLI run,
// batches of distinct records to send it, and the environment naming the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { DbTarget } from '../../src/db/connect.ts';
import type { PersonMention } from '../../src/records/types.ts';
import { gpAttendance } from './records.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => { resolve(port); });
    });
  });
}

/** The environment that points `threadline` at `target` (and nowhere else), with logs quiet unless asked for. */
export function envFor(target: DbTarget, logLevel = 'silent'): NodeJS.ProcessEnv {
  const env = { ...process.env, LOG_LEVEL: logLevel } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (target.kind === 'postgres') env.DATABASE_URL = target.url;
  else if ('dataDir' in target) env.DATA_DIR = target.dataDir;
  return env;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  /** What the process has written to standard error so far. */
  stderr(): string;
}

/** Start `threadline serve` and wait until it says it is running. */
export async function startServer(env: NodeJS.ProcessEnv, port?: number): Promise<ServerProcess> {
  port ??= await freePort();
  const child = spawn(process.execPath, ['bin/threadline.js', 'serve', '--port', String(port)], {
    cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | string>((r) => child.once('exit', (code, signal) => { r(code ?? signal ?? -1); }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error('server did not start')); }, 120_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${err.slice(0, 2000)}`));
    });
  });
  return { child, port, exited, stderr: () => err };
}

/** SIGKILL: no handler runs, nothing is flushed or released. */
export async function killHard(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run one `threadline` command to its end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/threadline.js', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => { done({ code, stdout, stderr }); });
  });
}

/** 0 -> "a", 25 -> "z", 26 -> "ba": a number written in letters. */
const letters = (x: number): string => (x >= 26 ? letters(Math.floor(x / 26)) : '') + String.fromCharCode(97 + (x % 26));

/** Letters of the inward part of a postcode (the last three characters): no C, I, K, M, O or V. */
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * `n` records about distinct children, refs `<prefix>-<round>-<i>`, each with their own mother: linking does
 * real work (every mention is blocked and looked up), but the children of one batch, or of the batches before
 * it, do not share a family name, a date of birth, an address or a mother. (When they did, every batch
 * compared each child with hundreds of earlier look-alikes and linked every mother to one person with
 * thousands of mentions, so each batch took longer than the last.)
 */
export function distinctChildrenBatch(round: number, n: number, prefix = 'crash') {
  return Array.from({ length: n }, (_, i) => {
    const r = gpAttendance({ ref: `${prefix}-${round}-${i}` });
    // names are compared by their letters only, so no digits
    const family = `Fam${letters(round * 5000 + i)}`;
    const dob = new Date(Date.UTC(2007, 0, 1 + ((round * 997 + i) % 5000))).toISOString().slice(0, 10);
    const address = {
      lines: [`${1 + (i % 500)} ${letters(round)} Street`],
      postcode: `N${1 + (round % 20)} ${i % 10}${INWARD[Math.floor(i / 10) % 20]}${INWARD[Math.floor(i / 200) % 20]}`,
    };
    const [child, mother] = r.people as [PersonMention, PersonMention];
    r.people = [
      { ...child, dob, address, name: { given: `Kid${letters(i % 997)}`, family } },
      { ...mother, address, name: { given: 'Beth', family } },
    ];
    for (const p of r.people) delete (p as { nhsNumber?: string }).nhsNumber;
    return r;
  });
}

export function postBatch(port: number, token: string, items: unknown[]): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
}

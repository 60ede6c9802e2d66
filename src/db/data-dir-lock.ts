// One process at a time on an embedded data directory.
//
// PGlite is PostgreSQL in single-user mode inside this process: no postmaster,
// no shared memory, and no lock of its own (the postmaster.pid it writes says
// -42). Two processes that open one directory each replay and append to the
// write-ahead log as if alone, and each writes the control file on checkpoint;
// after the next crash the control file points at a checkpoint record the other
// process overwrote, and the directory never opens again. So whoever opens a
// data directory first takes this lock, and everyone else is refused until it
// closes.
//
// The lock is a file beside the directory (".data.lock" for ./data, next to the
// audit key), created with O_EXCL so exactly one creator wins, holding who took
// it. Beside rather than inside, so that a copy or backup of the directory does
// not carry a lock with it. A process killed with SIGKILL cannot remove its lock;
// the next opener sees that the process named in it is gone (no such process, or
// the process id now belongs to a process started at another time) and takes the
// lock over.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

interface LockRecord {
  pid: number;
  /** When the process started (Linux: clock ticks since boot), so a reused process id is not mistaken for the holder. */
  started: string | null;
  host: string;
  /** Who holds it, in words for the refusal: "the server", "the command `threadline key create`". */
  holder: string;
  /** Tells this lock from a later one taken by another opener (release removes only its own). */
  token: string;
  at: string;
}

/** The holder name the server gives: a command refused by it is told it can use the server instead. */
export const SERVER_HOLDER = 'the server';

/** The directory is open in another process (or, unclosed, in this one). */
export class DataDirInUseError extends Error {
  readonly code = 'data-dir-in-use';
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export const lockFileOf = (dataDir: string): string => join(dirname(dataDir), `.${basename(dataDir)}.lock`);

/** A process's start time, to tell it from a later process given the same id; null where the system does not say. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may hold spaces; start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(lock: LockRecord): boolean {
  // Another machine's process (a shared network disk) cannot be checked from here: assume it is running.
  if (lock.host !== hostname()) return true;
  try {
    process.kill(lock.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user, so it is running.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStartOf(lock.pid);
  return lock.started === null || started === null || started === lock.started;
}

function readLock(file: string): { raw: string; lock: LockRecord | null } | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const lock = JSON.parse(raw) as LockRecord;
    return typeof lock.pid === 'number' ? { raw, lock } : { raw, lock: null };
  } catch {
    return { raw, lock: null };
  }
}

function refusal(dataDirShown: string, lock: LockRecord, file: string): DataDirInUseError {
  if (lock.pid === process.pid && lock.host === hostname()) {
    return new DataDirInUseError(`${dataDirShown} is already open in this process (${lock.holder}): close it before opening it again`);
  }
  const who = `${lock.holder} (process ${lock.pid}${lock.host !== hostname() ? ` on ${lock.host}` : ''})`;
  const stop = lock.holder === SERVER_HOLDER
    ? 'stop it, or run the command against it: the running server does the same work through its web pages and its API (for records, POST /api/records/batch with an agency key)'
    : 'wait for it to finish, or stop it, and run this again';
  return new DataDirInUseError(
    `${who} is using ${dataDirShown}: ${stop}. The embedded database can be open in only one process at a time; ` +
      `to run commands beside a running server, run both on PostgreSQL (set DATABASE_URL).` +
      (lock.host !== hostname() ? ` If that process is certainly not running, remove ${file}.` : ''),
  );
}

/**
 * Take the lock on `dataDir` (an absolute, resolved path) for this process, or throw DataDirInUseError naming
 * the holder. `dataDirShown` is the directory as the user named it.
 */
export function lockDataDir(dataDir: string, holder: string, dataDirShown = dataDir): DataDirLock {
  const file = lockFileOf(dataDir);
  const mine: LockRecord = {
    pid: process.pid, started: processStartOf(process.pid), host: hostname(), holder,
    token: randomBytes(8).toString('hex'), at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(mine) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return held(file, mine.token);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const found = readLock(file);
    if (!found) continue; // released between our attempt and our look: try again
    if (found.lock === null) {
      // Unreadable: either its taker is between creating and writing it (wait a moment), or it died there.
      if (Date.now() - mtimeOf(file) < 2000) {
        sleep(100);
        continue;
      }
    } else if (isRunning(found.lock)) {
      throw refusal(dataDirShown, found.lock, file);
    }
    breakStaleLock(file, found.raw);
  }
  throw new DataDirInUseError(`could not take the lock on ${dataDirShown} (${file}): other processes keep taking it`);
}

/**
 * Remove a lock whose holder is gone. Two openers may find the same stale lock; renaming it aside is atomic,
 * so only one of them moves it, and if what was moved is not the stale lock that was read (another opener
 * already replaced it with its own), it is put back.
 */
function breakStaleLock(file: string, staleRaw: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  let movedRaw = '';
  try {
    movedRaw = readFileSync(aside, 'utf8');
  } catch { /* gone: nothing to put back */ }
  if (movedRaw !== staleRaw) {
    try {
      linkSync(aside, file); // fails if yet another opener took the lock meanwhile: then that one holds it
    } catch { /* the lock file exists again; the next attempt reads whoever holds it */ }
  }
  try {
    unlinkSync(aside);
  } catch { /* already gone */ }
}

function held(file: string, token: string): DataDirLock {
  let released = false;
  // A process that exits without closing the database (process.exit) still gives the directory back.
  const onExit = () => { release(); };
  function release(): void {
    if (released) return;
    released = true;
    process.removeListener('exit', onExit);
    // Remove only our own lock: never one another opener took after ours was (wrongly) judged stale.
    if (readLock(file)?.lock?.token !== token) return;
    try {
      unlinkSync(file);
    } catch { /* already gone */ }
  }
  process.on('exit', onExit);
  return { file, release };
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

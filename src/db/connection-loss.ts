// A PostgreSQL connection can drop at any moment: the server restarts, an
// administrator runs pg_terminate_backend, a network link fails. None of these
// may stop the process. node-postgres reports a dropped connection as an
// 'error' event, on the pool for an idle connection and on the client for one
// in use, and an 'error' event nobody listens for ends the process. So the
// pool and every client it makes get a listener; the pool already discards a
// broken connection and opens a new one on the next request. The query that
// was in flight on the lost connection fails, and the caller turns that into
// DatabaseUnavailableError (503 to a web request).
import type pg from 'pg';
import { log } from '../log.ts';

/**
 * The database could not be reached, or the connection was lost part-way. `outcomeUnknown`: the connection
 * dropped while the transaction was committing, so it may or may not have been stored.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'database-unavailable';
  constructor(readonly outcomeUnknown: boolean, options?: ErrorOptions) {
    super(outcomeUnknown
      ? 'the connection to the database was lost while the change was being saved: it may or may not have been saved'
      : 'the database could not be reached; nothing was saved', options);
  }
}

/** PostgreSQL's SQLSTATEs for a connection that is gone: class 08 (connection exception) and the shutdowns of 57P. */
const LOST_STATES = /^(08...|57P01|57P02|57P03)$/;
/** node-postgres's own errors for a connection that closed or never opened, and the socket's. */
const LOST_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Client was closed|Connection ended)/;
const LOST_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether an error means the database connection is gone (rather than a query that the database refused). */
export function isConnectionLost(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  const code = typeof err.code === 'string' ? err.code : '';
  return LOST_STATES.test(code) || LOST_SOCKET_CODES.has(code) || (typeof err.message === 'string' && LOST_MESSAGES.test(err.message));
}

/** Only the error's code and kind are logged: a PostgreSQL error's message and detail may quote data. */
const logged = (e: unknown) => ({ err: { type: (e as Error)?.name, code: (e as { code?: string })?.code } });

export function watchForLostConnections(pool: pg.Pool): void {
  // An idle connection dropped: the pool has already discarded it and opens a fresh one when next needed.
  pool.on('error', (e) => { log.warn(logged(e), 'an idle database connection was lost; a new one will be opened when needed'); });
  // A connection in use dropped: its query in flight fails (and the request with it); the pool discards
  // the connection when it is released. The listener is what keeps the event from ending the process.
  pool.on('connect', (client) => {
    client.on('error', (e) => { log.debug(logged(e), 'a database connection was lost'); });
  });
}

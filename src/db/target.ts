// Where the database is: a PostgreSQL server, or the embedded engine on disk or in memory.
// Its own module so that what reads the target (the audit key beside the data directory)
// need not import the code that opens the connection, which itself reads the audit key.
export type DbTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  /** In memory; `from`: a data directory dumped by PGlite's dumpDataDir to start from (tests start every database from one migrated copy) */
  | { kind: 'pglite'; memory: true; from?: Blob };

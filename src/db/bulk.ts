// Many rows in one statement: the rows travel as ONE JSON parameter that the
// server turns back into typed rows with jsonb_to_recordset. The statement is
// the same size for 1 row or 10,000 (never near the protocol's 65,535
// parameter limit), the server parses one JSON text instead of a literal per
// value, and it behaves the same on PGlite and on a PostgreSQL server.
// Values: numbers, strings, booleans, null, Dates (sent as ISO 8601), and
// plain objects for jsonb columns.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type SqlType = 'text' | 'bigint' | 'int' | 'float8' | 'boolean' | 'jsonb' | 'timestamptz' | 'date';

export async function insertRows<R extends string = never>(
  tx: Transaction<Database>,
  table: keyof Database,
  rows: Record<string, unknown>[],
  types: Record<string, SqlType>,
  returning: R[] = [],
): Promise<Record<R, any>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(types);
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const definitions = sql.raw(columns.map((c) => `"${c}" ${types[c]}`).join(', '));
  const ret: RawBuilder<unknown> = returning.length
    ? sql` returning ${sql.raw(returning.map((c) => `"${c}"`).join(', '))}`
    : sql``;
  const r = await sql<Record<R, any>>`
    insert into ${sql.table(table)} (${sql.raw(quoted)})
    select ${sql.raw(quoted)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(${definitions})${ret}`.execute(tx);
  return r.rows;
}

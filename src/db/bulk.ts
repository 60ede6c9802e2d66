// Many rows in one statement: each column travels as one text[] parameter and
// is cast back to its type inside INSERT ... SELECT FROM unnest(...). The
// statement is the same size for 1 row or 10,000, so it never meets the
// protocol's 65,535-parameter limit, and it behaves the same on PGlite and on
// a PostgreSQL server.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type SqlType = 'text' | 'bigint' | 'int' | 'float8' | 'boolean' | 'jsonb' | 'timestamptz' | 'date';

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export async function insertRows<R extends string = never>(
  tx: Transaction<Database>,
  table: keyof Database,
  rows: Record<string, unknown>[],
  types: Record<string, SqlType>,
  returning: R[] = [],
): Promise<Record<R, any>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(types);
  const arrays = columns.map((c) => rows.map((r) => asText(r[c])));
  const unnestArgs = sql.join(arrays.map((a) => sql`${a}::text[]`));
  const casts = sql.join(columns.map((c, i) => sql.raw(`u.c${i}::${types[c]}`)));
  const alias = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  const cols = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const ret: RawBuilder<unknown> = returning.length
    ? sql` returning ${sql.raw(returning.map((c) => `"${c}"`).join(', '))}`
    : sql``;
  const r = await sql<Record<R, any>>`
    insert into ${sql.table(table)} (${cols})
    select ${casts} from unnest(${unnestArgs}) as u(${alias})${ret}`.execute(tx);
  return r.rows;
}

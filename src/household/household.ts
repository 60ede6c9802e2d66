// The database side of a household: gather the evidence records, then derive (derive.ts).
//
// Evidence is every current record that mentions the child (person_mention holds only
// current versions' mentions: a replaced version's are released on ingest), plus every
// current police record with a mention at one of the child's postcodes on or after the
// child first lived there: police attend homes without recording every child in them.
// Postcodes are compared on mention.postcode, which ingest stores already normalised
// (normalisePostcode: "n179zz" -> "N17 9ZZ"), the same form the timeline uses.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AgencyRecord } from '../records/types.ts';
import { deriveHousehold, type EvidenceRecord, type Household } from './derive.ts';

interface RecordRow {
  record_id: number;
  agency_id: string;
  agency_kind: string;
  ref: string;
  kind: string;
  occurred_on: string;
  document: AgencyRecord;
}

const columns = sql`r.id as record_id, r.agency_id, a.kind as agency_kind, r.ref, r.kind, r.occurred_on::text as occurred_on, r.document`;

export async function householdOf(tx: Transaction<Database>, personId: number): Promise<Household | null> {
  const records = await childEvidence(tx, personId);
  return records ? deriveHousehold({ personId, records, socialCareAgencies: await socialCareAgencies(tx) }) : null;
}

export async function socialCareAgencies(tx: Transaction<Database>): Promise<Set<string>> {
  const rows = await tx.selectFrom('agency').select('id').where('kind', '=', 'social-care').execute();
  return new Set(rows.map((r) => r.id));
}

/** The records a child's household (and the risk rules) are derived from, or null for an unknown person. */
export async function childEvidence(tx: Transaction<Database>, personId: number): Promise<EvidenceRecord[] | null> {
  const about = await sql<RecordRow>`
    select ${columns} from record r join agency a on a.id = r.agency_id
    where r.id in (select m.record_id from person_mention pm join mention m on m.id = pm.mention_id where pm.person_id = ${personId})
    order by r.occurred_at, r.id`.execute(tx);
  if (about.rows.length === 0) return null;
  const aboutRecords = await withPeople(tx, about.rows);
  const first = deriveHousehold({ personId, records: aboutRecords });

  const postcodes = [...new Set(first.addresses.map((a) => a.postcode).filter((p): p is string => p !== null))];
  const since = first.addresses[0]?.from;
  if (postcodes.length === 0 || !since) return aboutRecords;
  const police = await sql<RecordRow>`
    select ${columns} from record r join agency a on a.id = r.agency_id
    where a.kind = 'police' and r.occurred_on >= ${since}::date
      and r.id in (select m.record_id from mention m where m.postcode = any(${postcodes}::text[]))
      and r.id <> all(${first.recordIds}::bigint[])
      and not exists (select 1 from record newer where newer.agency_id = r.agency_id and newer.ref = r.ref and newer.version > r.version)
    order by r.occurred_at, r.id`.execute(tx);
  if (police.rows.length === 0) return aboutRecords;
  return [...aboutRecords, ...(await withPeople(tx, police.rows))];
}

/** Each record with the person every one of its mentions currently belongs to. */
async function withPeople(tx: Transaction<Database>, rows: RecordRow[]): Promise<EvidenceRecord[]> {
  const ids = rows.map((r) => r.record_id);
  const links = await sql<{ record_id: number; key: string; person_id: number | null }>`
    select m.record_id, m.key, pm.person_id
    from mention m left join person_mention pm on pm.mention_id = m.id
    where m.record_id = any(${ids}::bigint[])`.execute(tx);
  const personOf = new Map<number, Record<string, number | null>>();
  for (const l of links.rows) {
    const id = Number(l.record_id);
    personOf.set(id, { ...personOf.get(id), [l.key]: l.person_id === null ? null : Number(l.person_id) });
  }
  return rows.map((r) => ({
    recordId: Number(r.record_id),
    source: `${r.agency_id}/${r.ref}`,
    agencyId: r.agency_id,
    agencyKind: r.agency_kind,
    kind: r.kind,
    occurredOn: String(r.occurred_on),
    document: r.document,
    personOf: personOf.get(Number(r.record_id)) ?? {},
  }));
}

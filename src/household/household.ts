// The database side of a household: gather the evidence records, then derive (derive.ts).
//
// Evidence is every current record that mentions the child (person_mention holds only
// current versions' mentions: a replaced version's are released on ingest), plus every
// current police record with a mention at one of the child's postcodes on or after the
// child first lived there: police attend homes without recording every child in them.
// Postcodes are compared on mention.postcode, which ingest stores already normalised
// (normalisePostcode: "n179zz" -> "N17 9ZZ"), the same form the timeline uses.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { EVERYONE, mayRead, type Viewer } from '../shared/relationship.ts';
import type { AgencyRecord } from '../records/types.ts';
import { deriveHousehold, type EvidenceRecord, type Household } from './derive.ts';
import { homeTimeline } from './timeline.ts';

const byDateThenSource = (a: EvidenceRecord, b: EvidenceRecord) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0;

interface RecordRow {
  record_id: number;
  agency_id: string;
  agency_name: string;
  agency_kind: string;
  ref: string;
  kind: string;
  occurred_on: string;
  document: AgencyRecord;
}

const columns = sql`r.id as record_id, r.agency_id, a.name as agency_name, a.kind as agency_kind, r.ref, r.kind, r.occurred_on::text as occurred_on, r.document`;

/** A household as one viewer may see it: derived from the records shown to them, with a count of those that are not. */
export type SharedHousehold = Household & { withheld: number };

/**
 * A child's household, derived from the evidence records `shown` lets through (every record by default:
 * the Repository passes the information-sharing policy's answer for the viewer). A record withheld is not
 * evidence for anyone the viewer is shown: a school does not learn of a man at the home from police
 * intelligence it may not read; it is told that records were withheld, and by how many.
 */
export async function householdOf(
  tx: Transaction<Database>,
  personId: number,
  shown: (record: EvidenceRecord) => boolean = () => true,
): Promise<SharedHousehold | null> {
  const all = await childEvidence(tx, personId);
  return all && householdFrom(tx, personId, all, shown);
}

/** The household from a child's records already read (childEvidence): those `shown` to the reader. */
export async function householdFrom(
  tx: Transaction<Database>, personId: number, all: EvidenceRecord[], shown: (record: EvidenceRecord) => boolean,
): Promise<SharedHousehold> {
  const records = all.filter(shown);
  const h = deriveHousehold({ personId, records, socialCareAgencies: await socialCareAgencies(tx) });
  return { ...h, withheld: all.length - records.length };
}

export async function socialCareAgencies(tx: Transaction<Database>): Promise<Set<string>> {
  const rows = await tx.selectFrom('agency').select('id').where('kind', '=', 'social-care').execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The records a child's household (and the risk rules) are derived from, or null for an unknown person or,
 * for a bounded viewer, one they have no full relationship with: need-to-know is a condition of the first
 * query (as in the chronology's), so a reader's household costs no separate check. The server's own work
 * (risk, the process of a child already checked) reads as EVERYONE.
 */
export async function childEvidence(tx: Transaction<Database>, personId: number, viewer: Viewer = EVERYONE): Promise<EvidenceRecord[] | null> {
  return (await gatherEvidence(tx, [personId], () => true, mayRead(viewer, personId))).get(personId) ?? null;
}

/**
 * The same for many people at once, in four queries whatever their number
 * (ingest asks for every child a batch touched). `keep` picks, from the
 * records about each person, those worth the police lookup (the children).
 */
export async function childrenEvidence(
  tx: Transaction<Database>,
  personIds: number[],
  keep: (personId: number, about: EvidenceRecord[]) => boolean = () => true,
): Promise<Map<number, EvidenceRecord[]>> {
  return gatherEvidence(tx, personIds, keep, sql<boolean>`true`);
}

/** childrenEvidence, reading nothing unless `readable` (a condition on no column: decided once) holds. */
async function gatherEvidence(
  tx: Transaction<Database>,
  personIds: number[],
  keep: (personId: number, about: EvidenceRecord[]) => boolean,
  readable: RawBuilder<boolean>,
): Promise<Map<number, EvidenceRecord[]>> {
  const out = new Map<number, EvidenceRecord[]>();
  if (!personIds.length) return out;
  const rows = (await sql<RecordRow & { person_id: number }>`
    select distinct pm.person_id, ${columns}, r.occurred_at
    from person_mention pm join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id join agency a on a.id = r.agency_id
    where pm.person_id = any(${personIds}::bigint[]) and ${readable}
    order by r.occurred_at, r.id`.execute(tx)).rows;
  const records = await withPeople(tx, dedupe(rows));
  const byId = new Map(records.map((r) => [r.recordId, r]));
  for (const row of rows) {
    const list = out.get(Number(row.person_id)) ?? [];
    list.push(byId.get(Number(row.record_id))!);
    out.set(Number(row.person_id), list);
  }
  for (const [id, about] of out) if (!keep(id, about)) out.delete(id);

  // Police records at each child's homes, from when they first lived there.
  const homes = new Map<number, { postcodes: Set<string>; since: string; have: Set<number> }>();
  for (const [id, about] of out) {
    // The child's homes as their household has them (derive.ts: the timeline of the records that name them),
    // without deriving the rest of the household.
    const segments = homeTimeline([...about].sort(byDateThenSource), id);
    const postcodes = new Set(segments.map((s) => s.home?.postcode ?? null).filter((x): x is string => x !== null));
    const since = segments[0]?.from;
    if (postcodes.size && since) homes.set(id, { postcodes, since, have: new Set(about.map((r) => r.recordId)) });
  }
  if (!homes.size) return out;
  const allPostcodes = [...new Set([...homes.values()].flatMap((h) => [...h.postcodes]))];
  const earliest = [...homes.values()].reduce((m, h) => (h.since < m ? h.since : m), '9999-12-31');
  const police = (await sql<RecordRow & { postcode: string }>`
    select ${columns}, m.postcode from record r join agency a on a.id = r.agency_id join mention m on m.record_id = r.id
    where a.kind = 'police' and r.occurred_on >= ${earliest}::date and m.postcode = any(${allPostcodes}::text[])
      and not exists (select 1 from record newer where newer.agency_id = r.agency_id and newer.ref = r.ref and newer.version > r.version)
    order by r.occurred_at, r.id`.execute(tx)).rows;
  if (!police.length) return out;
  const policeRecords = new Map((await withPeople(tx, dedupe(police))).map((r) => [r.recordId, r]));
  for (const [id, home] of homes) {
    const extra = new Map<number, EvidenceRecord>();
    for (const row of police) {
      const rid = Number(row.record_id);
      if (home.postcodes.has(row.postcode) && String(row.occurred_on) >= home.since && !home.have.has(rid)) extra.set(rid, policeRecords.get(rid)!);
    }
    if (extra.size) out.set(id, [...out.get(id)!, ...extra.values()]);
  }
  return out;
}

/** One row per record (a record can reach a person through several mentions or postcodes). */
function dedupe<T extends RecordRow>(rows: T[]): T[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(Number(r.record_id)) && seen.add(Number(r.record_id)));
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
    agencyName: r.agency_name,
    agencyKind: r.agency_kind,
    kind: r.kind,
    occurredOn: String(r.occurred_on),
    document: r.document,
    personOf: personOf.get(Number(r.record_id)) ?? {},
  }));
}

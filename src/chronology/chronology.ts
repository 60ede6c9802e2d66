// A person's multi-agency chronology: every current record from every agency
// that mentions them, in the order things happened.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { mayRead, type Viewer } from '../shared/relationship.ts';
import type { AgencyRecord, Injury } from '../records/types.ts';
import { personName, summarise } from './summary.ts';
import { summarisePeople, type PersonSummary } from '../identity/people.ts';
import { standingFiringsOfPerson } from '../risk/lifecycle.ts';

export interface ChronologyEntry {
  recordId: number;
  /** `agency/ref`: how agencies and reports cite a record */
  source: string;
  agency: { id: string; name: string; kind: string };
  kind: string;
  occurredAt: string;
  occurredOn: string;
  certainty: string | null;
  version: number;
  summary: string;
  /** this person's role and relationship in the record */
  role: string;
  relationship?: string;
  injuries: Injury[];
  narrative?: string;
  others: { key: string; role: string; relationship?: string; name: string; personId: number | null }[];
  /** alerts this record is evidence for (fired on its date, or later with it among their evidence) */
  alerts: EntryAlert[];
}

export interface EntryAlert {
  alertId: number;
  rule: string;
  severity: string;
  firedOn: string;
}

export interface Chronology {
  personId: number;
  person: PersonSummary;
  entries: ChronologyEntry[];
}

interface Row {
  record_id: number;
  agency_id: string;
  agency_name: string;
  agency_kind: string;
  ref: string;
  version: number;
  occurred_on: string;
  document: AgencyRecord;
  key: string;
  given: string | null;
  family: string | null;
  dob: string | null;
  role: string;
  /** [key, person id or null] of every person the record names */
  links: [string, number | string | null][];
}

/** A person's chronology; null when there is no such person or the viewer has no full relationship with them. */
export async function personChronology(tx: Transaction<Database>, personId: number, viewer: Viewer): Promise<Chronology | null> {
  // Need-to-know inside the query: a condition on the person alone, decided once for the query (not per row
  // read); without a full relationship the query returns nothing.
  // Each row carries whom every person named in its record was linked to (the entry's "others"), so the
  // chronology is one statement: on the embedded engine each statement costs more than these index probes.
  const r = await sql<Row>`
    select r.id as record_id, r.agency_id, a.name as agency_name, a.kind as agency_kind, r.ref, r.version,
      r.occurred_on::text as occurred_on, r.document, m.key, m.given, m.family, m.dob, m.role,
      (select coalesce(json_agg(json_build_array(o.key, opm.person_id)), '[]'::json)
        from mention o left join person_mention opm on opm.mention_id = o.id where o.record_id = r.id) as links
    from person_mention pm
    join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id
    join agency a on a.id = r.agency_id
    where pm.person_id = ${personId} and ${mayRead(viewer, personId)}
    order by r.occurred_at, r.recorded_at, r.id, m.key`.execute(tx);
  if (r.rows.length === 0) return null;

  const personOf = new Map(r.rows.flatMap((x) => x.links.map(([key, person]) => [`${x.record_id}#${key}`, person === null ? null : Number(person)] as const)));

  const seen = new Set<number>();
  const entries: ChronologyEntry[] = [];
  for (const row of r.rows) {
    if (seen.has(row.record_id)) continue; // mentioned twice in one record: one entry
    seen.add(row.record_id);
    const doc = row.document;
    const self = doc.people.find((p) => p.key === row.key)!;
    entries.push({
      recordId: row.record_id,
      source: `${row.agency_id}/${row.ref}`,
      agency: { id: row.agency_id, name: row.agency_name, kind: row.agency_kind },
      kind: doc.kind,
      occurredAt: doc.occurredAt,
      occurredOn: String(row.occurred_on),
      certainty: doc.certainty ?? null,
      version: row.version,
      summary: summarise(doc),
      role: self.role,
      ...(self.relationship ? { relationship: self.relationship } : {}),
      injuries: (doc.body.injuries) ?? [],
      ...(doc.narrative ? { narrative: doc.narrative } : {}),
      others: doc.people
        .filter((p) => personOf.get(`${row.record_id}#${p.key}`) !== personId)
        .map((p) => ({
          key: p.key,
          role: p.role,
          ...(p.relationship ? { relationship: p.relationship } : {}),
          name: personName(p),
          personId: personOf.get(`${row.record_id}#${p.key}`) ?? null,
        })),
      alerts: [],
    });
  }
  // Alerts shown where they fired: on each record that is evidence for one.
  const firings = await standingFiringsOfPerson(tx, personId);
  const alertsOf = new Map<string, EntryAlert[]>();
  for (const f of firings) {
    for (const source of f.evidence) {
      const list = alertsOf.get(source) ?? [];
      if (!list.some((a) => a.alertId === f.alertId && a.firedOn === f.at)) list.push({ alertId: f.alertId, rule: f.rule, severity: f.severity, firedOn: f.at });
      alertsOf.set(source, list);
    }
  }
  for (const e of entries) e.alerts = alertsOf.get(e.source) ?? [];
  // The same rows are every current mention of this person: their summary needs no second query.
  const [person] = summarisePeople(r.rows.map((row) => ({ ...row, person_id: personId })));
  return { personId, person: person!, entries };
}

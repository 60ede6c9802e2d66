// Linking stored mentions to people on ingest. The `Linker` interface is what
// ingest calls; the engine behind it is the probabilistic model (link-plan.ts
// decides, this file reads the candidates and writes the decision).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertRows } from '../db/bulk.ts';
import { MAX_HOUSEHOLD_COMPANIONS, planLinks, type LinkPlan, type Member } from './link-plan.ts';
import { linkKeysOf } from './link-keys.ts';
import type { Model } from './linkage/model.ts';
import type { LinkRecord } from './linkage/types.ts';
import { currentModel } from './model-source.ts';
import { addPersonKeys, movePersonKeys, peopleWithKeys } from './person-keys.ts';

export interface MentionToLink {
  mentionId: number;
  recordId: number;
  localKey: string | null;
  identity: LinkRecord;
  /** the role the record gives the person (subject, parent, ...) */
  role?: string;
}

/**
 * Roles only an adult holds in a record. Not identity (a role is no name or date), but it says a mention is
 * no child's: what the question "the same child under another name?" needs (link-plan.ts).
 */
const ADULT_ROLES = ['parent', 'carer', 'partner-of-parent'];
export const adultRole = (role: string | undefined) => role !== undefined && ADULT_ROLES.includes(role);

export interface LinkOutcome {
  /** mention id -> person id it now belongs to */
  personOf: Map<number, number>;
  /** every person whose membership changed (new, joined, merged or absorbed) */
  touchedPersons: number[];
  /**
   * People who took in another's mentions (the survivors of merges): every record naming them may now name
   * someone else than it did, so what was derived from those records about anyone in them is out of date.
   */
  regrouped?: number[];
}

/** How a linker plans: re-linking after a practitioner's decision (relink.ts) plans the same way. */
export interface LinkerSettings {
  model?: Model;
  safeguards?: boolean;
}

export interface Linker {
  readonly name: string;
  readonly settings?: LinkerSettings;
  link(tx: Transaction<Database>, mentions: MentionToLink[], at: Date): Promise<LinkOutcome>;
}

/**
 * Held from the start of linking to the end of the transaction, so that two
 * batches never both create the same new person: the second waits, then
 * reads the first one's committed people. (Storing records and mentions
 * before this point runs in parallel.) Review decisions, splits and merges
 * take it too.
 */
export const LINK_LOCK = 7_310_002;

export async function takeLinkLock(tx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LINK_LOCK})`.execute(tx);
}

export const LINKER_NAME = 'probabilistic-v1';

/** The linker ingest uses: the stored model if one was trained, else the shipped one (or the one given). */
export function probabilisticLinker(opts: LinkerSettings = {}): Linker {
  return {
    name: LINKER_NAME,
    settings: opts,
    async link(tx, mentions, at) {
      if (mentions.length === 0) return { personOf: new Map(), touchedPersons: [] };
      await takeLinkLock(tx);
      const decidedBy = `engine:${LINKER_NAME}`;
      const { model, name: modelName } = opts.model ? { model: opts.model, name: 'given' } : await currentModel(tx);
      const incoming = mentions.map((m) => ({ ...m, keys: linkKeysOf(m), adultRole: adultRole(m.role) }));
      const { keyHits, people, companions, different } = await candidatesFor(tx, incoming);
      const plan = planLinks({ incoming, people, keyHits, different, model, companions, asOf: at, ...(opts.safeguards === undefined ? {} : { safeguards: opts.safeguards }) });

      const newIds = plan.newGroups ? await createPersons(tx, plan.newGroups, at) : [];
      const personOf = new Map<number, number>();
      for (const m of mentions) {
        const a = plan.assign.get(m.mentionId)!;
        personOf.set(m.mentionId, 'personId' in a ? a.personId : newIds[a.newGroup]!);
      }
      await recordLinks(tx, mentions.map((m) => {
        const reason = plan.reasons.get(m.mentionId)!;
        return { mentionId: m.mentionId, personId: personOf.get(m.mentionId)!, rule: reason.rule, weight: reason.weight, evidence: { ...reason, model: modelName } };
      }), decidedBy, at);
      await movePeople(tx, plan.merges.map((mg) => ({ ...mg, rule: 'merge' })), decidedBy, at);
      // Only keys the person does not hold yet: a known child seen again mostly brings keys they have.
      const held = (key: string, personId: number) => keyHits.get(key)?.includes(personId) ?? false;
      const fresh = new Map<string, { key: string; person_id: number }>();
      for (const m of incoming) {
        const personId = personOf.get(m.mentionId)!;
        for (const key of m.keys) if (!held(key, personId)) fresh.set(`${personId}\u0000${key}`, { key, person_id: personId });
      }
      await addPersonKeys(tx, [...fresh.values()]);
      await queueReviews(tx, plan, decidedBy, at);
      // Absorbed people are touched too: what was derived about them (alerts) must follow their mentions.
      const touched = new Set<number>([...personOf.values(), ...plan.merges.flatMap((m) => [m.into, m.from])]);
      return { personOf, touchedPersons: [...touched], regrouped: [...new Set(plan.merges.map((m) => m.into))] };
    },
  };
}

export interface PlanCandidates {
  keyHits: Map<string, number[]>;
  people: Map<number, Member[]>;
  companions: Map<number, Set<number>>;
  different: Set<string>;
}

/**
 * What the plan compares these mentions with: the people holding their keys (the closest MAX_CANDIDATES per
 * mention), the households of the closest few, and the practitioners' "different people" decisions among
 * them. Re-linking a person's stored mentions (relink.ts) leaves that person out (`exclude`) and names the
 * people their records already name (`namedWith`), who are loaded with their households too.
 */
export async function candidatesFor(
  tx: Transaction<Database>,
  incoming: { mentionId: number; keys: string[] }[],
  opts: { exclude?: ReadonlySet<number>; namedWith?: number[] } = {},
): Promise<PlanCandidates> {
  const exclude = opts.exclude ?? new Set<number>();
  const keyHits = await peopleWithKeys(tx, [...new Set(incoming.flatMap((m) => m.keys))]);
  if (exclude.size) {
    for (const [key, ids] of keyHits) {
      const kept = ids.filter((id) => !exclude.has(id));
      if (kept.length) keyHits.set(key, kept); else keyHits.delete(key);
    }
  }
  const namedWith = (opts.namedWith ?? []).filter((id) => !exclude.has(id));
  const people = await membersOf(tx, [...new Set([...closestCandidates(incoming, keyHits), ...namedWith])]);
  // The households of the closest candidates: their companions are candidates for the record's other mentions.
  const companions = await companionsOf(tx, [...new Set([...closestCandidates(incoming, keyHits, HOUSEHOLD_CANDIDATES), ...namedWith])]);
  const household = [...new Set([...companions.values()].filter((s) => s.size <= MAX_HOUSEHOLD_COMPANIONS).flatMap((s) => [...s]))]
    .filter((id) => !people.has(id) && !exclude.has(id));
  for (const [id, members] of await membersOf(tx, household)) people.set(id, members);
  for (const [id, set] of await companionsOf(tx, [...people.keys()].filter((id) => !companions.has(id)))) companions.set(id, set);
  const different = await differentPairs(tx, [...[...people.values()].flat().flatMap((m) => m.mentionIds), ...incoming.map((m) => m.mentionId)]);
  return { keyHits, people, companions, different };
}

/**
 * At most this many people are compared with each new mention: those holding
 * the most of its keys (an NHS number or agency id first). With a million
 * people stored a date-of-birth key alone is shared by about fifty; the person
 * a mention belongs to shares several of its keys, not one.
 */
export const MAX_CANDIDATES = 40;
/** Whose households (the people named with them) are loaded too: each mention's closest few candidates. */
export const HOUSEHOLD_CANDIDATES = 3;
const HARD_KEY = /^(local:|nhs-number:)/;

export function closestCandidates(incoming: { keys: string[] }[], keyHits: Map<string, number[]>, limit = MAX_CANDIDATES): number[] {
  const chosen = new Set<number>();
  for (const m of incoming) {
    const shared = new Map<number, number>();
    for (const key of m.keys) {
      for (const p of keyHits.get(key) ?? []) shared.set(p, (shared.get(p) ?? 0) + (HARD_KEY.test(key) ? 1000 : 1));
    }
    [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).forEach(([p]) => chosen.add(p));
  }
  return [...chosen];
}

/** The current mentions of these people, as the plan compares them: one member per distinct identity. */
export async function membersOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, Member[]>> {
  const out = new Map<number, Member[]>();
  if (!personIds.length) return out;
  const r = await sql<{ person_id: number; mention_ids: number[]; record_ids: number[]; local_key: string | null; identity: LinkRecord; adult_role: boolean }>`
    select pm.person_id, array_agg(m.id order by m.id) as mention_ids, array_agg(m.record_id order by m.id) as record_ids,
      m.local_key, m.identity, bool_or(m.role = any(${ADULT_ROLES}::text[])) as adult_role
    from person_mention pm join mention m on m.id = pm.mention_id
    where pm.person_id = any(${personIds}::bigint[])
    group by pm.person_id, m.local_key, m.identity
    order by pm.person_id, min(m.id)`.execute(tx);
  // (planLinks compares at most MAX_MEMBERS of them per person, the first seen.)
  for (const row of r.rows) {
    const list = out.get(row.person_id) ?? [];
    const mentionIds = row.mention_ids.map(Number);
    list.push({ mentionIds, recordIds: row.record_ids.map(Number), localKey: row.local_key, identity: { ...row.identity, id: String(mentionIds[0]) }, adultRole: row.adult_role });
    out.set(row.person_id, list);
  }
  return out;
}

/** How many of a person's mention pairs are read to list their companions: enough to tell a hub (link-plan.ts MAX_HOUSEHOLD_COMPANIONS). */
const COMPANION_ROWS = 400;

/** For each of these people, the other people named in the same records as them (their household, as recorded). */
export async function companionsOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  if (!personIds.length) return out;
  const r = await sql<{ person_id: number; other: number }>`
    select p.id as person_id, o.other
    from unnest(${personIds}::bigint[]) as p(id)
    cross join lateral (
      select pm2.person_id as other
      from person_mention pm
      join mention m on m.id = pm.mention_id
      join mention m2 on m2.record_id = m.record_id and m2.id <> m.id
      join person_mention pm2 on pm2.mention_id = m2.id
      where pm.person_id = p.id and pm2.person_id <> p.id
      limit ${COMPANION_ROWS}) o`.execute(tx);
  for (const row of r.rows) {
    const id = Number(row.person_id);
    (out.get(id) ?? out.set(id, new Set()).get(id)!).add(Number(row.other));
  }
  return out;
}

/** Pairs among these mentions that a practitioner decided are different people ("a|b", a < b). */
export async function differentPairs(tx: Transaction<Database>, mentionIds: number[]): Promise<Set<string>> {
  if (!mentionIds.length) return new Set();
  const r = await sql<{ mention_a: number; mention_b: number }>`
    select mention_a, mention_b from link_decision
    where decision = 'different' and (mention_a = any(${mentionIds}::bigint[]) or mention_b = any(${mentionIds}::bigint[]))`.execute(tx);
  return new Set(r.rows.map((d) => `${d.mention_a}|${d.mention_b}`));
}

export async function createPersons(tx: Transaction<Database>, count: number, at: Date): Promise<number[]> {
  const r = await sql<{ id: number }>`
    insert into person (created_at) select ${at}::timestamptz from generate_series(1, ${count}::int)
    returning id`.execute(tx);
  return r.rows.map((x) => x.id).sort((a, b) => a - b);
}

const MENTION_LINK_TYPES = {
  mention_id: 'bigint', person_id: 'bigint', rule: 'text', weight: 'float8',
  evidence: 'jsonb', decided_by: 'text', decided_at: 'timestamptz',
} as const;

export interface LinkRow {
  mentionId: number;
  personId: number;
  rule: string;
  weight: number | null;
  evidence: Record<string, unknown>;
}

/** The link history rows for these decisions (append-only), with their ids. */
function appendLinks(tx: Transaction<Database>, rows: LinkRow[], decidedBy: string, at: Date) {
  return insertRows(tx, 'mention_link', rows.map((r) => ({
    mention_id: r.mentionId, person_id: r.personId, rule: r.rule, weight: r.weight, evidence: r.evidence, decided_by: decidedBy, decided_at: at,
  })), MENTION_LINK_TYPES, ['id', 'mention_id', 'person_id']);
}

/** New mentions join their people: a history row each, then current membership. */
async function recordLinks(tx: Transaction<Database>, rows: LinkRow[], decidedBy: string, at: Date): Promise<void> {
  const links = await appendLinks(tx, rows, decidedBy, at);
  await insertRows(tx, 'person_mention',
    links.map((l) => ({ mention_id: l.mention_id, person_id: l.person_id, link_id: l.id })),
    { mention_id: 'bigint', person_id: 'bigint', link_id: 'bigint' });
}

/** Move current mentions to another person, recording each move in the link history. */
export async function moveMentions(tx: Transaction<Database>, rows: LinkRow[], decidedBy: string, at: Date): Promise<void> {
  if (!rows.length) return;
  const links = await appendLinks(tx, rows, decidedBy, at);
  await sql`
    update person_mention pm set person_id = u.person_id, link_id = u.id
    from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as u(mention_id bigint, person_id bigint, id bigint)
    where pm.mention_id = u.mention_id`.execute(tx);
}

/** Every current mention of each absorbed person moves to its survivor; keys follow. */
export async function movePeople(
  tx: Transaction<Database>,
  merges: { from: number; into: number; rule: string; why: string; [k: string]: unknown }[],
  decidedBy: string,
  at: Date,
): Promise<void> {
  if (!merges.length) return;
  const byFrom = new Map(merges.map((m) => [m.from, m]));
  const moved = await tx.selectFrom('person_mention').select(['mention_id', 'person_id'])
    .where('person_id', 'in', [...byFrom.keys()]).execute();
  await moveMentions(tx, moved.map((m) => {
    const merge = byFrom.get(m.person_id)!;
    return { mentionId: m.mention_id, personId: merge.into, rule: merge.rule, weight: null, evidence: { ...merge, mergedFrom: merge.from } };
  }), decidedBy, at);
  await movePersonKeys(tx, merges);
}

/**
 * Queue the plan's reviews, one per pair of people: a pair that already has a review still to decide is not
 * queued again. Each new record about either person would otherwise ask the same question again (the same
 * child against the same wrongly merged cluster, record after record), and a queue that grows with every
 * record is one nobody keeps up with. The open review stands for the pair: deciding it decides the people,
 * and their mentions follow.
 */
async function queueReviews(tx: Transaction<Database>, plan: LinkPlan, createdBy: string, at: Date): Promise<void> {
  if (!plan.reviews.length) return;
  const planned = plan.reviews.map((r, order) => ({
    order, mention_id: r.mentionId, candidate_mention_id: r.candidateMentionId, weight: r.weight, linked: r.linked === true,
    evidence: { why: r.why, ...(r.terms ? { terms: r.terms } : {}), ...(r.linked ? { linked: true } : {}) },
  }));
  // A pair of people is queued once while a review of them is open; a pair the plan joined anyway is settled,
  // except a link made in doubt (`linked`), which is the review's subject: queued once per pair of mentions.
  await sql`
    with planned as (
      select p.*, a.person_id as pa, b.person_id as pb, least(a.person_id, b.person_id) as lo, greatest(a.person_id, b.person_id) as hi
      from jsonb_to_recordset(${JSON.stringify(planned)}::jsonb)
        as p("order" int, mention_id bigint, candidate_mention_id bigint, weight float8, linked boolean, evidence jsonb)
      join person_mention a on a.mention_id = p.mention_id
      join person_mention b on b.mention_id = p.candidate_mention_id
    ),
    first_of_pair as (select distinct on (lo, hi) * from planned where pa <> pb order by lo, hi, "order"),
    queued as (
      select f.* from first_of_pair f
      where not exists (
        select 1 from person_mention va
        join link_review v on v.mention_id = va.mention_id
        join person_mention vb on vb.mention_id = v.candidate_mention_id
        where va.person_id in (f.lo, f.hi) and vb.person_id in (f.lo, f.hi) and va.person_id <> vb.person_id
          and not exists (select 1 from link_decision d where d.review_id = v.id))
      union all
      select p.* from planned p
      where p.linked and p.pa = p.pb and not exists (
        select 1 from link_review v where v.mention_id = p.mention_id and v.candidate_mention_id = p.candidate_mention_id
          and not exists (select 1 from link_decision d where d.review_id = v.id))
    )
    insert into link_review (mention_id, candidate_mention_id, weight, evidence, created_by, created_at)
    select q.mention_id, q.candidate_mention_id, q.weight, q.evidence, ${createdBy}, ${at}
    from queued q
    order by q."order"`.execute(tx);
}

// Re-linking after a practitioner takes people apart (a split, an unmerge, a
// rejected review). Decisions the linker took while a wrong merge stood rest
// on it: a child's later record refused because the wrongly merged father
// vetoed it, a mention kept apart as ambiguous between the person the
// practitioner has now ruled out and the right one. Once the practitioner has
// decided, the same linker plans again, with the decision as a constraint
// (link_decision "different" pairs veto, as on ingest), for the people whose
// membership the practitioner changed and the people near them.
//
// What it may do is narrow, so that no more than the mentions involved move:
// it only joins whole people (it never takes one apart: that is a
// practitioner's call), and only a join with a person the practitioner's
// decision changed (or one re-linking has since joined). A person is joined
// to another when the linker, planning all of that person's stored mentions
// afresh against everyone else, puts every one of them with that one person,
// and merges nobody else on the way. Each moved mention gets a link-history
// row citing the practitioner's decision and the linker's reason; records and
// mentions are never touched. Re-linking twice changes nothing the second time
// (the same plan finds nothing left to join).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { planLinks, type IncomingMention, type LinkReason } from './link-plan.ts';
import { linkKeysOf } from './link-keys.ts';
import { adultRole, candidatesFor, closestCandidates, LINKER_NAME, moveMentions, type LinkerSettings } from './linker.ts';
import type { LinkRecord } from './linkage/types.ts';
import { currentModel } from './model-source.ts';
import { movePersonKeys, peopleWithKeys } from './person-keys.ts';

/** The practitioner's decision that re-linking follows. */
export interface RelinkTrigger {
  /** what was decided, as the history says it: "the split of person 12" */
  what: string;
  /** who decided, and why (the decision's own reason) */
  by: string;
  reason: string;
  at: Date;
}

export interface RelinkJoin {
  /** the person whose mentions moved, and the one they joined (the older: its id is kept, as in every merge) */
  from: number;
  into: number;
  /** the mentions that moved, as `agency/ref#key` */
  mentions: string[];
  why: string;
}

export interface RelinkOutcome {
  joins: RelinkJoin[];
  /** everyone re-linking changed: the people who took in mentions and those who gave all theirs up */
  personIds: number[];
  /** false when MAX_RELINK_JOINS stopped it before the plan had nothing left to join */
  complete: boolean;
}

/** How many joins one decision may set off. Far more than a wrong merge leaves behind; a bound all the same. */
export const MAX_RELINK_JOINS = 50;
/** A person with more mentions than this is not planned afresh as a whole; its fragments are, from their side. */
export const MAX_RELINK_MENTIONS = 2_000;
/** For each mention of a changed person, the people sharing most of its keys that are planned again too. */
export const RELINK_NEIGHBOURS = 5;

interface StoredMention extends IncomingMention {
  source: string;
}

async function mentionsOf(tx: Transaction<Database>, personId: number): Promise<StoredMention[]> {
  const r = await sql<{ id: number; record_id: number; local_key: string | null; identity: LinkRecord; received_at: Date; agency_id: string; ref: string; key: string; role: string }>`
    select m.id, m.record_id, m.local_key, m.identity, r.received_at, r.agency_id, r.ref, m.key, m.role
    from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = ${personId} order by m.id`.execute(tx);
  return r.rows.map((row) => {
    const mentionId = Number(row.id);
    const identity = { ...row.identity, id: String(mentionId) };
    return {
      mentionId, recordId: Number(row.record_id), localKey: row.local_key, identity,
      keys: linkKeysOf({ identity, localKey: row.local_key }), receivedAt: new Date(row.received_at), adultRole: adultRole(row.role),
      source: `${row.agency_id}/${row.ref}#${row.key}`,
    };
  });
}

/**
 * The people near this one: those holding most of its mentions' keys, and those on the other side of a
 * review about one of its mentions (a later record the wrong member vetoed was queued against it).
 */
async function neighboursOf(tx: Transaction<Database>, personId: number, mentions: StoredMention[]): Promise<number[]> {
  const keyHits = await peopleWithKeys(tx, [...new Set(mentions.flatMap((m) => m.keys))]);
  for (const [key, ids] of keyHits) keyHits.set(key, ids.filter((id) => id !== personId));
  const reviewed = await sql<{ person_id: number }>`
    select distinct o.person_id from link_review v
    join person_mention a on a.mention_id in (v.mention_id, v.candidate_mention_id)
    join person_mention o on o.mention_id in (v.mention_id, v.candidate_mention_id) and o.mention_id <> a.mention_id
    where a.person_id = ${personId} and o.person_id <> ${personId}`.execute(tx);
  return [...new Set([...closestCandidates(mentions, keyHits, RELINK_NEIGHBOURS), ...reviewed.rows.map((r) => Number(r.person_id))])];
}

interface Replanned {
  into: number;
  reasons: Map<number, LinkReason>;
  mentions: StoredMention[];
}

/** Where the linker puts all of this person's mentions, planned afresh against everyone else: one other person, or null. */
async function replan(tx: Transaction<Database>, personId: number, settings: LinkerSettings & { model: NonNullable<LinkerSettings['model']> }): Promise<Replanned | null> {
  const mentions = await mentionsOf(tx, personId);
  if (!mentions.length || mentions.length > MAX_RELINK_MENTIONS) return null;
  const named = await sql<{ record_id: number; person_id: number }>`
    select distinct m2.record_id, pm2.person_id from mention m2 join person_mention pm2 on pm2.mention_id = m2.id
    where m2.record_id = any(${mentions.map((m) => m.recordId)}::bigint[]) and pm2.person_id <> ${personId}`.execute(tx);
  const namedWith = new Map<number, number[]>();
  for (const r of named.rows) namedWith.set(Number(r.record_id), [...(namedWith.get(Number(r.record_id)) ?? []), Number(r.person_id)]);
  const candidates = await candidatesFor(tx, mentions, { exclude: new Set([personId]), namedWith: [...new Set(named.rows.map((r) => Number(r.person_id)))] });
  const plan = planLinks({ incoming: mentions, ...candidates, model: settings.model, namedWith,
    ...(settings.safeguards === undefined ? {} : { safeguards: settings.safeguards }) });
  // Joining others through this person is not this re-link's to decide: it joins this person, or nothing.
  if (plan.merges.length) return null;
  const targets = new Set<number>();
  for (const m of mentions) {
    const a = plan.assign.get(m.mentionId)!;
    if (!('personId' in a)) return null;
    targets.add(a.personId);
  }
  return targets.size === 1 ? { into: [...targets][0]!, reasons: plan.reasons, mentions } : null;
}

/**
 * Why two people may still not be joined, whatever the plan said: the checks of a join by hand, over every
 * mention (the plan compares at most MAX_MEMBERS identities of a person).
 */
async function joinRefusal(tx: Transaction<Database>, a: number, b: number): Promise<string | null> {
  const r = await sql<{ shared_record: boolean; decided_apart: boolean; nhs_a: string[] | null; nhs_b: string[] | null }>`
    with ma as (select m.id, m.record_id, m.nhs_number from person_mention pm join mention m on m.id = pm.mention_id where pm.person_id = ${a}),
         mb as (select m.id, m.record_id, m.nhs_number from person_mention pm join mention m on m.id = pm.mention_id where pm.person_id = ${b})
    select exists (select 1 from ma join mb on ma.record_id = mb.record_id) as shared_record,
      exists (select 1 from link_decision d where d.decision = 'different'
        and ((d.mention_a in (select id from ma) and d.mention_b in (select id from mb))
          or (d.mention_a in (select id from mb) and d.mention_b in (select id from ma)))) as decided_apart,
      (select array_agg(distinct nhs_number) from ma where nhs_number is not null) as nhs_a,
      (select array_agg(distinct nhs_number) from mb where nhs_number is not null) as nhs_b`.execute(tx);
  const row = r.rows[0]!;
  if (row.shared_record) return 'named separately in the same record';
  if (row.decided_apart) return 'a practitioner decided they are different people';
  if (row.nhs_a?.length && row.nhs_b?.length && !row.nhs_a.some((n) => row.nhs_b!.includes(n))) return 'different NHS numbers';
  return null;
}

/**
 * Plan again for the people a practitioner's decision changed (`changed`) and their neighbours, joining
 * whole people where the linker now would, until nothing is left to join. Each join is written to the link
 * history with the decision that set it off; the caller refreshes alerts and audits the outcome.
 */
export async function relinkPeople(tx: Transaction<Database>, changed: number[], trigger: RelinkTrigger, settings: LinkerSettings = {}): Promise<RelinkOutcome> {
  const { model, name: modelName } = settings.model ? { model: settings.model, name: 'given' } : await currentModel(tx);
  const plans = { ...settings, model };
  const active = new Set(changed);
  const joins: RelinkJoin[] = [];
  const touched = new Set<number>();
  const refused = new Set<string>();
  const findJoin = async (): Promise<{ from: number; planned: Replanned } | null> => {
    for (const seed of [...active].sort((x, y) => x - y)) {
      const own = await mentionsOf(tx, seed);
      if (!own.length) continue;
      for (const person of [seed, ...(await neighboursOf(tx, seed, own)).sort((x, y) => x - y)]) {
        const planned = await replan(tx, person, plans);
        if (!planned || !(active.has(person) || active.has(planned.into))) continue;
        if (refused.has(`${person}|${planned.into}`)) continue;
        return { from: person, planned };
      }
    }
    return null;
  };
  while (joins.length < MAX_RELINK_JOINS) {
    const found = await findJoin();
    if (!found) return { joins, personIds: [...touched], complete: true };
    const { from: planned, planned: p } = found;
    const refusal = await joinRefusal(tx, planned, p.into);
    if (refusal) {
      refused.add(`${planned}|${p.into}`);
      continue;
    }
    const [into, from] = planned < p.into ? [planned, p.into] : [p.into, planned];
    const join = await writeJoin(tx, { planned, other: p.into, into, from, reasons: p.reasons, plannedMentions: p.mentions }, trigger, modelName);
    joins.push(join);
    touched.add(into).add(from);
    active.delete(from);
    active.add(into);
  }
  return { joins, personIds: [...touched], complete: false };
}

/** The strongest reason the plan gave for a planned mention joining: what the history cites for the join. */
function leadingReason(reasons: Map<number, LinkReason>, mentions: StoredMention[]): { mention: StoredMention; reason: LinkReason } {
  const rank = (r: LinkReason) => (r.rule === 'nhs-number' ? 3 : r.rule === 'local-id' ? 2 : 1) * 1e6 + (r.weight ?? 0);
  let best = { mention: mentions[0]!, reason: reasons.get(mentions[0]!.mentionId)! };
  for (const m of mentions) {
    const r = reasons.get(m.mentionId)!;
    if (rank(r) > rank(best.reason)) best = { mention: m, reason: r };
  }
  return best;
}

async function writeJoin(
  tx: Transaction<Database>,
  j: { planned: number; other: number; into: number; from: number; reasons: Map<number, LinkReason>; plannedMentions: StoredMention[] },
  trigger: RelinkTrigger,
  modelName: string,
): Promise<RelinkJoin> {
  const lead = leadingReason(j.reasons, j.plannedMentions);
  const after = `re-linked after ${trigger.what} by ${trigger.by} (${trigger.reason})`;
  const why = `${after}: planned again, every mention of person ${j.planned} links to person ${j.other}; ${lead.mention.source}: ${lead.reason.why}`;
  const moving = j.from === j.planned ? j.plannedMentions : await mentionsOf(tx, j.from);
  await moveMentions(tx, moving.map((m) => {
    const own = j.from === j.planned ? j.reasons.get(m.mentionId) : undefined;
    return {
      mentionId: m.mentionId, personId: j.into, rule: 'relink', weight: own?.weight ?? null,
      evidence: { rule: 'relink', from: j.from, into: j.into, after: { what: trigger.what, by: trigger.by, reason: trigger.reason }, model: modelName,
        why: own ? `${after}: ${own.why}` : why, ...(own?.against ? { against: own.against } : {}) },
    };
  }), `engine:${LINKER_NAME}`, trigger.at);
  await movePersonKeys(tx, [{ from: j.from, into: j.into }]);
  return { from: j.from, into: j.into, mentions: moving.map((m) => m.source), why };
}

// What practitioners decide about identity, and its effects. Each decision
// is a row in link_decision (never changed); each move of a mention is a row in
// mention_link (never changed); so who was joined to whom, when, why and by
// whom can always be read back, and a wrong merge can be undone without any
// record being lost: records and mentions are never touched, only membership.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { canSee, knownTo, type Viewer } from '../shared/relationship.ts';
import { createPersons, differentPairs, moveMentions, movePeople, takeLinkLock } from './linker.ts';
import { refreshPersonKeys } from './person-keys.ts';
import type { WeightTerm } from './linkage/model.ts';

const conflict = (message: string) => new AppError(409, 'conflict', message);

export interface MentionView {
  mentionId: number;
  /** `agency/ref#key`: how reports cite a mention */
  source: string;
  personId: number | null;
  name: string;
  dob: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  role: string;
}

export interface ReviewView {
  id: number;
  createdAt: string;
  weight: number | null;
  why: string;
  terms: WeightTerm[];
  mention: MentionView;
  candidate: MentionView;
}

interface MentionRow {
  id: number;
  agency_id: string;
  ref: string;
  key: string;
  role: string;
  given: string | null;
  family: string | null;
  dob: string | null;
  postcode: string | null;
  nhs_number: string | null;
  person_id: number | null;
}

async function mentionViews(tx: Transaction<Database>, ids: number[]): Promise<Map<number, MentionView>> {
  if (!ids.length) return new Map();
  const r = await sql<MentionRow>`
    select m.id, r.agency_id, r.ref, m.key, m.role, m.given, m.family, m.dob, m.postcode, m.nhs_number, pm.person_id
    from mention m join record r on r.id = m.record_id left join person_mention pm on pm.mention_id = m.id
    where m.id = any(${ids}::bigint[])`.execute(tx);
  return new Map(r.rows.map((m) => [m.id, {
    mentionId: m.id,
    source: `${m.agency_id}/${m.ref}#${m.key}`,
    personId: m.person_id,
    name: [m.given, m.family].filter(Boolean).join(' ') || '(no name)',
    dob: m.dob,
    postcode: m.postcode,
    nhsNumber: m.nhs_number,
    role: m.role,
  }]));
}

/**
 * Reviews still to decide: no decision yet, both mentions still current and
 * still in two different people (a later link may have settled it already).
 */
export async function openReviews(
  tx: Transaction<Database>,
  page: { limit: number; offset: number },
  visibleTo: Viewer,
): Promise<{ total: number; reviews: ReviewView[] }> {
  // An agency's system sees a pair only when it knows both people (access/relationship.ts). A review of two
  // people since joined is settled, except a link made in doubt, which is the review's subject.
  const open = sql`
    from link_review v
    join person_mention a on a.mention_id = v.mention_id
    join person_mention b on b.mention_id = v.candidate_mention_id
    where (a.person_id <> b.person_id or v.evidence->>'linked' = 'true')
      and not exists (select 1 from link_decision d where d.review_id = v.id)
      and ${knownTo(visibleTo, 'a.person_id')} and ${knownTo(visibleTo, 'b.person_id')}`;
  const total = (await sql<{ n: number }>`select count(*)::int as n ${open}`.execute(tx)).rows[0]!.n;
  const rows = (await sql<{ id: number; mention_id: number; candidate_mention_id: number; weight: number | null; evidence: { why: string; terms?: WeightTerm[] }; created_at: Date }>`
    select v.id, v.mention_id, v.candidate_mention_id, v.weight, v.evidence, v.created_at ${open}
    order by v.weight desc nulls first, v.id limit ${page.limit} offset ${page.offset}`.execute(tx)).rows;
  const views = await mentionViews(tx, rows.flatMap((r) => [r.mention_id, r.candidate_mention_id]));
  return {
    total,
    reviews: rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at).toISOString(),
      weight: r.weight,
      why: r.evidence.why,
      terms: r.evidence.terms ?? [],
      mention: views.get(r.mention_id)!,
      candidate: views.get(r.candidate_mention_id)!,
    })),
  };
}

export interface Decider {
  /** who decided, as the audit trail and the link history name them */
  by: string;
  reason: string;
  at: Date;
}

/** Join two people by hand: refused when they hold different NHS numbers or were decided to be different. */
async function joinPeople(tx: Transaction<Database>, a: number, b: number, rule: string, why: string, d: Decider): Promise<number> {
  const [into, from] = a < b ? [a, b] : [b, a];
  const nhs = await sql<{ person_id: number; nhs_number: string }>`
    select distinct pm.person_id, m.nhs_number from person_mention pm join mention m on m.id = pm.mention_id
    where pm.person_id in (${into}, ${from}) and m.nhs_number is not null`.execute(tx);
  const numbers = (p: number) => new Set(nhs.rows.filter((r) => r.person_id === p).map((r) => r.nhs_number));
  const [na, nb] = [numbers(into), numbers(from)];
  if (na.size && nb.size && ![...na].some((n) => nb.has(n))) {
    throw conflict(`person ${into} and person ${from} hold different NHS numbers (${[...na].join(', ')}; ${[...nb].join(', ')}): correct the NHS number at its source agency rather than merging`);
  }
  const members = await tx.selectFrom('person_mention').select(['mention_id', 'person_id']).where('person_id', 'in', [into, from]).execute();
  const side = new Map(members.map((m) => [m.mention_id, m.person_id]));
  for (const pair of await differentPairs(tx, [...side.keys()])) {
    const [x, y] = pair.split('|').map(Number) as [number, number];
    if (side.has(x) && side.has(y) && side.get(x) !== side.get(y)) {
      throw conflict(`mentions ${x} and ${y} were decided to be different people: they cannot be merged`);
    }
  }
  await movePeople(tx, [{ from, into, rule, why: `${why}: ${d.reason}`, decidedBy: d.by }], `person:${d.by}`, d.at);
  return into;
}

export async function decideReview(
  tx: Transaction<Database>,
  reviewId: number,
  decision: 'same' | 'different',
  d: Decider,
  visibleTo: Viewer,
): Promise<{ review: number; decision: 'same' | 'different'; personIds: number[]; mergedInto: number | null }> {
  await takeLinkLock(tx);
  const review = await tx.selectFrom('link_review').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw notFound(`no review ${reviewId}`);
  {
    const people = await tx.selectFrom('person_mention').select('person_id').where('mention_id', 'in', [review.mention_id, review.candidate_mention_id]).execute();
    for (const p of people) if (!(await canSee(tx, visibleTo, p.person_id))) throw notFound(`no review ${reviewId}`);
  }
  const decided = await tx.selectFrom('link_decision').select(['decision', 'decided_by']).where('review_id', '=', reviewId).executeTakeFirst();
  if (decided) throw conflict(`review ${reviewId} was already decided (${decided.decision}, by ${decided.decided_by})`);
  const views = await mentionViews(tx, [review.mention_id, review.candidate_mention_id]);
  const a = views.get(review.mention_id)!;
  const b = views.get(review.candidate_mention_id)!;
  if (a.personId === null || b.personId === null) throw conflict(`review ${reviewId} is about a record version that has since been replaced`);
  let mergedInto: number | null = null;
  if (decision === 'same' && a.personId !== b.personId) {
    mergedInto = await joinPeople(tx, a.personId, b.personId, 'confirmed', `review ${reviewId} confirmed: ${a.source} and ${b.source} are one person`, d);
  }
  let personIds = [...new Set([a.personId, b.personId])];
  if (decision === 'different' && a.personId === b.personId) {
    // A link made in doubt and put before a practitioner (link-plan.ts, `linked`): rejecting it takes the
    // reviewed mention out into a person of its own. Any other review of one person is out of date.
    if ((review.evidence as { linked?: boolean } | null)?.linked !== true) {
      throw conflict(`${a.source} and ${b.source} are already one person (${a.personId}): split the person instead`);
    }
    const out = await separate(tx, a.personId, [a.mentionId], null, 'review-rejected', `taken out of person ${a.personId}: review ${reviewId} rejected the link`, d);
    personIds = [a.personId, out.newPersonId];
  }
  await recordDecision(tx, reviewId, a.mentionId, b.mentionId, decision, d);
  return { review: reviewId, decision, personIds, mergedInto };
}

async function recordDecision(tx: Transaction<Database>, reviewId: number | null, x: number, y: number, decision: 'same' | 'different', d: Decider): Promise<void> {
  const [a, b] = x < y ? [x, y] : [y, x];
  await tx.insertInto('link_decision').values({
    review_id: reviewId, mention_a: a, mention_b: b, decision, reason: d.reason, decided_by: d.by, decided_at: d.at,
  }).execute();
}

/** Mention ids from `agency/ref#key` citations (the current version of each record), or numbers. */
export async function resolveMentions(tx: Transaction<Database>, refs: (string | number)[]): Promise<number[]> {
  const out: number[] = [];
  for (const ref of refs) {
    if (typeof ref === 'number' || /^\d+$/.test(ref)) {
      out.push(Number(ref));
      continue;
    }
    const m = /^([^/]+)\/(.+)#([^#]+)$/.exec(ref);
    if (!m) throw invalid('/mentions', `'${ref}' is not a mention: write agency/ref#key`);
    const row = await sql<{ id: number }>`
      select m.id from mention m join record r on r.id = m.record_id join person_mention pm on pm.mention_id = m.id
      where r.agency_id = ${m[1]} and r.ref = ${m[2]} and m.key = ${m[3]}`.execute(tx);
    if (!row.rows[0]) throw invalid('/mentions', `no current mention '${ref}'`);
    out.push(row.rows[0].id);
  }
  return out;
}

/**
 * Take some of a person's mentions out into another person (a new one, or
 * `into`, the person they were merged from), and record that the two are
 * different people so that linking never joins them again.
 */
async function separate(tx: Transaction<Database>, personId: number, mentionIds: number[], into: number | null, rule: string, why: string, d: Decider) {
  const current = await tx.selectFrom('person_mention').select('mention_id').where('person_id', '=', personId).orderBy('mention_id').execute();
  const all = new Set(current.map((m) => m.mention_id));
  if (!all.size) throw notFound(`no person ${personId}`);
  const moving = [...new Set(mentionIds)].sort((a, b) => a - b);
  const stranger = moving.find((m) => !all.has(m));
  if (stranger !== undefined) throw invalid('/mentions', `mention ${stranger} is not one of person ${personId}'s`);
  if (!moving.length) throw invalid('/mentions', 'name at least one mention to take out');
  if (moving.length === all.size) throw invalid('/mentions', `that is every mention of person ${personId}: nothing would be left`);
  const target = into ?? (await createPersons(tx, 1, d.at))[0]!;
  await moveMentions(tx, moving.map((mentionId) => ({
    mentionId, personId: target, rule, weight: null, evidence: { rule, from: personId, why: `${why}: ${d.reason}`, decidedBy: d.by },
  })), `person:${d.by}`, d.at);
  const staying = [...all].filter((m) => !moving.includes(m));
  await recordDecision(tx, null, moving[0]!, staying[0]!, 'different', d);
  await refreshPersonKeys(tx, [personId, target]);
  return { personId, newPersonId: target, moved: moving.length };
}

export async function splitPerson(tx: Transaction<Database>, personId: number, mentions: (string | number)[], d: Decider) {
  await takeLinkLock(tx);
  const ids = await resolveMentions(tx, mentions);
  return separate(tx, personId, ids, null, 'split', `split from person ${personId}`, d);
}

/**
 * Undo a merge: every current mention of `personId` that was ever linked to
 * `formerPersonId` goes back to it.
 */
export async function unmergePerson(tx: Transaction<Database>, personId: number, formerPersonId: number, d: Decider) {
  await takeLinkLock(tx);
  const r = await sql<{ mention_id: number }>`
    select distinct pm.mention_id from person_mention pm
    where pm.person_id = ${personId}
      and exists (select 1 from mention_link ml where ml.mention_id = pm.mention_id and ml.person_id = ${formerPersonId})`.execute(tx);
  if (!r.rows.length) throw invalid('/from', `no current mention of person ${personId} was ever part of person ${formerPersonId}`);
  return separate(tx, personId, r.rows.map((x) => x.mention_id), formerPersonId, 'unmerge', `unmerged from person ${personId} back into person ${formerPersonId}`, d);
}

export interface LinkHistoryEntry {
  at: string;
  mention: string;
  personId: number;
  rule: string;
  weight: number | null;
  why: string;
  decidedBy: string;
}

/** Every linking event, in order, of every mention that is or ever was part of this person. */
export async function linkHistory(tx: Transaction<Database>, personId: number): Promise<LinkHistoryEntry[] | null> {
  const r = await sql<{ decided_at: Date; agency_id: string; ref: string; key: string; person_id: number; rule: string; weight: number | null; why: string | null; decided_by: string }>`
    select ml.decided_at, r.agency_id, r.ref, m.key, ml.person_id, ml.rule, ml.weight, ml.evidence->>'why' as why, ml.decided_by
    from mention_link ml join mention m on m.id = ml.mention_id join record r on r.id = m.record_id
    where ml.mention_id in (select mention_id from mention_link where person_id = ${personId})
    order by ml.id`.execute(tx);
  if (!r.rows.length) return null;
  return r.rows.map((x) => ({
    at: new Date(x.decided_at).toISOString(),
    mention: `${x.agency_id}/${x.ref}#${x.key}`,
    personId: x.person_id,
    rule: x.rule,
    weight: x.weight,
    why: x.why ?? '',
    decidedBy: x.decided_by,
  }));
}

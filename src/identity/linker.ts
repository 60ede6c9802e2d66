// Linking stored mentions to people. The `Linker` interface is what ingest
// calls; the deterministic linker here is the first engine behind it (the
// probabilistic one replaces it without ingest changing).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertRows } from '../db/bulk.ts';
import { planLinks, type ExistingKeys, type LinkReason, type NewMentionKeys } from './deterministic-plan.ts';
import { addPersonKeys, keysOf, movePersonKeys, nhsNumbersOf, parsePersonKey, peopleWithKeys } from './person-keys.ts';

export interface MentionToLink extends NewMentionKeys {
  recordId: number;
}

export interface LinkOutcome {
  /** mention id -> person id it now belongs to */
  personOf: Map<number, number>;
  /** every person whose membership changed (new, joined or merged) */
  touchedPersons: number[];
}

export interface Linker {
  readonly name: string;
  link(tx: Transaction<Database>, mentions: MentionToLink[], at: Date): Promise<LinkOutcome>;
}

/**
 * Held from the start of linking to the end of the transaction, so that two
 * batches never both create the same new person: the second waits, then
 * reads the first one's committed people. (Storing records and mentions
 * before this point runs in parallel.)
 */
const LINK_LOCK = 7_310_002;

export const deterministicLinker: Linker = {
  name: 'deterministic-v1',

  async link(tx, mentions, at) {
    if (mentions.length === 0) return { personOf: new Map(), touchedPersons: [] };
    await sql`select pg_advisory_xact_lock(${LINK_LOCK})`.execute(tx);
    const decidedBy = `engine:${this.name}`;
    const { existing, personNhs } = await findExisting(tx, mentions);
    const plan = planLinks(mentions, existing, personNhs);

    const newIds = plan.newGroups ? await createPersons(tx, plan.newGroups, at) : [];
    const personOf = new Map<number, number>();
    for (const m of mentions) {
      const a = plan.assign.get(m.mentionId)!;
      personOf.set(m.mentionId, 'personId' in a ? a.personId : newIds[a.newGroup]!);
    }

    const links = await insertRows(tx, 'mention_link',
      mentions.map((m) => ({
        mention_id: m.mentionId,
        person_id: personOf.get(m.mentionId)!,
        rule: plan.reasons.get(m.mentionId)!.rule,
        weight: null,
        evidence: explain(plan.reasons.get(m.mentionId)!),
        decided_by: decidedBy,
        decided_at: at,
      })),
      MENTION_LINK_TYPES, ['id', 'mention_id']);
    await insertRows(tx, 'person_mention',
      links.map((l) => ({ mention_id: l.mention_id, person_id: personOf.get(l.mention_id)!, link_id: l.id })),
      { mention_id: 'bigint', person_id: 'bigint', link_id: 'bigint' });

    await mergePersons(tx, plan.merges, decidedBy, at);
    await movePersonKeys(tx, plan.merges);
    const into = new Map(plan.merges.map((mg) => [mg.from, mg.into]));
    for (const [mentionId, personId] of personOf) personOf.set(mentionId, into.get(personId) ?? personId);
    await addPersonKeys(tx, mentions.flatMap((m) => keysOf(m).map((key) => ({ key, person_id: personOf.get(m.mentionId)! }))));
    const touched = new Set<number>([...personOf.values(), ...plan.merges.map((m) => m.into)]);
    return { personOf, touchedPersons: [...touched] };
  },
};

const MENTION_LINK_TYPES = {
  mention_id: 'bigint', person_id: 'bigint', rule: 'text', weight: 'float8',
  evidence: 'jsonb', decided_by: 'text', decided_at: 'timestamptz',
} as const;

function explain(reason: LinkReason): Record<string, unknown> {
  const why =
    reason.rule === 'nhs-number' ? `same NHS number (${reason.shared.nhsNumber}) as the person's other mentions`
    : reason.rule === 'local-id' ? `same ${reason.shared.localId?.split('|')[0]} person id (${reason.shared.localId?.split('|')[1]}) as the person's other mentions`
    : reason.rule === 'name-dob' ? `same given name, family name and full date of birth (${reason.shared.nameDob})`
    : 'no known person shares an NHS number, an agency person id, or a name with a full date of birth';
  return { ...reason, why };
}

/** Everyone already known who holds a key of the new mentions, and every NHS number each of them holds. */
async function findExisting(
  tx: Transaction<Database>,
  mentions: MentionToLink[],
): Promise<{ existing: ExistingKeys[]; personNhs: Map<number, Set<string>> }> {
  const hits = await peopleWithKeys(tx, [...new Set(mentions.flatMap(keysOf))]);
  const existing = hits.map(({ key, personId }) => ({ personId, ...parsePersonKey(key) }));
  const personNhs = await nhsNumbersOf(tx, [...new Set(existing.map((e) => e.personId))]);
  return { existing, personNhs };
}

async function createPersons(tx: Transaction<Database>, count: number, at: Date): Promise<number[]> {
  const r = await sql<{ id: number }>`
    insert into person (created_at) select ${at}::timestamptz from generate_series(1, ${count}::int)
    returning id`.execute(tx);
  return r.rows.map((x) => x.id).sort((a, b) => a - b);
}

/** Move every current mention of each absorbed person to its survivor, recording each move in the link history. */
async function mergePersons(
  tx: Transaction<Database>,
  merges: { from: number; into: number; because: string[] }[],
  decidedBy: string,
  at: Date,
): Promise<void> {
  if (!merges.length) return;
  const byFrom = new Map(merges.map((m) => [m.from, m]));
  const moved = await tx.selectFrom('person_mention').select(['mention_id', 'person_id'])
    .where('person_id', 'in', [...byFrom.keys()]).execute();
  if (!moved.length) return;
  const links = await insertRows(tx, 'mention_link',
    moved.map((m) => {
      const merge = byFrom.get(m.person_id)!;
      return {
        mention_id: m.mention_id, person_id: merge.into, rule: 'merge', weight: null, decided_by: decidedBy, decided_at: at,
        evidence: { rule: 'merge', mergedFrom: merge.from, into: merge.into, because: merge.because,
          why: `person ${merge.from} and person ${merge.into} share ${merge.because.join(', ') || 'an identifier'}` },
      };
    }),
    MENTION_LINK_TYPES, ['id', 'mention_id', 'person_id']);
  await sql`
    update person_mention pm set person_id = u.person_id, link_id = u.id
    from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as u(mention_id bigint, person_id bigint, id bigint)
    where pm.mention_id = u.mention_id`.execute(tx);
}

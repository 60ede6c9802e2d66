// Building link-plan inputs for tests: synthetic mentions with their blocking
// keys, existing people, and the plan under the shipped model.
import { planLinks, type IncomingMention, type Member } from './link-plan.ts';
import { linkKeysOf } from './link-keys.ts';
import { shippedModel } from './linkage/model-store.ts';
import type { LinkRecord } from './linkage/types.ts';

let nextId = 100_000;

export function mention(fields: Partial<LinkRecord> & { localKey?: string; recordId?: number; adultRole?: boolean }): IncomingMention {
  const id = nextId++;
  const { localKey = null, recordId = 1_000_000 + id, adultRole, ...rest } = fields;
  const identity: LinkRecord = { id: String(id), given: null, family: null, dob: null, postcode: null, ...rest };
  return { mentionId: id, recordId, localKey, identity, keys: linkKeysOf({ identity, localKey }), ...(adultRole ? { adultRole } : {}) };
}

/** Existing people (person id -> members) and new mentions: the plan. */
export function plan(
  existing: Record<number, IncomingMention[]>,
  incoming: IncomingMention[],
  different = new Set<string>(),
  household: { companions?: Record<number, number[]>; asOf?: string } = {},
) {
  const people = new Map<number, Member[]>();
  const keyHits = new Map<string, number[]>();
  for (const [id, members] of Object.entries(existing)) {
    people.set(Number(id), members.map((m) => ({ mentionIds: [m.mentionId], recordIds: [m.recordId], localKey: m.localKey, identity: m.identity, ...(m.adultRole ? { adultRole: true } : {}) })));
    for (const m of members) for (const k of m.keys) keyHits.set(k, [...new Set([...(keyHits.get(k) ?? []), Number(id)])]);
  }
  const companions = new Map(Object.entries(household.companions ?? {}).map(([id, others]) => [Number(id), new Set(others)]));
  return planLinks({ incoming, people, keyHits, different, model: shippedModel(), companions,
    ...(household.asOf ? { asOf: new Date(`${household.asOf}T12:00:00Z`) } : {}) });
}

/** The person a mention was put with, or 'new'. */
export function placed(p: ReturnType<typeof plan>, m: IncomingMention): number | 'new' {
  const a = p.assign.get(m.mentionId)!;
  return 'personId' in a ? a.personId : 'new';
}

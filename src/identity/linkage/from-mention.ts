// An agency's person-mention as a record to link: the one translation used by
// the benchmarks on synthetic data and, next, by ingest.
import type { PersonMention } from '../../records/types.ts';
import { mentionId } from '../../records/types.ts';
import type { LinkRecord } from './types.ts';
import { isUnbornMention } from './newborn.ts';

export function linkRecordFromMention(agency: string, ref: string, m: PersonMention): LinkRecord {
  const otherNames = (m.aliases ?? []).flatMap((a) => [a.family, a.given]).filter((x): x is string => !!x);
  return {
    id: mentionId(agency, ref, m.key),
    source: agency,
    given: m.name.given ?? null,
    family: m.name.family ?? null,
    ...(otherNames.length ? { otherNames } : {}),
    dob: m.dob ?? null,
    sex: m.sex && m.sex !== 'unknown' ? m.sex : null,
    nhsNumber: m.nhsNumber ?? null,
    postcode: m.address?.postcode ?? null,
    address: m.address?.lines?.join(', ') ?? null,
    phone: m.phone ?? null,
    ...(isUnbornMention(m.name.given, m.relationship) ? { unborn: true } : {}),
  };
}

/** What a stored mention keeps for linking: the same fields without the id (the mention row's own id serves). */
export function identityOf(agency: string, ref: string, m: PersonMention): Omit<LinkRecord, 'id'> {
  const { id: _id, ...identity } = linkRecordFromMention(agency, ref, m);
  return identity;
}

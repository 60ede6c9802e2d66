// Frozen with migration 0002: the identity a mention stored before that migration is given,
// copied from the linker's translation of a mention (identity/linkage/from-mention.ts and the
// unborn test of identity/linkage/newborn.ts) as they stood when the migration was written.
// A migration must give the same result whenever it runs, so it never imports live code:
// if linking later reads a mention differently, this file does not change with it.

/** The parts of a stored record's person the backfill reads (the record document is JSON). */
export interface StoredPerson {
  key: string;
  name: { given?: string | null; family?: string | null };
  aliases?: { given?: string | null; family?: string | null }[] | null;
  dob?: string | null;
  sex?: string | null;
  nhsNumber?: string | null;
  address?: { lines?: string[] | null; postcode?: string | null } | null;
  phone?: string | null;
  relationship?: string | null;
}

export interface StoredDocument {
  people: StoredPerson[];
}

/** The identity fields a mention keeps for linking, as of migration 0002. */
export interface MentionIdentity {
  source: string;
  given: string | null;
  family: string | null;
  otherNames?: string[];
  dob: string | null;
  sex: string | null;
  nhsNumber: string | null;
  postcode: string | null;
  address: string | null;
  phone: string | null;
  unborn?: true;
}

function isUnbornMention(given: string | null | undefined, relationship: string | null | undefined): boolean {
  if (relationship && /\b(unborn|pre-?birth|expected (baby|child))\b/i.test(relationship)) return true;
  return !!given && /\bunborn\b/i.test(given);
}

export function identityOf(agency: string, m: StoredPerson): MentionIdentity {
  const otherNames = (m.aliases ?? []).flatMap((a) => [a.family, a.given]).filter((x): x is string => !!x);
  return {
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
    ...(isUnbornMention(m.name.given, m.relationship) ? { unborn: true as const } : {}),
  };
}

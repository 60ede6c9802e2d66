// When an identifier agrees and the names or the date of birth disagree:
// - The names disagree: the identifier wins. The NHS number (the consistent
//   child identifier the Children's Wellbeing and Schools Act names) and an
//   agency's own id for the person are given once and copied, while a child's
//   names are the most changeable thing about them: a newborn is "Baby
//   <mother's surname>" until registered, an unborn child is "Unborn
//   <surname>", and a child is recorded under the mother's, the father's, a
//   step-parent's, a double-barrelled or an adoptive surname. So a shared
//   identifier links whatever the names, and the name safeguards
//   (`cannotLink`) and the veto weight are not applied to such a pair.
// - The date of birth alone disagrees (the same given and family names, the
//   same sex where both say): the identifier wins too, and the link goes to
//   the review queue after the fact, explained, for a practitioner to confirm
//   or split. Twins and a parent and child of one name each have their own
//   identifier, so one shared identifier was given once; a date of birth
//   typed wrong or into the wrong field is the likelier slip.
// - Anything more disagrees (a different sex, the names as well as the date,
//   a birth outside an unborn child's expected window): identifiers are
//   mistyped and copied into a sibling's or a mother's record, so the pair
//   is not linked but sent to a practitioner with that reason.
// Batch linking applies the same rule (`sharedIdentifierVerdict` in
// linkage/link.ts). And once three or more records share an identifier, a
// value the others agree on against one record (its date of birth, a name)
// is that record's slip: the safeguards judge it without that value
// (linkage/outvoted.ts), so one mistyped date in a child's cluster does not
// refuse every later record of the child that lacks the identifier.
//
// The linking decision for new mentions, as a pure function (the database side
// is in linker.ts). Each new mention, in turn, is compared with every member
// of each candidate person (people sharing a blocking key with it, including
// people created earlier in the same batch):
//
// 1. Some pairs can never be one person, whatever the score: two people named
//    separately in one record; different NHS numbers; a pair a practitioner
//    has decided are different people; the safeguards of `cannotLink` (likely
//    twins, a different generation, wholly different names); and any pair
//    scoring below the veto weight. One such member rules the person out.
//    For a pair sharing an identifier the rule above (`sharedIdentifierVerdict`)
//    applies in place of the safeguards and the veto.
// 2. The same NHS number, or the same agency's own id for the person, links
//    outright (the agencies themselves say "same person").
// 3. Otherwise the person's score is the best match weight against any member.
//    At or above AUTO_LINK_WEIGHT the mention joins them; between REVIEW_WEIGHT
//    and that, it becomes a new person and the pair goes to a practitioner to
//    confirm or reject; below, it is simply someone new.
// 4. A mention that links strongly to two people joins them only if the two
//    could be one person by rule 1 (every member against every member) and
//    either both links are certain (an identifier, or CERTAIN_LINK_WEIGHT) or
//    the two match each other at the automatic weight: so one middling link
//    never chains two people together.
//    When they cannot be joined, the pair goes to review; and a mention that
//    matches two such people by weight alone joins neither (which one would
//    be a guess): it becomes a new person, reviewed against each.
// 5. The household (linkage/household-evidence.ts): a record's mentions are
//    placed identifier-first, then those that link to one person, so that a
//    record's other people are known when a mention needs them. When this
//    record and a person's records name the same family member, that stands in
//    for the address terms (a family moves; a child's surname changes), for a
//    pair whose given names agree or for two records of a child not yet named;
//    the people named with the record's other people are candidates too. A
//    veto weighs who two records describe, never where they were recorded.
import { cannotLink, identifierContradiction, NO_DOB_AT_ONE_HOME, joinedOnlyByIdentifier, notYetNamed, sameGivenNameAndBirth, sharedIdentifierVerdict, VETO_WEIGHT } from './linkage/link.ts';
import { OUTVOTING_RECORDS, outvotedFields, withoutFields } from './linkage/outvoted.ts';

/**
 * A person named beside more people than this is no household member whose companions say who is who: a
 * professional, an agency's duty address, or a cluster joined wrongly. They carry no household evidence and
 * bring no candidates: otherwise every child ever named with them would be a candidate for every new mention,
 * and a wrong merge the hub of every later decision.
 */
export const MAX_HOUSEHOLD_COMPANIONS = 30;
import { MAX_BLOCK } from './linkage/blocking.ts';
import { explainWeight, matchWeight, probability, type Model, type WeightTerm } from './linkage/model.ts';
import type { LinkRecord } from './linkage/types.ts';
import { anotherNameAtOneHome, pairWeights, personalWeight, SHARED_COMPANION_WEIGHT, withSharedCompanion, type PairWeights } from './linkage/household-evidence.ts';

/**
 * Join automatically at this weight or above: a match probability of about
 * 0.94 under the shipped model's prior. Chosen from the synthetic population
 * sweep (see link-plan.test.ts): below it,
 * pairs of different people of one household begin to appear.
 */
export const AUTO_LINK_WEIGHT = 4;
/**
 * A link this strong (probability 0.999) or by a shared identifier is certain
 * enough to join two people through one mention; weaker links join them only
 * when the two also match each other at AUTO_LINK_WEIGHT.
 */
export const CERTAIN_LINK_WEIGHT = 10;
/** Between this and AUTO_LINK_WEIGHT a practitioner decides (probability about 0.06 to 0.94). */
export const REVIEW_WEIGHT = -4;

/**
 * A person's mentions that carry the same identity (the same fields, the same
 * agency id) are one member: a child seen 500 times by one GP is compared once,
 * not 500 times. Their mention and record ids are all kept for the checks.
 */
export interface Member {
  mentionIds: number[];
  recordIds: number[];
  localKey: string | null;
  identity: LinkRecord;
  /** some mention of this identity is recorded in a role only an adult holds (a parent, a carer) */
  adultRole?: boolean;
}

export interface IncomingMention {
  mentionId: number;
  recordId: number;
  localKey: string | null;
  identity: LinkRecord;
  keys: string[];
  /** when this mention was first received, if not now (`asOf`): re-linking plans mentions recorded long ago */
  receivedAt?: Date;
  /** recorded in a role only an adult holds (a parent, a carer) */
  adultRole?: boolean;
}

export interface PlanInput {
  incoming: IncomingMention[];
  /** existing candidate people and their current mentions */
  people: Map<number, Member[]>;
  /** blocking key -> existing people holding it */
  keyHits: Map<string, number[]>;
  /** mention-id pairs ("a|b", a < b) a practitioner has decided are different people */
  different: Set<string>;
  model: Model;
  safeguards?: boolean;
  /**
   * For existing candidate people: the people named in the same records as them (a child's mother, a
   * mother's children and partners). A new mention named with one of them is of the same household.
   */
  companions?: Map<number, Set<number>>;
  /** when these mentions are recorded: an unborn child recorded now is no one already born well before */
  asOf?: Date;
  /**
   * Re-linking stored mentions: for each of their records, the people its other mentions already belong to.
   * They are placed before the record's mentions are, as a record's mother placed first is at ingest, so the
   * household evidence weighs as it did.
   */
  namedWith?: Map<number, number[]>;
}

export type LinkRule = 'nhs-number' | 'local-id' | 'match-weight' | 'new-person';

export interface LinkReason {
  rule: LinkRule;
  weight: number | null;
  /** the member this mention was scored best against, with the weight term by term */
  against?: { mentionId: number; terms: WeightTerm[]; prior: number };
  why: string;
}

export interface Review {
  mentionId: number;
  candidateMentionId: number;
  weight: number | null;
  why: string;
  terms?: WeightTerm[];
  /** a link already made, put before a practitioner to confirm (rejecting it takes the mention out) */
  linked?: true;
}

export interface Merge {
  from: number;
  into: number;
  /** the new mention whose links joined them */
  via: number;
  why: string;
}

export interface LinkPlan {
  assign: Map<number, { personId: number } | { newGroup: number }>;
  reasons: Map<number, LinkReason>;
  newGroups: number;
  merges: Merge[];
  reviews: Review[];
}

interface Compared {
  serial: number;
  /** identity and agency id as one string: members with the same are one */
  sameAs: string;
  mentionIds: number[];
  mentions: Set<number>;
  records: Set<number>;
  localKey: string | null;
  identity: LinkRecord;
  /** when an incoming mention was received (its unborn-child check), when not the plan's `asOf` */
  receivedAt?: Date;
  /** recorded in a role only an adult holds */
  adultRole?: boolean;
}

interface Group {
  personId: number | null;
  members: Compared[];
  mergedInto: Group | null;
}

interface Scored {
  group: Group;
  forbidden: string | null;
  hard: 'nhs-number' | 'local-id' | null;
  weight: number;
  best: Compared | null;
  /** a member sharing the mention's NHS number or agency id whom it still cannot be, and why */
  idConflict: { member: Compared; why: string } | null;
  /** the person both this mention's record and this person's records name, when that carried the best weight */
  companion: Group | null;
}

const sharesIdentifier = (a: Compared, b: Compared) =>
  (!!a.identity.nhsNumber && a.identity.nhsNumber === b.identity.nhsNumber) || (!!a.localKey && a.localKey === b.localKey);

const whichIdentifier = (a: Compared, b: Compared) =>
  (a.identity.nhsNumber && a.identity.nhsNumber === b.identity.nhsNumber ? 'an NHS number' : "an agency's person id");

/** A member's identifiers for outvoting (linkage/outvoted.ts): its NHS number and its agency's id for the person. */
const identifiersOfMember = (c: Compared): string[] => [
  ...(c.identity.nhsNumber ? [`nhs:${c.identity.nhsNumber}`] : []),
  ...(c.localKey ? [`local:${c.localKey}`] : []),
];

const sameAsKey = (identity: LinkRecord, localKey: string | null) => {
  const { id: _id, ...fields } = identity;
  return `${localKey ?? ''}\u0000${JSON.stringify(fields)}`;
};

/**
 * A person is compared through at most this many distinct identities (the
 * first seen): someone written 200 different ways is already a person to
 * review, and comparing every spelling would make linking them slow.
 */
export const MAX_MEMBERS = 100;

/**
 * A second person a mention matches by weight counts as a rival (to be joined,
 * or making the mention ambiguous) only within this many bits of the best: 10
 * bits is a thousand times less likely.
 */
export const RIVAL_MARGIN = 10;

/** An ambiguous mention is sent for review against at most this many of the people it matches. */
const MAX_AMBIGUOUS_REVIEWS = 3;

/** Add a mention to a group's members: into the member with the same identity, or as a new one. */
function addMember(members: Compared[], m: Compared): void {
  const same = members.find((x) => x.sameAs === m.sameAs);
  if (!same) {
    if (members.length < MAX_MEMBERS) members.push(m);
    return;
  }
  for (const id of m.mentionIds) if (!same.mentions.has(id)) { same.mentionIds.push(id); same.mentions.add(id); }
  for (const r of m.records) same.records.add(r);
  if (m.adultRole) same.adultRole = true;
}

const PRACTITIONER_APART = 'a practitioner decided they are different people';
const pairKey = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const root = (g: Group): Group => (g.mergedInto ? root(g.mergedInto) : g);
const fmt = (w: number) => w.toFixed(1);

export function planLinks(input: PlanInput): LinkPlan {
  const safeguards = input.safeguards ?? true;
  let serial = 0;
  const compared = (mentionIds: number[], recordIds: number[], localKey: string | null, identity: LinkRecord): Compared =>
    ({ serial: serial++, sameAs: sameAsKey(identity, localKey), mentionIds: [...mentionIds], mentions: new Set(mentionIds), records: new Set(recordIds), localKey, identity });
  const differentFrom = new Map<number, number[]>();
  for (const pair of input.different) {
    const [a, b] = pair.split('|').map(Number) as [number, number];
    differentFrom.set(a, [...(differentFrom.get(a) ?? []), b]);
    differentFrom.set(b, [...(differentFrom.get(b) ?? []), a]);
  }
  const weights = new Map<string, PairWeights>();
  const pairOf = (a: Compared, b: Compared): PairWeights => {
    const k = pairKey(a.serial, b.serial);
    let w = weights.get(k);
    if (w === undefined) {
      w = pairWeights(input.model, a.identity, b.identity);
      weights.set(k, w);
    }
    return w;
  };
  const weightOf = (a: Compared, b: Compared): number => pairOf(a, b).total;

  /**
   * How the safeguards see each of these members: without the values the other members sharing its
   * identifier outvote (linkage/outvoted.ts), as batch linking judges a record.
   */
  type Judge = (c: Compared) => LinkRecord;
  const asRecorded: Judge = (c) => c.identity;
  const judgeAmong = (members: readonly Compared[]): Judge => {
    const withIds = members.filter((c) => c.identity.nhsNumber || c.localKey);
    // a member stands for its mentions: the same identity seen by three agencies is three records
    if (withIds.reduce((n, c) => n + c.mentionIds.length, 0) < OUTVOTING_RECORDS + 1) return asRecorded;
    const outvoted = outvotedFields(withIds.map((c) => ({ identity: c.identity, identifiers: identifiersOfMember(c), votes: c.mentionIds.length })));
    if (!outvoted.size) return asRecorded;
    const judged = new Map<Compared, LinkRecord>();
    outvoted.forEach((fields, i) => judged.set(withIds[i]!, withoutFields(withIds[i]!.identity, fields)));
    return (c) => judged.get(c) ?? c.identity;
  };
  /**
   * Why these two mentions can never be one person, or null. Without `byWeight`, only what rules it out
   * outright: not a weight too low, which a given name that agrees on nothing makes by itself.
   */
  const apart = (a: Compared, b: Compared, judge: Judge = asRecorded, byWeight = true): string | null => {
    const [few, many] = a.records.size <= b.records.size ? [a, b] : [b, a];
    for (const r of few.records) if (many.records.has(r)) return 'named separately in the same record';
    for (const x of a.mentionIds) {
      for (const y of differentFrom.get(x) ?? []) if (b.mentions.has(y)) return PRACTITIONER_APART;
    }
    const na = a.identity.nhsNumber;
    const nb = b.identity.nhsNumber;
    if (na && nb && na !== nb) return `different NHS numbers (${na}, ${nb})`;
    // The identifier wins over the names, and over a date of birth when the names agree (see the top of
    // this file); other contradictions keep them apart. The same rule as batch linking (`safeguardReason`).
    if (sharesIdentifier(a, b)) return sharedIdentifierVerdict(judge(a), judge(b)).apart;
    if (safeguards) {
      const reason = cannotLink(judge(a), judge(b));
      if (reason) return reason;
    }
    // A "Baby <mother's surname>" or unborn record disagrees with the named child by design (a placeholder
    // given name, often the mother's surname): a low weight against it is no veto, only no evidence.
    if (!byWeight || notYetNamed(a.identity) !== notYetNamed(b.identity)) return null;
    // Who they are, not where they were recorded: a person's old address is no veto on their new one.
    const w = personalWeight(pairOf(a, b));
    if (w < VETO_WEIGHT && !sameGivenNameAndBirth(a.identity, b.identity)) return `match weight ${fmt(w)} without the address terms: clearly someone else`;
    return null;
  };

  const groups = new Map<number, Group>();
  for (const [personId, members] of input.people) {
    const group: Group = { personId, members: [], mergedInto: null };
    for (const m of members) {
      const c = compared(m.mentionIds, m.recordIds, m.localKey, m.identity);
      if (m.adultRole) c.adultRole = true;
      addMember(group.members, c);
    }
    groups.set(personId, group);
  }
  const newGroups: Group[] = [];
  const keyGroups = new Map<string, Set<Group>>();
  const saturated = new Set<string>();
  for (const [key, ids] of input.keyHits) {
    keyGroups.set(key, new Set(ids.map((id) => groups.get(id)).filter((g): g is Group => !!g)));
  }

  // Households formed in this batch: each group and the groups named in the same records as it.
  const batchCompanions = new Map<Group, Set<Group>>();
  /** A companion named beside too many people to say who is who (MAX_HOUSEHOLD_COMPANIONS). */
  const isHub = (c: Group) => (c.personId !== null && (input.companions?.get(c.personId)?.size ?? 0) > MAX_HOUSEHOLD_COMPANIONS)
    || (batchCompanions.get(c)?.size ?? 0) > MAX_HOUSEHOLD_COMPANIONS;
  /** A person named in this mention's record whom this group has been named with before, or null. */
  const sharedCompanion = (group: Group, companions: readonly Group[]): Group | null => {
    const g = root(group);
    const known = g.personId !== null ? input.companions?.get(g.personId) : undefined;
    const inBatch = batchCompanions.get(g);
    for (const c0 of companions) {
      const c = root(c0);
      if (c === g || isHub(c)) continue;
      if (known && c.personId !== null && known.has(c.personId)) return c;
      if (inBatch && [...inBatch].some((x) => root(x) === c)) return c;
    }
    return null;
  };

  const score = (m: Compared, group: Group, companions: readonly Group[] = []): Scored => {
    let forbidden: string | null = null;
    let hard: Scored['hard'] = null;
    let weight = -Infinity;
    let best: Compared | null = null;
    let idConflict: Scored['idConflict'] = null;
    let companion: Group | null = null;
    const shared = companions.length ? sharedCompanion(group, companions) : null;
    const judge = judgeAmong([...group.members, m]);
    for (const x of group.members) {
      const why = apart(m, x, judge) ?? bornBeforeRecorded(m.identity, x.identity, m.receivedAt ?? input.asOf);
      if (why) {
        forbidden ??= `${why} (mention ${x.mentionIds[0]})`;
        // A practitioner's decision is final: it is not put back in the queue.
        if (!idConflict && sharesIdentifier(m, x) && why !== PRACTITIONER_APART) idConflict = { member: x, why };
        continue;
      }
      // Neither a veto nor evidence: a "Baby" or unborn record whose dates do not agree with this one's.
      if (!sharesIdentifier(m, x) && joinedOnlyByIdentifier(m.identity, x.identity)) continue;
      if (m.identity.nhsNumber && m.identity.nhsNumber === x.identity.nhsNumber) hard = 'nhs-number';
      else if (!hard && m.localKey && m.localKey === x.localKey) hard = 'local-id';
      const plain = weightOf(m, x);
      const boosted = shared ? withSharedCompanion(pairOf(m, x), m.identity, x.identity) : null;
      const w = boosted !== null && boosted > plain ? boosted : plain;
      if (w > weight) {
        weight = w;
        best = x;
        companion = w === plain ? null : shared;
      }
    }
    return { group, forbidden, hard, weight, best, idConflict, companion };
  };

  /**
   * Why two people may not be joined through one new mention, or null: a pair
   * across them is apart, or (unless both links are hard identifiers) they do
   * not match each other strongly on their own: a name-only mention that
   * matches three Thomas Wrights must not make them one.
   */
  const joinBlocker = (x: Scored, y: Scored): string | null => {
    const a = root(x.group);
    const b = root(y.group);
    let best = -Infinity;
    const judge = judgeAmong([...a.members, ...b.members]);
    for (const p of a.members) {
      for (const q of b.members) {
        const why = apart(p, q, judge);
        if (why) return `${why} (mentions ${p.mentionIds[0]} and ${q.mentionIds[0]})`;
        if (!sharesIdentifier(p, q) && joinedOnlyByIdentifier(p.identity, q.identity)) continue;
        best = Math.max(best, weightOf(p, q));
      }
    }
    const certain = (z: Scored) => z.hard !== null || z.weight >= CERTAIN_LINK_WEIGHT;
    if ((certain(x) && certain(y)) || best >= AUTO_LINK_WEIGHT) return null;
    return `the two people match each other only at weight ${fmt(best)}, and the links to them are not both certain`;
  };

  const reasons = new Map<number, LinkReason>();
  const reviews: Review[] = [];
  const merges: Merge[] = [];
  const groupOf = new Map<number, Group>();

  const comparedOf = (incoming: IncomingMention): Compared => {
    const m = compared([incoming.mentionId], [incoming.recordId], incoming.localKey, incoming.identity);
    if (incoming.receivedAt) m.receivedAt = incoming.receivedAt;
    if (incoming.adultRole) m.adultRole = true;
    return m;
  };

  /** The people a mention is compared with: those sharing a key with it, and the households of the record's people placed so far. */
  const candidatesOf = (incoming: IncomingMention, companions: readonly Group[]): Set<Group> => {
    const candidates = new Set<Group>();
    for (const key of incoming.keys) for (const g of keyGroups.get(key) ?? []) candidates.add(root(g));
    // The people already named with this record's other people are candidates too, whatever the keys:
    // a record may name a child by surname alone ("Unborn Smith", "baby"), beside a mother already known.
    for (const c0 of companions) {
      const c = root(c0);
      if (isHub(c)) continue;
      if (c.personId !== null) for (const id of input.companions?.get(c.personId) ?? []) { const g = groups.get(id); if (g) candidates.add(root(g)); }
      for (const g of batchCompanions.get(c) ?? []) candidates.add(root(g));
    }
    return candidates;
  };

  /**
   * Once a record's people are all placed: a mention kept apart from a person of the same household only by
   * its given name (linkage/household-evidence.ts anotherNameAtOneHome: the same address, the same family
   * member named beside both, nothing else disagreeing) goes to review, once per pair of people. Both ways
   * round: the record with the pet name may come first or last, and only with the whole record placed is
   * the family member beside it known (a child with an NHS number is placed before the mother).
   */
  const anotherNameReviews = (incoming: IncomingMention, placed: readonly Group[]): void => {
    const target = root(groupOf.get(incoming.mentionId)!);
    const companions = placed.filter((g) => root(g) !== target);
    if (!companions.length) return;
    const m = comparedOf(incoming);
    // A parent or carer recorded without a date of birth is no child under another name.
    if (m.adultRole) return;
    for (const g of candidatesOf(incoming, companions)) {
      if (g === target) continue;
      const shared = sharedCompanion(g, companions);
      if (!shared) continue;
      if (g.members.some((y) => y.adultRole)) continue;
      const x = g.members.find((y) => anotherNameAtOneHome(pairOf(m, y), m.identity, y.identity, m.receivedAt ?? input.asOf ?? new Date())
        && !bornBeforeRecorded(m.identity, y.identity, m.receivedAt ?? input.asOf));
      // Kept apart for want of a date of birth is what this review is for; anything else tells them apart.
      if (!x || g.members.some((y) => { const why = apart(m, y, asRecorded, false); return why !== null && why !== NO_DOB_AT_ONE_HOME; })) continue;
      const e = explainWeight(input.model, m.identity, x.identity);
      reviews.push({ mentionId: incoming.mentionId, candidateMentionId: x.mentionIds[0]!, weight: weightOf(m, x), terms: e.terms,
        why: `possibly the same child under another name: the given names agree on nothing (${m.identity.given ?? ''}, ${x.identity.given ?? ''}), but nothing else tells them apart, both are recorded at ${x.identity.postcode ?? ''}, and both records name ${companionName(shared)}. A pet name or a new given name, or a brother or sister: for a practitioner to decide` });
    }
  };

  /**
   * Decide one mention, given the groups of the mentions of its record placed so far. A mention that does
   * not link as surely as `accept` asks (by an identifier; to one person by any rule) is left unplaced
   * (null), to be decided once more of its record is: the mother placed first may be what tells whose
   * child this is. With 'any', it is placed whatever it decides.
   */
  const place = (incoming: IncomingMention, companions: readonly Group[], accept: 'identifier' | 'one-person' | 'any'): Group | null => {
    const m = comparedOf(incoming);
    const scored = [...candidatesOf(incoming, companions)].map((g) => score(m, g, companions));
    const strong = scored
      .filter((s) => !s.forbidden && (s.hard || s.weight >= AUTO_LINK_WEIGHT))
      .sort((a, b) => Number(!!b.hard) - Number(!!a.hard) || b.weight - a.weight);

    let target: Group;
    const first = strong[0];
    // A rival far weaker than the best (a child's mention scoring against the mother at the same address) is explained by it.
    const rivals = first ? strong.slice(1).filter((o) => root(o.group) !== root(first.group)
      && (o.hard !== null || first.hard !== null || o.weight >= first.weight - RIVAL_MARGIN)) : [];
    // A second certain link carried by the household (the same family member named before) is no weak
    // echo of the first: two records of one person at two addresses. It may join them, never make this
    // mention ambiguous.
    const certainLink = (z: Scored) => z.hard !== null || z.weight >= CERTAIN_LINK_WEIGHT;
    const joinable = first && certainLink(first) ? [...rivals, ...strong.slice(1).filter((o) => !rivals.includes(o)
      && root(o.group) !== root(first.group) && o.companion !== null && certainLink(o))] : rivals;
    // Matching two or more people by weight alone, who are not one person themselves: which one is a guess.
    const ambiguous = first && !first.hard && rivals.some((o) => !o.hard && joinBlocker(first, o) !== null);
    if (accept === 'identifier' && !first?.hard) return null;
    if (accept === 'one-person' && !(first && !ambiguous)) return null;
    if (first && !ambiguous) {
      target = first.group;
      reasons.set(incoming.mentionId, reasonFor(m, first, input.model));
      for (const other of joinable) {
        const a = root(target);
        const b = root(other.group);
        if (a === b) continue;
        const blocked = joinBlocker(first, other);
        if (blocked) {
          reviews.push({ mentionId: incoming.mentionId, candidateMentionId: other.best!.mentionIds[0]!, weight: other.hard ? null : other.weight,
            why: `also matches another person (${other.hard ?? `weight ${fmt(other.weight)}`}), but the two cannot be joined automatically: ${blocked}` });
          continue;
        }
        const [into, from] = survivorFirst(a, b);
        from.mergedInto = into;
        for (const x of from.members) addMember(into.members, x);
        if (into.personId !== null && from.personId !== null) {
          merges.push({ from: from.personId, into: into.personId, via: incoming.mentionId,
            why: `mention ${incoming.mentionId} links to both (${first.hard ?? `weight ${fmt(first.weight)}`}; ${other.hard ?? `weight ${fmt(other.weight)}`}), they match each other, and no mention of one is known to be someone other than any mention of the other` });
        }
      }
      target = root(target);
    } else {
      target = { personId: null, members: [], mergedInto: null };
      newGroups.push(target);
      if (ambiguous) {
        for (const s of strong.slice(0, MAX_AMBIGUOUS_REVIEWS)) {
          reviews.push({ mentionId: incoming.mentionId, candidateMentionId: s.best!.mentionIds[0]!, weight: s.weight,
            terms: explainWeight(input.model, m.identity, s.best!.identity).terms,
            why: `match weight ${fmt(s.weight)}, but it matches ${strong.length} people who are not one person: which one needs a practitioner` });
        }
        reasons.set(incoming.mentionId, { rule: 'new-person', weight: first.weight,
          why: `matches ${strong.length} different people at or above ${AUTO_LINK_WEIGHT} (best ${fmt(first.weight)}) who cannot be joined: kept apart and sent for review` });
      } else {
        const near = scored.filter((s) => s.best && s.weight >= REVIEW_WEIGHT && (!s.forbidden || s.hard))
          .sort((a, b) => b.weight - a.weight)[0];
        if (near?.best && !near.forbidden) {
          const terms = explainWeight(input.model, m.identity, near.best.identity);
          reviews.push({ mentionId: incoming.mentionId, candidateMentionId: near.best.mentionIds[0]!, weight: near.weight, terms: terms.terms,
            why: `match weight ${fmt(near.weight)} (probability ${probability(near.weight).toFixed(2)}): between the review weight ${REVIEW_WEIGHT} and the automatic link weight ${AUTO_LINK_WEIGHT}` });
        }
        reasons.set(incoming.mentionId, newPersonReason(scored));
      }
    }
    // Linked by an identifier that every member sharing it contradicts in the date of birth (the names
    // agree): made and explained, and put before a practitioner after the fact, who can undo it.
    const sharing = root(target).members.filter((x) => sharesIdentifier(m, x));
    if (sharing.length && sharing.every((x) => identifierContradiction(m.identity, x.identity) !== null)) {
      const x = sharing.find((y) => sharedIdentifierVerdict(m.identity, y.identity).doubt !== null);
      if (x) {
        const doubt = sharedIdentifierVerdict(m.identity, x.identity).doubt!;
        reviews.push({ mentionId: incoming.mentionId, candidateMentionId: x.mentionIds[0]!, weight: null, linked: true,
          terms: explainWeight(input.model, m.identity, x.identity).terms,
          why: `linked by ${whichIdentifier(m, x)} and the same names, though the records disagree (${doubt}, mention ${x.mentionIds[0]}): a date of birth mistyped or written in the wrong field, or another person's identifier; for a practitioner to confirm, or to split` });
        const reason = reasons.get(incoming.mentionId);
        if (reason) reasons.set(incoming.mentionId, { ...reason, why: `${reason.why}; ${doubt}: linked, and sent to a practitioner to confirm` });
      }
    }
    // An identifier shared with someone it cannot be (a school id on two NHS numbers): a data conflict for a person to see.
    for (const s of scored) {
      if (s.idConflict && root(s.group) !== root(target)) {
        const x = s.idConflict.member;
        const which = whichIdentifier(m, x);
        reviews.push({ mentionId: incoming.mentionId, candidateMentionId: x.mentionIds[0]!, weight: null,
          terms: explainWeight(input.model, m.identity, x.identity).terms,
          why: `shares ${which} with another person but was not joined to them: ${s.idConflict.why} (mention ${x.mentionIds[0]}); a mistyped identifier or a wrongly recorded date or sex, for a practitioner to decide` });
      }
    }
    // No silent poisoning: a person this mention matches strongly, but one of whose mentions vetoes it, may
    // hold a wrong merge (a father with no date of birth joined to his son). Refusing quietly would refuse
    // every later record of the child too, so the conflict goes to a practitioner with both explanations:
    // the strong match, and the veto.
    for (const s of scored) {
      if (!s.forbidden || s.idConflict || !s.best || root(s.group) === root(target) || s.forbidden.startsWith(PRACTITIONER_APART)) continue;
      if (!s.hard && s.weight < AUTO_LINK_WEIGHT) continue;
      const e = explainWeight(input.model, m.identity, s.best.identity);
      reviews.push({ mentionId: incoming.mentionId, candidateMentionId: s.best.mentionIds[0]!, weight: s.hard ? null : s.weight, terms: e.terms,
        why: `matches this person strongly (${s.hard ?? `match weight ${fmt(s.weight)}`} against mention ${s.best.mentionIds[0]}), but another of their mentions rules it out: ${s.forbidden}. Either that mention was joined to them wrongly, or this is someone else` });
    }
    addMember(target.members, m);
    groupOf.set(incoming.mentionId, target);
    for (const key of incoming.keys) {
      if (saturated.has(key)) continue;
      const set = keyGroups.get(key) ?? new Set<Group>();
      set.add(target);
      // As in the database lookup: a key shared by too many people says too little to compare on.
      if (set.size > MAX_BLOCK) {
        keyGroups.delete(key);
        saturated.add(key);
      } else keyGroups.set(key, set);
    }
    return target;
  };

  // Record by record: first the mentions that link by an identifier, then those that link to one person
  // (each time with the household placed so far: a child through the mother already known), and again
  // while that places more; the rest last, as they fall. Each placed mention's group is a companion of the
  // others' in the record.
  const byRecord = new Map<number, IncomingMention[]>();
  for (const x of input.incoming) byRecord.set(x.recordId, [...(byRecord.get(x.recordId) ?? []), x]);
  for (const [recordId, list] of byRecord) {
    const placed: Group[] = [...new Set((input.namedWith?.get(recordId) ?? [])
      .map((id) => groups.get(id)).filter((g): g is Group => !!g).map(root))];
    const put = (g: Group) => {
      for (const other of placed) {
        if (root(other) === root(g)) continue;
        (batchCompanions.get(g) ?? batchCompanions.set(g, new Set()).get(g)!).add(other);
        (batchCompanions.get(other) ?? batchCompanions.set(other, new Set()).get(other)!).add(g);
      }
      placed.push(g);
    };
    let pending = list;
    const sweep = (accept: 'identifier' | 'one-person') => {
      const before = pending.length;
      const next: IncomingMention[] = [];
      for (const x of pending) {
        const g = place(x, placed, accept);
        if (g) put(g); else next.push(x);
      }
      pending = next;
      return pending.length < before;
    };
    while (pending.length && (sweep('identifier') || sweep('one-person')));
    for (const x of pending) put(place(x, placed, 'any')!);
    for (const x of list) anotherNameReviews(x, placed);
  }

  const newIndex = new Map<Group, number>();
  const assign: LinkPlan['assign'] = new Map();
  for (const incoming of input.incoming) {
    const g = root(groupOf.get(incoming.mentionId)!);
    if (g.personId !== null) assign.set(incoming.mentionId, { personId: g.personId });
    else {
      if (!newIndex.has(g)) newIndex.set(g, newIndex.size);
      assign.set(incoming.mentionId, { newGroup: newIndex.get(g)! });
    }
  }
  return { assign, reasons, newGroups: newIndex.size, merges, reviews };
}

/**
 * A pre-birth record may reach the system a little after the birth (a late entry): this many days of
 * grace before a birth date rules an unborn child out.
 */
export const LATE_PRE_BIRTH_ENTRY_DAYS = 30;

/** Why an unborn child recorded at `asOf` cannot be this person (born well before), or null. */
function bornBeforeRecorded(unborn: LinkRecord, other: LinkRecord, asOf: Date | undefined): string | null {
  if (!asOf || !unborn.unborn || other.unborn || !other.dob || !/^\d{4}-\d{2}-\d{2}$/.test(other.dob)) return null;
  const born = Date.parse(`${other.dob}T00:00:00Z`);
  if (Number.isNaN(born) || born >= asOf.getTime() - LATE_PRE_BIRTH_ENTRY_DAYS * 86_400_000) return null;
  return `an unborn child recorded on ${asOf.toISOString().slice(0, 10)}, and this person was born on ${other.dob}`;
}

/** The survivor of a merge: an existing person over a new one, the older (lower id) of two existing. */
function survivorFirst(a: Group, b: Group): [Group, Group] {
  if (a.personId === null) return b.personId === null ? [a, b] : [b, a];
  if (b.personId === null) return [a, b];
  return a.personId < b.personId ? [a, b] : [b, a];
}

function reasonFor(m: Compared, s: Scored, model: Model): LinkReason {
  const best = s.best!;
  if (s.hard === 'nhs-number') {
    return { rule: 'nhs-number', weight: null, why: `same NHS number (${m.identity.nhsNumber}) as mention ${best.mentionIds[0]!}` };
  }
  if (s.hard === 'local-id') {
    const [agency, id] = m.localKey!.split('|');
    return { rule: 'local-id', weight: null, why: `same ${agency} person id (${id}) as mention ${best.mentionIds[0]!}` };
  }
  const e = explainWeight(model, m.identity, best.identity);
  const strongest = e.terms.filter((t) => Math.abs(t.weight) >= 0.05).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 4)
    .map((t) => `${t.comparison} ${t.level} (${t.weight >= 0 ? '+' : ''}${fmt(t.weight)})`);
  return {
    rule: 'match-weight',
    weight: s.weight,
    against: { mentionId: best.mentionIds[0]!, terms: e.terms, prior: e.prior },
    why: `match weight ${fmt(s.weight)} (probability ${probability(s.weight).toFixed(3)}) against mention ${best.mentionIds[0]!}, at or above ${AUTO_LINK_WEIGHT}: ${strongest.join(', ')}`
      + (s.companion ? `; and this record names ${companionName(s.companion)}, whom this person's records name too: one household, counted ${SHARED_COMPANION_WEIGHT} in place of the address terms` : ''),
  };
}

const companionName = (g: Group) => {
  const r = root(g);
  const first = r.members[0]?.mentionIds[0];
  return r.personId !== null ? `person ${r.personId}` : `the person of mention ${first}`;
};

function newPersonReason(scored: Scored[]): LinkReason {
  if (!scored.length) return { rule: 'new-person', weight: null, why: 'nobody known shares a blocking key (NHS number, agency id, name, date of birth or address) with this mention' };
  const best = [...scored].sort((a, b) => b.weight - a.weight)[0]!;
  const why = best.forbidden
    ? `the nearest person known cannot be this one: ${best.forbidden}`
    : `the best match weight against anyone known is ${fmt(best.weight)}, below ${AUTO_LINK_WEIGHT}`;
  return { rule: 'new-person', weight: Number.isFinite(best.weight) ? best.weight : null, why };
}

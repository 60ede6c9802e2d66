// Who lived with a child, and who else is around them, from agency records
// alone (pure: no database). Every member cites the records that put them there.
//
// A person is linked to the child's home by a record when (strongest first):
// - household-change: a record about the child says they moved in (starts membership)
//   or moved out (ends it). It is the agency telling us, in so many words.
// - placement: the child was placed with them (member for the whole placement), or
//   returned home / moved to them. The child's home *is* that household.
// - lives-with-subject: `livesWithSubject: yes` where the child is the record's subject
//   (or the child is said to live with the subject). What the agency was told.
// - next-of-kin: named next of kin on the child's registration and living at the child's
//   home, or with no address given and described as a parent or partner. A next of kin
//   known to live elsewhere is network, not household.
// - police-at-address: a police record puts them at the child's home at that time, even if
//   the child is not in it (then the house number must match too: a postcode alone is a street).
// - same-address: a record that mentions the child gives them the child's home address
//   (the home on that date from the timeline, not the record's own possibly stale copy).
// `livesWithSubject: no` cancels the address-based evidence of that record for that person:
// the agency asked and was told they do not live there. While the child is placed away,
// `livesWithSubject: yes` for someone recorded at another address than the placement is
// about the family home the child has left for now, so it does not count either.
// Professionals are never household or network: their part is in the chronology.
//
// Membership periods: consecutive evidence belongs to one period while it falls in the same
// or the next home period of the child; a gap (the child placed away, say) starts a new
// one. After a move-out only explicit evidence (household-change, placement, lives-with)
// starts a new period; address-only sightings are cited but could be a stale address.
// Known to children's social care: a current record held by children's social care (written by
// an agency of kind social-care, or a referral it received) that mentions the child also
// mentions this person (as linked). When not, any such record naming
// someone with the same name is pointed out, since the linker may have kept them apart.
import type { AgencyRecord, PersonMention } from '../records/types.ts';
import { normaliseGivenName, normaliseName } from '../identity/normalise.ts';
import { areNormalisedVariants } from '../identity/linkage/nicknames.ts';
import { dateOfBirthOf, mostCommon } from '../identity/people.ts';
import { describeHome, parseHome, sameHome } from './address.ts';
import { homeTimeline, segmentAt, type Segment } from './timeline.ts';
import type { EvidenceRecord } from './evidence.ts';

export type { EvidenceRecord } from './evidence.ts';

export type Why = 'household-change' | 'placement' | 'lives-with-subject' | 'next-of-kin' | 'police-at-address' | 'same-address';
export type NetworkWhy = 'co-mentioned' | 'next-of-kin' | 'does-not-live-with';

export interface Evidence<W extends string = Why> {
  recordId: number;
  source: string;
  agency: string;
  occurredOn: string;
  kind: string;
  why: W;
  note: string;
}

export interface AddressPeriod {
  address: string | null;
  postcode: string | null;
  from: string;
  /** the next home's first day, or the last record about the child for the current home */
  to: string;
  evidence: string[];
  placedWith?: { personId: number | null; name: string };
}

interface PersonFacts {
  /** null when the mention is not linked to anyone; then `mention` names it */
  personId: number | null;
  mention?: string;
  name: string;
  dob: string | null;
  relationships: string[];
  roles: string[];
  knownToSocialCare: boolean;
  /** the social-care records about the child that name them */
  socialCareRecords: string[];
  notKnownToSocialCare?: string;
}

export interface HouseholdMember extends PersonFacts {
  from: string;
  to: string;
  ageAtFrom: number | null;
  periods: { from: string; to: string }[];
  current: boolean;
  evidence: Evidence[];
  /** records that say otherwise: told they do not live with the child, or a next of kin elsewhere */
  contrary: Evidence<NetworkWhy>[];
}

export interface NetworkPerson extends PersonFacts {
  evidence: Evidence<NetworkWhy>[];
}

export interface Household {
  personId: number;
  name: string;
  dob: string | null;
  addresses: AddressPeriod[];
  members: HouseholdMember[];
  network: NetworkPerson[];
  /** every record this was derived from */
  recordIds: number[];
}

const STRENGTH: Why[] = ['household-change', 'placement', 'lives-with-subject', 'next-of-kin', 'police-at-address', 'same-address'];
const EXPLICIT = new Set<Why>(['household-change', 'placement', 'lives-with-subject']);
// Whole words: a "grandmother" named as next of kin is not thereby living with the child.
const CLOSE_RELATIONSHIP = /\b(partner|boyfriend|girlfriend|husband|wife|spouse|mother|father|parent|step\w*|mum|dad)\b/i;

interface Found {
  id: string;
  personId: number | null;
  mention: PersonMention;
  record: EvidenceRecord;
  why: Why | NetworkWhy;
  /** whether this links them to the child's home (a next of kin elsewhere is 'next-of-kin' but not) */
  home: boolean;
  note: string;
  until?: string;
  movedOut?: boolean;
}

export function deriveHousehold(input: {
  personId: number;
  records: EvidenceRecord[];
  /** ids of social-care agencies: a referral they received is a record they hold about the child */
  socialCareAgencies?: ReadonlySet<string>;
}): Household {
  const childId = input.personId;
  const records = [...input.records].sort((a, b) => cmp(a.occurredOn, b.occurredOn) || cmp(a.source, b.source));
  const { name: childName, dob: childDob } = childNameAndDob(childId, records);
  const aboutChild = records.filter((r) => r.document.people.some((p) => r.personOf[p.key] === childId));
  const lastOn = aboutChild.at(-1)?.occurredOn ?? null;
  const segments = homeTimeline(aboutChild, childId);

  const found: Found[] = [];
  for (const r of records) found.push(...evidenceIn(r, childId, segments));

  const byPerson = group(found, (f) => f.id);
  const received = input.socialCareAgencies ?? new Set<string>();
  const socialCare = aboutChild.filter((r) => r.agencyKind === 'social-care'
    || (r.kind === 'referral' && received.has((r.document.body as { to?: string }).to ?? '')));
  const members: HouseholdMember[] = [];
  const network: NetworkPerson[] = [];
  for (const list of byPerson.values()) {
    const facts = personFacts(list, socialCare, childName);
    const household = list.filter((f) => f.home);
    if (household.length === 0) {
      network.push({ ...facts, evidence: strongestPerRecord(list).map((f) => evidenceOf(f) as Evidence<NetworkWhy>) });
      continue;
    }
    const { periods, current } = membership(household, segments);
    const householdRecords = new Set(household.map((h) => h.record));
    const from = periods[0]!.from;
    members.push({
      ...facts, from, to: periods.reduce((t, p) => (p.to > t ? p.to : t), from), ageAtFrom: ageAt(facts.dob, from),
      periods, current, evidence: strongestPerRecord(household).map((f) => evidenceOf(f) as Evidence),
      contrary: list.filter((f) => !f.home && f.why !== 'co-mentioned' && !householdRecords.has(f.record))
        .map((f) => evidenceOf(f) as Evidence<NetworkWhy>),
    });
  }
  members.sort((a, b) => cmp(a.from, b.from) || cmp(a.name, b.name));
  network.sort((a, b) => cmp(a.name, b.name));
  return {
    personId: childId,
    name: childName,
    dob: childDob,
    addresses: segments.map((s) => addressPeriod(s, lastOn)),
    members,
    network,
    recordIds: records.map((r) => r.recordId),
  };
}

/**
 * The child's name and date of birth as most of their records give them (records sorted by day, then
 * `agency/ref`: ties go to the earliest). The risk engine asks this of every child it looks at, without
 * deriving the whole household.
 */
export function childNameAndDob(childId: number, records: readonly EvidenceRecord[]): { name: string; dob: string | null } {
  const childMentions = records.flatMap((r) => r.document.people.filter((p) => r.personOf[p.key] === childId));
  return { name: mostCommon(childMentions.map(nameOf)) ?? `person ${childId}`, dob: dateOfBirthOf(childMentions.map((m) => m.dob)) };
}

/** What one record says about each person in it, in relation to the child's home. */
function evidenceIn(r: EvidenceRecord, childId: number, segments: Segment[]): Found[] {
  const doc = r.document;
  const body = doc.body as { person?: string; change?: string; with?: string; subject?: string; nextOfKin?: string; knownTo?: string[] };
  const children = doc.people.filter((p) => r.personOf[p.key] === childId);
  const mentionsChild = children.length > 0;
  const police = r.agencyKind === 'police';
  if (!mentionsChild && !police) return [];
  const childIsSubject = children.some((c) => c.role === 'subject');
  const seg = segments[segmentAt(segments, r.occurredOn)];
  const home = seg?.home ?? null;
  const at = describeHome(home);
  const out: Found[] = [];
  for (const p of doc.people) {
    const personId = r.personOf[p.key] ?? null;
    if (personId === childId || p.role === 'professional') continue;
    const id = personId === null ? `${r.source}#${p.key}` : String(personId);
    const add = (why: Found['why'], note: string, extra: Partial<Found> = {}) =>
      out.push({ id, personId, mention: p, record: r, why, home: (STRENGTH as string[]).includes(why), note, ...extra });
    const livesWith = childIsSubject ? p.livesWithSubject : p.role === 'subject' ? children[0]?.livesWithSubject : undefined;
    const own = parseHome(p.address);
    const addressMatches = sameHome(own, home, !mentionsChild);
    // During a placement, "lives with" from someone recorded elsewhere speaks of the family home.
    const placedElsewhere = !!seg?.placement && seg.placement.carerId !== personId && own !== null && !addressMatches;

    if (mentionsChild && doc.kind === 'household-change' && body.person === p.key) {
      const known = body.knownTo?.length ? `; said to be known to ${body.knownTo.join(', ')}` : '';
      add('household-change', `${body.change === 'moved-out' ? 'moved out of' : 'moved into'} the child's household${known}`,
        body.change === 'moved-out' ? { movedOut: true } : {});
    } else if (mentionsChild && doc.kind === 'placement' && body.with === p.key && r.personOf[body.subject ?? ''] === childId) {
      const window = seg?.placement?.source === r.source ? seg : undefined;
      if (body.change === 'placed-away') {
        add('placement', `child placed with them${window?.until ? ` until ${window.until}` : ''}`, window?.until ? { until: window.until } : {});
      } else add('placement', body.change === 'returned-home' ? 'child returned home to them' : 'child moved to live with them');
    } else if (mentionsChild && livesWith === 'yes' && placedElsewhere) {
      add('co-mentioned', `recorded as living with the child, but at ${describeHome(own)} while the child was placed${at ? ` at ${at}` : ' away'}`);
    } else if (mentionsChild && livesWith === 'yes') {
      add('lives-with-subject', `${doc.agency} recorded that they live with the child`);
    } else if (mentionsChild && livesWith === 'no') {
      add('does-not-live-with', `${doc.agency} recorded that they do not live with the child`);
    } else if (mentionsChild && doc.kind === 'demographics' && childIsSubject && body.nextOfKin === p.key) {
      // "mother's boyfriend" is a boyfriend, "mother's friend" a friend: the possessive is not the person.
      const close = CLOSE_RELATIONSHIP.test((p.relationship ?? '').replace(/\b\w+'s\s+/g, ''));
      if (addressMatches) add('next-of-kin', `named as the child's next of kin, at the child's home (${at})`);
      else if (!p.address && close) add('next-of-kin', `named as the child's next of kin (${p.relationship}); no address given`);
      else add('next-of-kin', `named as the child's next of kin, not at the child's home`, { home: false });
    } else if (police && addressMatches) {
      add('police-at-address', `police recorded them at the child's home (${at})`);
    } else if (mentionsChild && addressMatches) {
      add('same-address', `recorded at the child's home (${at})`);
    } else if (mentionsChild) {
      add('co-mentioned', `named in a record about the child${p.relationship ? ` as ${p.relationship}` : ''}`);
    }
  }
  return out;
}

function membership(evidence: Found[], segments: Segment[]): { periods: { from: string; to: string }[]; current: boolean } {
  const periods: { from: string; to: string }[] = [];
  let lastSeg = -2;
  let open = false;
  const sorted = [...evidence].sort((a, b) => cmp(a.record.occurredOn, b.record.occurredOn));
  for (const f of sorted) {
    const on = f.record.occurredOn;
    const seg = segmentAt(segments, on);
    const last = periods.at(-1);
    if (f.movedOut) {
      if (open && last) last.to = on;
      else periods.push({ from: on, to: on });
      open = false;
      continue;
    }
    if (!open && periods.length > 0 && !EXPLICIT.has(f.why as Why)) continue;
    const to = f.until ?? on;
    if (open && last && (seg === lastSeg || (seg === lastSeg + 1 && seg >= 0))) {
      if (to > last.to) last.to = to;
    } else {
      periods.push({ from: on, to });
      open = true;
    }
    lastSeg = seg;
  }
  // Still there: not moved out, and last seen at the home the child has now (the same
  // address counts even across a placement, which does not move the household).
  const final = segments.at(-1);
  const lastHome = segments[lastSeg]?.home ?? null;
  const current = open && (!final || lastSeg === segments.length - 1 || sameHome(lastHome, final.home));
  return { periods, current };
}

function personFacts(list: Found[], socialCare: EvidenceRecord[], childName: string): PersonFacts {
  const first = list[0]!;
  const mentions = list.map((f) => f.mention);
  const name = mostCommon(mentions.map(nameOf)) ?? 'unnamed';
  const dobs = mentions.map((m) => m.dob).filter((d): d is string => !!d);
  const named = (r: EvidenceRecord) => r.document.people.some((p) => first.personId === null
    ? `${r.source}#${p.key}` === first.id : r.personOf[p.key] === first.personId);
  const socialCareRecords = socialCare.filter(named).map((r) => r.source);
  const facts: PersonFacts = {
    personId: first.personId,
    ...(first.personId === null ? { mention: first.id } : {}),
    name,
    dob: dateOfBirthOf(dobs),
    relationships: distinct(mentions.map((m) => m.relationship).filter((x): x is string => !!x)),
    roles: distinct(mentions.map((m) => m.role)),
    knownToSocialCare: socialCareRecords.length > 0,
    socialCareRecords,
  };
  if (facts.knownToSocialCare) return facts;
  if (socialCare.length === 0) return { ...facts, notKnownToSocialCare: `children's social care has no record about ${childName}` };
  // The linker may have kept two mentions of one person apart: say so when a social-care
  // record names someone with the same family name and the same (or a variant) given name.
  const alike = socialCare.flatMap((r) => r.document.people.filter((p) => r.personOf[p.key] !== first.personId && sameName(p, mentions[0]!))
    .map((p) => `${r.source} names "${nameOf(p)}"`));
  return {
    ...facts,
    notKnownToSocialCare: `no children's social care record about ${childName} names ${name}` +
      (alike.length ? ` as this person, though ${distinct(alike).join(', ')}, who may be the same person` : ''),
  };
}

function addressPeriod(s: Segment, lastOn: string | null): AddressPeriod {
  return {
    address: s.home?.text ?? null,
    postcode: s.home?.postcode ?? null,
    from: s.from,
    to: s.until ?? (lastOn !== null && lastOn > s.from ? lastOn : s.from),
    evidence: s.sources,
    ...(s.placement ? { placedWith: { personId: s.placement.carerId, name: s.placement.carer ? nameOf(s.placement.carer) : 'a carer not named' } } : {}),
  };
}

function evidenceOf(f: Found): Evidence<string> {
  const r = f.record;
  return { recordId: r.recordId, source: r.source, agency: r.agencyId, occurredOn: r.occurredOn, kind: r.kind, why: f.why, note: f.note };
}

/** One item per record: the strongest reason it gives. */
function strongestPerRecord(list: Found[]): Found[] {
  const rank = (f: Found) => (f.home ? STRENGTH.indexOf(f.why as Why) : STRENGTH.length);
  const best = new Map<number, Found>();
  for (const f of list) {
    const b = best.get(f.record.recordId);
    if (!b || rank(f) < rank(b)) best.set(f.record.recordId, f);
  }
  return [...best.values()].sort((a, b) => cmp(a.record.occurredOn, b.record.occurredOn) || cmp(a.record.source, b.record.source));
}

/** Whole years from a full or year-month date of birth; a bare year is too rough to say. */
export function ageAt(dob: string | null, on: string): number | null {
  const m = dob ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(dob) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '01')];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const age = oy - y - (om < mo || (om === mo && od < d) ? 1 : 0);
  return age >= 0 ? age : null;
}

const nameOf = (p: PersonMention) => [p.name.given, p.name.family].filter(Boolean).join(' ') || 'unnamed';
// Normalised once per mention: the household is derived again on every day the risk engine looks at.
const normalisedNames = new WeakMap<PersonMention, { given: string | null; family: string | null }>();
function namesOf(p: PersonMention) {
  let n = normalisedNames.get(p);
  if (!n) normalisedNames.set(p, (n = { given: normaliseGivenName(p.name.given) || null, family: normaliseName(p.name.family) || null }));
  return n;
}
function sameName(a: PersonMention, b: PersonMention): boolean {
  const [x, y] = [namesOf(a), namesOf(b)];
  return !!x.given && !!y.given && !!x.family && x.family === y.family && areNormalisedVariants(x.given, y.given);
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const distinct = (xs: string[]) => [...new Set(xs)];

function group<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}


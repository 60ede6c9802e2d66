// A child's multi-agency chronology redacted for a practice review, the way
// the published serious case reviews were (the Baby P reviews named the agencies, not the
// family): every person becomes a role relative to the child ("Child", "Mother", "Mother's
// partner", "Sibling 1", "Maternal grandmother", "Adult 1"...), the same person always the same
// label; dates of birth become the age at each event; addresses, postcodes, NHS numbers and
// phone numbers go; free text is scrubbed of every name known for anyone in the chronology
// (whole names, then given and family names on their own, whole-word and case-insensitive, and
// common nickname variants of given names where they are capitalised) and of what looks like
// an address or an identifier. Agency names stay.
//
// Pure: give it the chronology (optionally already passed through the sharing policy) and the
// child's household (it adds who lived there, known to social care or not, and the homes).
import { readFileSync } from 'node:fs';
import type { ChronologyEntry } from './chronology.ts';
import type { Household } from '../household/derive.ts';
import type { Injury } from '../records/types.ts';
import { wholeMonthsAt } from '../risk/age.ts';

export interface ReviewInput {
  personId?: number;
  person: { name: string; dob: string | null };
  entries: (ChronologyEntry & { redacted?: true; withheld?: string })[];
}

export interface ReviewPerson {
  label: string;
  /** what the label rests on, e.g. `recorded as "partner of mother"` */
  basis: string;
  /** in how many of the chronology's entries they are named */
  entries: number;
  ageAtFirstEntry?: string | null;
  household?: { periods: { from: string; to: string }[]; current: boolean; why: string[]; knownToSocialCare: boolean };
  network?: { knownToSocialCare: boolean };
}

export interface ReviewEntry {
  n: number;
  date: string;
  approximate?: true;
  childAge: string | null;
  agency: { name: string; kind: string };
  kind: string;
  /** the child's part in the record: subject, or named in someone else's */
  childRole: string;
  summary: string;
  narrative?: string;
  injuries: Injury[];
  people: { label: string; role: string }[];
  alerts: { rule: string; severity: string; firedOn: string }[];
  /** the record was redacted by the sharing policy before export */
  withheld?: string;
}

export interface ReviewExport {
  format: 'review-chronology/1';
  redaction: string;
  child: { label: 'Child'; ageAtFirstEntry: string | null; ageAtLastEntry: string | null };
  agencies: { name: string; kind: string }[];
  people: ReviewPerson[];
  homes: { label: string; from: string; to: string; placedWith?: string }[];
  entries: ReviewEntry[];
}

const REDACTION_NOTE = 'Names are replaced by roles relative to the child (the same person always has the same label), '
  + 'dates of birth by ages at the time, and addresses, postcodes, NHS numbers and telephone numbers are removed. '
  + 'Agencies are named.';

// ---- labels ----

interface LabelGuess {
  base: string;
  /** one label may stand for several records' people (two entries for "Mother" are one mother) */
  shared: boolean;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A role label from a relationship to the child, as an agency wrote it; null when it says nothing usable. */
export function labelFromRelationship(relationship: string): LabelGuess | null {
  const r = relationship.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();
  const side = /\bmaternal\b|\bmother's (mother|father|sister|brother)\b/.test(r) ? 'maternal '
    : /\bpaternal\b|\bfather's (mother|father|sister|brother)\b/.test(r) ? 'paternal ' : '';
  const parentWord = /\b(mother|mum|mom)\b/.test(r) ? 'Mother' : /\b(father|dad)\b/.test(r) ? 'Father' : 'Parent';
  const ofPartner = /\b(?:partner|boyfriend|girlfriend|husband|wife)'s (brother|sister|father|mother|son|daughter|friend)\b/.exec(r);
  if (ofPartner) return { base: `${parentWord}'s partner's ${ofPartner[1]}`, shared: false };
  if (/\b(partner|boyfriend|girlfriend|husband|wife|spouse|cohabitee|co-habitee)\b/.test(r)) return { base: `${parentWord}'s partner`, shared: false };
  if (/\bfoster/.test(r)) return { base: 'Foster carer', shared: false };
  const great = /\bgreat[- ]?grand/.test(r) ? 'great-' : '';
  if (/\bgrand(mother|ma|mum)\b|\bnan\b|\bnanna\b|\bgran\b|\bgranny\b|\b(mother|father)'s mother\b/.test(r)) return { base: cap(`${side}${great}grandmother`), shared: true };
  if (/\bgrand(father|pa|dad)\b|\bgrandad\b|\bgrandpa\b|\b(mother|father)'s father\b/.test(r)) return { base: cap(`${side}${great}grandfather`), shared: true };
  if (/\bgrandparent\b/.test(r)) return { base: cap(`${side}grandparent`), shared: false };
  if (/\bstep-?(father|dad)\b/.test(r)) return { base: 'Stepfather', shared: false };
  if (/\bstep-?(mother|mum)\b/.test(r)) return { base: 'Stepmother', shared: false };
  if (/\b(mother|father)'s sister\b|\b(aunt|auntie|aunty)\b/.test(r)) return { base: cap(`${side}aunt`), shared: false };
  if (/\b(mother|father)'s brother\b|\buncle\b/.test(r)) return { base: cap(`${side}uncle`), shared: false };
  if (/\bcousin\b/.test(r)) return { base: 'Cousin', shared: false };
  if (/\b(half-?|step-?)?(brother|sister|sibling)s?\b/.test(r)) return { base: 'Sibling', shared: false };
  if (/\bfriend\b/.test(r)) return { base: 'Family friend', shared: false };
  if (/\b(childminder|babysitter|nanny)\b/.test(r)) return { base: 'Childminder', shared: false };
  if (/\blodger\b/.test(r)) return { base: 'Lodger', shared: false };
  if (/\b(mother|mum|mom)\b/.test(r)) return { base: 'Mother', shared: true };
  if (/\b(father|dad)\b/.test(r)) return { base: 'Father', shared: true };
  return null;
}

const ROLE_LABEL: Record<string, string> = {
  parent: 'Parent', 'partner-of-parent': "Parent's partner", sibling: 'Sibling', relative: 'Relative',
  'family-friend': 'Family friend', carer: 'Carer', lodger: 'Lodger', visitor: 'Visitor',
};
const ADULT_ROLES = new Set(['parent', 'partner-of-parent', 'carer', 'next-of-kin', 'alleged-perpetrator', 'lodger']);
const PROFESSION = /\b(social worker|team manager|health visitor|midwife|paediatrician|consultant|registrar|general practitioner|GP|doctor|nurse|police officer|detective|constable|teacher|head ?teacher|safeguarding lead|solicitor|lawyer|barrister|housing officer|probation officer|paramedic|therapist|psychologist|psychiatrist)\b/i;

// ---- who is who ----

const WORD = /[\p{L}\p{N}]/u;
const normName = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\s'-]/gu, ' ').replace(/\s+/g, ' ').trim();
const NOT_A_NAME = new Set(['unnamed', 'someone', '']);

interface Identity {
  key: string;
  names: Set<string>;
  /** relationships to the child (from records about the child) first, then any */
  toChild: string[];
  other: string[];
  roles: string[];
  professionalRoles: string[];
  adult: boolean;
  dob: string | null;
  firstSeen: number;
  entries: number;
  label?: string;
  basis?: string;
}

class People {
  readonly ids = new Map<string, Identity>();
  /** normalised full name -> identity keys that bear it */
  private byName = new Map<string, Set<string>>();
  private order = 0;

  get(key: string): Identity {
    let id = this.ids.get(key);
    if (!id) {
      id = { key, names: new Set(), toChild: [], other: [], roles: [], professionalRoles: [], adult: false, dob: null, firstSeen: this.order++, entries: 0 };
      this.ids.set(key, id);
    }
    return id;
  }

  addName(key: string, name: string | null | undefined): void {
    if (!name || NOT_A_NAME.has(name.trim().toLowerCase())) return;
    this.get(key).names.add(name.trim());
    const n = normName(name);
    if (!n) return;
    const set = this.byName.get(n) ?? new Set();
    set.add(key);
    this.byName.set(n, set);
  }

  /** An unlinked mention: the linked person of that name when exactly one bears it, else one identity per name. */
  keyForUnlinked(name: string, fallback: string): string {
    const n = normName(name);
    if (!n || NOT_A_NAME.has(n)) return fallback;
    const holders = [...(this.byName.get(n) ?? [])].filter((k) => !k.startsWith('name:'));
    return holders.length === 1 ? holders[0]! : `name:${n}`;
  }
}

const personKey = (personId: number | null, childId: number | undefined): string | null =>
  personId === null ? null : personId === childId ? 'child' : `id:${personId}`;

function collectPeople(input: ReviewInput, household: Household | undefined): { people: People; keyOf: (e: ChronologyEntry, i: number) => string } {
  const people = new People();
  const childId = input.personId ?? household?.personId;
  const child = people.get('child');
  people.addName('child', input.person.name);
  people.addName('child', household?.name);
  child.dob = input.person.dob ?? household?.dob ?? null;

  // Linked people first, so that unlinked mentions of the same name join them.
  const hh = [...(household?.members ?? []), ...(household?.network ?? [])];
  for (const p of hh) {
    const key = personKey(p.personId, childId) ?? `mention:${p.mention}`;
    people.addName(key, p.name);
  }
  for (const e of input.entries) {
    for (const o of e.others) {
      const key = personKey(o.personId, childId);
      if (key) people.addName(key, o.name);
    }
  }
  const entryKeys = new Map<string, string>();
  const keyOf = (e: ChronologyEntry, i: number): string => entryKeys.get(`${e.recordId}#${i}`)!;
  for (const e of input.entries) {
    const childIsSubject = e.role === 'subject';
    e.others.forEach((o, i) => {
      const redactedOut = (e as { redacted?: true }).redacted && o.role !== 'professional' && o.personId === null;
      const key = redactedOut ? 'withheld'
        : personKey(o.personId, childId) ?? people.keyForUnlinked(o.name, `mention:${e.source}#${o.key}`);
      entryKeys.set(`${e.recordId}#${i}`, key);
      if (key === 'withheld') return;
      const id = people.get(key);
      people.addName(key, o.name);
      id.entries++;
      if (o.role === 'professional') {
        if (o.relationship) id.professionalRoles.push(o.relationship);
        id.roles.push('professional');
        return;
      }
      if (childIsSubject) {
        if (o.relationship) id.toChild.push(o.relationship);
        id.roles.push(o.role);
        if (ADULT_ROLES.has(o.role)) id.adult = true;
      } else if (o.relationship) id.other.push(o.relationship);
    });
  }
  for (const p of hh) {
    const key = personKey(p.personId, childId) ?? `mention:${p.mention}`;
    const id = people.get(key);
    id.other.push(...p.relationships);
    for (const r of p.roles) {
      if (r === 'professional') id.roles.push(r);
      if (ADULT_ROLES.has(r)) id.adult = true;
    }
    if (p.dob) {
      id.dob = p.dob;
      const months = wholeMonthsAt(p.dob.length === 10 ? p.dob : null, 'from' in p ? p.from : '');
      if (months !== null && months >= 18 * 12) id.adult = true;
    }
  }
  return { people, keyOf };
}

function mostFrequent<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

function assignLabels(people: People): void {
  const guesses = new Map<Identity, { guess: LabelGuess; basis: string }>();
  for (const id of people.ids.values()) {
    if (id.key === 'child') continue;
    let found: { guess: LabelGuess; basis: string } | undefined;
    if (id.roles.includes('professional') && !id.toChild.length) {
      const said = id.professionalRoles.map((r) => PROFESSION.exec(r)?.[0]).filter((x): x is string => !!x);
      const role = mostFrequent(said);
      found = { guess: { base: role ? cap(role.toLowerCase().replace(/^gp$/, 'GP')) : 'Professional', shared: false }, basis: role ? `recorded as ${role.toLowerCase()}` : 'a professional' };
    }
    for (const list of [id.toChild, id.other]) {
      if (found) break;
      const labelled = list.map((r) => ({ r, g: labelFromRelationship(r) })).filter((x) => x.g);
      const best = mostFrequent(labelled.map((x) => x.g!.base));
      const pick = labelled.find((x) => x.g!.base === best);
      if (pick) found = { guess: pick.g!, basis: `recorded as "${pick.r}"` };
    }
    if (!found) {
      const role = mostFrequent(id.roles.filter((r) => ROLE_LABEL[r]));
      if (role) found = { guess: { base: ROLE_LABEL[role]!, shared: false }, basis: `role in the records: ${role}` };
    }
    found ??= id.adult
      ? { guess: { base: 'Adult', shared: false }, basis: 'an adult whose relationship to the child is not recorded' }
      : { guess: { base: 'Person', shared: false }, basis: 'relationship to the child not recorded' };
    guesses.set(id, found);
  }
  people.get('child').label = 'Child';
  people.get('child').basis = 'the child';
  // Number the labels several people share ("Sibling 1", "Sibling 2"); professionals get letters,
  // as the published reviews did ("Social worker A"). The same name is the same person here.
  const byBase = new Map<string, Identity[]>();
  for (const [id, { guess }] of guesses) {
    const list = byBase.get(guess.base) ?? [];
    list.push(id);
    byBase.set(guess.base, list);
  }
  for (const [base, list] of byBase) {
    list.sort((a, b) => a.firstSeen - b.firstSeen);
    const professional = list.some((id) => id.roles.includes('professional') && !id.toChild.length);
    const shared = guesses.get(list[0]!)!.guess.shared;
    const numberOf = new Map<string, number>();
    for (const id of list) {
      const name = normName([...id.names][0] ?? '') || id.key;
      if (!numberOf.has(name)) numberOf.set(name, numberOf.size);
    }
    const many = numberOf.size > 1;
    for (const id of list) {
      const i = numberOf.get(normName([...id.names][0] ?? '') || id.key)!;
      id.label = shared || (!many && !professional) ? base
        : professional ? `${base} ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}` : `${base} ${i + 1}`;
      id.basis = guesses.get(id)!.basis;
    }
  }
}

// ---- scrubbing ----

let nicknameTable: Map<string, Set<string>> | undefined;
/** One hop in both directions of datasets/nicknames/names.csv: steven <-> steve, stevie. */
function nicknamesOf(given: string): Set<string> {
  if (!nicknameTable) {
    nicknameTable = new Map();
    try {
      const text = readFileSync(new URL('../../datasets/nicknames/names.csv', import.meta.url), 'utf8');
      for (const line of text.split('\n').slice(1)) {
        const [a, rel, b] = line.trim().split(',');
        if (!a || !b || rel !== 'has_nickname') continue;
        for (const [x, y] of [[a, b], [b, a]] as const) {
          const set = nicknameTable.get(x) ?? new Set();
          set.add(y);
          nicknameTable.set(x, set);
        }
      }
    } catch {
      // no table: whole names and their parts are still scrubbed
    }
  }
  return nicknameTable.get(given.toLowerCase()) ?? new Set();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;
const SUFFIXES = ['Road', 'Rd', 'Street', 'St', 'Row', 'Close', 'Cl', 'Avenue', 'Ave', 'Lane', 'Ln', 'Way', 'Drive', 'Dr', 'Court', 'Ct',
  'Gardens', 'Gdns', 'Place', 'Pl', 'Terrace', 'Crescent', 'Cres', 'Grove', 'Hill', 'Square', 'Sq', 'Walk', 'Mews', 'Park', 'Estate', 'House'];
/** Street words as addresses write them: capitalised or in capitals ("Birch Road", "BIRCH ROAD"), not "a long drive". */
const STREET_SUFFIX = `(?:${SUFFIXES.flatMap((s) => [s, s.toUpperCase()]).join('|')})`;
const STREET_ADDRESS = new RegExp(`\\b(?:(?:[Ff]lat|FLAT)\\s+\\d+[A-Za-z]?,?\\s*)?\\d+[A-Za-z]?(?:\\s*\\/\\s*\\d+[A-Za-z]?)?,?\\s+(?:[A-Z][A-Za-z'-]*\\s+){1,3}${STREET_SUFFIX}\\b\\.?`, 'g');
const NHS_NUMBER = /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g;
const PHONE = /(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b/g;
const DOB_PHRASE = /\b(?:date of birth|d\.?o\.?b\.?|born)\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})/gi;

export type Scrubber = (text: string) => string;

function makeScrubber(people: People, household: Household | undefined): Scrubber {
  /** lower-case name text -> labels of the people who bear it */
  const known = new Map<string, Set<string>>();
  const variants = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, text: string, label: string) => {
    const k = text.toLowerCase();
    const set = map.get(k) ?? new Set();
    set.add(label);
    map.set(k, set);
  };
  for (const id of people.ids.values()) {
    if (!id.label) continue;
    for (const name of id.names) {
      const tokens = name.split(/\s+/).filter((t) => WORD.test(t));
      if (tokens.length > 1) add(known, tokens.join(' '), id.label);
      for (const t of tokens) {
        const bare = t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
        if (bare.length >= 2) add(known, bare, id.label);
      }
      const given = tokens.length > 1 ? tokens[0]! : null;
      if (given) for (const v of nicknamesOf(given)) if (v.length >= 3) add(variants, v, id.label);
    }
  }
  for (const k of known.keys()) variants.delete(k);
  const alternatives = [...known.keys(), ...variants.keys()].sort((a, b) => b.length - a.length)
    .map((k) => escapeRe(k).replace(/ /g, '\\s+'));
  const names = alternatives.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  const labelFor = (labels: Set<string>) => (labels.size === 1 ? [...labels][0]! : `[${[...labels].sort().join(' or ')}]`);
  // Street names of the child's homes, written without a number ("seen in Birch Road").
  const streets = new Set<string>();
  for (const a of household?.addresses ?? []) {
    const m = /\d+[a-z]?\s+([a-z' -]+?)\s+\w+$/i.exec((a.address ?? '').replace(POSTCODE, '').trim());
    if (m?.[1]) streets.add(m[1].trim());
  }
  const streetRe = streets.size
    ? new RegExp(`\\b(?:${[...streets].map(escapeRe).join('|')})\\s+${STREET_SUFFIX}\\b`, 'gi')
    : null;

  return (text: string) => {
    let out = text
      .replace(DOB_PHRASE, '[date of birth]')
      .replace(STREET_ADDRESS, '[address]')
      .replace(POSTCODE, '[postcode]')
      .replace(NHS_NUMBER, '[NHS number]')
      .replace(PHONE, '[telephone]');
    if (streetRe) out = out.replace(streetRe, '[address]');
    if (names) {
      out = out.replace(names, (m) => {
        const k = m.toLowerCase().replace(/\s+/g, ' ');
        const labels = known.get(k);
        if (labels) return labelFor(labels);
        // A nickname variant only where it is written as a name: "Steve", not "pete" in a sentence.
        const v = variants.get(k);
        return v && /^\p{Lu}/u.test(m) ? labelFor(v) : m;
      });
    }
    return out;
  };
}

// ---- ages ----

/** The age on a date: "17 days old", "7 months old", "4 years old"; "about" when only the year or month of birth is known. */
export function ageAt(dob: string | null, on: string): string | null {
  if (!dob || !/^\d{4}-\d{2}-\d{2}/.test(on)) return null;
  const date = on.slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(dob)) {
    const months = wholeMonthsAt(dob, date);
    if (months === null || months < 0) return null;
    if (months === 0) {
      const days = Math.round((Date.parse(date) - Date.parse(dob)) / 86_400_000);
      return `${days} day${days === 1 ? '' : 's'} old`;
    }
    if (months < 24) return `${months} month${months === 1 ? '' : 's'} old`;
    const y = Math.floor(months / 12);
    return `${y} years old`;
  }
  const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(dob);
  if (!partial) return null;
  const months = (Number(date.slice(0, 4)) - Number(partial[1])) * 12 + (partial[2] ? Number(date.slice(5, 7)) - Number(partial[2]) : 0);
  if (months < 0) return null;
  if (partial[2] && months < 24) return `about ${months} months old`;
  return `about ${Math.round(months / 12)} years old`;
}

// ---- the export ----

export function redactForReview(chronology: ReviewInput, household?: Household): ReviewExport {
  const { people, keyOf } = collectPeople(chronology, household);
  assignLabels(people);
  const scrub = makeScrubber(people, household);
  const childDob = people.get('child').dob;
  const labelOfKey = (key: string) => (key === 'withheld' ? 'Withheld' : people.get(key).label ?? 'Person');
  const childId = chronology.personId ?? household?.personId;

  const entries: ReviewEntry[] = chronology.entries.map((e, n) => ({
    n: n + 1,
    date: e.occurredOn,
    ...(e.certainty === 'approximate' ? { approximate: true as const } : {}),
    childAge: ageAt(childDob, e.occurredOn),
    agency: { name: e.agency.name, kind: e.agency.kind },
    kind: e.kind,
    childRole: e.role,
    summary: scrub(e.summary),
    ...(e.narrative ? { narrative: scrub(e.narrative) } : {}),
    injuries: e.injuries.map((i) => ({ ...i, ...(i.ageEstimate ? { ageEstimate: scrub(i.ageEstimate) } : {}) })),
    people: e.others.map((o, i) => ({ label: labelOfKey(keyOf(e, i)), role: o.role })),
    alerts: e.alerts.map((a) => ({ rule: a.rule, severity: a.severity, firedOn: a.firedOn })),
    ...(e.withheld ? { withheld: scrub(e.withheld) } : {}),
  }));

  const firstDate = new Map<string, string>();
  chronology.entries.forEach((e) => { e.others.forEach((_, i) => {
    const k = keyOf(e, i);
    if (!firstDate.has(k)) firstDate.set(k, e.occurredOn);
  }); });
  const hhKey = (p: { personId: number | null; mention?: string }) => personKey(p.personId, childId) ?? `mention:${p.mention}`;
  const members = new Map((household?.members ?? []).map((m) => [hhKey(m), m]));
  const network = new Map((household?.network ?? []).map((m) => [hhKey(m), m]));

  const reviewPeople: ReviewPerson[] = [];
  const seenLabels = new Set<string>();
  for (const id of [...people.ids.values()].sort((a, b) => a.firstSeen - b.firstSeen)) {
    if (id.key === 'child' || !id.label) continue;
    const member = members.get(id.key);
    const net = network.get(id.key);
    const first = firstDate.get(id.key) ?? member?.from;
    const person: ReviewPerson = {
      label: id.label,
      basis: scrub(id.basis ?? ''),
      entries: id.entries,
      ...(id.dob && first ? { ageAtFirstEntry: ageAt(id.dob, first) } : {}),
      ...(member ? {
        household: {
          periods: member.periods.map((p) => ({ from: p.from, to: p.to })), current: member.current,
          why: [...new Set(member.evidence.map((ev) => ev.why))], knownToSocialCare: member.knownToSocialCare,
        },
      } : {}),
      ...(net ? { network: { knownToSocialCare: net.knownToSocialCare } } : {}),
    };
    // Two identities under one shared label ("Mother" split by the linker) are listed once, merged.
    const same = seenLabels.has(id.label) ? reviewPeople.find((p) => p.label === id.label) : undefined;
    if (same) {
      same.entries += person.entries;
      if (person.household) {
        same.household = same.household
          ? {
            periods: [...same.household.periods, ...person.household.periods].sort((a, b) => a.from.localeCompare(b.from)),
            current: same.household.current || person.household.current,
            why: [...new Set([...same.household.why, ...person.household.why])],
            knownToSocialCare: same.household.knownToSocialCare || person.household.knownToSocialCare,
          }
          : person.household;
      }
      continue;
    }
    seenLabels.add(id.label);
    reviewPeople.push(person);
  }

  const homes: ReviewExport['homes'] = [];
  const homeLabel = new Map<string, string>();
  for (const a of household?.addresses ?? []) {
    const k = a.postcode ?? a.address ?? `unknown ${homes.length}`;
    if (!homeLabel.has(k)) homeLabel.set(k, `Home ${homeLabel.size + 1}`);
    const placedKey = a.placedWith ? (personKey(a.placedWith.personId, childId) ?? people.keyForUnlinked(a.placedWith.name, '')) : null;
    homes.push({
      label: homeLabel.get(k)!, from: a.from, to: a.to,
      ...(a.placedWith ? { placedWith: placedKey && people.ids.get(placedKey)?.label ? people.get(placedKey).label! : scrub(a.placedWith.name) } : {}),
    });
  }

  const dates = chronology.entries.map((e) => e.occurredOn);
  const agencies = new Map(chronology.entries.map((e) => [e.agency.name, { name: e.agency.name, kind: e.agency.kind }]));
  return {
    format: 'review-chronology/1',
    redaction: REDACTION_NOTE,
    child: { label: 'Child', ageAtFirstEntry: dates.length ? ageAt(childDob, dates[0]!) : null, ageAtLastEntry: dates.length ? ageAt(childDob, dates.at(-1)!) : null },
    agencies: [...agencies.values()],
    people: reviewPeople,
    homes,
    entries,
  };
}

// ---- rendering ----

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The export as Markdown: people, homes, then the chronology table. */
export function reviewToMarkdown(x: ReviewExport): string {
  const out: string[] = ['# Multi-agency chronology for a practice review', '', x.redaction, ''];
  out.push(`The child was ${x.child.ageAtFirstEntry ?? 'of unknown age'} at the first record and ${x.child.ageAtLastEntry ?? 'of unknown age'} at the last.`, '');
  out.push('## Agencies', '', ...x.agencies.map((a) => `- ${a.name} (${a.kind})`), '');
  out.push('## People', '', '| Person | Basis | Household | Known to social care |', '|---|---|---|---|');
  for (const p of x.people) {
    const hh = p.household
      ? `${p.household.periods.map((q) => (q.from === q.to ? q.from : `${q.from} to ${q.to}`)).join('; ')}${p.household.current ? ' (still there at the last record)' : ''} — ${p.household.why.join(', ')}`
      : p.network ? 'wider network' : '';
    const known = p.household ? (p.household.knownToSocialCare ? 'yes' : '**NO**') : p.network ? (p.network.knownToSocialCare ? 'yes' : 'no') : '';
    out.push(`| ${cell(p.label)}${p.ageAtFirstEntry ? ` (${p.ageAtFirstEntry} when first recorded)` : ''} | ${cell(p.basis)} | ${cell(hh)} | ${known} |`);
  }
  out.push('');
  if (x.homes.length) {
    out.push('## Homes', '', ...x.homes.map((h) => `- ${h.from} to ${h.to}: ${h.label}${h.placedWith ? ` (placed with ${h.placedWith})` : ''}`), '');
  }
  out.push('## Chronology', '', '| # | Date | Child\'s age | Agency | What happened | People named |', '|---|---|---|---|---|---|');
  for (const e of x.entries) {
    const what = [
      e.summary,
      e.narrative ? `_${e.narrative}_` : '',
      ...e.alerts.filter((a) => a.firedOn === e.date).map((a) => `**Alert (${a.severity}): ${a.rule}**`),
      e.withheld ? `(${e.withheld})` : '',
    ].filter(Boolean).join(' — ');
    const who = e.people.map((p) => p.label).join(', ');
    out.push(`| ${e.n} | ${e.date}${e.approximate ? ' (approx.)' : ''} | ${e.childAge ?? ''} | ${cell(e.agency.name)} | ${cell(what)} | ${cell(who)} |`);
  }
  return out.join('\n') + '\n';
}

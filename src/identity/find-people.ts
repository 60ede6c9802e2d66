// Finding a person from one search box: a name (misspelt, a nickname, written
// surname first), a date of birth, an NHS number, a postcode or an address.
// Candidates come only from what the viewer may already see (the viewer
// condition is inside the query, as for listPeople); they are scored with the
// identity engine's own comparators (comparisons.ts: Jaro–Winkler, nicknames;
// double metaphone as the linker's blocking uses it), and each result says why
// it matched.
//
// Two kinds of result, and no third:
// - people the viewer has a full relationship with (shared/relationship.ts):
//   children and the adults the viewer's agency has itself recorded, opened on
//   their own page;
// - people NAMED BESIDE one of those in a record the viewer is shown in full
//   on that person's page (the information-sharing policy decides, as for the
//   chronology): the mother's new partner named as next of kin in a hospital
//   record about the child, the unknown adult an alert names. A practitioner
//   who can read that record already sees the name there; the search only
//   lets them find it by the name. Such a person is scored ONLY on what those
//   records say about them (never on another agency's record of them, which
//   would answer "is their date of birth X?"), shown with where they are named
//   and beside whom, and linked to the page of the person beside them, never
//   to a page of their own: that stays "not found" without a relationship.
// What each reader therefore finds under the shipped sharing policy
// (access/sharing-policy.json): a social worker, the adults named in any
// record about their children but sexual-health and adoption records; a GP or
// a hospital, those named in health, social-care and school records about
// their patients; the police, those named in police, social-care, school,
// housing and probation records, not in health records (outline only: the
// detail comes through a strategy discussion); anyone with no relationship,
// nobody. Working Together 2023 ch. 2 and the Caldicott principles:
// necessary, proportionate, on a need-to-know basis.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import doubleMetaphoneModule from 'talisman/phonetics/double-metaphone.js';
import type { Database } from '../db/schema.ts';
import { knownTo, type Viewer } from '../shared/relationship.ts';
import { isRealDate } from '../records/dates.ts';
import type { AgencyRecord } from '../records/types.ts';
import { isValidNhsNumber } from '../records/nhs-number.ts';
import { dobComparison, familyNameComparison, givenNameComparison, normaliseAddress } from './linkage/comparisons.ts';
import { normaliseName } from './linkage/names.ts';
import type { LinkRecord } from './linkage/types.ts';
import { normalisePostcode } from './normalise.ts';
import { mostCommon } from './people.ts';

const doubleMetaphone = ((doubleMetaphoneModule as unknown as { default?: unknown }).default ?? doubleMetaphoneModule) as (s: string) => [string, string];

export type SearchKind = 'name' | 'dob' | 'nhs-number' | 'postcode' | 'address';

export interface ParsedSearch {
  /** what the query holds, for the audit trail (never the text itself) */
  kinds: SearchKind[];
  /** the words of a name, as typed */
  name: string[];
  /** YYYY-MM-DD */
  dob: string | null;
  nhsNumber: string | null;
  /** a full UK postcode in its normal form ("N17 6AA") */
  postcode: string | null;
  /** a postcode's outward code alone ("N17") */
  district: string | null;
  /** address text, for a query with a house number or street in it */
  address: string | null;
}

/** A person as a page shows them: the names, date of birth, NHS number and postcode agencies most often give. */
export interface PersonCard {
  id: number;
  name: string;
  given: string | null;
  family: string | null;
  dob: string | null;
  nhsNumber: string | null;
  postcode: string | null;
  agencies: string[];
}

export interface FoundPerson extends PersonCard {
  /** 0..1: the mean of the parts of the query the person matched */
  score: number;
  /** why this person matched, in words */
  why: string[];
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_RESULTS = 25;
/** A person is shown when they match at least this well (the mean over the parts of the query). */
export const MATCH_FLOOR = 0.6;
/** The most candidate mentions one search scores (a first letter shared by tens of thousands is not a search). */
const MAX_CANDIDATES = 20_000;

const pad = (n: string) => n.padStart(2, '0');

/** What a search box holds: dates and NHS numbers and postcodes are taken out first; what is left is a name or an address. */
export function parseSearch(raw: string): ParsedSearch {
  let text = ` ${raw.slice(0, MAX_QUERY_LENGTH).replace(/\s+/g, ' ')} `;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(text);
    if (m) text = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
    return m;
  };
  let dob: string | null = null;
  const uk = take(/(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])/);
  if (uk) dob = `${uk[3]}-${pad(uk[2]!)}-${pad(uk[1]!)}`;
  else {
    const iso = take(/(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/.-])/);
    if (iso) dob = `${iso[1]}-${pad(iso[2]!)}-${pad(iso[3]!)}`;
  }
  let nhsNumber: string | null = null;
  const nhs = take(/(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)/);
  if (nhs) nhsNumber = `${nhs[1]}${nhs[2]}${nhs[3]}`;
  let postcode: string | null = null;
  const pc = take(/(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?) ?(\d[A-Za-z]{2})(?![A-Za-z0-9])/);
  if (pc) postcode = normalisePostcode(`${pc[1]} ${pc[2]}`);
  const rest = text.replace(/[,;]/g, ' ').replace(/\s+/g, ' ').trim();
  let district: string | null = null;
  let address: string | null = null;
  let name: string[] = [];
  if (/^[A-Za-z]{1,2}\d[A-Za-z\d]?$/.test(rest) && /\d/.test(rest)) district = rest.toUpperCase();
  else if (/\d/.test(rest)) address = rest;
  else if (rest) name = rest.split(' ').filter((w) => normaliseName(w));
  const kinds: SearchKind[] = [];
  if (name.length) kinds.push('name');
  if (dob) kinds.push('dob');
  if (nhsNumber) kinds.push('nhs-number');
  if (postcode || district) kinds.push('postcode');
  if (address) kinds.push('address');
  return { kinds, name, dob, nhsNumber, postcode, district, address };
}

/** Whether a parsed date of birth is a real one (a search for 31/02/2020 says so rather than finding nobody). */
export function searchProblems(s: ParsedSearch): string[] {
  const out: string[] = [];
  if (s.dob && !isRealDate(s.dob)) out.push('The date of birth must be a real date, like 27/03/2019 or 2019-03-27');
  if (s.nhsNumber && !isValidNhsNumber(s.nhsNumber)) out.push('That is not a valid NHS number: check the 10 digits');
  return out;
}

// ---- scoring -------------------------------------------------------------------

const GIVEN = givenNameComparison();
const FAMILY = familyNameComparison();
const DOB = dobComparison();
const GIVEN_SCORE = [1, 0.9, 0.85, 0.7, 0];
const FAMILY_SCORE = [1, 0.85, 0.7, 0];
const GIVEN_WHY = ['the same', 'a nickname or variant of', 'spelt like', 'close to', ''];
const FAMILY_WHY = ['the same as', 'spelt like', 'close to', ''];

const phonetics = (word: string): string[] => {
  const n = normaliseName(word);
  if (!n) return [];
  const [a, b] = doubleMetaphone(n);
  return [a, b].filter((x): x is string => !!x);
};
const soundAlike = (x: string, y: string): boolean => {
  const px = phonetics(x);
  return px.length > 0 && phonetics(y).some((p) => px.includes(p));
};

interface Part { score: number; why: string }

function givenPart(query: string, cand: LinkRecord): Part {
  const level = GIVEN.level({ id: 'q', given: query }, cand);
  if (level === null) return { score: 0, why: '' };
  const named = `given name ${cand.given}`;
  if (GIVEN_SCORE[level]! > 0) return { score: GIVEN_SCORE[level]!, why: level === 0 ? named : `${named}: ${GIVEN_WHY[level]} "${query}"` };
  if (soundAlike(query, cand.given ?? '')) return { score: 0.7, why: `${named}: sounds like "${query}"` };
  return { score: 0, why: '' };
}

function familyPart(query: string, cand: LinkRecord): Part {
  const level = FAMILY.level({ id: 'q', family: query }, cand);
  if (level === null) return { score: 0, why: '' };
  const named = `family name ${cand.family}`;
  if (FAMILY_SCORE[level]! > 0) return { score: FAMILY_SCORE[level]!, why: level === 0 ? (normaliseName(query) === normaliseName(cand.family ?? undefined) ? named : `${named} (known as "${query}")`) : `${named}: ${FAMILY_WHY[level]} "${query}"` };
  if (soundAlike(query, cand.family ?? '')) return { score: 0.7, why: `${named}: sounds like "${query}"` };
  return { score: 0, why: '' };
}

/** How well a candidate's names fit the name typed: one word against either name; more, as given … family or family … given. */
export function nameScore(words: string[], cand: LinkRecord): Part {
  if (!words.length) return { score: 0, why: '' };
  if (words.length === 1) {
    const g = givenPart(words[0]!, cand);
    const f = familyPart(words[0]!, cand);
    return g.score >= f.score ? g : f;
  }
  const first = words.slice(0, -1).join(' ');
  const last = words.at(-1)!;
  const pairs: [Part, Part, boolean][] = [
    [givenPart(first, cand), familyPart(last, cand), false],
    [givenPart(last, cand), familyPart(words[0]!, cand), true],
  ];
  let best: Part = { score: 0, why: '' };
  for (const [g, f, swapped] of pairs) {
    if (g.score === 0 || f.score === 0) continue;
    const score = (g.score + f.score) / 2 - (swapped ? 0.02 : 0);
    if (score > best.score) best = { score, why: `${g.why}; ${f.why}${swapped ? ' (written family name first)' : ''}` };
  }
  return best;
}

function dobPart(dob: string, cand: LinkRecord): Part {
  const level = DOB.level({ id: 'q', dob }, cand);
  if (level === 0) return { score: 1, why: 'date of birth' };
  if (level === 1) return { score: 0.7, why: 'date of birth with the day and month the other way round' };
  return { score: 0, why: '' };
}

// ---- the queries ---------------------------------------------------------------

interface CandidateRow {
  person_id: number | string;
  given: string | null;
  family: string | null;
  dob: string | null;
  nhs_number: string | null;
  postcode: string | null;
  identity: Omit<LinkRecord, 'id'> | null;
}

/** Letters a name may be misheard as starting with, so a misspelt first letter (Conelly/Konelly) still finds candidates. */
const SOUNDS_AS: Record<string, string> = { c: 'ckqs', k: 'ckq', q: 'ckq', s: 'scz', z: 'sz', f: 'fp', p: 'pf', g: 'gj', j: 'jg', i: 'iey', y: 'yie', e: 'eia', v: 'vw', w: 'wv' };

/** The conditions that narrow a search to the mentions (`m`) that could match it, before scoring. */
function candidateConditions(s: ParsedSearch): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  const words = s.name.map((w) => normaliseName(w)).filter((w): w is string => !!w);
  if (words.length) {
    const letters = [...new Set(words.flatMap((w) => [...(SOUNDS_AS[w[0]!] ?? w[0]!)]))];
    conditions.push(sql`left(m.given_norm, 1) = any(${letters}::text[]) or left(m.family_norm, 1) = any(${letters}::text[])`);
  }
  if (s.dob) {
    const [y, mo, d] = s.dob.split('-');
    conditions.push(sql`m.dob = any(${[s.dob, `${y}-${d}-${mo}`]}::text[])`);
  }
  if (s.nhsNumber) conditions.push(sql`m.nhs_number = ${s.nhsNumber}`);
  if (s.postcode) conditions.push(sql`m.postcode = ${s.postcode}`);
  if (s.district) conditions.push(sql`m.postcode like ${`${s.district} %`}`);
  const longest = addressWordsOf(s).sort((a, b) => b.length - a.length)[0];
  if (longest) conditions.push(sql`lower(m.identity->>'address') like ${`%${longest.replace(/[%_\\]/g, '')}%`}`);
  return conditions;
}

const addressWordsOf = (s: ParsedSearch): string[] => (s.address ? (normaliseAddress(s.address)?.text.split(' ') ?? []) : []);

/** How well one mention of a person fits each part of the query. */
function scoreMention(s: ParsedSearch, personId: number, row: CandidateRow): [SearchKind, Part][] {
  const cand: LinkRecord = { ...(row.identity ?? {}), id: String(personId), given: row.identity?.given ?? row.given, family: row.identity?.family ?? row.family, dob: row.dob, nhsNumber: row.nhs_number, postcode: row.postcode };
  const parts: [SearchKind, Part][] = [];
  if (s.name.length) parts.push(['name', nameScore(s.name, cand)]);
  if (s.dob) parts.push(['dob', dobPart(s.dob, cand)]);
  if (s.nhsNumber) parts.push(['nhs-number', row.nhs_number === s.nhsNumber ? { score: 1, why: 'NHS number' } : { score: 0, why: '' }]);
  if (s.postcode) parts.push(['postcode', row.postcode === s.postcode ? { score: 1, why: `postcode ${row.postcode}` } : { score: 0, why: '' }]);
  if (s.district) parts.push(['postcode', row.postcode?.startsWith(`${s.district} `) ? { score: 0.8, why: `postcode ${row.postcode} (in ${s.district})` } : { score: 0, why: '' }]);
  const addressWords = addressWordsOf(s);
  if (addressWords.length) {
    const have = new Set(normaliseAddress(cand.address)?.text.split(' ') ?? []);
    parts.push(['address', addressWords.every((w) => have.has(w)) ? { score: 1, why: `address ${cand.address}` } : { score: 0, why: '' }]);
  }
  return parts;
}

/** Each person's score: for each part of the query, the best any of their mentions does; the mean over the parts; the best first. */
function bestPeople(s: ParsedSearch, rows: CandidateRow[]): { id: number; score: number; why: string[] }[] {
  const best = new Map<number, Map<SearchKind, Part>>();
  for (const row of rows) {
    const id = Number(row.person_id);
    const mine = best.get(id) ?? new Map<SearchKind, Part>();
    for (const [kind, part] of scoreMention(s, id, row)) if (part.score > (mine.get(kind)?.score ?? 0)) mine.set(kind, part);
    best.set(id, mine);
  }
  return [...best.entries()].map(([id, parts]) => {
    const score = s.kinds.reduce((sum, k) => sum + (parts.get(k)?.score ?? 0), 0) / s.kinds.length;
    return { id, score, why: s.kinds.map((k) => parts.get(k)?.why).filter((w): w is string => !!w) };
  }).filter((x) => x.score >= MATCH_FLOOR).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, MAX_RESULTS);
}

const whereAny = (conditions: RawBuilder<unknown>[]) => sql.join(conditions.map((c) => sql`(${c})`), sql` or `);

/** The people the viewer has a full relationship with who match the search, best first. */
export async function findPeople(tx: Transaction<Database>, s: ParsedSearch, viewer: Viewer): Promise<FoundPerson[]> {
  if (!s.kinds.length) return [];
  const rows = (await sql<CandidateRow>`
    select pm.person_id, m.given, m.family, m.dob, m.nhs_number, m.postcode, m.identity
    from person_mention pm join mention m on m.id = pm.mention_id
    where (${whereAny(candidateConditions(s))})
    and ${knownTo(viewer, 'pm.person_id')}
    limit ${MAX_CANDIDATES}`.execute(tx)).rows;
  const scored = bestPeople(s, rows);
  const cards = new Map((await personCards(tx, scored.map((x) => x.id), viewer)).map((c) => [c.id, c]));
  return scored.filter((x) => cards.has(x.id)).map((x) => ({ ...cards.get(x.id)!, score: Math.round(x.score * 100) / 100, why: x.why }));
}

/** A record as the information-sharing policy weighs it (the repository holds the policy). */
export interface SharedRecord {
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  document: AgencyRecord;
}

/** Where a person found beside someone else is named: one record, as it names them. */
export interface NamedIn {
  recordId: number;
  /** agency/ref of the record */
  source: string;
  agencyName: string;
  /** YYYY-MM-DD */
  occurredOn: string;
  /** how the record names them: "partner of mother", or their role */
  as: string;
  /** the people the viewer has a full relationship with whom the record also names (their pages hold it) */
  beside: { id: number; name: string }[];
}

/**
 * A person the viewer has no relationship with, named in records the viewer reads in full about someone
 * they do have one with. `personId` is for the audit trail only: there is no page of theirs to open.
 */
export interface NamedBeside {
  personId: number;
  name: string;
  /** only as those records give it */
  dob: string | null;
  score: number;
  why: string[];
  namedIn: NamedIn[];
}

interface BesideRow extends CandidateRow {
  record_id: number | string;
  role: string;
  key: string;
  agency_id: string;
  agency_name: string;
  agency_kind: string;
  ref: string;
  document: AgencyRecord;
  occurred_on: string;
  beside: (number | string)[];
}

/** The most records listed for one person found beside someone. */
const MAX_NAMED_IN = 5;

/**
 * People the viewer has no relationship with, named in a current record beside someone they do have one
 * with, where the sharing policy shows the viewer that record in full (`shownInFull`, as on that person's
 * page). Scored on those mentions alone. Professionals named in records are not searched this way.
 */
export async function findNamedBeside(tx: Transaction<Database>, s: ParsedSearch, viewer: Viewer, shownInFull: (r: SharedRecord) => boolean): Promise<NamedBeside[]> {
  if (!s.kinds.length) return [];
  const rows = (await sql<BesideRow>`
    select pm.person_id, m.given, m.family, m.dob, m.nhs_number, m.postcode, m.identity, m.role, m.key,
      r.id as record_id, r.agency_id, a.name as agency_name, a.kind as agency_kind, r.ref, r.document, r.occurred_on::text as occurred_on,
      array_agg(distinct pm1.person_id) as beside
    from person_mention pm
    join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id
    join agency a on a.id = r.agency_id
    join mention m1 on m1.record_id = m.record_id and m1.id <> m.id
    join person_mention pm1 on pm1.mention_id = m1.id and pm1.person_id <> pm.person_id
    where (${whereAny(candidateConditions(s))})
    and m.role <> 'professional'
    and ${knownTo(viewer, 'pm1.person_id')}
    and not ${knownTo(viewer, 'pm.person_id')}
    group by pm.person_id, m.id, r.id, a.id
    limit ${MAX_CANDIDATES}`.execute(tx)).rows
    .filter((r) => shownInFull({ agencyId: r.agency_id, agencyName: r.agency_name, agencyKind: r.agency_kind, document: r.document }));
  const scored = bestPeople(s, rows);
  const besideIds = [...new Set(rows.flatMap((r) => r.beside.map(Number)))];
  const names = new Map((await personCards(tx, besideIds, viewer)).map((c) => [c.id, c.name]));
  return scored.map((x) => {
    const mine = rows.filter((r) => Number(r.person_id) === x.id)
      .sort((a, b) => (a.occurred_on < b.occurred_on ? 1 : a.occurred_on > b.occurred_on ? -1 : 0));
    const named = mine.map((r) => [r.given, r.family].filter(Boolean).join(' ')).filter(Boolean);
    const dobs = mine.map((r) => r.dob).filter((d): d is string => !!d);
    return {
      personId: x.id,
      name: mostCommon(named) ?? 'unnamed',
      dob: mostCommon(dobs.filter((d) => d.length === 10)) ?? mostCommon(dobs) ?? null,
      score: Math.round(x.score * 100) / 100,
      why: x.why,
      namedIn: mine.slice(0, MAX_NAMED_IN).map((r) => {
        const said = r.document.people.find((p) => p.key === r.key)?.relationship;
        return {
          recordId: Number(r.record_id), source: `${r.agency_id}/${r.ref}`, agencyName: r.agency_name, occurredOn: r.occurred_on, as: said ?? r.role.replace(/-/g, ' '),
          beside: r.beside.map(Number).filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
        };
      }),
    };
  });
}

/** People by id as a page shows them, only those the viewer has a full relationship with. */
export async function personCards(tx: Transaction<Database>, ids: number[], viewer: Viewer): Promise<PersonCard[]> {
  if (!ids.length) return [];
  const rows = (await sql<{ person_id: number; agency_id: string; given: string | null; family: string | null; dob: string | null; nhs_number: string | null; postcode: string | null }>`
    select pm.person_id, r.agency_id, m.given, m.family, m.dob, m.nhs_number, m.postcode
    from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = any(${ids}::bigint[])
    and ${knownTo(viewer, 'pm.person_id')}
    order by pm.person_id, r.occurred_at desc, r.id desc`.execute(tx)).rows;
  const byPerson = new Map<number, typeof rows>();
  for (const r of rows) byPerson.set(Number(r.person_id), [...(byPerson.get(Number(r.person_id)) ?? []), r]);
  const common = (values: (string | null)[]) => mostCommon(values.filter((v): v is string => !!v)) ?? null;
  const order = new Map(ids.map((id, i) => [id, i]));
  return [...byPerson.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!).map(([id, list]) => {
    const names = list.map((x) => [x.given, x.family].filter(Boolean).join(' ')).filter(Boolean);
    const name = mostCommon(names) ?? 'unnamed';
    const withName = list.find((x) => [x.given, x.family].filter(Boolean).join(' ') === name);
    const full = list.map((x) => x.dob).filter((d): d is string => !!d && d.length === 10);
    return {
      id, name,
      given: withName?.given ?? null,
      family: withName?.family ?? null,
      dob: common(full) ?? common(list.map((x) => x.dob)),
      nhsNumber: common(list.map((x) => x.nhs_number)),
      postcode: list.find((x) => x.postcode)?.postcode ?? null,
      agencies: [...new Set(list.map((x) => x.agency_id))].sort(),
    };
  });
}

// Finding a child from one search box: a name (misspelt, a nickname, written
// surname first), a date of birth, an NHS number, a postcode or an address.
// Candidates come only from the people the viewer has a relationship with (the
// viewer condition is inside the query, as for listPeople); they are scored
// with the identity engine's own comparators (comparisons.ts: Jaro–Winkler,
// nicknames; double metaphone as the linker's blocking uses it), and each
// result says why it matched.
import { sql, type Transaction } from 'kysely';
import doubleMetaphoneModule from 'talisman/phonetics/double-metaphone.js';
import type { Database } from '../db/schema.ts';
import { knownTo, type Viewer } from '../access/relationship.ts';
import { isRealDate } from '../records/dates.ts';
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
  person_id: number;
  given: string | null;
  family: string | null;
  dob: string | null;
  nhs_number: string | null;
  postcode: string | null;
  identity: Omit<LinkRecord, 'id'> | null;
}

/** Letters a name may be misheard as starting with, so a misspelt first letter (Conelly/Konelly) still finds candidates. */
const SOUNDS_AS: Record<string, string> = { c: 'ckqs', k: 'ckq', q: 'ckq', s: 'scz', z: 'sz', f: 'fp', p: 'pf', g: 'gj', j: 'jg', i: 'iey', y: 'yie', e: 'eia', v: 'vw', w: 'wv' };

export async function findPeople(tx: Transaction<Database>, s: ParsedSearch, viewer: Viewer): Promise<FoundPerson[]> {
  if (!s.kinds.length) return [];
  const conditions = [];
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
  const addressWords = s.address ? (normaliseAddress(s.address)?.text.split(' ') ?? []) : [];
  if (addressWords.length) {
    const longest = [...addressWords].sort((a, b) => b.length - a.length)[0]!;
    conditions.push(sql`lower(m.identity->>'address') like ${`%${longest.replace(/[%_\\]/g, '')}%`}`);
  }
  const rows = (await sql<CandidateRow>`
    select pm.person_id, m.given, m.family, m.dob, m.nhs_number, m.postcode, m.identity
    from person_mention pm join mention m on m.id = pm.mention_id
    where (${sql.join(conditions.map((c) => sql`(${c})`), sql` or `)})
    and ${knownTo(viewer, 'pm.person_id')}
    limit ${MAX_CANDIDATES}`.execute(tx)).rows;

  // Each part of the query: the best any of the person's mentions does.
  const best = new Map<number, Map<SearchKind, Part>>();
  for (const row of rows) {
    const cand: LinkRecord = { ...(row.identity ?? {}), id: String(row.person_id), given: row.identity?.given ?? row.given, family: row.identity?.family ?? row.family, dob: row.dob, nhsNumber: row.nhs_number, postcode: row.postcode };
    const parts: [SearchKind, Part][] = [];
    if (s.name.length) parts.push(['name', nameScore(s.name, cand)]);
    if (s.dob) parts.push(['dob', dobPart(s.dob, cand)]);
    if (s.nhsNumber) parts.push(['nhs-number', row.nhs_number === s.nhsNumber ? { score: 1, why: 'NHS number' } : { score: 0, why: '' }]);
    if (s.postcode) parts.push(['postcode', row.postcode === s.postcode ? { score: 1, why: `postcode ${row.postcode}` } : { score: 0, why: '' }]);
    if (s.district) parts.push(['postcode', row.postcode?.startsWith(`${s.district} `) ? { score: 0.8, why: `postcode ${row.postcode} (in ${s.district})` } : { score: 0, why: '' }]);
    if (addressWords.length) {
      const have = new Set(normaliseAddress(cand.address)?.text.split(' ') ?? []);
      parts.push(['address', addressWords.every((w) => have.has(w)) ? { score: 1, why: `address ${cand.address}` } : { score: 0, why: '' }]);
    }
    const mine = best.get(row.person_id) ?? new Map<SearchKind, Part>();
    for (const [kind, part] of parts) if (part.score > (mine.get(kind)?.score ?? 0)) mine.set(kind, part);
    best.set(row.person_id, mine);
  }
  const scored = [...best.entries()].map(([id, parts]) => {
    const score = s.kinds.reduce((sum, k) => sum + (parts.get(k)?.score ?? 0), 0) / s.kinds.length;
    return { id, score, why: s.kinds.map((k) => parts.get(k)?.why).filter((w): w is string => !!w) };
  }).filter((x) => x.score >= MATCH_FLOOR).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, MAX_RESULTS);
  const cards = new Map((await personCards(tx, scored.map((x) => x.id), viewer)).map((c) => [c.id, c]));
  return scored.filter((x) => cards.has(x.id)).map((x) => ({ ...cards.get(x.id)!, score: Math.round(x.score * 100) / 100, why: x.why }));
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

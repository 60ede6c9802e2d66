// A record whose identifier's other records outvote one of its fields. When
// three or more records carry one NHS number (or another person identifier),
// and the others agree with one another on a date of birth, a given name or a
// family name that this record alone contradicts, this record's value is the
// slip: a date typed into the wrong field, a sibling's name written over the
// child's. The identifier already joins it to the others (see
// `sharedIdentifierVerdict`); without this, the one wrong value would then
// veto every later record of the person that lacks the identifier ("born 30
// years apart", "likely twins"), and one typing error would split the person
// in two. So an outvoted value is set aside when the safeguards judge the
// record: it says nothing either way. Two records that disagree settle
// nothing (which one is wrong is a guess), so both keep their values.
import { dobComparison, familyNameComparison, givenNameComparison } from './comparisons.ts';
import { DOB_LEVELS } from './dates.ts';
import { namesSwapped } from './names-swapped.ts';
import type { LinkRecord } from './types.ts';

export type OutvotedField = 'dob' | 'given' | 'family';

export interface IdentifiedRecord {
  identity: LinkRecord;
  /** the identifiers it carries, each with its kind ("nhs:9434765919"): records sharing one are a group */
  identifiers: readonly string[];
  /** how many records it stands for (a member of a person that is one identity seen many times) */
  votes: number;
}

/** Fewest other records that must agree with one another, against this one, to outvote it. */
export const OUTVOTING_RECORDS = 2;

const dates = dobComparison();
const givenNames = givenNameComparison();
const familyNames = familyNameComparison();
const SLIP_DOB_LEVEL = DOB_LEVELS.indexOf('one of year/month/day differs');
const PARTIAL_DOB_LEVEL = DOB_LEVELS.indexOf('same year (or partial date consistent)');
const fullDob = (d: string | null | undefined) => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);

/** Whether two records agree on a field: null when either lacks it (no vote). */
function agree(field: OutvotedField, a: LinkRecord, b: LinkRecord): boolean | null {
  if (field === 'dob') {
    const level = dates.level(a, b);
    if (level === null) return null;
    return level <= SLIP_DOB_LEVEL || (level === PARTIAL_DOB_LEVEL && !(fullDob(a.dob) && fullDob(b.dob)));
  }
  const comparison = field === 'given' ? givenNames : familyNames;
  const level = comparison.level(a, b);
  if (level === null) return null;
  // the same name, a variant or one slip of the pen; names written the other way round are the same names
  return level <= (field === 'given' ? 2 : 1) || namesSwapped(a, b);
}

const FIELDS: readonly OutvotedField[] = ['dob', 'given', 'family'];

/** For each record (by index) that its identifier's other records outvote, the fields they outvote. */
export function outvotedFields(records: readonly IdentifiedRecord[]): Map<number, Set<OutvotedField>> {
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const id of r.identifiers) groups.set(id, [...(groups.get(id) ?? []), i]);
  });
  const out = new Map<number, Set<OutvotedField>>();
  for (const members of groups.values()) {
    if (members.length < 3 && members.reduce((n, i) => n + records[i]!.votes, 0) < 3) continue;
    for (const field of FIELDS) {
      for (const x of members) {
        const rx = records[x]!.identity;
        let contradicted = false;
        let agreed = false;
        for (const y of members) {
          if (y === x) continue;
          const v = agree(field, rx, records[y]!.identity);
          if (v === true) agreed = true;
          else if (v === false) contradicted = true;
        }
        if (agreed || !contradicted) continue;
        // The others must agree with one another: some record with enough votes behind it.
        const backed = members.some((y) => {
          if (y === x || agree(field, rx, records[y]!.identity) !== false) return false;
          let votes = records[y]!.votes;
          for (const z of members) if (z !== x && z !== y && agree(field, records[y]!.identity, records[z]!.identity) === true) votes += records[z]!.votes;
          return votes >= OUTVOTING_RECORDS;
        });
        if (backed) (out.get(x) ?? out.set(x, new Set()).get(x)!).add(field);
      }
    }
  }
  return out;
}

/** The record without the fields set aside: what the safeguards may judge it by. */
export function withoutFields(r: LinkRecord, fields: ReadonlySet<OutvotedField> | undefined): LinkRecord {
  if (!fields?.size) return r;
  return {
    ...r,
    ...(fields.has('dob') ? { dob: null } : {}),
    ...(fields.has('given') ? { given: null } : {}),
    ...(fields.has('family') ? { family: null } : {}),
    // an alias stands for a name set aside too
    ...(fields.has('given') || fields.has('family') ? { otherNames: [] } : {}),
  };
}

// Validation of an agency-record/1 document: the JSON Schema first (the
// contract, copied unchanged from the spec), then the checks a schema cannot
// express. Pure: the only outside fact it needs is the current time. Whether
// the agency is registered is checked where the database is (ingest).
import { readFileSync } from 'node:fs';
import Ajv2020Module, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isValidNhsNumber } from './nhs-number.ts';
import { earliestDate, isRealDate, londonDate, occurredDate, occurredInstant, isDateOnly } from './dates.ts';
import { pointerTo, problem, type Problem } from '../shared/problems.ts';
import type { AgencyRecord } from './types.ts';
import { MAX_JSON_DEPTH, UnreadableItem } from './json-input.ts';
import { contradictions } from './consistency.ts';
import { fieldHint, MEASUREMENT_INCOMPLETE } from './field-hints.ts';

// ajv ships CommonJS; under ESM its default export arrives wrapped.
const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module.default }).default;
const addFormats = (addFormatsModule).default;

export const agencyRecordSchema = JSON.parse(
  readFileSync(new URL('./agency-record.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const schemaCheck = ajv.compile(agencyRecordSchema);

/** A whole record larger than this is refused before anything else (the schema caps each field, not the sum). */
export const MAX_RECORD_BYTES = 512 * 1024;

/** A sending system's clock may run a little fast; a date-time this far ahead is still accepted. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Body fields that name a person by mention key, per kind. `[]` marks an array of keys. */
const KEY_FIELDS: Partial<Record<AgencyRecord['kind'], string[]>> = {
  attendance: ['broughtBy'],
  visit: ['present[]'],
  'police-action': ['suspect'],
  'prosecution-decision': ['suspect'],
  placement: ['subject', 'with'],
  'household-change': ['person'],
  demographics: ['nextOfKin'],
  death: ['subject'],
};

export type Validation = { ok: true; record: AgencyRecord } | { ok: false; problems: Problem[] };

export function validateRecord(input: unknown, now: Date): Validation {
  if (input instanceof UnreadableItem) return fail([input.problem]);
  // Bodies and files are measured before they are parsed (json-input.ts); a value built in code is measured here,
  // before JSON.stringify and the schema check, which recurse and would overflow the stack.
  if (nestedTooDeep(input)) {
    return fail([problem('', 'too-deep', `nested more than ${MAX_JSON_DEPTH} levels; an agency record needs only a few`)]);
  }
  const text = JSON.stringify(input) ?? '';
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_RECORD_BYTES) {
    return fail([problem('', 'too-large', `record is ${size} bytes; the limit is ${MAX_RECORD_BYTES}`)]);
  }
  if (!schemaCheck(input)) return fail(schemaProblems(schemaCheck.errors ?? []));
  const record = input as AgencyRecord;
  // JSON.stringify writes U+0000 and a lone surrogate as \u escapes (and a paired one as itself), so
  // the serialised text shows cheaply whether any string needs the exact walk.
  const suspect = /\\u(0000|d[89a-f])/i.test(text);
  const problems = [...(suspect ? unstorableTextProblems(record, '') : []), ...semanticProblems(record, now)];
  return problems.length ? fail(problems) : { ok: true, record };
}

/** Whether any value inside nests deeper than MAX_JSON_DEPTH, found without recursion. */
function nestedTooDeep(input: unknown): boolean {
  const stack: [unknown, number][] = [[input, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return true;
    for (const v of Object.values(value)) if (v && typeof v === 'object') stack.push([v, depth + 1]);
  }
  return false;
}

/** More problems than this for one record are summed up in one, so a record of 40,000 unknown keys is not echoed back in megabytes. */
export const MAX_PROBLEMS = 50;

function fail(problems: Problem[]): Validation {
  if (problems.length <= MAX_PROBLEMS) return { ok: false, problems };
  const more = problems.length - MAX_PROBLEMS + 1;
  return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS - 1), problem('', 'too-many-problems', `and ${more} more problems like these; fix those shown and send it again`)] };
}

/** Turn ajv's errors into one specific problem each, dropping the echoes. */
function schemaProblems(errors: ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  // Without a kind, every kind's body rule applies at once; the one useful problem is the missing kind.
  const kindMissing = errors.some((x) => x.keyword === 'required' && x.instancePath === ''
    && (x.params as { missingProperty?: string }).missingProperty === 'kind');
  for (const e of errors) {
    if (e.keyword === 'if') continue; // "must match then": the real error is reported beside it
    if (e.schemaPath.includes('/anyOf/')) continue; // the failed branches of an anyOf: reported once, as 'incomplete'
    // (Errors from a kind's body rule carry the path inside its $ref'd definition, so they are
    // told apart from body's own type check, which is '#/properties/body/...'.)
    if (kindMissing && e.instancePath.startsWith('/body') && !e.schemaPath.startsWith('#/properties/body')) continue;
    const p = schemaProblem(e);
    const id = p.pointer + '|' + p.message;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(p);
    }
  }
  return out;
}

function schemaProblem(e: ErrorObject): Problem {
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  // A number of revision 2 (a weight, a centile, an attendance) out of range or not a number: said with its unit and range.
  const hint = fieldHint(e);
  if (hint) return hint;
  switch (e.keyword) {
    case 'additionalProperties':
      return problem(at + pointerTo(String(params.additionalProperty)), 'unknown-property',
        `unknown property '${String(params.additionalProperty)}' (not in agency-record/1)`);
    case 'required':
      return problem(at + pointerTo(String(params.missingProperty)), 'required',
        `'${String(params.missingProperty)}' is required`);
    case 'enum':
      return problem(at, 'not-allowed', `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`);
    case 'const':
      return problem(at, 'not-allowed', `must be '${String(params.allowedValue)}'`);
    case 'type':
      return problem(at, 'wrong-type', `must be ${String(params.type)}`);
    case 'maxLength':
    case 'maxItems':
      return problem(at, 'too-long', e.message ?? 'too long');
    case 'minLength':
    case 'minItems':
      return problem(at, 'too-short', e.message ?? 'too short');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return problem(at, 'out-of-range', e.message ?? 'out of range');
    case 'pattern':
      return problem(at, 'bad-format', `must match ${String(params.pattern)}`);
    case 'format':
      return problem(at, 'bad-format', `must be a ${String(params.format)}`);
    case 'anyOf':
      return problem(at, 'incomplete', at.endsWith('/name') || at.includes('/aliases/')
        ? 'a name needs at least a given or a family name'
        : e.schemaPath.includes('/$defs/measurement/') ? MEASUREMENT_INCOMPLETE
          : e.message ?? 'does not match any allowed form');
    default:
      return problem(at, e.keyword, e.message ?? 'is not valid');
  }
}

/**
 * Text PostgreSQL cannot store: U+0000, and half of a UTF-16 surrogate pair
 * (JSON allows the escape "\ud800" alone; it is not a character). Refused by
 * name here, rather than failing the whole batch's write later.
 */
function unstorableTextProblems(value: unknown, at: string): Problem[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [problem(at, 'nul-character', 'must not contain the NUL character (U+0000)')];
    if (!value.isWellFormed()) return [problem(at, 'unpaired-surrogate', 'must be well-formed Unicode (it holds half of a UTF-16 surrogate pair)')];
    return [];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.isWellFormed() ? [] : [problem(at, 'unpaired-surrogate', 'a property name is not well-formed Unicode')]),
      ...unstorableTextProblems(v, at + pointerTo(k)),
    ]);
  }
  return [];
}

function semanticProblems(record: AgencyRecord, now: Date): Problem[] {
  const out: Problem[] = [];
  const keys = new Set<string>();
  record.people.forEach((m, i) => {
    if (keys.has(m.key)) out.push(problem(pointerTo('people', i, 'key'), 'duplicate-key', `mention key '${m.key}' is used twice in this record`));
    keys.add(m.key);
    if (m.nhsNumber !== undefined && !isValidNhsNumber(m.nhsNumber)) {
      out.push(problem(pointerTo('people', i, 'nhsNumber'), 'nhs-number-check-digit', 'NHS number fails the modulus-11 check'));
    }
    if (m.dob !== undefined) {
      const full = earliestDate(m.dob);
      if (!isRealDate(full)) out.push(problem(pointerTo('people', i, 'dob'), 'not-a-date', `'${m.dob}' is not a real date`));
      else if (full > londonDate(now)) out.push(problem(pointerTo('people', i, 'dob'), 'in-future', 'date of birth is in the future'));
    }
  });
  out.push(...keyReferenceProblems(record, keys));
  out.push(...occurredAtProblems(record, now));
  out.push(...contradictions(record));
  return out;
}

function keyReferenceProblems(record: AgencyRecord, keys: Set<string>): Problem[] {
  const out: Problem[] = [];
  for (const field of KEY_FIELDS[record.kind] ?? []) {
    const isArray = field.endsWith('[]');
    const name = isArray ? field.slice(0, -2) : field;
    const value = record.body[name];
    const refs = isArray ? ((value as string[] | undefined) ?? []) : value === undefined ? [] : [value as string];
    refs.forEach((ref, i) => {
      if (!keys.has(ref)) {
        const at = isArray ? pointerTo('body', name, i) : pointerTo('body', name);
        out.push(problem(at, 'unknown-mention-key', `'${ref}' is not the key of anyone in people`));
      }
    });
  }
  return out;
}

function occurredAtProblems(record: AgencyRecord, now: Date): Problem[] {
  const at = pointerTo('occurredAt');
  const value = record.occurredAt;
  const date = value.slice(0, 10);
  if (!isRealDate(date) || Number.isNaN(occurredInstant(value).getTime())) {
    return [problem(at, 'not-a-date', `'${value}' is not a real date or time`)];
  }
  const inFuture = isDateOnly(value)
    ? value > londonDate(now)
    : occurredInstant(value).getTime() > now.getTime() + CLOCK_SKEW_MS;
  if (inFuture) return [problem(at, 'in-future', `occurredAt ${value} is in the future`)];
  const on = occurredDate(value);
  const out: Problem[] = [];
  record.people.forEach((m, i) => {
    if (m.role !== 'subject' || m.dob === undefined) return;
    // Refused only when it is certainly before birth: a partial dob allows its earliest day.
    const born = earliestDate(m.dob);
    if (isRealDate(born) && on < born) {
      out.push(problem(at, 'before-birth', `occurredAt ${value} is before the date of birth (${m.dob}) of subject '${m.key}' (people/${i})`));
    }
  });
  return out;
}

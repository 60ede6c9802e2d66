// Practitioner-readable problems for the numeric fields of contract revision 2
// (growth measurements and school attendance): ajv would say "must be <= 100";
// a health visitor's system is better told what the number is and its range.
import type { ErrorObject } from 'ajv';
import { problem, type Problem } from '../shared/problems.ts';

interface Hint { match: RegExp; kind: string; says: string }

const HINTS: readonly Hint[] = [
  { match: /^\/body\/weightKg$/, kind: 'measurement', says: 'weightKg is the weight in kilograms: a number more than 0 and at most 250, like 7.2' },
  { match: /^\/body\/heightCm$/, kind: 'measurement', says: 'heightCm is the length or height in centimetres: a number more than 0 and at most 250, like 68.5' },
  { match: /^\/body\/headCm$/, kind: 'measurement', says: 'headCm is the head circumference in centimetres: a number more than 0 and at most 80, like 44' },
  { match: /^\/body\/centiles\/(weight|height|head)$/, kind: 'measurement', says: 'a centile on the UK-WHO charts is a number from 0 to 100, like 9 or 0.4' },
  { match: /^\/body\/attendancePercent$/, kind: 'education', says: 'attendancePercent is the share of sessions attended: a number from 0 to 100' },
];

const NUMERIC = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

/** The problem for a revision-2 number, or undefined for any other error (the generic wording then applies). */
export function fieldHint(e: ErrorObject): Problem | undefined {
  if (!NUMERIC.has(e.keyword)) return undefined;
  // The body rule of a kind carries its definition's path (#/$defs/measurement/...), so a field of the same
  // name in another kind is not mistaken for it.
  const hint = HINTS.find((h) => h.match.test(e.instancePath) && e.schemaPath.includes(`/$defs/${h.kind}/`));
  if (!hint) return undefined;
  return problem(e.instancePath, e.keyword === 'type' ? 'wrong-type' : 'out-of-range', hint.says);
}

/** A measurement with none of its three measures. */
export const MEASUREMENT_INCOMPLETE = 'a measurement needs at least one of weightKg, heightCm or headCm';

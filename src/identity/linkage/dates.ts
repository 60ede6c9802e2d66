// Date-of-birth comparison helpers. A dob is YYYY, YYYY-MM or YYYY-MM-DD
// (YYYYMMDD is accepted too); a month or day of 00 means unknown.

export interface ParsedDob {
  /** the year as written, four digits */
  year: string;
  /** 1–12 as written (not range-checked beyond 00 = unknown), 0 when unknown */
  month: number;
  /** 0 when unknown (always 0 when the month is) */
  day: number;
}

const DOB = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$/;

/** A dob's parts, or null when it is missing or not in a recognised form. */
export function parseDob(raw: string | null | undefined): ParsedDob | null {
  if (!raw) return null;
  const m = DOB.exec(raw.trim());
  if (!m) return null;
  const month = m[2] ? Number(m[2]) : 0;
  const day = month && m[3] ? Number(m[3]) : 0;
  return { year: m[1]!, month, day };
}

/**
 * Two different years that one slip of the pen could turn into each other:
 * the same decade (1981/1983), or the last two digits transposed (1981/1918).
 * Deliberately not any one-digit change: 1951 and 1981 are a father and a son.
 */
export function isYearTypo(a: string, b: string): boolean {
  if (a === b || a.length !== 4 || b.length !== 4) return false;
  if (a.charCodeAt(0) !== b.charCodeAt(0) || a.charCodeAt(1) !== b.charCodeAt(1)) return false;
  if (a.charCodeAt(2) === b.charCodeAt(2)) return true;
  return a.charCodeAt(2) === b.charCodeAt(3) && a.charCodeAt(3) === b.charCodeAt(2);
}

export const DOB_LEVELS = [
  'exact',
  'day and month swapped',
  'one of year/month/day differs',
  'same year (or partial date consistent)',
  'else',
] as const;

/** The dobComparison level (index into DOB_LEVELS) of two parsed dates. */
export function dobLevel(a: ParsedDob, b: ParsedDob): number {
  const sameYear = a.year === b.year;
  if (a.day !== 0 && b.day !== 0) {
    const sameMonth = a.month === b.month;
    const sameDay = a.day === b.day;
    if (sameYear && sameMonth && sameDay) return 0;
    if (sameYear && a.month === b.day && a.day === b.month) return 1;
    const equal = (sameYear ? 1 : 0) + (sameMonth ? 1 : 0) + (sameDay ? 1 : 0);
    if (equal === 2 && (sameYear || isYearTypo(a.year, b.year))) return 2;
  }
  return sameYear ? 3 : 4;
}

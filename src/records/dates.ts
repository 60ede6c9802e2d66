// Dates in agency records, and the one calendar "today": London's date (londonDate), which every
// deadline, age and retention cut-off counts from. Date-only values are calendar dates in England, so
// they are read in Europe/London; date-times carry their own offset.

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of londonParts.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

// Intl formatting is slow next to everything else on the ingest path, and a
// batch holds few distinct dates, so answers are remembered (bounded).
function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size > 50_000) cache.clear();
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}

const HOUR = 3_600_000;
/** London's offset from UTC (0 or 1 hour) in the hour starting at a UTC hour. */
const offsetInHour = memo((hourStart: string) => {
  const t = Number(hourStart);
  const p = partsOf(new Date(t));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - t;
});

/** The calendar date in London at an instant, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  // Offsets change only on the hour, so the offset of the instant's UTC hour is exact.
  const t = instant.getTime();
  const local = new Date(t + offsetInHour(String(Math.floor(t / HOUR) * HOUR)));
  return local.toISOString().slice(0, 10);
}

/** Midnight at the start of a London calendar date, as an instant. */
export const londonMidnight = (date: string): Date => new Date(midnightMs(date));
const midnightMs = memo((date: string) => {
  const guess = Date.parse(`${date}T00:00:00Z`);
  // London is UTC+0 or UTC+1; at local midnight the offset is that of the hour before.
  return guess - offsetInHour(String(guess - HOUR));
});

export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A real calendar date? (The schema's pattern lets 2021-02-30 through.) */
export function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The instant an occurredAt value denotes (date-only: the start of that day in London). */
export function occurredInstant(value: string): Date {
  return isDateOnly(value) ? londonMidnight(value) : new Date(value);
}

/** The London calendar date of an occurredAt value. */
export function occurredDate(value: string): string {
  return isDateOnly(value) ? value : londonDate(new Date(value));
}

/** The earliest calendar date a partial date of birth ('2006', '2006-03', '2006-03-01') allows. */
export function earliestDate(partial: string): string {
  const [y, m = '01', d = '01'] = partial.split('-');
  return `${y}-${m}-${d}`;
}

// Dates in agency records. Date-only values are calendar dates in England, so
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

/** The calendar date in London at an instant, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  const p = partsOf(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Midnight at the start of a London calendar date, as an instant. */
export function londonMidnight(date: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  // London is UTC+0 or UTC+1; find the offset that day and correct the guess.
  const p = partsOf(guess);
  const asIfUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return new Date(guess.getTime() - (asIfUtc - guess.getTime()));
}

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

// Day arithmetic on ISO dates (YYYY-MM-DD), in UTC so no clock change moves a day.
const DAY = 86_400_000;

export const toDay = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number) => isoOf(toDay(iso) + Math.round(n));
export const daysBetween = (a: string, b: string) => toDay(b) - toDay(a);

/** Age in months (fractional, 30.44-day months) on a day. */
export const monthsOld = (dob: string, on: string) => daysBetween(dob, on) / 30.4375;
export const yearsOld = (dob: string, on: string) => daysBetween(dob, on) / 365.25;

/** The day a child of this date of birth turns n years old (29 February: 28 February). */
export function birthday(dob: string, n: number): string {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + n, m - 1, d));
  return t.getUTCDate() === d ? t.toISOString().slice(0, 10) : isoOf(Math.round(Date.UTC(y + n, m - 1, 28) / DAY));
}

/** "12/03/2023", as practitioners write dates in notes. */
export function written(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * One day at random in each 30-day stretch from `from` up to `to`: the walk the generators take through a
 * child's life to draw monthly events. A generator, so each day is drawn only when the caller asks for it and
 * the random stream is consumed in the same order as a loop written in place.
 */
export function* eachMonth(rng: { int(lo: number, hi: number): number }, from: string, to: string): Generator<string> {
  const days = daysBetween(from, to);
  for (let d = 0; d < days; d += 30) {
    const on = addDays(from, d + rng.int(0, 29));
    if (on > to) return;
    yield on;
  }
}

// Ages for the rules' thresholds, in whole calendar months and years: a child
// is 5 months old from the day that is five calendar months after their birth
// (so "4.99 months or younger" means before that day) and 4 years old on their
// fourth birthday. A day-of-month the later month lacks counts from the 1st of
// the month after (born 31 January: one month old on 1 March). Whether someone is
// an adult is household/adulthood.ts's to say.
const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;

export function wholeMonthsAt(dob: string | null, on: string): number | null {
  const b = dob ? FULL.exec(dob) : null;
  const d = FULL.exec(on);
  if (!b || !d) return null;
  const months = (Number(d[1]) - Number(b[1])) * 12 + (Number(d[2]) - Number(b[2])) - (Number(d[3]) < Number(b[3]) ? 1 : 0);
  return months;
}

/** "7 months", "2 years 3 months": for explanations. */
export function describeAge(dob: string | null, on: string): string | null {
  const m = wholeMonthsAt(dob, on);
  if (m === null || m < 0) return null;
  if (m < 24) return `${m} month${m === 1 ? '' : 's'} old`;
  const y = Math.floor(m / 12);
  return `${y} year${y === 1 ? '' : 's'} old`;
}

// NHS number check digit (NHS Data Dictionary, "NHS Number"): the first nine
// digits are weighted 10 down to 2; the check digit is 11 minus the sum modulo
// 11, where 11 means 0 and 10 means no valid number has these nine digits.

/** The check digit for nine digits, or null where the rule makes the number invalid. */
export function nhsCheckDigit(nine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const check = nhsCheckDigit(value.slice(0, 9));
  return check !== null && check === value.charCodeAt(9) - 48;
}

// Synthetic NHS numbers. All start 999: the range NHS England sets aside for
// test data, so a generated number can never be a real patient's. The check
// digit follows the NHS Data Dictionary modulus-11 rule.

/** The check digit for nine digits, or null where the rule makes the number invalid (remainder gives 10). */
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

// i -> (i * STEP + offset) mod 10^6 is a bijection (STEP is coprime to 10), so
// numbers look scattered but can never repeat within one population.
const STEP = 482_263;
const SPACE = 1_000_000;

/** Hands out distinct, valid 999-range NHS numbers in a seed-dependent order. */
export class NhsAllocator {
  private i = 0;
  constructor(private readonly offset: number) {}

  next(): string {
    while (this.i < SPACE) {
      const n = (this.i * STEP + this.offset) % SPACE;
      this.i++;
      const nine = `999${String(n).padStart(6, '0')}`;
      const check = nhsCheckDigit(nine);
      if (check !== null) return nine + String(check);
    }
    throw new Error('the 999 test range of NHS numbers is exhausted (about 900,000 people)');
  }
}

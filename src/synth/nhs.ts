// Synthetic NHS numbers. All start 999: the range NHS England sets aside for
// test data, so a generated number can never be a real patient's. The check
// digit follows the NHS Data Dictionary modulus-11 rule.
import { nhsCheckDigit } from '../records/nhs-number.ts';

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

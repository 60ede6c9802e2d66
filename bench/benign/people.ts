// Names, homes and NHS numbers for the independent population. Name lists are
// short on purpose: the bench measures rules, not linkage, and every mention
// carries its true person id.
import { addDays } from './dates.ts';
import type { Ethnicity } from './rates.ts';
import type { Home, Person } from './records.ts';
import type { Rng } from './random.ts';

const GIVEN: Record<Ethnicity, { female: string[]; male: string[] }> = {
  white: { female: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Freya', 'Lily', 'Grace', 'Ellie', 'Sophie', 'Emily', 'Chloe', 'Jessica', 'Megan', 'Hannah'],
    male: ['Oliver', 'George', 'Harry', 'Jack', 'Noah', 'Leo', 'Arthur', 'Oscar', 'Charlie', 'Thomas', 'James', 'Daniel', 'Ryan', 'Lewis'] },
  asian: { female: ['Aisha', 'Maryam', 'Zara', 'Priya', 'Anaya', 'Fatima', 'Inaya', 'Mei', 'Sana', 'Ayesha', 'Nadia'],
    male: ['Muhammad', 'Ibrahim', 'Arjun', 'Yusuf', 'Rayan', 'Aarav', 'Zain', 'Hamza', 'Kian', 'Omar', 'Rohan'] },
  black: { female: ['Amara', 'Zuri', 'Adaeze', 'Nia', 'Imani', 'Abena', 'Chioma', 'Esi', 'Kemi', 'Tiana'],
    male: ['Kofi', 'Tobi', 'Jayden', 'Malachi', 'Kwame', 'Emeka', 'Daniel', 'Joshua', 'Tariq', 'Elijah'] },
  mixed: { female: ['Maya', 'Layla', 'Ruby', 'Aaliyah', 'Isabella', 'Skye', 'Nina', 'Leah'],
    male: ['Ezra', 'Kai', 'Reuben', 'Theo', 'Zion', 'Luca', 'Isaac', 'Nathan'] },
  other: { female: ['Sofia', 'Yasmin', 'Elena', 'Lina', 'Mariam', 'Alicja', 'Daria'],
    male: ['Adam', 'Mateo', 'Luka', 'Karim', 'Jakub', 'Ali', 'Andrei'] },
};
const FAMILY: Record<Ethnicity, string[]> = {
  white: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Walker', 'Wright', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Clarke', 'Turner'],
  asian: ['Khan', 'Ahmed', 'Patel', 'Hussain', 'Begum', 'Ali', 'Singh', 'Chowdhury', 'Shah', 'Chen', 'Rahman', 'Iqbal'],
  black: ['Okafor', 'Mensah', 'Adeyemi', 'Campbell', 'Williams', 'Osei', 'Johnson', 'Eze', 'Boateng', 'Francis'],
  mixed: ['Robinson', 'Lewis', 'Thompson', 'Harris', 'Martin', 'King', 'Scott', 'Baker'],
  other: ['Nowak', 'Popescu', 'Kowalski', 'Hassan', 'Silva', 'Ibrahim', 'Petrov'],
};
const STREETS = ['Beech Grove', 'Mill Lane', 'Station Road', 'Church Street', 'Victoria Road', 'Park Avenue', 'Albert Terrace',
  'Queens Drive', 'Meadow Close', 'Holly Crescent', 'Chapel Walk', 'Rosebery Street', 'Cedar Court', 'Granby Road'];
const OUTWARD = ['LS6', 'LS8', 'LS11', 'BD3', 'BD7', 'M14', 'M40', 'B10', 'B23', 'NE4', 'S2', 'L8', 'NG7', 'LE4', 'SE15', 'N15', 'E6', 'CF24'];
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function home(rng: Rng): Home {
  const flat = rng.chance(0.3);
  const number = rng.int(1, 180);
  const postcode = `${rng.pick(OUTWARD)} ${rng.int(1, 9)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`;
  return { lines: flat ? [`Flat ${rng.int(1, 24)}`, `${number} ${rng.pick(STREETS)}`] : [`${number} ${rng.pick(STREETS)}`], postcode };
}

/** A valid NHS number: nine digits and the modulus-11 check digit (a check of 10 is not issued: draw again). */
export function nhsNumber(rng: Rng): string {
  for (;;) {
    const digits = [rng.int(4, 6), ...Array.from({ length: 8 }, () => rng.int(0, 9))];
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}

/** Person ids for one child's family: a block of its own, so a child's records never depend on the children before it. */
export class Ids {
  private n = 0;
  constructor(private readonly base: number) {}
  next(): number { return this.base + ++this.n; }
}

export function person(ids: Ids, rng: Rng, group: Ethnicity, sex: 'female' | 'male', dob: string, family?: string): Person {
  return { id: ids.next(), given: rng.pick(GIVEN[group][sex]), family: family ?? rng.pick(FAMILY[group]), dob, sex, nhsNumber: nhsNumber(rng) };
}

/** An adult's date of birth, aged between lo and hi years on a day. */
export function adultDob(rng: Rng, on: string, lo: number, hi: number): string {
  return addDays(on, -Math.round((lo + rng.next() * (hi - lo)) * 365.25));
}

const STAFF = ['A. Patel', 'J. Murphy', 'S. Okoye', 'R. Evans', 'K. Lewis', 'H. Begum', 'C. Doyle', 'M. Fraser', 'L. Nowak', 'D. Osei', 'P. Hart', 'E. Quinn'];
export const staff = (rng: Rng, role: string) => ({ name: rng.pick(STAFF), role });

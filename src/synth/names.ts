// Name pools for a mixed North London population, and the nickname table.
// Given names are drawn from the ONS "Baby names in England and Wales" top-100
// lists for the right birth decade (children born ~2002–2022, parents born
// ~1970–2002); surnames from the commonest surnames in England and Wales plus
// the main minority-ethnic groups of the area. The split between groups is an
// assumption loosely following the 2011 Census for Haringey/Enfield.
import { readFileSync } from 'node:fs';
import type { Rng } from './random.ts';

export interface NameGroup {
  weight: number;
  childFemale: readonly string[];
  childMale: readonly string[];
  adultFemale: readonly string[];
  adultMale: readonly string[];
  surnames: readonly string[];
}

export const NAME_GROUPS: readonly NameGroup[] = [
  {
    // White British / Irish
    weight: 0.62,
    childFemale: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Jessica', 'Sophie', 'Charlotte', 'Grace', 'Ruby', 'Poppy', 'Lily', 'Ella', 'Evie', 'Mia', 'Chloe', 'Megan', 'Ellie', 'Holly', 'Lucy', 'Katie', 'Hannah', 'Freya', 'Daisy', 'Phoebe', 'Abigail', 'Millie', 'Scarlett', 'Rebecca', 'Bethany'],
    childMale: ['Oliver', 'Jack', 'Harry', 'George', 'Charlie', 'Thomas', 'James', 'William', 'Joshua', 'Daniel', 'Samuel', 'Joseph', 'Alfie', 'Jacob', 'Noah', 'Leo', 'Oscar', 'Archie', 'Henry', 'Freddie', 'Ethan', 'Lewis', 'Callum', 'Ryan', 'Benjamin', 'Alexander', 'Matthew', 'Luke', 'Dylan', 'Liam'],
    adultFemale: ['Sarah', 'Emma', 'Rebecca', 'Laura', 'Hannah', 'Katherine', 'Elizabeth', 'Victoria', 'Amy', 'Gemma', 'Claire', 'Lisa', 'Kelly', 'Nicola', 'Michelle', 'Joanne', 'Stacey', 'Danielle', 'Jennifer', 'Samantha', 'Rachel', 'Kirsty', 'Louise', 'Tracey', 'Jodie', 'Natalie', 'Charlotte', 'Lauren', 'Zoe', 'Leanne'],
    adultMale: ['Christopher', 'Matthew', 'David', 'Andrew', 'Richard', 'Robert', 'Michael', 'James', 'Daniel', 'Mark', 'Paul', 'Steven', 'Lee', 'Craig', 'Darren', 'Wayne', 'Jason', 'Stuart', 'Thomas', 'Anthony', 'Nicholas', 'Jonathan', 'Adam', 'Ryan', 'Scott', 'Gary', 'Dean', 'Kevin', 'Simon', 'Carl'],
    surnames: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'Scott', 'Phillips', 'Watson', 'Parker', 'Bennett', 'Young', 'Mitchell', 'Kelly', 'Murphy', "O'Brien", 'Connelly', 'Murray', 'Campbell', 'Doyle', 'Byrne', 'Richardson', 'Bailey', 'Collins', 'Shaw', 'Ellis', 'Marshall', 'Fletcher'],
  },
  {
    // Black African / Black Caribbean
    weight: 0.16,
    childFemale: ['Precious', 'Blessing', 'Esther', 'Abigail', 'Grace', 'Faith', 'Chloe', 'Amara', 'Zara', 'Nia', 'Tiana', 'Destiny', 'Michelle', 'Victoria', 'Deborah'],
    childMale: ['Daniel', 'David', 'Joshua', 'Samuel', 'Emmanuel', 'Isaac', 'Elijah', 'Tyrese', 'Jayden', 'Kai', 'Nathaniel', 'Michael', 'Caleb', 'Jordan', 'Marcus'],
    adultFemale: ['Grace', 'Comfort', 'Patience', 'Joy', 'Funmilayo', 'Adaeze', 'Abena', 'Marcia', 'Sharon', 'Natasha', 'Keisha', 'Janet', 'Elizabeth', 'Ruth', 'Esther'],
    adultMale: ['Kwame', 'Kofi', 'Emeka', 'Olumide', 'Tunde', 'Delroy', 'Winston', 'Marcus', 'Anthony', 'Michael', 'Samuel', 'Daniel', 'Joseph', 'Peter', 'Leon'],
    surnames: ['Okafor', 'Mensah', 'Adeyemi', 'Okoye', 'Boateng', 'Asante', 'Owusu', 'Adebayo', 'Campbell', 'Williams', 'Brown', 'Thompson', 'Francis', 'Grant', 'Reid', 'Johnson', 'Clarke', 'Osei', 'Nwosu', 'Bello'],
  },
  {
    // Turkish / Kurdish / Cypriot
    weight: 0.08,
    childFemale: ['Elif', 'Zeynep', 'Defne', 'Ela', 'Melis', 'Ayla', 'Selin', 'Eylul', 'Sara', 'Maya'],
    childMale: ['Yusuf', 'Emir', 'Mustafa', 'Kerem', 'Deniz', 'Ali', 'Can', 'Arda', 'Omer', 'Efe'],
    adultFemale: ['Ayse', 'Fatma', 'Emine', 'Hatice', 'Zehra', 'Sevgi', 'Gul', 'Derya', 'Elif', 'Sibel'],
    adultMale: ['Mehmet', 'Ahmet', 'Mustafa', 'Huseyin', 'Ibrahim', 'Hasan', 'Murat', 'Kemal', 'Erdal', 'Osman'],
    surnames: ['Yilmaz', 'Demir', 'Kaya', 'Sahin', 'Celik', 'Yildiz', 'Ozturk', 'Aydin', 'Arslan', 'Dogan', 'Kilic', 'Polat'],
  },
  {
    // Eastern European
    weight: 0.08,
    childFemale: ['Zuzanna', 'Julia', 'Maja', 'Lena', 'Hanna', 'Natalia', 'Amelia', 'Oliwia', 'Alicja', 'Sofia'],
    childMale: ['Jakub', 'Szymon', 'Filip', 'Kacper', 'Antoni', 'Jan', 'Mateusz', 'Adam', 'Nikola', 'Luka'],
    adultFemale: ['Anna', 'Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Monika', 'Ewa', 'Elena', 'Ioana', 'Andreea'],
    adultMale: ['Piotr', 'Tomasz', 'Pawel', 'Krzysztof', 'Marcin', 'Lukasz', 'Andrei', 'Mihai', 'Bogdan', 'Marek'],
    surnames: ['Nowak', 'Kowalski', 'Wisniewski', 'Wojcik', 'Kaminski', 'Lewandowski', 'Zielinski', 'Popescu', 'Ionescu', 'Dumitru', 'Horvat', 'Novak'],
  },
  {
    // South Asian
    weight: 0.06,
    childFemale: ['Aisha', 'Maryam', 'Fatima', 'Zainab', 'Amira', 'Priya', 'Anaya', 'Sana', 'Hafsa', 'Inaya'],
    childMale: ['Muhammad', 'Mohammed', 'Ibrahim', 'Adam', 'Yusuf', 'Zayn', 'Ayaan', 'Arjun', 'Rayyan', 'Hamza'],
    adultFemale: ['Nasreen', 'Shazia', 'Farzana', 'Ruksana', 'Sunita', 'Priya', 'Saima', 'Nazia', 'Shabana', 'Rehana'],
    adultMale: ['Mohammed', 'Imran', 'Tariq', 'Asif', 'Rajesh', 'Sanjay', 'Faisal', 'Kamran', 'Shahid', 'Abdul'],
    surnames: ['Khan', 'Ahmed', 'Ali', 'Hussain', 'Begum', 'Patel', 'Shah', 'Iqbal', 'Rahman', 'Akhtar', 'Singh', 'Sharma'],
  },
];

export function pickGroup(rng: Rng): number {
  return rng.weighted(NAME_GROUPS.map((g, i) => [i, g.weight] as const));
}

export function groupOf(i: number): NameGroup {
  const g = NAME_GROUPS[i];
  if (!g) throw new Error(`no name group ${i}`);
  return g;
}

/** A partner's group: the same as the mother's four times in five (assumption). */
export function partnerGroup(rng: Rng, motherGroup: number): number {
  return rng.chance(0.8) ? motherGroup : pickGroup(rng);
}

// ---- nicknames -------------------------------------------------------------

let nicknameTable: Map<string, string[]> | undefined;

/**
 * name -> usable nicknames, from datasets/nicknames/names.csv ("name1 has_nickname
 * name2"). Only nicknames shorter than the name are kept: the table also lists
 * reverse and archaic pairs (harry -> henry, robert -> hob) that nobody would
 * write on a school form.
 */
export function nicknames(): Map<string, string[]> {
  if (nicknameTable) return nicknameTable;
  const text = readFileSync(new URL('../../datasets/nicknames/names.csv', import.meta.url), 'utf8');
  const table = new Map<string, string[]>();
  for (const line of text.split('\n').slice(1)) {
    const [name, rel, nick] = line.trim().split(',');
    if (!name || rel !== 'has_nickname' || !nick || nick.length >= name.length) continue;
    const list = table.get(name) ?? [];
    list.push(nick);
    table.set(name, list);
  }
  nicknameTable = table;
  return table;
}

/** A nickname this person could go by, preferring ones that keep the first letter (Katherine -> Kate). */
export function chooseNickname(rng: Rng, given: string): string | undefined {
  const list = nicknames().get(given.toLowerCase());
  if (!list || list.length === 0) return undefined;
  const same = list.filter((n) => n[0] === given[0]?.toLowerCase());
  const nick = rng.pick(same.length > 0 ? same : list);
  return nick.charAt(0).toUpperCase() + nick.slice(1);
}

// ---- addresses -------------------------------------------------------------

export interface District {
  /** Postcode outward code. */
  outward: string;
  locality: string;
}

export const DISTRICTS: readonly District[] = [
  { outward: 'N17', locality: 'Tottenham' },
  { outward: 'N15', locality: 'South Tottenham' },
  { outward: 'N22', locality: 'Wood Green' },
  { outward: 'N8', locality: 'Hornsey' },
  { outward: 'N4', locality: 'Finsbury Park' },
  { outward: 'N18', locality: 'Upper Edmonton' },
  { outward: 'N9', locality: 'Lower Edmonton' },
  { outward: 'N13', locality: 'Palmers Green' },
  { outward: 'N11', locality: 'New Southgate' },
  { outward: 'N10', locality: 'Muswell Hill' },
];

export const STREET_NAMES: readonly string[] = [
  'Elm', 'Birch', 'Oak', 'Ash', 'Willow', 'Cedar', 'Beech', 'Chestnut', 'Hawthorn', 'Rowan',
  'Park', 'Church', 'Station', 'Victoria', 'Albert', 'Mill', 'Grove', 'Manor', 'Stanley', 'Windsor',
  'Lansdowne', 'Palmerston', 'Gladstone', 'Clarendon', 'Belmont', 'Lordship', 'Philip', 'Higham', 'Tynemouth', 'Ranelagh',
  'Dowsett', 'Bruce', 'Carlingford', 'Downhills', 'Westbury', 'Sperling', 'Scotland', 'Moselle', 'Lido', 'Seymour',
  'Culvert', 'Napier', 'Forster', 'Kitchener', 'Russell', 'Bedford', 'Granville', 'Cavendish', 'Raleigh', 'Salisbury',
];

/** Street type and the abbreviation clerks type for it. */
export const STREET_TYPES: readonly (readonly [string, string])[] = [
  ['Road', 'Rd'], ['Street', 'St'], ['Avenue', 'Ave'], ['Close', 'Cl'], ['Gardens', 'Gdns'],
  ['Way', 'Way'], ['Lane', 'Ln'], ['Grove', 'Gr'], ['Crescent', 'Cres'], ['Terrace', 'Terr'],
];

// The letters Royal Mail uses in the unit part of a postcode (never C I K M O V).
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A stable hash, so one street block always has the same postcode. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The canonical postcode ('N17 6AA') of a block of about 20 house numbers on one street. */
export function postcodeFor(district: District, street: string, houseNumber: number): string {
  const h = hash(`${district.outward}|${street}|${Math.floor(houseNumber / 20)}`);
  const sector = h % 10;
  const u1 = UNIT_LETTERS[(h >>> 4) % UNIT_LETTERS.length];
  const u2 = UNIT_LETTERS[(h >>> 12) % UNIT_LETTERS.length];
  return `${district.outward} ${sector}${u1}${u2}`;
}

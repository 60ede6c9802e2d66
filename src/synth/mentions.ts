// How one agency writes one person down. Each (agency, person) pair gets a
// "view" the first time the agency records them: the registered name (with any
// slip or nickname), the recorded dob/sex, whether it holds the NHS number and
// how it types addresses. Later records reuse the view, so an error repeats the
// way it does in real systems, while moves and surname changes reach the
// agency only after a lag.
import type { Address, MentionRole, PersonMention, PersonName } from '../records/types.ts';
import type { AgencyInfo } from './agencies.ts';
import { addressAt, familyAt, isAdult, type AddressTruth, type Household, type TruthPerson } from './households.ts';
import type { Rng } from './random.ts';
import {
  ADDRESS_ABBREVIATED_RATE, ADDRESS_LAG_MEAN_DAYS, ADDRESS_MISSING_RATE, ADDRESS_NEVER_UPDATED_RATE, ALIAS_KEPT_RATE,
  formatPostcode, lagDays, NAME_TYPO_RATE, NHS_MISSING_RATE, NICKNAME_INFORMAL_FACTOR, NICKNAME_RATE, POLICE_UPPERCASE,
  postcodeStyle, recordedDob, REKEY_TYPO_RATE, scaled, SEX_MISSING_RATE, SURNAME_LAG_MEAN_DAYS, SURNAME_NEVER_UPDATED_RATE, typo,
} from './noise.ts';

export interface View {
  localId?: string;
  given: string;
  /** Surname as registered (maybe misspelt), and the true surname it was registered from. */
  family: string;
  familyTrue: string;
  surnameLag: number;
  keepAlias: boolean;
  dob?: string;
  sex?: 'female' | 'male';
  nhs: boolean;
  hasAddress: boolean;
  addressLag: number;
  /** The last day the agency confirmed the person's details (registration or an update). */
  synced: number;
  postcode: 0 | 1 | 2;
  abbreviate: boolean;
  upper: boolean;
  /** The last address written and how (an agency writes the same address many times). */
  written?: { from: AddressTruth; as: Address };
}

export interface ViewContext {
  rng: Rng;
  noise: number;
  periodStart: number;
  nextLocalId: (agency: string) => number;
}

export function createView(ctx: ViewContext, agency: AgencyInfo, p: TruthPerson, day: number): View {
  const { rng, noise } = ctx;
  const adult = isAdult(p);
  const nickRate = NICKNAME_RATE * (agency.informal ? NICKNAME_INFORMAL_FACTOR : 1);
  let given = p.nickname && rng.chance(scaled(nickRate, noise)) ? p.nickname : p.given;
  if (rng.chance(scaled(NAME_TYPO_RATE, noise))) given = typo(rng, given);
  const familyTrue = familyAt(p, day);
  const family = rng.chance(scaled(NAME_TYPO_RATE, noise)) ? typo(rng, familyTrue) : familyTrue;
  const nhsMissing = agency.kind === 'gp' || agency.kind === 'hospital' || agency.kind === 'health-visiting' ? NHS_MISSING_RATE[agency.kind] : 1;
  const view: View = {
    given,
    family,
    familyTrue,
    surnameLag: lagDays(rng, noise, SURNAME_LAG_MEAN_DAYS, SURNAME_NEVER_UPDATED_RATE),
    keepAlias: rng.chance(ALIAS_KEPT_RATE),
    nhs: agency.health && !rng.chance(scaled(nhsMissing, noise)),
    hasAddress: !rng.chance(scaled(ADDRESS_MISSING_RATE, noise)),
    addressLag: lagDays(rng, noise, ADDRESS_LAG_MEAN_DAYS, ADDRESS_NEVER_UPDATED_RATE),
    synced: day,
    postcode: postcodeStyle(rng, noise),
    abbreviate: rng.chance(scaled(ADDRESS_ABBREVIATED_RATE, noise)),
    upper: agency.kind === 'police' && POLICE_UPPERCASE && noise > 0,
  };
  const dob = recordedDob(rng, p.dob, adult, noise, ctx.periodStart);
  if (dob !== undefined) view.dob = dob;
  if (!rng.chance(scaled(SEX_MISSING_RATE, noise))) view.sex = p.sex;
  // Schools give ids to pupils only; parents are contacts on the pupil's record.
  if (agency.kind !== 'school' || !adult) view.localId = `${agency.idPrefix}${String(ctx.nextLocalId(agency.id)).padStart(6, '0')}`;
  return view;
}

/** What the agency believes on `day`, given how far behind it runs. */
function knownDay(view: View, lag: number, day: number): number {
  return lag === Infinity ? view.synced : Math.max(view.synced, day - lag);
}

export function formatAddress(a: AddressTruth, view: View): Address {
  const type = view.abbreviate ? a.streetType[1] : a.streetType[0];
  const street = `${a.number} ${a.street} ${type}`;
  let line1 = a.flat === undefined ? street : view.abbreviate ? `${a.flat}/${street}` : `Flat ${a.flat}, ${street}`;
  let lines = view.abbreviate ? [line1, a.district.locality] : [line1, a.district.locality, 'London'];
  if (view.upper) {
    line1 = line1.toUpperCase();
    lines = [line1, 'LONDON'];
  }
  return { lines, postcode: formatPostcode(a.postcode, view.postcode) };
}

export interface MentionExtras {
  relationship?: string;
  livesWithSubject?: 'yes' | 'no' | 'unknown';
}

/** One PersonMention of `p` as `agency` writes it on `day`. */
export function writeMention(
  ctx: ViewContext, hh: Household, agency: AgencyInfo, view: View, p: TruthPerson, day: number,
  key: string, role: MentionRole, extras: MentionExtras = {},
): PersonMention {
  const trueFamily = familyAt(p, Math.min(day, knownDay(view, view.surnameLag, day)));
  const changed = trueFamily !== view.familyTrue;
  let family = changed ? trueFamily : view.family;
  let given = view.given;
  if (agency.rekeys && ctx.rng.chance(scaled(REKEY_TYPO_RATE, ctx.noise))) {
    if (ctx.rng.chance(0.5)) given = typo(ctx.rng, given);
    else family = typo(ctx.rng, family);
  }
  const name: PersonName = { given, family: view.upper ? family.toUpperCase() : family };
  // Built field by field so the JSON keeps one stable property order.
  const m = { key, role } as PersonMention;
  if (extras.relationship !== undefined) m.relationship = extras.relationship;
  if (view.localId !== undefined) m.localId = view.localId;
  if (view.nhs) m.nhsNumber = p.nhs;
  m.name = name;
  if (changed && view.keepAlias) {
    const old = view.upper ? view.family.toUpperCase() : view.family;
    m.aliases = [{ given: view.given, family: old }];
  }
  if (view.dob !== undefined) m.dob = view.dob;
  if (view.sex !== undefined) m.sex = view.sex;
  if (view.hasAddress) {
    const a = addressAt(hh, Math.min(day, knownDay(view, view.addressLag, day)));
    if (view.written?.from !== a) view.written = { from: a, as: formatAddress(a, view) };
    // A fresh object per mention, so a consumer editing one record cannot change another.
    m.address = { lines: [...(view.written.as.lines ?? [])], postcode: view.written.as.postcode! };
  }
  if (extras.livesWithSubject !== undefined) m.livesWithSubject = extras.livesWithSubject;
  return m;
}

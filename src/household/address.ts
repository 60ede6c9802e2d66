// Addresses as a home, not as text: agencies write the same flat as
// "Flat 3, 40 Birch Road, London N17 9ZZ", "3/40 Birch Rd N179ZZ" and
// "40 BIRCH ROAD N17 9ZZ". A home is told apart by its postcode (standard
// form), its house number and street word, and a flat number when one is given.
import { normaliseAddress } from '../identity/linkage/comparisons.ts';
import { normalisePostcode } from '../identity/normalise.ts';
import type { Address } from '../records/types.ts';

export interface Home {
  postcode: string | null;
  number: string | null;
  street: string | null;
  flat: string | null;
  /** normalised street line, e.g. "flat 3, 40 birch rd" */
  text: string;
}

const HAS_DIGIT = /\d/;

// A child's household is derived again on every day the risk engine looks at, from the same record objects:
// each address is parsed once (documents are never changed after validation, and a Home is never changed).
const parsed = new WeakMap<Address, Home | null>();

/** A home from an agency address, or null when there is neither a postcode nor a house number and street. */
export function parseHome(address: Address | undefined): Home | null {
  if (!address) return null;
  let home = parsed.get(address);
  if (home === undefined) parsed.set(address, (home = parseAddress(address)));
  return home;
}

function parseAddress(address: Address): Home | null {
  const postcode = normalisePostcode(address.postcode);
  const lines = (address.lines ?? []).map((l) => normaliseAddress(l)).filter((l) => l !== null);
  const earlier: string[] = [];
  for (const line of lines) {
    const tokens = line.text.split(' ');
    const i = tokens.findIndex((t, j) => t === line.number && tokens[j + 1] === line.street);
    if (line.number && line.street && i >= 0) {
      // "3/40 Birch Rd" and "Flat 3, 40 Birch Road": the number before the house number is the flat.
      const flat = [...earlier, ...tokens.slice(0, i)].reverse().find((t) => HAS_DIGIT.test(t)) ?? null;
      const text = `${flat ? `flat ${flat}, ` : ''}${tokens.slice(i).join(' ')}`;
      return { postcode, number: line.number, street: line.street, flat, text };
    }
    earlier.push(...tokens);
  }
  if (!postcode) return null;
  return { postcode, number: null, street: null, flat: null, text: lines.map((l) => l.text).join(', ') };
}

/**
 * Whether two addresses are the same home. With postcodes on both sides: the
 * same postcode and no disagreement on house number, street or flat (a part
 * one agency left out is not a disagreement). Without a postcode on one side:
 * the same house number, street and flat, all stated. `strict` also requires
 * the house number on both sides: a postcode alone is a street, not a home,
 * which matters for records that do not mention the child at all.
 */
export function sameHome(a: Home | null, b: Home | null, strict = false): boolean {
  if (!a || !b) return false;
  const differ = (x: string | null, y: string | null) => x !== null && y !== null && x !== y;
  if (differ(a.number, b.number) || differ(a.street, b.street) || differ(a.flat, b.flat)) return false;
  if (strict && (!a.number || !b.number)) return false;
  if (a.postcode && b.postcode) return a.postcode === b.postcode;
  return !!a.number && !!b.number && a.street === b.street && a.flat === b.flat;
}

/** The more specific of two descriptions of the same home (a flat number beats none). */
export function moreSpecific(a: Home, b: Home): Home {
  const score = (h: Home) => (h.postcode ? 1 : 0) + (h.number ? 2 : 0) + (h.flat ? 4 : 0);
  return score(b) > score(a) ? b : a;
}

export function describeHome(h: Home | null): string | null {
  if (!h) return null;
  return [h.text, h.postcode].filter(Boolean).join(' ') || null;
}

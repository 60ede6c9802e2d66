// Postcode comparison helpers. UK postcodes (recognised by the `postcode`
// package) agree at full / sector / district level; anything else (e.g. a
// 4-digit Australian postcode) only exactly or on its first three characters.
import { toNormalised, toSector, toDistrict } from 'postcode';

export interface ParsedPostcode {
  /** upper case, letters and digits only ("N176AA", "4223") */
  compact: string;
  /** the UK normal form ("N17 6AA"), or null when not a valid UK postcode */
  uk: string | null;
  /** UK sector ("N17 6") */
  sector: string | null;
  /** UK district ("N17"; "EC1" for EC1A 1BB) */
  district: string | null;
}

const NOT_ALNUM = /[^A-Z0-9]+/g;

/** A postcode's comparable forms, or null when missing or blank. */
export function parsePostcode(raw: string | null | undefined): ParsedPostcode | null {
  if (!raw) return null;
  const compact = raw.toUpperCase().replace(NOT_ALNUM, '');
  if (!compact) return null;
  const uk = toNormalised(compact) ?? null;
  return {
    compact,
    uk,
    sector: uk ? toSector(uk) ?? null : null,
    district: uk ? toDistrict(uk) ?? null : null,
  };
}

export const POSTCODE_LEVELS = [
  'exact',
  'same sector (UK)',
  'same district (UK)',
  'same first 3 characters (non-UK)',
  'else',
] as const;

/** The postcodeComparison level (index into POSTCODE_LEVELS) of two parsed postcodes. */
export function postcodeLevel(a: ParsedPostcode, b: ParsedPostcode): number {
  if (a.compact === b.compact) return 0;
  if (a.uk !== null && b.uk !== null) {
    if (a.sector !== null && a.sector === b.sector) return 1;
    if (a.district !== null && a.district === b.district) return 2;
    return 4;
  }
  // At least one side is not a UK postcode: exact (above) or its first three characters.
  const x = a.compact;
  const y = b.compact;
  if (x.length > 3 && y.length > 3 && x.charCodeAt(0) === y.charCodeAt(0) && x.charCodeAt(1) === y.charCodeAt(1) && x.charCodeAt(2) === y.charCodeAt(2)) return 3;
  return 4;
}

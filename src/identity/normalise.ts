// Normalised identity fields, so that the same fact written two ways compares
// equal: "CONNELLY" and "Connelly", "n176aa" and "N17 6AA", "Zoë" and "Zoe".
import { toNormalised } from 'postcode';
import transliterate from '@sindresorhus/transliterate';
import type { PersonMention } from '../records/types.ts';

const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Lower case, accents removed, only letters kept: "O'Brien-Smith" -> "obriensmith".
 * Letters outside ASCII are first transliterated by a maintained library
 * (@sindresorhus/transliterate): agencies write one family's name in several
 * alphabets and spellings, so "Łuczak" must meet "Luczak" (NFKD alone keeps
 * "ł"), "Müller" "Mueller" (its German rule) and "Александр" "Aleksandr".
 */
export function normaliseName(value: string | undefined): string | null {
  if (!value) return null;
  const latin = NOT_ASCII.test(value) ? transliterate(value) : value;
  const out = latin.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}]/gu, '');
  return out || null;
}

/** The first word of a given name ("Peter John" -> "peter"), normalised. */
export function normaliseGivenName(value: string | undefined): string | null {
  return normaliseName(value?.trim().split(/\s+/)[0]);
}

/** A UK postcode in its standard form ("N17 6AA"), or null when it is not one. */
export function normalisePostcode(value: string | undefined): string | null {
  if (!value) return null;
  return toNormalised(value.trim()) ?? null;
}

export interface NormalisedMention {
  givenNorm: string | null;
  familyNorm: string | null;
  dob: string | null;
  nhsNumber: string | null;
  postcode: string | null;
  /** given|family|full dob, when all three are known: the deterministic linker's second key. */
  nameDobKey: string | null;
}

export function normaliseMention(m: PersonMention): NormalisedMention {
  const givenNorm = normaliseGivenName(m.name.given);
  const familyNorm = normaliseName(m.name.family);
  const dob = m.dob ?? null;
  const fullDob = dob !== null && /^\d{4}-\d{2}-\d{2}$/.test(dob);
  return {
    givenNorm,
    familyNorm,
    dob,
    nhsNumber: m.nhsNumber ?? null,
    postcode: normalisePostcode(m.address?.postcode),
    nameDobKey: givenNorm && familyNorm && fullDob ? `${givenNorm}|${familyNorm}|${dob}` : null,
  };
}

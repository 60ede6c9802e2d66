// Normalised identity fields, so that the same fact written two ways compares
// equal: "CONNELLY" and "Connelly", "n176aa" and "N17 6AA", "Zoë" and "Zoe".
import { toNormalised } from 'postcode';
import type { PersonMention } from '../records/types.ts';

/** Lower case, accents removed, only letters kept: "O'Brien-Smith" -> "obriensmith". */
export function normaliseName(value: string | undefined): string | null {
  if (!value) return null;
  const out = value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}]/gu, '');
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

// Names written the wrong way round: a module of its own so that both the safeguards (link.ts) and the
// outvoting of a person's odd values (outvoted.ts) can ask, without the two importing each other.
import { givenNameLevel, nameSwapComparison } from './comparisons.ts';
import { normaliseGivenName, normaliseName } from './names.ts';
import type { LinkRecord } from './types.ts';

const nameSwap = nameSwapComparison();

/**
 * Given and family names written the wrong way round, exactly or with a slip in one of them ("Meaney Jard"
 * for "Jared Meaney"): one person's two names, not two people's. Each name is held to the given-name
 * comparison's close levels (exact, a variant, Jaro–Winkler >= 0.92 or the same sound), so two genuinely
 * different names are never read as a swap.
 */
export function namesSwapped(a: LinkRecord, b: LinkRecord): boolean {
  const swap = nameSwap.level(a, b);
  if (swap === null) return false;
  if (swap === 0) return true;
  const ga = normaliseGivenName(a.given ?? undefined);
  const fa = normaliseName(a.family ?? undefined);
  const gb = normaliseGivenName(b.given ?? undefined);
  const fb = normaliseName(b.family ?? undefined);
  if (!ga || !fa || !gb || !fb || ga === fa || gb === fb) return false;
  return givenNameLevel(ga, fb) <= CLOSE_GIVEN_LEVEL && givenNameLevel(fa, gb) <= CLOSE_GIVEN_LEVEL;
}
/** The worst given-name level that is still one name (exact, a nickname or variant, a close spelling). */
export const CLOSE_GIVEN_LEVEL = 2;

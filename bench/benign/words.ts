// Ways practitioners write the same thing. A generator with a handful of fixed
// sentences would measure only whether the rules match those sentences, so
// each finding is written from interchangeable parts, with the context a
// practitioner adds only some of the time.
import type { Rng } from './random.ts';

export const SIDE_WORD = { left: ['L', 'left', 'Lt'], right: ['R', 'right', 'Rt'] } as const;
export const side = (rng: Rng) => rng.pick(['left', 'right'] as const);
export const sideWord = (rng: Rng, s: 'left' | 'right') => rng.pick(SIDE_WORD[s]);

export const SITE_WORDS: Record<string, string[]> = {
  forehead: ['forehead', 'brow', 'frontal area'], shin: ['shin', 'anterior lower leg', 'shin (pre-tibial)'], knee: ['knee', 'knee cap area'],
  cheek: ['cheek', 'face (cheek)'], nose: ['bridge of nose', 'nose'], scalp: ['scalp', 'vertex of scalp', 'occipital scalp'],
  buttock: ['buttock', 'bottom'], back: ['lower back', 'sacral area', 'lumbosacral area'], 'upper-arm': ['upper arm', 'arm above the elbow'],
  thigh: ['thigh', 'outer thigh'], forearm: ['forearm', 'wrist'], hand: ['hand', 'back of the hand'], foot: ['foot', 'top of foot'],
  chin: ['chin', 'point of chin'], lip: ['lip', 'upper lip'], shoulder: ['shoulder', 'collar bone area'], 'long-bone': ['lower leg', 'tibia'],
  chest: ['chest', 'front of chest'], ear: ['ear', 'pinna'], ribs: ['ribs'],
};
export const siteWord = (rng: Rng, site: string) => rng.pick(SITE_WORDS[site] ?? [site]);

export const mum = (rng: Rng) => rng.pick(['Mum', 'Mother', 'M', 'mum']);
export const dad = (rng: Rng) => rng.pick(['Dad', 'Father', 'F', 'dad']);
export const parentsWord = (rng: Rng, father: boolean) => (father ? rng.pick(['parents', 'Mum and Dad', 'both parents', 'M and F']) : mum(rng));

export function bruiseWords(rng: Rng, sizeMm: number): string {
  const colour = rng.pick(['yellow-green', 'bluish', 'faint', 'purple', 'fading', 'small', 'pale']);
  return rng.pick([`${colour} bruise approx ${sizeMm}mm`, `${sizeMm}mm ${colour} bruise`, `small bruise (${Math.round(sizeMm / 10) || 1}cm)`, `${colour} mark ${sizeMm}mm, bruise`]);
}

/** A sentence that some of the time ends a note: who was there, how the child was. */
export function closing(rng: Rng): string {
  return rng.pick([
    '', '', ' Child happy and interactive.', ' Good interaction observed.', ' Well presented, appropriately dressed.',
    ' Warm and responsive handling.', ' No concerns raised.', ' Advice given, parent to contact if worried.', ' Home clean and tidy.',
  ]);
}

export function mobilityWords(rng: Rng, mobility: string, months: number, sinceMonths: number | null): string {
  const since = sinceMonths === null ? '' : ` since ${Math.max(1, Math.round(sinceMonths))} months`;
  switch (mobility) {
    case 'crawling': return rng.pick([`Crawling${since}.`, `Now crawling${since}, into everything.`, `Commando crawling${since}.`, `Mobile, crawling${since}.`]);
    case 'cruising': return rng.pick([`Pulling to stand and cruising furniture${since}.`, `Cruising round the furniture.`, `Walking holding on${since}.`]);
    case 'walking': return rng.pick([`Walking${since}.`, `Walking independently, unsteady.`, `Toddling.`, `Running about.`]);
    default: return months < 4 ? '' : rng.pick(['Rolling.', 'Rolling both ways.', 'Sitting with support.', '']);
  }
}

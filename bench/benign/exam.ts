// What a professional examining a benign child finds and writes down: a
// toddler's shin bruises, a crawler's forehead bump, a young baby's own
// fingernail scratches, the bruising of a child with a bleeding disorder. The
// rates are the published ones in rates.ts; the context (mobility, the
// diagnosis) is written only some of the time, as in real notes.
import type { ChildLife } from './family.ts';
import * as R from './rates.ts';
import type { Rng } from './random.ts';
import { bruiseWords, mobilityWords, side, siteWord, sideWord } from './words.ts';

export interface Findings {
  injuries: Record<string, unknown>[];
  notes: string[];
  mimics: string[];
}

/** Share of bruises and scratches seen at an examination that the professional charts as an injury: ASSUMED 60%. */
const CHARTED = 0.6;
/** Share of notes of a bruise that say how mobile the child is: ASSUMED 70%. */
const SAYS_MOBILITY = 0.7;
/** Share of a bleeding-disorder child's records that name the diagnosis: ASSUMED 70%. */
const SAYS_DIAGNOSIS = 0.7;

const SITES: Record<string, Record<string, number>> = {
  premobile: { forehead: 3, cheek: 2, nose: 1, scalp: 1 },
  crawling: { forehead: 4, shin: 3, knee: 2, nose: 1 },
  cruising: { shin: 4, forehead: 4, knee: 2, chin: 1 },
  walking: { shin: 8, knee: 3, forehead: 3, thigh: 1, forearm: 1, chin: 1 },
  bleeding: { shin: 3, thigh: 2, 'upper-arm': 2, back: 1, forearm: 2, buttock: 1 },
};

function bruise(rng: Rng, site: string): Record<string, unknown> {
  return { type: 'bruise', site, side: side(rng), sizeMm: rng.int(5, 30), ...(rng.chance(0.3) ? { count: rng.int(2, 3) } : {}) };
}

export function examine(life: ChildLife, on: string): Findings {
  const { rng, family } = life;
  const months = life.months(on);
  const out: Findings = { injuries: [], notes: [], mimics: [] };
  if (months < 6 && rng.chance(R.FINGERNAIL_SCRATCHES_UNDER_6_MONTHS) && rng.chance(CHARTED)) {
    out.injuries.push({ type: 'abrasion', site: rng.pick(['cheek', 'cheek', 'forehead', 'nose']), count: rng.int(2, 4), sizeMm: rng.int(5, 20) });
    out.notes.push(rng.pick([
      'Superficial linear scratches to face, consistent with own fingernails; nails long. Scratch mitts advised.',
      'Few fine scratches on cheeks - baby scratching self, advised to file nails.',
      'Scratch marks to face from own nails noted.',
      'Small superficial scratches to face. Mother says he scratches himself when feeding.',
      'Fingernail scratches to face, self-inflicted. Nail care discussed.',
    ]));
    out.mimics.push('fingernail scratches under 6 months');
  }
  const mobility = life.mobility(on);
  if (months >= 48) {
    // Older children's knocks are seldom charted unless they are the reason for the visit.
    if (rng.chance(0.03)) {
      out.injuries.push(bruise(rng, rng.pick(['shin', 'knee', 'shin'])));
      out.notes.push(rng.pick(['Incidental bruises to shins, plays football.', 'Usual knocks to shins noted.', 'Bruising to lower legs - active child.']));
      out.mimics.push('incidental shin bruise, school age');
    }
    return out;
  }
  const bleeding = family.bleeding;
  const p = bleeding ? (mobility === 'premobile' ? R.BLEEDING_DISORDER_BRUISED.premobile : R.BLEEDING_DISORDER_BRUISED.mobile) : months < 6 ? R.BRUISED_AT_EXAMINATION.underSixMonths : R.BRUISED_AT_EXAMINATION[mobility];
  if (!rng.chance(p) || !rng.chance(CHARTED)) return out;
  const site = rng.weighted(SITES[bleeding ? 'bleeding' : mobility]!);
  const b = bruise(rng, site);
  out.injuries.push(b);
  const since = mobility === 'crawling' ? family.milestones.crawling : mobility === 'cruising' ? family.milestones.cruising : mobility === 'walking' ? family.milestones.walking : null;
  const words = `${bruiseWords(rng, b.sizeMm as number)} ${sideWord(rng, b.side as 'left' | 'right')} ${siteWord(rng, site)}`;
  const account = rng.pick([
    `${words}. ${rng.pick(['Mum', 'Mother'])} says ${rng.pick(['bumped it on the coffee table', 'knocks himself on everything', 'fell against the toy box', 'banged it on the floor', 'not sure, always getting bumps'])}.`,
    `Noted ${words}.`, `O/E ${words}, otherwise NAD.`, `${words} - parent aware.`,
  ]);
  out.notes.push(account);
  if (rng.chance(SAYS_MOBILITY)) out.notes.push(mobilityWords(rng, mobility, months, since));
  if (bleeding && rng.chance(SAYS_DIAGNOSIS)) {
    out.notes.push(rng.pick([`Known ${bleeding}, under haematology.`, `Has ${bleeding} (confirmed by haematology) - bruises easily.`, `Background: ${bleeding}.`]));
  }
  out.mimics.push(bleeding ? `bruise, ${bleeding}` : `bruise in a ${mobility} child${months < 9 ? ' under 9 months' : ''}`);
  return out;
}

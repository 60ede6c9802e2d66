// Phrases for a child left without the supervision their age needs.
// Sources of the wording:
// - HM Government, Working Together to Safeguard Children (2023), definition of neglect: a parent or carer
//   failing to "ensure adequate supervision (including the use of inadequate care-givers)".
// - NICE CG89 section 1.3 (neglect), which names a lack of supervision appropriate to the child's age among the
//   features of neglect to consider.
// - NSPCC, "Leaving your child home alone": babies, toddlers and very young children should never be left alone;
//   the phrases practitioners write when they find it ("left home alone", "found unsupervised", "no adult present").
// Not "seen alone" or "spoke to the child alone": seeing a child alone is good practice, not a finding. Not
// "left alone with him": that is about whom a child may be left with, a plan's condition, not a lack of care.
import type { CodeLexicon } from './lexicon-types.ts';
import type { ConcernSignal } from './vocabulary.ts';

const GAP = String.raw`(?:(?!(?:not|no|never|without) )[\w&/-]+ )`;

export const SUPERVISION_LEXICON: Record<Extract<ConcernSignal, 'inadequate-supervision'>, CodeLexicon> = {
  'inadequate-supervision': {
    says: [
      // With its verb where there is one, so that "was not left unsupervised" is denied by its own "not".
      new RegExp(String.raw`(?:left|leaves|leaving|found|was|were|is|are) ${GAP}{0,2}(?:unsupervised|unattended)|unsupervised|unattended`),
      /(?:no|without|lack of|lacking|inadequate|insufficient|poor|minimal) (?:adult |parental |appropriate )?supervision/,
      // "left home alone", "home alone", "alone in the flat", "on his own at home".
      /(?:home alone|alone (?:at home|in the (?:house|home|flat|property|car|bath))|on (?:his|her|their) own (?:at home|in the (?:house|home|flat|property|car|bath)))/,
      // "left alone", "were left on their own", "found by himself": the child's own being left, not "left alone with X".
      new RegExp(String.raw`(?:left|leaves|leaving|found) ${GAP}{0,3}(?:alone|on (?:his|her|their) own|by (?:himself|herself|themselves))(?! with)`),
      /no (?:adult|adults|parent|parents|carer|carers|one|responsible adult) (?:was |were )?(?:present|at home|in the (?:house|home|flat|property|room)|supervising|looking after)/,
    ],
    // A moment out of sight ("left alone for a few minutes while mum answered the door") is ordinary care.
    // "Unsupervised contact" or "unsupervised visits" is a court's or a plan's word for time with a parent that
    // no professional watches, not a child left alone.
    notThis: [
      /(?:alone|unattended|unsupervised|on (?:his|her|their) own) for (?:a (?:few|couple of) |a |one |two |\d+ )?(?:minutes?|moments?|seconds?)/,
      /unsupervised (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:contact|visits?|visiting|time|access|sessions?|overnights?|overnight stays?|stays?|weekends?)/,
    ],
  },
};

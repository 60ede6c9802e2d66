// Phrases for what others say and who is in and around the home.
// Sources of the wording:
// - Brandon et al.'s triennial analyses of serious case reviews and the Child Safeguarding Practice Review
//   Panel's annual reports: children not seen or seen only at the door, entry refused, visits cancelled; a
//   child's or a sibling's disclosure; new partners unknown to services; adults with a history of violence.
// - Working Together to Safeguard Children (2023): "was not brought" rather than "did not attend" for a child's
//   missed appointment; disclosures as the child's own words.
// - Practitioners' abbreviations: DNA (did not attend), WNB (was not brought), DV/DA (domestic violence/abuse),
//   GBH/ABH (grievous/actual bodily harm), MARAC (multi-agency risk assessment conference, for high-risk
//   domestic abuse).
import type { CodeLexicon } from './lexicon-types.ts';
import type { ConcernSignal } from './vocabulary.ts';

type FamilyCode = Extract<
  ConcernSignal,
  'disclosure' | 'child-not-seen' | 'violent-adult' | 'new-adult' | 'not-brought'
>;

// "hit by a football" is an accident: a harm verb followed by "by" and a thing, not a person, is not read as harm.
const PERSON_AFTER_BY = String.raw`(?:man|woman|boy|girl|person|adult|stranger|teenager|lad|older|bigger|group|gang|mum|mummy|mother|dad|daddy|father|step\w*|partner|boyfriend|girlfriend|brother|sister|sibling|uncle|aunt|grand\w*|nan|carer|parent|parents|someone|somebody|him|her|them|he|she|his|their)`;
// A guess ("may have grabbed it") is an account, not a disclosure.
const HARM = String.raw`(?<!(?:may|might|must|could|would) have )(?:hit|hits|hitting|hurt|hurts|hurting|smacked|smacks|smacking|slapped|slaps|punched|punches|kicked|kicks|beat|beats|beaten|burnt|burned|bit|bites|pinched|pinches|grabbed|grabs|strangled|choked|chokes|pushed|pushes|threw|throws|locked|locks|starved|starves|touched|touches|hurted)(?! by (?:a|an|the) (?!${PERSON_AFTER_BY}\b))(?! by (?:a|an|the)?\s*(?:ball|football|door|swing|toy|car|bike|bicycle|branch|gate|table|chair|tree|stone|rock|bat|racket|stick|wave|dog|cat|horse|trampoline)\b)`;
// Harm done to a person: the verb's object is someone ("hit him", "hurt her arm", "hit by her stepdad"), not a thing
// ("pushed the bouncer over").
const TO_SOMEONE = String.raw`(?= (?:me|him|her|them|us|the (?:child|baby|children|kids|boy|girl|twins)|his|their|my|by|with|at|on|around|across|and|when|if|every|all|a lot|sometimes|often)\b| ?[.,;!"']|$)`;
const CHILD = String.raw`(?:child|children|baby|babies|infant|siblings?|boys?|girls?|twins|him|her|them|he|she|they|the kids)`;

export const FAMILY_LEXICON: Record<FamilyCode, CodeLexicon> = {
  disclosure: {
    // "disclosed" is also what a mother does with a pregnancy or a new partner: a disclosure counts when the
    // sentence speaks of harm, or a child or sibling is the one who disclosed.
    needs: {
      words: new RegExp(String.raw`(?<![a-z])(?:${HARM}|alleg\w*|abuse\w*|harm\w*|assault\w*|violen\w*|rape\w*|sexual\w*|neglect\w*|scared|frightened|afraid|injur\w*|bruis\w*|marks?|fracture\w*|broke\w*|hungry|starv\w*|no food|left alone|threat\w*|belt|weapon|knife)(?![a-z])`, 'i'),
      orSaidBy: ['child', 'sibling'],
    },
    says: [
      /(?:disclose|disclosed|discloses|disclosing|disclosure|disclosures|alleged|alleges|allegation|allegations|made an allegation)/,
      new RegExp(String.raw`(?:said|says|told|tells|reported|reports|stated|states|explained|described|complained) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,5}(?:that )?(?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}${HARM}${TO_SOMEONE}`),
      new RegExp(String.raw`(?:says?|said|told|tells|stated|reports?|reported) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:that )?(?:(?:mum|mom|mummy|mother|dad|daddy|father|step-?dad|\w+'s (?:boyfriend|partner)|the man|he|she|they) )(?:(?!(?:not|no|never|without) )[\w&/-]+ )?${HARM}${TO_SOMEONE}`),
    ],
  },
  'child-not-seen': {
    says: [
      new RegExp(String.raw`${CHILD} (?:was |were |had |has |have )?(?:not |n't |never )(?:been )?(?:seen|sighted|visible|available)(?! alone| on (?:his|her|their) own)`),
      new RegExp(String.raw`(?:did not|didn't|could not|couldn't|unable to|not able to|was not able to|were not able to|failed to) (?:see|sight|meet) (?:the |any of the |either )?${CHILD}`),
      /(?:no reply|no answer|no response) (?:at|to|from) (?:the )?(?:door|address|home|property|knock|calls?|visit)|no (?:reply|answer)(?= *[.;,]|$)/,
      /(?:refused|denied|unable to gain|could not gain|couldn't gain|no) (?:entry|access)|(?:entry|access) (?:was )?(?:refused|denied)/,
      /(?:spoke|spoken|speaking|talked|seen) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:at|on) the (?:front )?(?:door|doorstep|threshold)|doorstep (?:visit|conversation|only)/,
      new RegExp(String.raw`${CHILD} (?:was |were |is |are )?(?:said to be |reported to be |reportedly )?(?:asleep|sleeping|upstairs|at (?:a |her |his |their )?(?:friend's|grandmother's|nan's|relative's|cousin's)|out with|staying with|away)`),
      /(?:visit|home visit|session) (?:was )?(?:cancelled|canceled|postponed|rearranged) by (?:the )?(?:mother|mum|mom|father|dad|parents?|family|carers?)|(?:mother|mum|mom|father|dad|parents?|family|carers?) (?:cancelled|canceled|postponed) (?:the |a |another |our )?(?:home )?visit/,
      /(?:unseen|whereabouts (?:are |is )?(?:unknown|not known))/,
      // Relatives kept away: a pattern the serious case reviews name (the family closing ranks).
      new RegExp(String.raw`(?:not allowed|not permitted|prevented|stopped|refused permission|refused|barred) (?:from |to )?(?:see|seeing|visit|visiting|speak to|speaking to|contact|contacting) (?:the |any of the |her |his )?${CHILD}`),
      /(?:through|via) (?:the )?(?:letterbox|letter box|window|closed door|intercom)/,
      // Entry refused in so many words: the worker kept at the door ("did not let me in", "shut it in my face").
      /(?:did not|didn't|would not|wouldn't|refused to|will not|won't) (?:let|allow) (?:me|us|the (?:worker|social worker|health visitor|visitor|officers?|nurse)|workers?|officers?|staff) (?:in|inside|into|to enter|to come in)/,
      /(?:shut|slammed|closed) (?:it|the door) (?:in (?:my|our|the worker's|the visitor's) face|on (?:me|us|the worker|the visitor))/,
    ],
  },
  'violent-adult': {
    says: [
      /(?:history|record|convictions?|previous(?:ly)?|known) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:violence|violent|assaults?|assaulting|domestic (?:abuse|violence)|wounding|GBH|ABH|weapons?|knife|firearms?)/,
      /(?:violent|aggressive) (?:partner|boyfriend|man|male|father|stepfather|history|past|behaviou?r|offender|offences?)/,
      /(?:assault|assaulted|assaulting|wounding|grievous bodily harm|actual bodily harm|battery|affray|strangulation|non-fatal strangulation|threats to kill|coercive control|coercive and controlling)/,
      /(?:domestic (?:abuse|violence)|domestic incidents?|intimate partner violence)(?: (?!(?:not|no|never|without) )[\w&/-]+){0,3}/,
      // An "offender" alone may have stolen a car: only violent, sexual or domestic-abuse offending counts.
      /(?:perpetrator|violent offender|sex offender|schedule 1 offender|schedule one offender|risk to children|restraining order|non-molestation order)/,
      // A conviction or charge for harming someone, with whose it is when the sentence says ("step-father's
      // conviction for injuring the baby"): the offence is violence whether or not the word is.
      /(?:[\w-]+'s )?(?:convicted|conviction|convictions|charged|cautioned|sentenced) (?:of|for) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:injuring|harming|hurting|ill-treating|wounding|cruelty)/,
    ],
    saysInCapitals: [/(?:GBH|ABH|DV|DA|MARAC|IDVA|MAPPA|RSO|PPN|DVPN|DVPO)/],
  },
  'new-adult': {
    says: [
      /new (?:partner|boyfriend|girlfriend|husband|wife|man|male|relationship|lodger|adult|stepfather|step-father|stepdad|step-dad)/,
      /(?:mother's|mum's|mom's|father's|dad's) (?:new )?(?:partner|boyfriend|girlfriend|fiancee?)/,
      /(?:boyfriend|partner|male|man|adult|lodger|friend) (?:has |had |have )?(?:moved in|moving in|living (?:at|in|with)|staying (?:at|in|with|over)|stays (?:at|over)|lives (?:at|with))/,
      /(?:unknown|unidentified|unnamed|unfamiliar) (?:male|man|adult|person|visitor|partner|boyfriend)/,
      /(?:a |another )?(?:man|male) (?:was )?(?:present|in the (?:home|house|flat)|answered the door|seen leaving)/,
      /lodger/,
    ],
  },
  'not-brought': {
    says: [
      /(?:was |were )?not brought(?: to| for| in)?/,
      /(?:did not|didn't|failed to|does not|doesn't) (?:attend|bring|take)/,
      /(?:missed|missing|cancelled|canceled) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:appointments?|clinics?|immuni[sz]ations?|vaccinations?|checks?|reviews?|follow[ -]ups?)/,
      /(?:no[ -]show|failed appointment|non[ -]attendance)/,
      /appointments? (?:was |were )?(?:cancelled|canceled) by (?:the )?(?:mother|mum|mom|father|dad|parents?|family|carers?)/,
    ],
    // "DNA" is also the molecule: not before test, sample, profile or evidence.
    saysInCapitals: [/(?:DNA|DNAs|DNA'd|DNAd|WNB|FTA)(?! (?:test|tests|testing|tested|sample|samples|profile|results?|analysis|evidence|match|swab|paternity))/],
  },
};

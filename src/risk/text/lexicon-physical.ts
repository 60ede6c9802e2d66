// Phrases for physical injury and the account given for it.
// Sources of the wording:
// - NICE CG89 "When to suspect child maltreatment" (2009, updated 2017), section 1.1 (physical features: bruises,
//   bites, lacerations, burns and scalds, fractures, intracranial and eye injuries) and 1.2.1 (an explanation that
//   is absent, unsuitable or inconsistent; delayed presentation).
// - Maguire et al.'s systematic reviews of bruising and burns (Cardiff Child Protection Systematic Reviews): the
//   patterns they name (fingertip/grip, linear, slap, loop and ligature marks; glove-and-stocking immersion scalds
//   with clear upper margins, symmetry and sparing of flexures or of the soles, "doughnut" sparing).
// - Practitioners' usual shorthand in clinical notes: "#" for fracture, "NAI", "O/E", "Hx".
import type { CodeLexicon } from './lexicon-types.ts';
import type { ConcernSignal } from './vocabulary.ts';

type PhysicalCode = Extract<
  ConcernSignal,
  | 'injury'
  | 'patterned-injury'
  | 'immersion-pattern'
  | 'explanation-absent'
  | 'explanation-unsuitable'
  | 'explanation-changed'
  | 'delayed-presentation'
>;

const NUMBER = String.raw`(?:\d+|a|one|two|three|four|five|six|seven|several|a few|few|a couple of)`;
const DELAY_UNIT = String.raw`(?:days?|weeks?|hours?|hrs?)`;

export const PHYSICAL_LEXICON: Record<PhysicalCode, CodeLexicon> = {
  injury: {
    says: [
      /bruis(?:e|es|ed|ing)/,
      /(?:burn|burns|burnt|burned|scald|scalds|scalded|scalding)/,
      /(?:fracture|fractures|fractured|broken (?:arm|leg|wrist|ankle|bone|bones|rib|ribs|collarbone|clavicle|femur|skull|nose|finger|toe)s?)/,
      /(?:laceration|lacerations|abrasion|abrasions|graze|grazes|grazed|cut (?:to|on|above|below)|cuts (?:to|on))/,
      /(?:bite marks?|bitten|human bite)/,
      /(?:injury|injuries|injured|head injury|NAI|non-accidental injury|non accidental injury)/,
      /(?:black eye|swelling|swollen|lump (?:on|to)|welts?|weals?|petechiae|petechial|subconjunctival ha?emorrhage|retinal ha?emorrhages?|subdural|torn frenulum|frenulum (?:tear|torn|injury)|bleeding from)/,
      /marks? (?:on|to|across|over|around) (?:his|her|their|the|both|its)/,
    ],
    // "#" is fracture in clinical shorthand ("# radius"); matched with the bone after it so "#3" is not read.
    saysInCapitals: [/# ?(?:radius|ulna|humerus|femur|tibia|fibula|skull|rib|ribs|clavicle|wrist|arm|leg|NOF|R|L)/],
  },
  'patterned-injury': {
    says: [
      // The shape of the thing that made it. Only marks and bruises: a "finger injury" or "hand burns" is a site.
      /(?:grip|gripping|grab|finger ?tip|fingertip|finger|thumb|pinch|hand|slap|belt|buckle|loop|cord|cable|ligature|stick|strap|whip|tramline|tram-line|linear|bite|teeth|imprint|patterned|shoe|footprint|kick)[ -]?(?:shaped )?(?:marks?|bruises?|bruising|imprints?|pattern)/,
      /(?:cigarette|iron|lighter|grill|hair straightener|straighteners|patterned|contact|branding)[ -]?(?:shaped )?(?:burns?|marks?|imprints?)/,
      /(?:hand|finger|slap) ?print/,
      // Fingertip bruises are small, oval and grouped (Maguire's review of bruising patterns).
      /(?:consistent with|in keeping with|suggestive of|typical of|pattern of) (?:a |an |being )?(?:grip|grips|gripping|grab|grabbed|grabbing|gripped|squeez\w*|pinch\w*|slap\w*|fingertips?|finger marks|hand|punch\w*|kick\w*|bite|belt|ligature|strangulation|choking|strangled|restrain\w*|held (?:down|tightly|forcibly))/,
      /(?:\d+|two|three|four|five|several|multiple|a cluster of|a group of) (?:small )?(?:oval|round|circular|finger-?tip sized|fingertip-sized) bruis\w*/,
      /(?:imprint|outline|pattern) of (?:a |an )?(?:hand|fingers?|belt|buckle|object|cord|loop|shoe|iron)/,
      /(?:parallel|linear) (?:bruises|bruising|marks|lines)/,
      /(?:circular|round) (?:burns?|marks?)[^.;]{0,30}(?:cigarette|\d+ ?mm)/,
      /(?:petechiae|bruising|bruises) (?:around|on|to) (?:the |his |her )?(?:neck|ears?)/,
    ],
  },
  'immersion-pattern': {
    says: [
      /(?:glove|gloves|stocking|stockings|sock|socks)(?: and | or |[ -]?)(?:glove|stocking|sock)?[ -]?(?:distribution|pattern|burns?|scalds?|like)/,
      /(?:symmetrical|symmetric|bilateral) (?:(?!(?:not|no|never|without) )\w+ ){0,2}(?:burns?|scalds?|scalding)/,
      /(?:burns?|scalds?) (?:to|of|on) (?:both|each) (?:feet|hands|legs|buttocks|sides)/,
      /(?:tide ?line|tide-line|clear (?:upper )?(?:margin|line|demarcation)|sharp(?:ly)? (?:demarcated|demarcation|margins?|edges?)|well[ -]demarcated|clear[ -]cut edges?)/,
      /(?:immersion|immersed|dipped|dunked|held (?:in|under) (?:hot )?water)/,
      /(?:sparing|spared) (?:of )?(?:the )?(?:flexures|skin folds|creases|soles?|buttock centre|centre)/,
      /doughnut(?: sparing| pattern)?/,
    ],
  },
  'explanation-absent': {
    says: [
      // "I don't know" is not an explanation (NICE CG89 1.2.1: "absent explanation").
      /(?:do not|don't|does not|doesn't|did not|didn't|dont|doesnt|didnt) know (?:how|what|why|when|where)/,
      /(?:doesn't|does not|don't|do not|did not|didn't|dunno) know(?=\s*["'.,;!?)]|\s*$| about (?:it|the))/,
      // "unsure how she feels" is not about an injury: the words after must be about how it happened.
      /(?:unsure|not sure|uncertain|no idea|not certain|can't say|cannot say|could not say|couldn't say) (?:how|what|why|when|where|of how) (?:(?!(?:not|no|never|without) )\w+ ){0,4}(?:happened|occurred|caused|got|sustained|came about|injur\w*|hurt|bruis\w*|burn\w*|scald\w*|marks?|fracture\w*|broke|broken|done)/,
      /(?:unable to|not able to|could not|couldn't|cannot|can't|can not|did not|didn't|failed to|would not|wouldn't|refused to) (?:explain|account for|say how|give an? (?:explanation|account|history))/,
      /no (?:clear |plausible |adequate |satisfactory |further |obvious |known |consistent )?(?:explanation|explanations|account|history of (?:trauma|injury|a fall|an? accident)|history given|mechanism|cause (?:given|offered|known))/,
      /(?:without|lacking) (?:a |an |any )?(?:clear |plausible )?(?:explanation|account)/,
      // Clinical headings: "Hx: nil", "Mechanism - unknown", "Account: not known".
      /(?:hx|history|account|explanation|mechanism|cause|moi)\s*[:\-–]\s*(?:not known|unknown|none(?: given)?|nil|unsure|not sure|don't know|not given|n\/?k|unclear|\?)/,
      /no (?:trauma|injury|fall|accident|incident) (?:was )?(?:reported|known|described|recalled|witnessed|remembered)/,
      // A guess is not an account of what happened ("he must have climbed into the bath").
      /(?:must|might|may) have (?:(?!(?:not|no|never|without) )\w+ ){0,2}(?:fallen|fell|climbed|banged|bumped|hit|knocked|rolled|caught|done it|done this|got it|slipped|tripped|touched|pulled)/,
      // "unexplained absences" are a school's concern, not an injury's account.
      /(?:unexplained|unexplainable) (?:(?!(?:not|no|never|without) )\w+ )?(?:bruis\w*|injur\w*|fracture\w*|burns?|scalds?|marks?|swelling|bleeding|head injury|death)|(?:bruis\w*|injur\w*|fractures?|burns?|scalds?|marks?) (?:(?!(?:not|no|never|without) )\w+ ){0,2}(?:unexplained|not explained|remain unexplained)/,
      /(?:explanation|account|history) (?:was |is )?(?:not (?:given|offered|provided)|absent|lacking|unclear|vague)/,
    ],
  },
  'explanation-unsuitable': {
    says: [
      /(?:not|in) ?consistent with (?:the )?(?:history|explanation|account|mechanism|story|fall|developmental|age|mobility|injury)/,
      /inconsistent with/,
      /not in keeping with/,
      /(?:does not|doesn't|would not|wouldn't|did not|didn't|could not|couldn't|unlikely to) (?:explain|account for|fit|match|cause)/,
      /(?:too )?(?:extensive|severe|significant|serious|many|numerous|widespread) for (?:the |a |such a )?(?:(?:simple|minor|short|reported|described) )*(?:fall|mechanism|history|explanation|account|injury|accident|bump)/,
      /more (?:severe|extensive|serious|significant) than (?:would be )?(?:expected|explained|described)/,
      /(?:implausible|improbable|unlikely) (?:explanation|account|mechanism|history|story)/,
      /(?:explanation|account|mechanism|history|story) (?:is |was |seems |appeared |appears )?(?:implausible|improbable|unlikely|unconvincing|insufficient|inadequate|not plausible|not credible|doubtful)/,
      /(?:mechanism|history|explanation) (?:does not|doesn't|did not|didn't) (?:fit|match|explain|correlate)/,
      /developmentally (?:implausible|impossible|unlikely|inappropriate)/,
    ],
  },
  'explanation-changed': {
    says: [
      /(?:changed|changing|altered|varying|various|shifting|evolving) (?:(?!(?:not|no|never|without) )\w+ )?(?:accounts?|explanations?|story|stories|versions?|histor(?:y|ies))/,
      /(?:accounts?|explanations?|story|stories|versions?|histor(?:y|ies)) (?:(?!(?:not|no|never|without) )\w+ ){0,5}(?:differs|differed|conflicts with|contradicts|contradicted|does not match|doesn't match|did not match|didn't match)/,
      /(?:initially|at first|first|originally) (?:said|says|stated|claimed|reported|told|explained)[^.;]{0,80}(?:later|then|subsequently|now|afterwards|next day) (?:said|says|stated|claimed|reported|told|explained|changed)/,
      /(?:accounts?|explanations?|story|stories|versions?|histor(?:y|ies)) (?:(?!(?:not|no|never|without) )\w+ )?(?:changed|changes|differ|differed|differs|varied|varies|conflict|conflicted|conflicting|contradict|contradicted|contradictory|inconsistent|keep changing|kept changing)/,
      /(?:different|differing|conflicting|contradictory|inconsistent|two|second|new|another|alternative) (?:accounts?|explanations?|story|stories|versions?|histor(?:y|ies))/,
      /(?:later|then|subsequently|now) (?:said|says|stated|states|claimed|claims|reported|reports|gave) (?:(?!(?:not|no|never|without) )\w+ ){0,3}(?:instead|different|another)/,
      /gave (?:a )?(?:different|another|second|new|conflicting) (?:account|explanation|story|version|history)/,
    ],
  },
  'delayed-presentation': {
    says: [
      new RegExp(String.raw`(?:brought|presented|presenting|attended|seen|taken|came)(?: (?!(?:not|no|never|without) )\w+){0,4} ${NUMBER} ${DELAY_UNIT} (?:later|after)`),
      new RegExp(String.raw`(?:injury|injuries|bruis\w*|burns?|scalds?|fractures?|swelling) (?:(?!(?:not|no|never|without) )\w+ ){0,3}(?:${NUMBER} ${DELAY_UNIT}|several days|some days) old`),
      new RegExp(String.raw`(?:happened|occurred|sustained|injured|fell|burnt|burned|scalded)(?: (?!(?:not|no|never|without) )\w+){0,4} ${NUMBER} ${DELAY_UNIT} (?:ago|before|earlier|previously|prior)`),
      /(?:delay|delayed|delays|late) (?:in )?(?:presentation|presenting|seeking|attending|attendance|help|treatment|medical)/,
      /delay(?:ed)? (?:of|by) (?:\d+|a|one|two|three|several) (?:days?|weeks?|hours?)/,
      /(?:did not|didn't|did not|failed to|no attempt to) seek (?:medical )?(?:help|attention|advice|treatment|care)/,
      /(?:not|only) (?:brought|taken|presented) (?:(?!(?:not|no|never|without) )\w+ ){0,3}until/,
      /(?:waited|left it) (?:(?!(?:not|no|never|without) )\w+ ){0,3}(?:before|until) (?:seeking|bringing|taking|attending|calling)/,
      /(?:healing|old|older|healed|callus|callous|periosteal reaction|new bone formation)(?: (?!(?:not|no|never|without) )\w+){0,2} (?:fractures?|injur(?:y|ies)|burns?)/,
    ],
  },
};

// Phrases for neglect, emotional harm and the parent-child relationship.
// Sources of the wording:
// - NICE CG89 section 1.3 (neglect: persistent hunger, food-seeking and stealing food; poor hygiene, smelling,
//   head lice; untreated dental decay and unmet medical needs; faltering growth) and 1.4 (emotional and
//   behavioural states: fearful, "frozen watchfulness", withdrawn; parent-child interactions: hostility, rejection,
//   scapegoating, lack of warmth, rough handling).
// - NICE NG75 (faltering growth): weight falling across centile spaces, "failure to thrive".
// - Brandon et al.'s triennial analyses of serious case reviews (2008-2020) on neglect: squalid homes, no food in
//   the house, animal faeces, no heating; the children's own signs as teachers and nursery staff write them.
import type { CodeLexicon } from './lexicon-types.ts';
import type { ConcernSignal } from './vocabulary.ts';

type NeglectCode = Extract<
  ConcernSignal,
  | 'hunger'
  | 'poor-hygiene'
  | 'untreated-need'
  | 'faltering-growth'
  | 'poor-home-conditions'
  | 'emotional-harm'
  | 'poor-interaction'
>;

const ADULT = String.raw`mother|mum|mom|father|dad|parents?|carers?|foster carers?|staff|teachers?|neighbours?|neighbors?|grandmother|grandfather|grandparents?|partner|workers?|officers?|nurses?|professionals?|adults?`;
const PLURAL_ADULTS = String.raw`parents|carers|foster carers|staff|teachers|neighbours|neighbors|grandparents|workers|officers|nurses|professionals|adults`;
const FOOD = String.raw`(?:food|snacks?|lunch(?:es)?|breakfast|bread|fruit|biscuits|sweets|leftovers|scraps|dinners?|meals?)`;

export const NEGLECT_LEXICON: Record<NeglectCode, CodeLexicon> = {
  hunger: {
    says: [
      /(?:hungry|hunger|starving|starved|ravenous|famished)/,
      new RegExp(String.raw`(?:steal|steals|stole|stealing|hoard|hoards|hoarded|hoarding|hid|hides|hiding|scavenging|scavenges|sneaking|taking|takes|took|begging|begs|begged|asking|asks|asked|looking) (?:(?:staff|adults|others|teachers|neighbours|people) )?(?:for |other children's |others' |other pupils' |from (?:other )?(?:children|pupils|bins) )?${FOOD}`),
      /food[ -](?:seeking|hoarding|stealing|insecurity|poverty)/,
      /(?:rummag\w*|searching|scavenging|foraging|going through) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:bins?|for food)/,
      new RegExp(String.raw`(?:eating|eats|ate) (?:from (?:the )?bins|out of bins|other children's ${FOOD}|${FOOD} from (?:the )?(?:floor|bins?))`),
      /(?:gorging|gorges|gorged|eats (?:very )?(?:quickly|rapidly|fast)|ate (?:very )?(?:quickly|rapidly|fast)|second helpings|extra helpings)/,
      new RegExp(String.raw`(?:no|without|not had (?:any )?|had not had (?:any )?|hasn't had (?:any )?) (?:breakfast|${FOOD} (?:since|today|at home)|packed lunch|lunch money)`),
      /not (?:being )?fed|(?:missed|missing|skipped) meals/,
    ],
  },
  'poor-hygiene': {
    says: [
      /(?:dirty|grubby|filthy|unkempt|unwashed|ungroomed|dishevelled|disheveled|matted hair|greasy hair|unclean)/,
      /(?:smells?|smelled|smelt|smelling|smelly) (?:strongly |badly |heavily )?(?:of (?:urine|faeces|feces|stale|smoke|damp|body odou?r)|unpleasant|bad)/,
      /(?:smelly|malodorous|malodourous|body odou?r|strong odou?r|odou?r of urine|poor (?:personal )?hygiene|hygiene (?:is |was )?poor)/,
      /(?:soiled|wet|sodden|heavy|full|unchanged) (?:clothes|clothing|nappy|nappies|diaper|diapers|underwear|bedding)/,
      /(?:head lice|nits|lice|infestation of (?:head )?lice)/,
      /(?:same|unwashed|ill[ -]fitting|too small|inadequate|inappropriate) (?:clothes|clothing|uniform|shoes)/,
      /(?:severe|persistent|untreated|chronic) nappy rash/,
      /(?:inappropriately dressed|not dressed for the weather|no coat)/,
    ],
  },
  'untreated-need': {
    says: [
      /(?:untreated|unmet (?:health|medical|dental) needs?|medical neglect|dental neglect)/,
      /(?:tooth|dental) (?:decay|caries|abscess|abscesses|pain)|caries|rotten teeth|decayed teeth|black(?:ened)? teeth/,
      /(?:not|never) (?:registered with|taken to|seen by) (?:a |the )?(?:dentist|gp|doctor|optician)/,
      /(?:missed|missing|not given|not receiving|not taking|no|ran out of|not collected|not administered) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:medication|medicine|treatment|inhaler|insulin|prescription|antibiotics|eye drops|creams?)/,
      /(?:medication|medicine|treatment|inhaler|insulin|prescription) (?:was |is |has been |had been )?(?:not given|not administered|not collected|not started|stopped by|withheld)/,
      /(?:glasses|spectacles|hearing aids?) (?:not (?:worn|replaced|provided|collected)|broken|lost)|(?:no|without|broken|lost) (?:his |her |their )?(?:glasses|spectacles|hearing aids?)/,
      /(?:infected|weeping|bleeding|raw) (?:eczema|wounds?|sores?|rash|cuts?)/,
      /(?:treatment|medical (?:help|attention|advice)|dental (?:care|treatment)) (?:was |has been |had been )?not (?:sought|obtained|arranged|pursued)/,
      /(?:needs? (?:have |has )?not been met|health needs not met|follow[ -]up not arranged|referral not followed up)/,
      // A carer keeping the child from medical care (NICE CG89 1.3: consider neglect when carers fail to obtain treatment).
      /(?:will not|won't|would not|wouldn't|does not|doesn't|did not|didn't|refuses to|refused to) (?:let|allow) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){1,4}(?:see|take|be seen by|go to) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,5}(?:doctor|gp|dentist|hospital|nurse|health visitor)/,
    ],
  },
  'faltering-growth': {
    says: [
      /(?:weight loss|lost weight|losing weight|weight (?:has )?(?:fallen|dropped|falling|static|plateaued|faltering)|poor weight gain|not (?:gaining|putting on) weight|static weight|weight static)/,
      /(?:underweight|under weight|gaunt|emaciated|malnourished|malnutrition|undernourished|wasted|wasting|skinny|very thin|painfully thin|thin and pale|small for (?:his |her )?age)/,
      /(?:faltering growth|growth faltering|failure to thrive|failing to thrive|faltering weight|poor growth)/,
      /(?:crossed|crossing|dropped|dropping|fallen|falling|fell) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:centiles?|centile (?:lines|spaces)|percentiles?)/,
      /(?:on|at|below|under|around|just above) (?:the )?(?:0\.4(?:th)?|2nd|second|0\.4) (?:centile|percentile)/,
    ],
    saysInCapitals: [/FTT/],
  },
  'poor-home-conditions': {
    says: [
      /(?:squalid|squalor|filthy home|dirty home|home (?:was |is )?(?:dirty|filthy|squalid|chaotic|cold|unsafe|unhygienic|cluttered)|home conditions (?:were |are |was |is )?(?:poor|concerning|unacceptable|very poor)|poor home conditions)/,
      /no (?:food|milk|formula) in (?:the )?(?:home|house|flat|fridge|cupboards?|property)|(?:empty|bare) (?:fridge|cupboards?)/,
      /(?:no|without) (?:heating|electricity|gas|hot water|running water|beds?|bedding|cot|mattress)/,
      /(?:cold|freezing) (?:house|home|flat|property)/,
      /(?:dog|cat|animal|human) (?:faeces|feces|mess|excrement|urine|dirt)|(?:faeces|feces|excrement) (?:on|in|across) (?:the )?(?:floor|carpet|walls?|home)/,
      /(?:rubbish|refuse|bin bags|dirty nappies|dirty dishes|rotting food|mouldy food|moldy food) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:piled|everywhere|strewn|on the floor|throughout|accumulated)/,
      /(?:infested|infestation|cockroach(?:es)?|rats|mice|vermin|bed bugs|fleas)/,
      /(?:sleeping|slept|sleeps) on (?:the )?floor|(?:broken|exposed) (?:glass|wires|wiring|windows)/,
      // Too few beds for the children living there (Graded Care Profile 2, NSPCC: housing, bed and bedding).
      /(?:not enough|insufficient|too few|inadequate) (?:beds|bedding|mattresses|cots|sleeping (?:space|arrangements))/,
      // Not a smell of cannabis or alcohol: that is a parent's substance use, not the state of the home.
      /(?:smell of (?:urine|damp|faeces|feces|rubbish)|damp and mou?ld|black mou?ld)/,
    ],
  },
  'emotional-harm': {
    says: [
      /(?:frightened|scared|fearful|terrified|afraid) (?:of|to go home|to return|when|at|that)/,
      // The state alone, so that "was not frightened" and "did not seem scared" are negated by their own "not";
      // an adult's fear is set aside by notThis below.
      /(?:frightened|scared|fearful|terrified|anxious|petrified)/,
      /(?:flinch|flinches|flinched|flinching|cowers|cowering|cowered|frozen watchfulness|hypervigilant|hyper-vigilant|watchful)/,
      // Not "low mood": in agencies' records it is far more often a parent's than a child's.
      /(?:withdrawn|subdued|timid|tearful|distressed|self[ -]harm\w*|wetting|soiling)/,
      /(?:scapegoat\w*|shut in (?:a|his|her|their|the) (?:room|bedroom|cupboard)|locked in|confined to (?:a|his|her|the) (?:room|bedroom))/,
      /(?:called|calls|calling) (?:him|her|them|the child) (?:names|stupid|useless|fat|ugly|a \w+)/,
      /(?:belittled|belittles|belittling|humiliated|humiliates|humiliating|ridiculed|ridicules|degraded|degrading)/,
      // "rejected" and "threatened" alone are too often about referrals and tenancies: only towards a person.
      /(?:rejected|rejects|rejecting|threatened|threatens|threatening) (?:him|her|them|the (?:child|baby|children)|to (?:hit|hurt|kill|leave|put|send|smack|beat|punish))|feels? (?:rejected|unwanted|unloved)/,
      /(?:shouted|shouts|shouting|screamed|screams|screaming|swore|swears|swearing|sworn) at (?:him|her|them|the (?:child|baby|children))/,
      /(?:does not|doesn't|did not|didn't) want to go home|reluctant to go home|(?:afraid|scared|frightened) to go home/,
      /(?:witnessed|exposed to|present during|heard) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:domestic (?:abuse|violence)|violence|the assault|arguments|fighting)/,
    ],
    notThis: [
      // An adult's own fear ("foster carers report they are frightened of him", "mum is anxious") is not the child's.
      new RegExp(String.raw`(?:${ADULT})(?: (?!(?:she|he|they|child|children|baby|noted|observed|saw|said|says|reports?|reported|told|that)\b)[\w'-]+){0,2} (?:is|are|was|were|feels?|felt|seemed|seems|appeared|appears|became|remains?) (?:very |so |really |extremely |quite )?(?:frightened|scared|fearful|terrified|anxious|petrified)`),
      // "carers report they are frightened": a plural adult and "they" are the same people.
      new RegExp(String.raw`(?:${PLURAL_ADULTS}) (?:report|reported|say|said|state|stated|told \w+)(?: that)? they (?:are|were|feel|felt|have been) (?:very |so |really |extremely |quite )?(?:frightened|scared|fearful|terrified|anxious|petrified)`),
    ],
  },

  'poor-interaction': {
    says: [
      /(?:no|little|poor|limited|minimal|lack of|lacking|without|absence of) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:warmth|affection|interaction|eye contact|engagement|emotional connection|bond|bonding)/,
      /(?:cold|hostile|harsh|dismissive|rough|critical|negative|indifferent|irritated|impatient) (?:towards?|with|to|of|about) (?:the |her |his )?(?:child|baby|infant|son|daughter|him|her|them)/,
      /(?:handled|handles|handling) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:roughly|abruptly|harshly)|rough handling/,
      /(?:ignored|ignores|ignoring|disregarded|did not respond to|didn't respond to|does not respond to|unresponsive to) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:the |her |his )?(?:child|baby|infant|cries|crying|cues|son|daughter)/,
      /(?:left|leaves) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:to cry|crying|unattended|alone in (?:the |a )?(?:cot|pram|room))/,
      /(?:propped|prop) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:bottle|feeding)|bottle propped/,
      // Also emotional harm; here as the interaction a visitor sees.
      /(?:shouted|shouts|shouting|screamed|screams|screaming|swore|swears|snapped|snaps) at (?:him|her|them|the (?:child|baby|children|toddler))/,
      /(?:rejected|rejects|rejecting|blames|blamed|blaming) (?:him|her|them|the (?:child|baby|children))/,
      /(?:poor|insecure|disorganised|disorganized|ambivalent|avoidant) (?:attachment|bond|bonding)/,
      /(?:negative|derogatory|hostile|critical) (?:comments|remarks|language) (?:about|towards|to)/,
      // Negative attributions to an infant (NICE CG89 1.4: developmentally inappropriate expectations, hostility).
      /(?:describ\w+|refer\w+ to|call\w*|sees?|saw|talks? about) (?:the |her |his )?(?:baby|child|son|daughter|him|her|infant) as [^.;]{0,40}(?:devil|evil|naughty|demon|monster|spiteful|manipulative|on purpose|deliberately|bad|a nightmare)|(?:doing it|does it|did it|cries|crying) (?:on purpose|deliberately|to wind (?:me|her|him|them) up)|winding (?:me|her|him|them) up/,
      /(?:did not|didn't|does not|doesn't|rarely|never) (?:engage|interact|play|talk|speak|look|smile|comfort) (?:with|at|to) (?:the |her |his )?(?:child|baby|infant|son|daughter|him|her)/,
    ],
  },
};

// Phrases for practitioners' own context: the facts that make an injury less likely to be abuse. These are what
// stop the rules' false alarms, so each entry is specific, and what says a condition was *excluded* or only
// *queried* is listed under `absent` (or caught by negation.ts) so it can never lower a finding.
// Sources of the wording:
// - NICE CG89 1.1 ("bruising in a child who is not independently mobile"; consider medical explanations) and
//   Sugar et al. 1999 ("those who don't cruise rarely bruise"): mobility as crawling, cruising, walking, pulling
//   to stand, bottom-shuffling. Rolling over alone is not independent mobility. "Walking" is an everyday verb,
//   so it counts only with the child as its subject or a milestone's wording ("started walking"). "Not weight
//   bearing" is a symptom of an injured leg, not a stage of development, and is not read here at all.
// - Maguire's systematic reviews (bruising; fractures) and the RCPCH Child Protection Companion: the medical
//   mimics to exclude: birth injury (ventouse, forceps, cephalhaematoma), congenital dermal melanocytosis
//   ("Mongolian blue spot"), bleeding disorders (haemophilia, von Willebrand disease, ITP) confirmed by
//   haematology, osteogenesis imperfecta, rickets and metabolic bone disease.
// - NICE CG89 1.2 ("an explanation that is ... suitable"; "consider" and "suspect"), the RCPCH Child Protection
//   Companion (the paediatric assessment weighs the account against the injury and the child's development):
//   a professional's documented judgement that the injury fits the account, or was accidental. What says it does
//   not ("inconsistent with", "non-accidental", "implausible") is listed under `absent`.
// - Record-keeping practice (NMC and GMC guidance): a correction is marked "entered in error" or "amended", and
//   the earlier entry is kept.
import type { CodeLexicon } from './lexicon-types.ts';
import type { ContextSignal } from './vocabulary.ts';

// Independent of the family: a setting's staff, a professional, or the public (TEN-4-FACESp's "confirmed
// accidental trauma in a public setting"; NICE CG89's "confirmed accidental cause").
const SETTING = String.raw`(?:nursery|school|pre-?school|playgroup|childminder|crèche|creche|club|teacher|staff|practitioner|key ?worker|teaching assistant|lifeguard|coach|health visitor|social worker|paramedics?|police(?: officers?)?|members? of the public|passers?-?by|bystanders?|independent witness(?:es)?|shop (?:staff|assistant|worker)s?)`;

export const CONTEXT_LEXICON: Record<ContextSignal, CodeLexicon> = {
  'birth-injury': {
    says: [
      /(?:birth|delivery|obstetric)[ -](?:injury|injuries|trauma|related|associated)/,
      /(?:ventouse|forceps|kiwi cup|vacuum(?:-assisted)? (?:delivery|extraction)|instrumental (?:delivery|birth))/,
      /(?:cephal(?:o)?ha?ematoma|caput(?: succedaneum)?|chignon|moulding|molding|erb'?s palsy|brachial plexus (?:injury|palsy))/,
      /(?:bruis\w*|marks?|swelling|fracture\w*|injur\w*|ha?emorrhages?|petechiae) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:from|during|due to|secondary to|caused by|related to|at) (?:the |a |her |his )?(?:birth|delivery|labou?r)/,
      /(?:clavicle|clavicular|collarbone) (?:fracture|#) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:birth|delivery)/,
    ],
  },
  birthmark: {
    says: [
      /mongolian (?:blue )?spots?/,
      // A "blue mark" or "blue patch" alone may be a bruise: only the named lesion is context.
      /(?:slate[ -]gr[ae]y|blue[ -]gr[ae]y) (?:spots?|patch(?:es)?|naevus|nevus|marks?|areas?|pigmentation)|blue spots?/,
      /(?:congenital )?dermal melanocytosis/,
      /(?:birth ?marks?|birth-marks?|port[ -]wine stains?|stork marks?|salmon patch(?:es)?|strawberry (?:naevus|nevus|marks?)|(?:infantile )?ha?emangioma(?:s|ta)?|naevus|nevus|naevi|nevi|caf[eé][ -]au[ -]lait)/,
    ],
  },
  'bleeding-disorder': {
    says: [
      /(?:ha?emophilia(?: a| b)?|von willebrand'?s?(?: disease)?|christmas disease|factor (?:v|vii|viii|ix|x|xi|xiii|5|7|8|9|10|11|13) deficiency)/,
      /(?:bleeding|clotting|coagulation|platelet) (?:disorder|defect|abnormality|problem|condition)/,
      /(?:coagulopathy|thrombocytopenia|immune thrombocytopenic purpura|idiopathic thrombocytopenic purpura|vitamin k deficiency(?: bleeding)?|haemorrhagic disease of the newborn|hemorrhagic disease of the newborn)/,
      /(?:clotting|coagulation|bleeding) (?:screen|studies|tests?|profile) (?:was |were |is |are )?(?:abnormal|deranged|prolonged)/,
    ],
    saysInCapitals: [/(?:vWD|VWD|ITP|VKDB)/],
    absent: [
      // A normal screen is the opposite of this context (the mimic has been excluded).
      /(?:clotting|coagulation|bleeding|haematology|hematology) (?:screen|studies|tests?|profile|investigations?|bloods|results?) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:normal|negative|unremarkable|nad|clear|satisfactory|within normal limits)/,
      /(?:normal|negative|unremarkable) (?:clotting|coagulation|bleeding|haematology|hematology) (?:screen|studies|tests?|profile|results?)/,
    ],
  },
  'bone-disorder': {
    says: [
      /(?:osteogenesis imperfecta|brittle bones?(?: disease)?|rickets|osteopenia|osteopaenia|metabolic bone disease|hypophosphatasia|hypophosphataemic|hypophosphatemic|osteoporosis|copper deficiency|menkes)/,
      /(?:collagen|bone) (?:disorder|disease|condition|fragility)/,
    ],
    saysInCapitals: [/OI(?: type [IV]+)?/],
    absent: [
      /(?:genetic|collagen|bone|skeletal|OI|bone profile|vitamin d) (?:screen|studies|tests?|testing|profile|investigations?|bloods|results?) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:normal|negative|unremarkable|nad|clear|satisfactory|within normal limits)/,
    ],
  },
  mobile: {
    says: [
      /(?:crawl|crawls|crawling|crawled|crawler|commando crawl\w*|cruise|cruises|cruising|cruised|bottom[ -]shuffl\w+|toddling|toddles|toddler walking)/,
      /(?:pulls?|pulling|pulled) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:to|up to) (?:stand|standing)|pulls? (?:himself|herself|themselves) up|pulling (?:himself|herself|themselves) up/,
      /(?:(?:he|she|baby|child|infant|toddler|twins|they) (?:is|was|are|has been|can|now) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:walk|walking))|(?:started|starting|began|begun|beginning|able to|already|independently|now) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:walk|walks|walking)|walking (?:independently|unaided|since|with support|around (?:the )?furniture|steadily|well)|walked (?:at|from|since) \d+|(?:first|taking|takes|took) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?steps/,
      /(?:independently )?(?:mobile|ambulant|ambulatory)(?! (?:phone|phones|number|numbers|home|homes|library|unit|app|data|signal))/,
    ],
    absent: [
      /(?:non|pre|not yet|not)[ -]?(?:mobile|ambulant|ambulatory)|immobile|not (?:yet )?(?:walking|sitting)(?! (?:on|since|after|because))/,
      /not (?:yet )?(?:(?!(?:not|no|never|without) )[\w&/-]+ )?rolling|(?:only|just|starting to|beginning to|learning to) (?:roll|rolling|sit|sitting)/,
    ],
  },
  correction: {
    says: [
      /(?:recorded|entered|documented|charted|written|noted|filed|made|coded|logged) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}in error/,
      /(?:entry|record|note|entries) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,3}(?:in error|incorrect|wrong|was wrong|is wrong)/,
      /(?:correction|corrections|corrected|amended|amendment|retracted|retraction|erratum|addendum to correct)/,
      /(?:incorrectly|wrongly|mistakenly|erroneously) (?:recorded|documented|charted|described|noted|entered|coded|reported|identified|labelled|labeled)/,
      /(?:previously|originally|earlier|initially) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:charted|recorded|documented|described|noted|reported|thought to be|believed to be) as/,
      /(?:is|was|were|are) (?:not|n't) (?:a |an )?(?:bruise|bruises|bruising|injury|injuries|mark of injury|burn)|not (?:a |an )?(?:bruise|bruising|injury) but/,
      /(?:is|was|were|are) (?:actually|in fact|now known to be|confirmed as|confirmed to be) (?:a |an )?(?:birthmark|birth mark|mongolian|naevus|nevus|dermal|blue spot|ha?emangioma|eczema|dye|ink|pen|dirt|paint)/,
      /(?:wrong|different) (?:patient|child|person|record|family)|should (?:read|have read|say)|please disregard|disregard (?:the )?(?:previous|earlier|above)/,
    ],
  },
  'witnessed-accident': {
    says: [
      new RegExp(String.raw`(?:fall|accident|incident|injury|collision|trip|it) (?:was )?(?:witnessed|seen|observed) by (?:a |the |two |several )?(?:(?!(?:not|no|never|without) )[\w&/-]+ )?${SETTING}`),
      new RegExp(String.raw`${SETTING} (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:witnessed|saw|observed|watched) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,4}(?:fall|falls|fell|trip|tripped|slip|slipped|collide|collided|bang|banged|accident|bump|bumped|hit)`),
      /witnessed (?:fall|accident|trip|collision|injury|incident)|(?:fall|accident) witnessed/,
      // "Witnessed by nursery staff." on its own ("seen by" is how clinicians write who examined the child, so not that).
      new RegExp(String.raw`witnessed by (?:a |the |two |several )?(?:(?!(?:not|no|never|without) )[\w&/-]+ )?${SETTING}`),
      new RegExp(String.raw`${SETTING} (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}(?:witnessed|saw|observed|watched) (?:it|the accident|the fall|the incident)(?: happen)?`),
      new RegExp(String.raw`(?:${SETTING}|setting) (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}accident (?:form|book|report|record|log)|accident (?:form|book|report|record) (?:completed|signed|filled)`),
    ],
    absent: [
      // A parent or the parent's partner seeing it is their account, not an independent witness.
      /(?:witnessed|seen|observed) by (?:the |his |her |their )?(?:mother|mum|mom|father|dad|parents?|carers?|step-?(?:father|mother|dad|mum)|partner|boyfriend|girlfriend|mother's partner|mother's boyfriend)|(?:mother|mum|mom|father|dad|parents?|carers?|partner|boyfriend|girlfriend) (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:witnessed|saw) (?:\w+ ){0,3}(?:fall|fell|accident|trip|slip)/,
      /(?:(?:fall|accident|incident|injury) (?:was )?not witnessed|unwitnessed|un-witnessed|no (?:one|adult|witnesses?|other adult) (?:saw|witnessed|present|was present)|nobody (?:saw|witnessed)|no-one (?:saw|witnessed))/,
    ],
  },
  'assessed-consistent': {
    says: [
      /(?:consistent|in keeping|compatible|fits?) with (?:the |his |her |their |this |that )?(?:(?!(?:not|no|never|without|gripping|grip|slap|slapping|hand|abuse|squeezing|punch\w*|kick\w*|hit\w*|belt|ligature|bite|biting|being) )[\w&/'-]+ ){0,2}(?:account|history|explanation|mechanism|story|hx)(?:s|es)?\b/,
      /(?:mechanism|account|history|explanation)(?: of (?:the )?injury)? (?:given |described |offered )?(?:is |was |seems |appears |felt to be |considered )?(?:plausible|credible|consistent|developmentally (?:appropriate|plausible|consistent))/,
      /(?:assessed|concluded|considered|deemed|felt|thought|judged|believed|opinion|assessment|impression|conclusion)(?: (?!(?:not|no|never|without) )[\w&/-]+){0,4} (?:to be |as |was |is |that it was |that this was )?(?:an? |likely |probably )?(?<!non[- ])(?<!non)accident(?:al)?(?! and emergency| & emergency| department)/,
    ],
    absent: [
      /(?:inconsistent|not consistent|not in keeping|incompatible|does(?:n't| not) fit|would(?:n't| not) (?:explain|account)) (?:with )?(?:the |his |her |their )?(?:(?!(?:not|no|never|without) )[\w&/'-]+ ){0,2}(?:account|history|explanation|mechanism|story|hx|injur\w*|fall)/,
      /(?:non[- ]?accidental|not accidental|unlikely to be (?:an )?accident(?:al)?|implausible|not plausible)/,
    ],
  },
  'self-inflicted-scratch': {
    says: [
      /(?:own|his own|her own|their own) (?:finger)?nails/,
      /(?:finger)?nail (?:scratch(?:es|ing)?|marks?)|scratch(?:es|ing| marks?)? (?:from|by|with|caused by) (?:his |her |their |the baby's |baby's |its )?(?:own )?(?:finger)?nails/,
      /self[ -]inflicted|scratch(?:es|ed|ing)? (?:at )?(?:him|her)?self|scratching (?:his|her|its) (?:own )?(?:face|head|skin)/,
      /scratch(?:ed|es|ing)? (?:(?!(?:not|no|never|without) )[\w&/-]+ )?(?:himself|herself|themselves|his own|her own|own face|itself)/,
      /(?:self[ -]inflicted) scratch(?:es|ing)?|scratch(?:es)? (?:(?!(?:not|no|never|without) )[\w&/-]+ ){0,2}self[ -]inflicted/,
      /(?:long|sharp|uncut) (?:finger)?nails|nails (?:need|needed|needing) (?:cutting|trimming)|scratch mitt(?:en)?s/,
    ],
  },
};

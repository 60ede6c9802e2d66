// The weights (log2 likelihood ratios) of the physical-injury findings, and the published figures they come
// from. A likelihood ratio is P(finding | abuse) / P(finding | no abuse); a term's weight is its log2, summed
// per child by the weighing (weigh.ts). Where a study gives a probability of abuse (a positive predictive
// value) rather than a likelihood ratio, the ratio is its odds over the odds of abuse in the population it was
// measured in. Where no study gives a figure, the weight is NICE CG89's grade: "suspect" at the anchor the
// weighing uses (TEN-4-FACESp's LR 7.4) and "consider" at weigh.ts CONSIDER_WEIGHT (LR 2.5), and the comment says so.
import type { RiskFactor } from '../facts.ts';
import type { Term } from '../types.ts';
import { CONSIDER_WEIGHT, SUSPECT_WEIGHT } from '../weigh.ts';

export { CONSIDER_WEIGHT };

export const PIERCE_2021 = 'Pierce MC et al. Validation of a clinical decision rule to predict abuse in young children based on bruising characteristics. JAMA Netw Open 2021;4(4):e215832';
export const SUGAR_1999 = 'Sugar NF et al. Bruises in infants and toddlers: those who don\'t cruise rarely bruise. Arch Pediatr Adolesc Med 1999;153:399-403';
export const SHEETS_2013 = 'Sheets LK et al. Sentinel injuries in infants evaluated for child physical abuse. Pediatrics 2013;131(4):701-7';
export const KEMP_2008 = 'Kemp AM et al. Patterns of skeletal fractures in child abuse: systematic review. BMJ 2008;337:a1518';
export const LEVENTHAL_2008 = 'Leventhal JM et al. Incidence of fractures attributable to abuse in young hospitalized children. Pediatrics 2008;122:599-604';
export const MAGUIRE_2005 = 'Maguire S et al. Are there patterns of bruising in childhood which are diagnostic or suggestive of abuse? A systematic review. Arch Dis Child 2005;90:182-6';
export const KEMP_2015 = 'Kemp AM et al. Patterns of bruising in preschool children: a longitudinal study. Arch Dis Child 2015;100:426-31';
export const MAGUIRE_2008 = 'Maguire S et al. A systematic review of the features that indicate intentional scalds in children. Burns 2008;34:1072-81';
export const KEMP_2014_BURNS = 'Kemp AM et al. Patterns of burns and scalds in children. Arch Dis Child 2014;99:316-21';
export const HYMEL_2020 = 'Hymel KP et al. Estimating the relevance of historical red flags in the diagnosis of abusive head trauma. J Pediatr 2020;218:178-83';
export const HETTLER_2003 = 'Hettler J, Greenes DS. Can the initial history predict whether a child with a head injury has been abused? Pediatrics 2003;111:602-7';
export const NICE_CG89 = 'NICE guideline CG89, Child maltreatment: when to suspect maltreatment in under 18s (2009, updated 2017)';
export const WHO_MGRS_2006 = 'WHO Multicentre Growth Reference Study Group. WHO Motor Development Study: windows of achievement for six gross motor development milestones. Acta Paediatr 2006;Suppl 450:86-95';

/** TEN-4-FACESp positive: sensitivity 0.956, specificity 0.871 (Pierce 2021), LR+ = 0.956 / 0.129 = 7.41. */
export const TEN4_WEIGHT = Math.log2(0.956 / (1 - 0.871)); // 2.89
/** A NICE CG89 "suspect" feature with no ratio of its own: weigh.ts's anchor (TEN-4-FACESp's LR 7.4). */
export const NICE_SUSPECT_WEIGHT = SUSPECT_WEIGHT;

/**
 * Bruising in a baby not independently mobile: a sentinel injury was found in 27.5% of abused infants (Sheets
 * 2013, 0% of the non-abused controls); bruising in 2.2% of precruisers not abused (Sugar 1999; Kemp 2015
 * found 2.2% in babies not yet rolling). LR = 0.275 / 0.022 = 12.5.
 */
export const NOT_MOBILE_BRUISE_WEIGHT = Math.log2(0.275 / 0.022); // 3.64
/**
 * Bruising between 6 and 9 months with mobility not recorded: about half of children crawl by 8.5 months (WHO
 * MGRS), and Sugar 1999 found bruises in 17.8% of cruisers, so a child whose mobility is unknown bruises about
 * (0.022 + 0.178) / 2 = 10% of the time: LR = 0.275 / 0.10 = 2.75.
 */
export const MOBILITY_UNKNOWN_BRUISE_WEIGHT = Math.log2(0.275 / 0.1); // 1.46

/**
 * Fractures (Kemp 2008): the probability of abuse by fracture type, once major trauma is excluded, in young
 * children: rib 0.71, humerus 0.48 (higher under 15 months), femur 0.28 (higher before walking), skull 0.30.
 * Among children under 3 with fractures, 12% were abused (Leventhal 2008): prior odds 0.12 / 0.88 = 0.136.
 * LR = (p / (1 - p)) / 0.136. A fracture of another or unnamed bone has no pooled figure: it takes the mean
 * of the four (p about 0.44). These are LRs against other young children with a fracture: they apply under 3.
 */
const FRACTURE_PRIOR_ODDS = 0.12 / 0.88;
const fractureWeight = (p: number) => Math.log2(p / (1 - p) / FRACTURE_PRIOR_ODDS);
export const FRACTURE_WEIGHTS = {
  rib: fractureWeight(0.71), // 4.17
  humerus: fractureWeight(0.48), // 2.76
  femur: fractureWeight(0.28), // 1.51
  skull: fractureWeight(0.30), // 1.65
  other: fractureWeight(0.44), // 2.53
} as const;
/**
 * Metaphyseal (corner, bucket-handle) fractures: Kemp 2008 found too few comparative studies for a probability;
 * they are regarded as highly specific for abuse in infants. Judgement: the rib fracture's weight.
 */
export const METAPHYSEAL_WEIGHT = FRACTURE_WEIGHTS.rib;
/**
 * Several fractures, or fractures of different ages: "multiple fractures were more common in cases of abuse"
 * (Kemp 2008), without a pooled ratio: NICE's "consider" weight on top of the fractures' own.
 */
export const MULTIPLE_FRACTURES_WEIGHT = CONSIDER_WEIGHT;

/**
 * An explanation absent ("don't know how"), unsuitable for the injury or the child's development, or changing:
 * a caregiver's denial of any trauma has LR+ 4.83 (95% CI 3.07-7.61) for abusive head trauma, and a changing or
 * developmentally inconsistent history is similarly specific (Hymel 2020; the history changed in 9% of abuse
 * and 0% of other cases, Hettler 2003). Measured in head injuries; used for any injury.
 */
export const EXPLANATION_WEIGHT = Math.log2(4.83); // 2.27

/**
 * Immersion scald pattern (glove or sock distribution, symmetry, clear upper margins, buttocks or perineum):
 * Maguire 2008's triage tool says an intentional scald "must be excluded". There is no validated ratio. Of
 * unintentional scalds 96% affect the front of the body, mostly face, arms and upper trunk (Kemp 2014), so
 * about 4% have another distribution; taking "commonly immersion" (Maguire 2008) as half of intentional
 * scalds: LR = 0.5 / 0.04 = 12.5 (an estimate with a stated assumption).
 */
export const IMMERSION_WEIGHT = Math.log2(0.5 / 0.04); // 3.64
/** A delay in seeking help: a feature of intentional scalds (Maguire 2008) and of NICE CG89's "consider"; no ratio. */
export const DELAY_WEIGHT = CONSIDER_WEIGHT;

/**
 * Bruising on the ears, neck, buttocks, genitals or hands, rarely bruised by accident at any stage (under 1% of
 * collections, Kemp 2015), or a patterned bruise, from 4 years where TEN-4-FACESp stops: no validated ratio
 * beyond 4 years; the TEN-4-FACESp ratio is used (Pierce 2021), NICE CG89 saying to suspect at any age.
 */
export const ANY_AGE_BRUISE_WEIGHT = TEN4_WEIGHT;

/**
 * Context that lowers. A documented birth injury explains bruising and swelling of the head and face in the
 * first weeks (cancelled); elsewhere it lowers by one halving. A confirmed bleeding disorder makes bruising
 * more likely without abuse (children with severe inherited bleeding disorders have more and larger bruises,
 * especially before they are mobile: Kemp and Collins, Cardiff): one halving and a half (LR 0.35). Osteogenesis
 * imperfecta makes fractures more likely: the same. Judgements: no study gives these ratios; they are set so
 * that a fracture or bruise NICE says to suspect stays a finding (medium), never cancelled.
 */
export const BIRTH_INJURY_LOWERS = -1;
export const BLEEDING_DISORDER_LOWERS = -1.5;
export const BONE_DISORDER_LOWERS = -1.5;

/**
 * A professional's documented assessment that the injury fits the account given, or was accidental. NICE CG89
 * makes "an explanation that is absent or unsuitable" part of what to suspect, so an explanation a clinician has
 * weighed and found suitable takes a "suspect" feature down to what to consider; the paediatric assessment is
 * what TEN-4-FACESp asks for, not what it replaces. No study gives a ratio: the bleeding disorder's one halving
 * and a half (LR 0.35), so a bruise in a baby not yet mobile, or a TEN-4-FACESp bruise, stays a finding at
 * medium (a practitioner sees it), never cancelled. Not for patterned bruising or rib, metaphyseal or multiple
 * fractures, which NICE and Kemp 2008 say to suspect whatever the account.
 */
export const ASSESSED_CONSISTENT_LOWERS = -1.5;
export const ASSESSED_CONSISTENT_SOURCE = 'NICE CG89 1.2 (suspect when the explanation is absent or unsuitable); RCPCH Child Protection Companion (the paediatric assessment weighs the account); judgement: one halving and a half (LR 0.35)';

/** An entry a later record corrects: the correction takes back what the entry said (NMC and GMC record-keeping guidance: the earlier entry is kept, marked in error). */
export const CORRECTION_SOURCE = 'NMC Code (2018) 10 and GMC Good medical practice: a correction is recorded against the entry it corrects; RCPCH Child Protection Companion: congenital dermal melanocytosis (Mongolian blue spot) is a bruise mimic';

/**
 * Parental risk factors as contributing terms, weighed and labelled as accumulating-harm.ts weighs them (the
 * "toxic trio" at the "consider" weight; Brandon et al. 2012), so one factor cited by two findings counts once.
 * The finding lists their records as `contributing`: they can make high, never critical.
 */
export function factorTerms(factors: readonly RiskFactor[]): Term[] {
  return [...new Map(factors.map((f) => [`${f.source}|${f.factor}`, f])).values()].map((f) => ({
    label: `parental risk factor: ${f.factor}`, weight: CONSIDER_WEIGHT,
    source: 'Brandon M et al., New learning from serious case reviews (DfE 2012): the "toxic trio" in most reviews; a contributing factor at the "consider" weight (LR 2.5)',
    evidence: f.source, basis: f.factor,
  }));
}

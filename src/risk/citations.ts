// The guidelines the neglect, growth and emotional-harm rules cite, written once, and the one weight they
// need that weighing (weigh.ts, which holds NICE's grade anchors) does not export yet.
export const CG89 = 'NICE guideline CG89, Child maltreatment: when to suspect maltreatment in under 18s (2009, updated 2017)';
export const NG75 = 'NICE guideline NG75, Faltering growth: recognition and management of faltering growth in children (2017)';
/** Said of a weight that is NICE's grade, not a measured likelihood ratio. */
export const GRADE_ONLY = 'no published likelihood ratio: the weight of NICE\'s grade (weigh.ts)';

/**
 * NICE's "suspect": a feature at the level of a TEN-4-FACESp-positive bruise (LR+ 0.956 / 0.129 = 7.4; Pierce
 * MC et al., JAMA Netw Open 2021;4(4):e215832), which weighing makes high on its own. Waiting for weigh.ts to
 * export the shared anchor; then this line goes.
 */
export const SUSPECT_WEIGHT = Math.log2(7.4);

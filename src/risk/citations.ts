// The guidelines the neglect, growth and emotional-harm rules cite, written once. NICE's grade weights are
// weighing's (weigh.ts CONSIDER_WEIGHT, SUSPECT_WEIGHT).
export const CG89 = 'NICE guideline CG89, Child maltreatment: when to suspect maltreatment in under 18s (2009, updated 2017)';
export const NG75 = 'NICE guideline NG75, Faltering growth: recognition and management of faltering growth in children (2017)';
/** Said of a weight that is NICE's grade, not a measured likelihood ratio. */
export const GRADE_ONLY = 'no published likelihood ratio: the weight of NICE\'s grade (weigh.ts)';

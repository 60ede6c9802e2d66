// The weight of a feature that NICE CG89 grades but no study gives a likelihood ratio for, as agencies
// record it. NICE has two levels: to "suspect" maltreatment is "a serious level of concern", to "consider"
// it is to keep it among the possible explanations. Most neglect and emotional-abuse features have no
// published likelihood ratio, so their weights are priors tied to one that has: a TEN-4-FACESp positive
// bruise (sensitivity 95.6%, specificity 87.1%, Pierce et al. 2021) has a likelihood ratio of
// 0.956 / 0.129 = 7.4, about 3 bits, and NICE calls such bruising "suspect". So a "suspect" feature
// weighs 3 bits (likelihood ratio 8), a "consider" feature half that in bits (about 2.8). Weighing
// (weigh.ts) calibrates the thresholds against benign populations, not these priors.
export const SUSPECT_BITS = 3;
export const CONSIDER_BITS = 1.5;

export const CG89 = 'NICE guideline CG89, Child maltreatment: when to suspect maltreatment in under 18s (2009, updated 2017)';
export const PRIOR = 'weight: the project\'s prior for NICE\'s grade (src/risk/grades.ts), no published likelihood ratio';

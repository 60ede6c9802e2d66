// Every activity rate the generator uses, each with where it comes from.
// Figures are rounded; "assumption" marks a number with no national statistic
// behind it, chosen to be plausible and stated so it can be argued with.
// Identity-noise rates are in noise.ts, not here.

/** [upper age bound in years (exclusive), rate per year] bands, searched in order. */
export type AgeBands = readonly (readonly [number, number])[];

export function byAge(bands: AgeBands, age: number): number {
  for (const [upTo, rate] of bands) if (age < upTo) return rate;
  return bands[bands.length - 1]?.[1] ?? 0;
}

// ---- households (ONS Families and Households in the UK, 2019; Census 2011) ----

/** Families with dependent children headed by a couple (ONS 2019: ~2.9m of ~8m families are lone-parent, ~23%). Lone fathers (~14% of lone parents) are not modelled. */
export const COUPLE_FAMILY_SHARE = 0.77;
/** Couple families that are stepfamilies: mother's partner is not the children's father (Census 2011, ONS: ~11% of couple families with dependent children). */
export const STEPFAMILY_SHARE = 0.11;
/** Dependent children per family: 1: 44%, 2: 40%, 3: 12%, 4: 4% (ONS 2019, 3+ split by assumption). */
export const CHILDREN_PER_FAMILY: readonly (readonly [number, number])[] = [[1, 0.44], [2, 0.4], [3, 0.12], [4, 0.04]];
/** Gap between siblings in years: mean ~3 (ONS birth-interval analyses), here uniform 1.2–5. */
export const SIBLING_GAP_YEARS: readonly [number, number] = [1.2, 5];
/** Mother's age at first birth: mean ~29 in England and Wales (ONS Births 2019); ours is normal(28, 5.5) clipped to 16–42. */
export const MOTHER_AGE_AT_FIRST_BIRTH = { mean: 28, sd: 5.5, min: 16, max: 42 } as const;

/** Household moves per household-year (English Housing Survey 2019-20: ~11% of households moved in the last year). */
export const MOVE_RATE = 0.1;
/** A move that leaves the catchment of the family's GP and schools (assumption: short moves are commonest). */
export const MOVE_CHANGES_CATCHMENT = 0.4;
/** Couples with their children's father separating, per year (assumption: ~1 in 3 children see their parents separate by 16, ONS/Understanding Society, ~2.5–3% a year). */
export const FATHER_SEPARATION_RATE = 0.03;
/** Mother and a partner who is not the children's father separating, per year (assumption: cohabiting step-partnerships are less stable). */
export const PARTNER_SEPARATION_RATE = 0.08;
/** Lone mothers whose new partner moves in, per year (assumption, from Skew, Evans & Gray 2009: about half of lone mothers re-partner within 5–6 years). */
export const REPARTNER_RATE = 0.09;
/** Families renting from the council or a housing association (EHS 2019-20: 17% of households; families slightly more). */
export const SOCIAL_TENANT_SHARE = 0.2;

/**
 * Each household gets a need/risk multiplier (mean 1, so population rates hold)
 * that scales emergency attendances, missed appointments, police incidents and
 * referrals: in real data a few families account for most of that activity.
 * The tiers are an assumption.
 */
export const RISK_TIERS: readonly (readonly [number, number])[] = [[0.4, 0.6], [1, 0.25], [3, 0.1], [7, 0.05]];

// ---- GP ------------------------------------------------------------------

/**
 * GP consultations per child-year by age (Ruzangi et al., "Trends in healthcare use in
 * children aged less than 15 years", BMJ Open 2020;10:e033761, CPRD England 2017:
 * <1 6.7, 1–4 2.4, 5–9 1.2, 10–14 1.1). 15–17 is not in that study: 1.8 assumed
 * (QResearch/NHS IC "Trends in consultation rates in general practice 1995–2009"
 * shows rates rising again in the late teens). Immunisation clinics are extra (below).
 */
export const GP_CONSULTS_PER_YEAR: AgeBands = [[1, 6.7], [5, 2.4], [10, 1.2], [15, 1.1], [18, 1.8]];
/** Booked GP appointments not attended (NHS Digital "Appointments in General Practice" 2019: ~4.5% DNA); recorded for children as "was not brought". Scaled by household risk. */
export const GP_DNA_RATE = 0.045;
/**
 * GP consultations that are for a minor injury (assumption): 1% under one year
 * (a baby's many GP visits are checks, feeding and infections; a fall is more
 * often taken to ED), 5% from one year. What the injury is: clinical.ts.
 */
export const GP_INJURY_SHARE: AgeBands = [[1, 0.01], [18, 0.05]];
/** Routine immunisation visits (UKHSA routine schedule: 8, 12, 16 weeks, 1 year, 3 years 4 months), as days after birth. */
export const IMMUNISATION_DAYS: readonly (readonly [number, string])[] = [
  [56, '8-week immunisations'], [84, '12-week immunisations'], [112, '16-week immunisations'],
  [365, '1-year immunisations'], [1218, 'pre-school booster'],
];
/** Each immunisation visit attended on time (UKHSA COVER 2019-20: 92.6% had DTaP/IPV/Hib/HepB by 12 months, 90.6% MMR1 by 24 months). */
export const IMMUNISATION_UPTAKE = 0.92;
/** The GP six-to-eight-week infant check (NHS England GP contract), and the mother's postnatal check the same day. */
export const INFANT_CHECK_DAY = 49;
export const INFANT_CHECK_UPTAKE = 0.95;

// ---- emergency department ---------------------------------------------------

/**
 * ED attendances per child-year by age (Ruzangi et al. 2020, 2017 figures: <1 0.78,
 * 1–4 0.50, 5–9 0.25, 10–14 0.30; 15–17 0.45 assumed from NHS Digital HES A&E,
 * where attendance climbs again in the late teens). Overall ~0.37, in line with
 * NHS England A&E statistics for under-18s (~0.3–0.4). Scaled by household risk.
 */
export const ED_ATTENDANCES_PER_YEAR: AgeBands = [[1, 0.78], [5, 0.5], [10, 0.25], [15, 0.3], [18, 0.45]];
/** ED attendances admitted (Downing & Rudge, Emerg Med J 2006;23:391: 24.2% under 1, 11.5% overall, 8.2% aged 10–15). */
export const ED_ADMISSION: AgeBands = [[1, 0.24], [5, 0.13], [10, 0.1], [18, 0.08]];
/**
 * ED attendances for an injury (Downing & Rudge 2006: injury-related attendance rises
 * with age; shares here are an assumption). Babies are injured too, mostly by falls
 * from a bed, sofa or changing table: 8% of attendances under 6 months and 15% at
 * 6-11 months (assumption; infant attendances are dominated by bronchiolitis, fever
 * and feeding, and Pierce et al., Ann Emerg Med 2016;67:1-8 found 83% of bruised
 * infants of 5 months or under came with a trauma complaint). Calibrated with the
 * injury mix in clinical.ts so that ~1.1% of ED attendances under 6 months and ~5%
 * at 6-11 months record a bruise, as Pierce found on examination.
 */
export const ED_INJURY_SHARE: AgeBands = [[0.5, 0.08], [1, 0.15], [5, 0.35], [10, 0.5], [18, 0.55]];
/** An ED injury attendance followed by a GP review a few days later, which records the same injury and the same account (assumption). */
export const ED_INJURY_GP_REVIEW = 0.1;
/** ED attendances that go to the family's second-nearest hospital (assumption). */
export const ED_OTHER_HOSPITAL = 0.15;

// ---- health visiting (Healthy Child Programme: five mandated contacts) ----

/**
 * Each contact: nominal day relative to birth, the window it is done in (days), and
 * completion (PHE Health visitor service delivery metrics 2017-18 Q1: new birth visit
 * 97.5% by 30 days, 6–8 week review 81.5%, 12-month review by 15 months 82.6%,
 * 2–2.5 year review 75.7%). Antenatal contact at 28+ weeks: ~45% assumed (the
 * metric is published as a count, not a share).
 */
export const HV_CONTACTS: readonly { day: number; spread: number; completion: number; label: string }[] = [
  { day: -84, spread: 70, completion: 0.45, label: 'antenatal contact' },
  { day: 10, spread: 14, completion: 0.975, label: 'new birth visit' },
  { day: 42, spread: 14, completion: 0.815, label: '6-8 week review' },
  { day: 274, spread: 180, completion: 0.826, label: '12-month review' },
  { day: 730, spread: 182, completion: 0.757, label: '2-2.5 year review' },
];
/** A contact that was not completed is recorded as a missed appointment / no access (assumption: half; the rest are never offered). */
export const HV_MISSED_RECORDED = 0.5;
/** A health visitor also sees the mother's partner at a contact, when there is one (assumption). */
export const HV_PARTNER_PRESENT = 0.3;

// ---- school ------------------------------------------------------------------

/** Welfare concerns logged by a school's designated safeguarding lead, per pupil-year (assumption: no national statistic). Scaled by household risk. */
export const SCHOOL_CONCERN_RATE = 0.04;
/** Schools told of a domestic-abuse incident at a pupil's home before the next school day (Operation Encompass, in all forces by 2021; assumption 85%). */
export const ENCOMPASS_NOTIFICATION = 0.85;
/** Pupils who change school after a move out of the catchment (assumption). */
export const SCHOOL_CHANGE_AFTER_MOVE = 0.6;

// ---- police --------------------------------------------------------------------

/**
 * Domestic-abuse incidents attended per household-year where the mother has a
 * resident partner (ONS, Domestic abuse prevalence and trends YE March 2020:
 * 1,288,018 incidents and crimes across ~24.4m households in England and Wales,
 * ~5.3 per 100; incidents with partners living elsewhere are not modelled).
 * Scaled by household risk.
 */
export const DA_INCIDENT_RATE = 0.053;
/** Arrests per incident: 33 per 100 domestic-abuse crimes (ONS, DA and the criminal justice system, Nov 2020) × crimes being 59% of incidents+crimes. */
export const DA_ARREST = 0.2;
/** Charges per arrest: CPS charged 73% of 79,965 suspects referred against 758,941 crimes (~7.7 per 100 crimes), over 33 arrests per 100 crimes. */
export const DA_CHARGE_GIVEN_ARREST = 0.23;

// ---- children's social care (DfE, Characteristics of children in need 2019-20) ----

/** Referrals per child-year: 642,980 referrals, 534.8 per 10,000 children. Applied per household (siblings are referred together) and scaled by risk. */
export const REFERRAL_RATE = 0.0535;
/** Police referrals are ~29% of all; here they all come from domestic-abuse incidents, so an incident is referred with probability 0.29 × 0.0535 / (0.053 × 0.77 households with a partner) ≈ 0.38 (the rest of the referral rate comes from the other sources). */
export const DA_POLICE_REFERRAL = 0.38;
/** The referral rate left for the other sources. */
export const NON_POLICE_REFERRAL_RATE = REFERRAL_RATE * (1 - 0.29);
/** Sources of the other referrals: schools ~19%, health ~15%, everyone else (LA services, individuals, anonymous, other) ~37%, of all referrals. */
export const REFERRAL_SOURCES: readonly (readonly ['school' | 'health' | 'contact', number])[] = [['school', 0.19], ['health', 0.15], ['contact', 0.37]];
/** Referrals closed with no further action before assessment (assumption ~8%). */
export const REFERRAL_NFA = 0.08;
/** Referrals that lead to a strategy discussion: section 47 enquiries are 201,000 (167.2 per 10,000), 31% of referrals; not every discussion starts one. */
export const STRATEGY_DISCUSSION = 0.35;
export const S47_GIVEN_DISCUSSION = 0.89;
/** Section 47 enquiries leading to an initial child protection conference: 77,470 ICPCs / 201,000 s47 = 0.385. */
export const ICPC_GIVEN_S47 = 0.385;
/** Section 47 enquiries that end with a child-in-need plan rather than a conference or no further action (assumption). */
export const CIN_GIVEN_S47_NO_ICPC = 0.5;
/** ICPCs that make a child protection plan (assumption ~80%: 51,510 on plans at 31 March with mean plan length ~10 months implies ~60k starts against 77k ICPCs). */
export const PLAN_AT_ICPC = 0.8;
/** Categories of abuse on new plans (DfE 2019-20 initial category: neglect 48%, emotional 38%, physical 7%, sexual 4%, multiple 3%). */
export const PLAN_CATEGORIES: readonly (readonly ['neglect' | 'emotional' | 'physical' | 'sexual', number])[] = [['neglect', 0.48], ['emotional', 0.38], ['physical', 0.07], ['sexual', 0.04]];
/** Assessed without section 47 and found in need (assumption ~55%: children in need at 31 March were 389,260 = 3.2% of children, including those on plans). */
export const CIN_AFTER_ASSESSMENT = 0.55;
/** Child-in-need support: visits every ~6 weeks (assumption; local standards vary) for a mean of ~7 months (assumption). */
export const CIN_VISIT_INTERVAL_DAYS = 42;
export const CIN_MEAN_DAYS = 210;
/** On a plan: statutory visits at least every 4 weeks (local standard; Working Together leaves it to local protocols), core groups every 6 weeks after the first within 10 working days of the ICPC. */
export const PLAN_VISIT_INTERVAL_DAYS = 28;
export const CORE_GROUP_INTERVAL_DAYS = 42;
/** Review conferences: first within 3 months of the ICPC, then at most every 6 months (Working Together 2018). A plan ends at a review with this probability (first, later): assumption giving a median plan of ~9 months. */
export const PLAN_ENDS_AT_REVIEW: readonly [number, number] = [0.2, 0.55];
/** GPs sending no one to a child protection conference (assumption; low GP attendance is a recurring finding of serious case reviews). */
export const GP_ABSENT_FROM_CONFERENCE = 0.7;

// ---- household changes known to agencies (assumptions) ----

/** When a partner moves in or out: told to social care if the family is open to it, to the health visitor if there is a child under 5, to a school otherwise; the partner registers with the family's GP. */
export const CHANGE_TOLD_TO_SOCIAL_CARE = 0.7;
export const CHANGE_TOLD_TO_HEALTH_VISITOR = 0.35;
export const CHANGE_TOLD_TO_SCHOOL = 0.15;
export const PARTNER_REGISTERS_WITH_GP = 0.5;
/** After a move: the GP records the new address (others may lag, see noise.ts), schools likewise. */
export const MOVE_TOLD_TO_GP = 0.85;
export const MOVE_TOLD_TO_SCHOOL = 0.7;

// ---- injected abuse (benchmarks only: the `abuse` option; see abuse.ts) ----

/**
 * How the injected cases are spread over the patterns: a benchmark design
 * choice, not a prevalence. Roughly even, so that each pattern's sensitivity is
 * measured on a few hundred cases, except that the infant sentinel injuries are
 * split as Sheets et al. found them (Pediatrics 2013;131:701-707: of sentinel
 * injuries in definitely abused infants, 80% were bruises and 11% intraoral).
 */
export const ABUSE_PATTERN_WEIGHTS = {
  'sentinel-bruise': 0.12,
  'sentinel-intraoral': 0.03,
  'ten4-bruising': 0.12,
  'fracture-under-18m': 0.1,
  'repeated-injuries': 0.12,
  'conflicting-explanations': 0.12,
  'returned-to-suspect': 0.1,
  'was-not-brought': 0.12,
  'unknown-adult': 0.12,
} as const;
/**
 * Age at a sentinel injury, in days: Sheets et al. 2013 found 66% before 3
 * months and 95% at or before 7 months.
 */
export const SENTINEL_AGE_DAYS: readonly (readonly [readonly [number, number], number])[] = [[[21, 91], 0.66], [[91, 214], 0.29], [[214, 300], 0.05]];

// The published rates the independent benign population is drawn from. Each
// figure names where it comes from; where no published figure was found the
// value is marked ASSUMED and says why it was chosen, so a reader can argue
// with it. Rates are per child-year unless they say otherwise.

/** England's children by ethnic group: Census 2021 (ONS), usual residents aged 0-17, rounded. */
export const ETHNICITY = { white: 0.73, asian: 0.12, black: 0.06, mixed: 0.06, other: 0.03 } as const;
export type Ethnicity = keyof typeof ETHNICITY;

/**
 * Mongolian blue spots at birth by group: Black 96%, Asian 81-90% (86% used), white 10%
 * (fpnotebook, "Mongolian Spot", epidemiology; the same figures in the dermatology texts it cites).
 * Mixed heritage: ASSUMED 50%, between the parents' groups; "other": 50% (Hispanic 46-70% in the same source).
 */
export const MONGOLIAN_SPOT: Record<Ethnicity, number> = { black: 0.96, asian: 0.86, white: 0.1, mixed: 0.5, other: 0.5 };
/**
 * Share of babies with a spot whose spot someone later charts as a bruise, then corrects. ASSUMED 4%: no
 * published rate found; the misreading is common enough that NICE CG89 and every bruising guide warn of it.
 */
export const SPOT_CHARTED_AS_BRUISE = 0.04;

/**
 * Mode of birth, NHS Maternity Statistics England 2013-14 (NCT summary): spontaneous 60.9%, caesarean 26.2%,
 * forceps about 6.6%, ventouse about 6.3% (instrumental 12.9%).
 */
export const BIRTH_MODE = { spontaneous: 0.609, caesarean: 0.262, forceps: 0.066, ventouse: 0.063 } as const;
/**
 * Marks of a ventouse delivery: cosmetic scalp trauma (bruising, abrasion, caput) in 21% (Teng and Sayre,
 * Obstet Gynecol 1997;89:281, 134 vacuum deliveries); cephalohaematoma in 10.8% on radiography (Simonson et al.,
 * Obstet Gynecol 2007;109:626).
 */
export const VENTOUSE_SCALP_MARKS = 0.21;
export const VENTOUSE_CEPHALOHAEMATOMA = 0.108;
/** Forceps marks on the cheeks or temples: ASSUMED 15%, of the order of the ventouse figure (no UK rate found). */
export const FORCEPS_FACIAL_MARKS = 0.15;

/**
 * Bruising at a routine examination by mobility, Sugar et al., "Bruises in infants and toddlers: those who don't
 * cruise rarely bruise", Arch Pediatr Adolesc Med 1999;153:399: 0.6% under 6 months, 2.2% of children not yet
 * cruising (crawlers included), 17.8% of cruisers, 51.9% of walkers. Kemp et al., Arch Dis Child 2015;100:426 found
 * the same gradient weekly (2.2% of babies not yet rolling, 9.8% of rollers, 45.6% early mobile, 78.8% walking),
 * mostly below the knees, then the forehead. Crawlers apart: ASSUMED 5%, since Sugar's 2.2% includes them.
 */
export const BRUISED_AT_EXAMINATION = { underSixMonths: 0.006, premobile: 0.022, crawling: 0.05, cruising: 0.178, walking: 0.519 } as const;
/**
 * Motor milestones, WHO Multicentre Growth Reference Study (Acta Paediatr 2006, Suppl 450:86): median (1st-99th
 * centile window) hands-and-knees crawling 8.5 months (5.2-13.5), walking with assistance 9.2 (5.9-13.7),
 * walking alone 12.1 (8.2-17.6). A normal spread around each median, sd from the window.
 */
export const MILESTONE_MONTHS = {
  crawling: { median: 8.5, sd: 1.8 },
  cruising: { median: 9.2, sd: 1.7 },
  walking: { median: 12.1, sd: 2.0 },
} as const;
/** Share of babies who never crawl and go straight to cruising: ASSUMED 10% (WHO MGRS: 4.3% never crawled; rounded up for bottom-shufflers). */
export const NEVER_CRAWLS = 0.1;

/**
 * Young babies' own fingernail scratches on the face noted at an examination under 6 months: ASSUMED 5% of
 * examinations (no published prevalence found; scratch mitts are standard advice because it is common).
 */
export const FINGERNAIL_SCRATCHES_UNDER_6_MONTHS = 0.05;

/**
 * Bleeding disorders. von Willebrand disease with symptoms: about 1 in 1,000 (clinical prevalence 1 in 500 to
 * 1 in 1,000, Mayo Medical Laboratories 2011, NHLBI guideline summary; laboratory prevalence up to 1%).
 * Haemophilia: about 1 in 5,000 male births (Pipe, AJMC 2020; 1 in 4,334 in US surveillance, Soucie 2020).
 */
export const VON_WILLEBRAND = 1 / 1000;
export const HAEMOPHILIA_MALE = 1 / 5000;
/** Osteogenesis imperfecta: about 1 in 15,000 to 20,000 births (1 in 15,000 used; commonly cited, e.g. NICE CG89 differential). */
export const OSTEOGENESIS_IMPERFECTA = 1 / 15000;
/** A child with a bleeding disorder is bruised at an examination far more often: ASSUMED 50% once mobile, 15% before. */
export const BLEEDING_DISORDER_BRUISED = { premobile: 0.15, mobile: 0.5 } as const;

/**
 * Fractures: 133.1 per 10,000 child-years overall, boys 161.6, girls 102.9, peaking at 14 (boys) and 11 (girls);
 * radius/ulna 30% of them (Cooper et al., J Bone Miner Res 2004;19:1976, General Practice Research Database).
 * Under 5s have a fifth or less of the older rate (Baker et al., Arch Dis Child 2015;100:432: odds 4-5 times
 * lower under 1 year). By age band, per child-year, scaled to the published overall rate.
 */
export function fractureRate(ageYears: number, sex: 'male' | 'female'): number {
  const band = ageYears < 1 ? 0.002 : ageYears < 5 ? 0.006 : ageYears < 10 ? 0.012 : ageYears < 15 ? 0.02 : 0.016;
  return band * (sex === 'male' ? 1.2 : 0.8);
}

/**
 * Emergency department attendances: "around 20-30% of children in the UK will attend accident and emergency
 * each year with an injury" (Mamoowala et al., Ann R Coll Surg Engl 2019;101:297). Injuries 0.25 per child-year,
 * other complaints 0.12 (about a third of children attend in a year). Infants attend more for illness.
 */
export const ED_INJURY_PER_YEAR = 0.25;
export const ED_ILLNESS_PER_YEAR = { infant: 0.5, child: 0.12 } as const;

/**
 * GP consultations: ASSUMED 5 a year under 5 and 2 a year from 5 to 17 (QResearch consultation-rate trends,
 * Hippisley-Cox 2009, give children 0-4 about 5-6; the order matters, not the digit).
 */
export const GP_PER_YEAR = { underFive: 5, older: 2 } as const;
/**
 * Not brought to a booked appointment: GP about 5% (NHS Digital appointments in general practice, "DNA" about
 * 4-5%); hospital outpatients 14.2% (one trust, Zoha et al., Arch Dis Child 2017;102 Suppl 1:A98).
 */
export const NOT_BROUGHT = { gp: 0.05, outpatient: 0.142, healthVisiting: 0.06 } as const;
/** Outpatient appointments booked: ASSUMED 0.3 a child-year (a minority of children attend paediatric clinics, some often). */
export const OUTPATIENT_PER_YEAR = 0.3;

/**
 * Health visiting: the five mandated contacts of the Healthy Child Programme (new birth visit at 10-14 days,
 * 6-8 weeks, 9-12 months, 2-2.5 years); reached for about 80-90% of children (OHID health visitor service
 * delivery metrics). A home visit that finds no-one in is rebooked: ASSUMED 8%.
 */
export const HV_CONTACT_REACHED = 0.85;
export const HV_NO_REPLY = 0.08;

/**
 * Referrals to children's social care: 621,880 in the year to March 2024 (DfE, Children in need 2024), about
 * 5 per 100 children of England's 12 million a year; 22% were re-referrals. In this population every one ends
 * with no further action or short support (the children are not abused). Section 47 enquiries: about 1.7 per 100
 * a year (DfE: around 200,000 a year); unsubstantiated here.
 */
export const REFERRAL_PER_YEAR = 0.05;
export const SECTION_47_SHARE_OF_REFERRALS = 0.2;

/**
 * Parents: ASSUMED 85% of children live with their father from birth (ONS births: about half born within
 * marriage, most of the rest jointly registered, two thirds of those at one address). A resident father is on
 * the birth, GP and health-visiting records; a social-care record names him only ASSUMED 60% of the time
 * (the "invisible men" of Ofsted 2011 and the Panel's 2021 review of fathers go both ways).
 */
export const FATHER_RESIDENT = 0.85;
export const SOCIAL_CARE_NAMES_FATHER = 0.6;
/** Stepfamilies: about 1 in 10 families with dependent children (ONS Families and households); a new partner moves in at ASSUMED 2% a child-year. */
export const NEW_PARTNER_PER_YEAR = 0.02;

/**
 * School: persistent absence 21.2% of pupils in 2022/23 (DfE, Pupil absence in schools in England); elective home
 * education about 1.1% of school-age children (DfE, Elective home education autumn 2023: 92,000).
 */
export const PERSISTENT_ABSENCE = 0.212;
export const HOME_EDUCATION_PER_YEAR = 0.004;

/** Police contacts with the family that are not about harm (burglary, a missing teenager found): ASSUMED 0.03 a child-year. */
export const POLICE_CONTACT_PER_YEAR = 0.03;

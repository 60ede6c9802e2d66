// The DfE Children in Need census rules that can be checked locally, on the
// census as Threadline builds it (one CinChild per child, before any XML).
//
// Codes: a DfE validation-rule number where the rule is the DfE's own (wording as
// in datasets/cin/README.md, from data-to-insight/csc-validator-be-cin); `TL-…`
// for the statutory timescales of Working Together to Safeguard Children, which
// the DfE publishes as statistics rather than as validation rules (45 working
// days for an assessment, 15 working days to the initial conference, reviews at
// 3 then 6 months), and for checks Threadline adds. Codes ending in Q, and every
// TL- timescale, are queries (something to look at); the others are errors.
//
// Working days are England's, bank holidays included (./calendar.ts).
import { addMonths, addWorkingDays, workingDaysBetween } from '../statutory/calendar.ts';

export type CinSeverity = 'error' | 'query' | 'data';

export interface CinProblem {
  /** LAchildID of the child concerned ('' for the file as a whole) */
  child: string;
  /** DfE rule number, or TL-… for Threadline's own */
  code: string;
  severity: CinSeverity;
  message: string;
}

export type CategoryCode = 'NEG' | 'PHY' | 'SAB' | 'EMO' | 'MUL';

export interface CinAssessment {
  start: string;
  /** omitted when no record shows the assessment's outcome */
  authorised?: string;
  factors?: string[];
}

export interface CinSection47 {
  start: string;
  icpcTarget?: string;
  icpcDate?: string;
  icpcNotRequired: boolean;
}

export interface CinProtectionPlan {
  start: string;
  end?: string;
  /** undefined when no conference recorded a category (then the XML is invalid too) */
  initialCategory?: string;
  latestCategory?: string;
  previousPlans: number;
  reviews: string[];
}

export interface CinEpisode {
  referralDate?: string;
  referralSource?: string;
  primaryNeed?: string;
  closureDate?: string;
  reasonForClosure?: string;
  /** an initial conference not preceded by a section 47 enquiry in this episode */
  dateOfInitialCpc?: string;
  assessments: CinAssessment[];
  cinPlans: { start: string; end?: string }[];
  section47: CinSection47[];
  referralNfa: boolean;
  plans: CinProtectionPlan[];
  /** `agency/ref` of the records the episode was built from (not exported) */
  evidence?: string[];
}

export interface CinChild {
  laChildId: string;
  birthDate?: string;
  /** 1 male, 2 female, 0 not recorded or unborn, 9 indeterminate */
  gender: '0' | '1' | '2' | '9';
  deathDate?: string;
  ethnicity: string;
  episodes: CinEpisode[];
}

export interface CinRuleContext {
  /** 31 March of the census year */
  referenceDate: string;
  /** 1 April of the year before */
  periodStart: string;
}

export interface CinRule {
  code: string;
  severity: CinSeverity;
  /** what the rule checks, in a sentence */
  message: string;
  check(child: CinChild, ctx: CinRuleContext): string[];
}

export const CATEGORY_CODES: readonly string[] = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'];
export const PRIMARY_NEED_CODES: readonly string[] = ['N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9'];
export const REASON_FOR_CLOSURE_CODES: readonly string[] = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'];
export const REFERRAL_SOURCE_CODES: readonly string[] = [
  '1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10',
];

const perEpisode = (child: CinChild, f: (e: CinEpisode) => (string | undefined)[]): string[] =>
  child.episodes.flatMap((e) => f(e).filter((m): m is string => m !== undefined));
const referral = (e: CinEpisode): string => (e.referralDate ? `the referral of ${e.referralDate}` : 'an episode with no referral date');

function isWeekend(day: string): boolean {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
}

export const CIN_RULES: readonly CinRule[] = [
  {
    code: '8500', severity: 'error', message: 'LAchildID missing.',
    check: (c) => (c.laChildId.trim() === '' ? ['the child has no LAchildID'] : []),
  },
  {
    code: '1570', severity: 'error', message: 'LAchildID at most 20 characters, letters and digits only (from 2024-25).',
    check: (c) => (c.laChildId.length > 20 || /[^A-Za-z0-9]/.test(c.laChildId) ? [`LAchildID "${c.laChildId}" is longer than 20 characters or not alphanumeric`] : []),
  },
  {
    code: 'TL-REFERRAL', severity: 'error', message: 'Every CIN episode has a referral date.',
    check: (c) => perEpisode(c, (e) => [e.referralDate ? undefined : 'a CIN episode has no CINreferralDate']),
  },
  {
    code: '8866', severity: 'error', message: 'Referral source must be a valid code.',
    check: (c) => perEpisode(c, (e) => [e.referralSource !== undefined && REFERRAL_SOURCE_CODES.includes(e.referralSource) ? undefined : `${referral(e)}: referral source ${JSON.stringify(e.referralSource ?? null)} is not a valid code`]),
  },
  {
    code: '8650', severity: 'error', message: 'Primary need code must be N0–N9.',
    check: (c) => perEpisode(c, (e) => [e.primaryNeed === undefined || PRIMARY_NEED_CODES.includes(e.primaryNeed) ? undefined : `${referral(e)}: primary need ${e.primaryNeed} is not a valid code`]),
  },
  {
    code: '8640', severity: 'error', message: 'Reason for closure must be RC1–RC9.',
    check: (c) => perEpisode(c, (e) => [e.reasonForClosure === undefined || REASON_FOR_CLOSURE_CODES.includes(e.reasonForClosure) ? undefined : `${referral(e)}: reason for closure ${e.reasonForClosure} is not a valid code`]),
  },
  {
    code: '8630', severity: 'error', message: 'CIN closure date must not be before the referral date.',
    check: (c) => perEpisode(c, (e) => [e.closureDate && e.referralDate && e.closureDate < e.referralDate ? `closed on ${e.closureDate}, before ${referral(e)}` : undefined]),
  },
  {
    code: 'TL-CLOSURE-REASON', severity: 'error', message: 'A closed episode has a reason for closure, and an open one none.',
    check: (c) => perEpisode(c, (e) => [(e.closureDate === undefined) !== (e.reasonForClosure === undefined) ? `${referral(e)}: closure date ${e.closureDate ?? 'none'} with reason ${e.reasonForClosure ?? 'none'}` : undefined]),
  },
  {
    code: 'TL-AFTER-REFERENCE', severity: 'error', message: 'No date may be after the census reference date.',
    check: (c, ctx) => {
      const out: string[] = [];
      const late = (what: string, day: string | undefined): void => {
        if (day && day > ctx.referenceDate) out.push(`${what} ${day} is after the reference date ${ctx.referenceDate}`);
      };
      late('PersonBirthDate', c.birthDate);
      late('PersonDeathDate', c.deathDate);
      for (const e of c.episodes) {
        late('CINreferralDate', e.referralDate);
        late('CINclosureDate', e.closureDate);
        late('DateOfInitialCPC', e.dateOfInitialCpc);
        for (const a of e.assessments) { late('AssessmentActualStartDate', a.start); late('AssessmentAuthorisationDate', a.authorised); }
        for (const p of e.cinPlans) { late('CINPlanStartDate', p.start); late('CINPlanEndDate', p.end); }
        // InitialCPCtarget may lie after the reference date: it is a deadline, not an event.
        for (const s of e.section47) { late('S47ActualStartDate', s.start); late('DateOfInitialCPC', s.icpcDate); }
        for (const p of e.plans) { late('CPPstartDate', p.start); late('CPPendDate', p.end); for (const r of p.reviews) late('CPPreviewDate', r); }
      }
      return out;
    },
  },
  {
    code: 'TL-45WD', severity: 'query', message: 'Assessment authorised within 45 working days of the referral (Working Together).',
    check: (c) => perEpisode(c, (e) => e.assessments.map((a) => {
      if (!e.referralDate || !a.authorised) return undefined;
      const due = addWorkingDays(e.referralDate, 45);
      return a.authorised > due
        ? `assessment authorised on ${a.authorised}, ${workingDaysBetween(e.referralDate, a.authorised)} working days after ${referral(e)}; due by ${due}`
        : undefined;
    })),
  },
  {
    code: 'TL-15WD', severity: 'query', message: 'Initial child protection conference within 15 working days of the strategy discussion that started the section 47 enquiry (Working Together).',
    check: (c) => perEpisode(c, (e) => e.section47.map((s) => {
      if (!s.icpcDate) return undefined;
      const due = addWorkingDays(s.start, 15);
      return s.icpcDate > due
        ? `initial conference on ${s.icpcDate}, ${workingDaysBetween(s.start, s.icpcDate)} working days after the section 47 start ${s.start}; due by ${due}`
        : undefined;
    })),
  },
  {
    code: 'TL-15WD-OVERDUE', severity: 'query', message: 'A section 47 enquiry still awaiting its initial conference is not past the 15-working-day target at the reference date.',
    check: (c, ctx) => perEpisode(c, (e) => e.section47.map((s) => {
      if (s.icpcDate || s.icpcNotRequired || (e.closureDate && e.closureDate <= ctx.referenceDate)) return undefined;
      const due = addWorkingDays(s.start, 15);
      return due < ctx.referenceDate ? `section 47 enquiry started ${s.start}: no initial conference by ${due} nor a decision that none is needed` : undefined;
    })),
  },
  {
    code: '8875', severity: 'error', message: 'Initial child protection conference date not on a weekend.',
    check: (c) => perEpisode(c, (e) => [e.dateOfInitialCpc, ...e.section47.map((s) => s.icpcDate)].map((d) => (d && isWeekend(d) ? `initial conference dated ${d}, a weekend` : undefined))),
  },
  {
    code: '8870Q', severity: 'query', message: 'Initial child protection conference target date not on a weekend.',
    check: (c) => perEpisode(c, (e) => e.section47.map((s) => (s.icpcTarget && isWeekend(s.icpcTarget) ? `initial conference target ${s.icpcTarget} is a weekend` : undefined))),
  },
  {
    code: 'TL-CPP-ICPC', severity: 'query', message: 'A child protection plan starts on the date of the initial conference that decided it.',
    check: (c) => perEpisode(c, (e) => {
      const icpcs = [e.dateOfInitialCpc, ...e.section47.map((s) => s.icpcDate)].filter((d): d is string => !!d).sort();
      return e.plans.map((p) => {
        const before = icpcs.filter((d) => d <= p.start).at(-1);
        if (before === undefined) return `plan starting ${p.start} has no initial conference on or before it in this episode`;
        return before === p.start ? undefined : `plan starts ${p.start}, but the initial conference before it was on ${before}`;
      });
    }),
  },
  {
    code: '8925', severity: 'error', message: 'Child protection plan end date must not be before its start date.',
    check: (c) => perEpisode(c, (e) => e.plans.map((p) => (p.end && p.end < p.start ? `plan ends ${p.end}, before it starts ${p.start}` : undefined))),
  },
  {
    code: '8841', severity: 'error', message: 'A plan review date must be after the plan start date.',
    check: (c) => perEpisode(c, (e) => e.plans.flatMap((p) => p.reviews.map((r) => (r <= p.start ? `review on ${r} is on or before the plan start ${p.start}` : undefined)))),
  },
  {
    code: 'TL-CPP-REVIEW', severity: 'query', message: 'First review conference within 3 months of the plan start, then at most 6 months apart (Working Together).',
    check: (c, ctx) => perEpisode(c, (e) => e.plans.flatMap((p) => {
      const out: string[] = [];
      let due = addMonths(p.start, 3);
      let last = p.start;
      for (const r of [...p.reviews].filter((r) => r > p.start).sort()) {
        if (r > due) out.push(`plan from ${p.start}: review on ${r} was due by ${due}`);
        last = r;
        due = addMonths(r, 6);
      }
      const horizon = p.end ?? ctx.referenceDate;
      if (last !== p.end && due < horizon) out.push(`plan from ${p.start}: no review by ${due} (${p.end ? `plan ended ${p.end}` : `still open on ${ctx.referenceDate}`})`);
      return out;
    })),
  },
  {
    code: 'TL-CATEGORY', severity: 'error', message: 'Initial and latest category of abuse present and one of NEG, PHY, SAB, EMO, MUL.',
    check: (c) => perEpisode(c, (e) => e.plans.flatMap((p) => [
      p.initialCategory && CATEGORY_CODES.includes(p.initialCategory) ? undefined : `plan from ${p.start}: initial category ${JSON.stringify(p.initialCategory ?? null)} is not valid`,
      p.latestCategory && CATEGORY_CODES.includes(p.latestCategory) ? undefined : `plan from ${p.start}: latest category ${JSON.stringify(p.latestCategory ?? null)} is not valid`,
    ])),
  },
];

/** Every problem the rules find in these children. */
export function checkCinRules(children: readonly CinChild[], ctx: CinRuleContext, rules: readonly CinRule[] = CIN_RULES): CinProblem[] {
  const out: CinProblem[] = [];
  const seen = new Set<string>();
  for (const child of children) {
    if (seen.has(child.laChildId)) out.push({ child: child.laChildId, code: '8510', severity: 'error', message: `duplicate LAchildID ${child.laChildId}` });
    seen.add(child.laChildId);
    for (const rule of rules) {
      for (const message of rule.check(child, ctx)) out.push({ child: child.laChildId, code: rule.code, severity: rule.severity, message });
    }
  }
  return out;
}

/** The census period of a reporting year: 1 April of the year before to 31 March. */
export function censusPeriod(year: number): CinRuleContext {
  if (!Number.isInteger(year) || year < 2001 || year > 9999) throw new RangeError(`not a census year: ${year}`);
  return { periodStart: `${year - 1}-04-01`, referenceDate: `${year}-03-31` };
}

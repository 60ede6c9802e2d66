// The risk engine's vocabulary. A rule is small, pure and versioned: given a
// child's picture as it stood on one day (every record about them dated on or
// before it, their household as the records show it), it returns a finding or
// nothing. Findings cite their evidence records as `agency/ref` and say why in
// words a practitioner can check against those records.
import type { EvidenceRecord, Household } from '../household/derive.ts';
import type { Corrections } from './injury-context.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export interface ChildPicture {
  personId: number;
  name: string;
  /** the child's date of birth as most agencies record it (YYYY-MM-DD, or partial, or null) */
  dob: string | null;
  /** the day the picture is as of (YYYY-MM-DD) */
  asOf: string;
  /** every current record about the child (and police records at their home) dated on or before `asOf`, oldest first */
  records: EvidenceRecord[];
  /** the records dated exactly `asOf`: what is new today */
  today: EvidenceRecord[];
  household: Household;
  /** agency id -> kind, for every registered agency (a referral names its receiver by id) */
  agencyKinds: Record<string, string>;
  /** managers' sign-offs of decisions ending protection: `agency/ref` -> the day signed off */
  signOffs: ReadonlyMap<string, string>;
  /**
   * Entries whose bruises a later record corrects (a birthmark charted as a bruise), from all the child's
   * records however late the correction: what a corrected entry raised is withdrawn (injury-context.ts
   * correctionsOf). Absent: none known.
   */
  corrections?: Corrections;
}

export interface Finding {
  severity: Severity;
  /** the records that make the finding, `agency/ref` */
  evidence: string[];
  explanation: string;
  /** records that raised the severity without being enough alone (parental risk factors) */
  contributing?: string[];
  /** another person the finding is about (an unknown adult), when there is one */
  subjectPersonId?: number | null;
  /**
   * What was found beyond the records, when that can be new without a new record: a statutory deadline
   * passing is a new finding on the day it passes (`first-core-group@2007-01-10`).
   */
  facts?: string[];
  /**
   * The weight of each piece of evidence the finding rests on, and of context that lowered it. The child's
   * severity comes from the sum of the terms of every finding standing in a window (weigh.ts), not from
   * one rule alone. Rules about the statutory process and notices carry none and keep their own severity.
   */
  terms?: Term[];
}

/**
 * One piece of evidence and its weight: log2 of a likelihood ratio, P(seen | maltreatment) / P(seen | not),
 * the same units as the linker's match weights. Negative for context that makes harm less likely (a
 * documented birth injury). Each term says where its weight comes from, the record it rests on, and the field
 * or phrase in that record.
 */
export interface Term {
  /** what was found, in words a practitioner can check: "bruising in a baby not yet crawling" */
  label: string;
  /** log2 likelihood ratio */
  weight: number;
  /** the published evidence for the weight: a study, guideline or review, with its year */
  source: string;
  /** the record, `agency/ref` */
  evidence: string;
  /** the field or phrase: `injuries[0]: bruise, cheek`, `narrative: "she doesn't know how"` */
  basis: string;
  /**
   * Repeats of one kind of evidence are not independent (one family's missed appointments, one child's
   * ordinary injuries): the terms of a group together weigh at most `weight`, the ratio published (or judged)
   * for the pattern as a whole. Terms with no cap add freely.
   */
  cap?: { group: string; weight: number };
}

export interface Rule {
  id: string;
  version: number;
  title: string;
  /** where the rule comes from: a guideline, a study, a review */
  source: string;
  evaluate(picture: ChildPicture): Finding | null;
  /**
   * Days, besides those with records, on which the rule must look again because time alone can change the
   * finding (a deadline passes). Given every record about the child; days after the newest record are not
   * looked at, so the firings stay a function of the records.
   */
  wakeDays?(records: readonly EvidenceRecord[], childId: number, agencyKinds: Record<string, string>, signOffs: ReadonlyMap<string, string>): string[];
}

/** A rule firing on a day: raised, or raised again with new evidence or a higher severity. */
export interface Firing extends Finding {
  rule: string;
  ruleVersion: number;
  ruleSource: string;
  personId: number;
  /** the date of the record that made it fire */
  at: string;
}

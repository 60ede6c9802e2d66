// Every rule the engine runs, in one list: a new rule is one file in this folder and one line here.
import { accumulatingHarm } from './accumulating-harm.ts';
import { conflictingExplanations } from './conflicting-explanations.ts';
import { disclosureInHome } from './disclosure-in-home.ts';
import { emotionalHarm } from './emotional-harm.ts';
import { falteringGrowth } from './faltering-growth.ts';
import { incompleteExamination } from './incomplete-examination.ts';
import { knownChildSeen } from './known-child-seen.ts';
import { neglect } from './neglect.ts';
import { niceCg89 } from './nice-cg89.ts';
import { returnedToSuspect } from './returned-to-suspect.ts';
import { ten4 } from './ten-4-facesp.ts';
import { unknownAdult } from './unknown-adult.ts';
import { violentAdultInHome } from './violent-adult-in-home.ts';
import { wasNotBrought } from './was-not-brought.ts';
import { statutoryDrift } from './statutory-drift.ts';
import { inquorateConference } from './inquorate-conference.ts';
import { childNotSeen } from './child-not-seen.ts';
import { returnedHomeNotSeen } from './returned-home-not-seen.ts';
import { offPlanConcerns } from './off-plan-concerns.ts';
import { homeEducationWithdrawal } from './home-education-withdrawal.ts';
import { missingEducation } from './missing-education.ts';
import { communityConcernsClosed } from './community-concerns-closed.ts';
import { harmedBeforeNotSeen } from './harmed-before-not-seen.ts';
import { familyReportsNeglect } from './family-reports-neglect.ts';
import { protectionDeclinedRule } from './protection-declined.ts';
import { closedUnresolved } from './closed-unresolved.ts';
import { domesticAbuseChildPresent } from './domestic-abuse-child-present.ts';
import { injuredOnPlan } from './injured-on-plan.ts';
import { harmAfterReturnHome } from './harm-after-return-home.ts';
import { leftUnsupervised } from './left-unsupervised.ts';
import { allegedHarmerJoinsHome } from './alleged-harmer-joins-home.ts';
import type { Rule } from '../types.ts';

/** Rules that say a child may be at risk, from what agencies saw. */
export const RISK_RULES: readonly Rule[] = [
  ten4, niceCg89, accumulatingHarm, knownChildSeen, unknownAdult, returnedToSuspect, incompleteExamination, wasNotBrought, conflictingExplanations,
  childNotSeen,
  returnedHomeNotSeen,
  offPlanConcerns,
  homeEducationWithdrawal,
  missingEducation,
  communityConcernsClosed,
  harmedBeforeNotSeen,
  familyReportsNeglect,
  neglect,
  falteringGrowth,
  emotionalHarm,
  disclosureInHome,
  violentAdultInHome,
  protectionDeclinedRule,
  closedUnresolved,
  domesticAbuseChildPresent,
  injuredOnPlan,
  harmAfterReturnHome,
  leftUnsupervised,
  allegedHarmerJoinsHome,
];
/** Rules that say the statutory process is drifting: about what agencies did, not what they saw. */
export const PROCESS_RULES: readonly Rule[] = [statutoryDrift, inquorateConference];

export const RULES: readonly Rule[] = [...RISK_RULES, ...PROCESS_RULES];

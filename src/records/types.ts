// TypeScript shape of an agency-record/1 document. The JSON Schema beside this
// file (agency-record.schema.json, copied unchanged from the spec) is the
// authority; these types only describe what has passed it.

export const RECORD_KINDS = [
  'attendance',
  'visit',
  'concern',
  'referral',
  'appointment-missed',
  'strategy-discussion',
  'enquiry-outcome',
  'conference',
  'core-group',
  'police-action',
  'prosecution-decision',
  'legal-advice',
  'placement',
  'household-change',
  'demographics',
  'death',
  'measurement',
  'education',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const MENTION_ROLES = [
  'subject',
  'parent',
  'carer',
  'partner-of-parent',
  'sibling',
  'relative',
  'family-friend',
  'lodger',
  'visitor',
  'next-of-kin',
  'alleged-perpetrator',
  'professional',
  'other',
] as const;
export type MentionRole = (typeof MENTION_ROLES)[number];

export const AGENCY_KINDS = [
  'gp',
  'hospital',
  'health-visiting',
  'community-health',
  'social-care',
  'police',
  'prosecution',
  'legal',
  'school',
  'early-years',
  'housing',
  'probation',
  'ambulance',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface PersonName {
  given?: string;
  family?: string;
  other?: string;
}

export interface Address {
  lines?: string[];
  postcode?: string;
}

export interface PersonMention {
  key: string;
  role: MentionRole;
  relationship?: string;
  localId?: string;
  nhsNumber?: string;
  name: PersonName;
  aliases?: PersonName[];
  /** YYYY, YYYY-MM or YYYY-MM-DD; may be wrong or day/month swapped. */
  dob?: string;
  sex?: 'female' | 'male' | 'unknown';
  address?: Address;
  phone?: string;
  livesWithSubject?: 'yes' | 'no' | 'unknown';
}

export type InjuryType =
  | 'bruise'
  | 'abrasion'
  | 'laceration'
  | 'burn'
  | 'scald'
  | 'bite'
  | 'fracture'
  | 'swelling'
  | 'petechiae'
  | 'head-injury'
  | 'other';

export type InjurySite =
  | 'scalp'
  | 'forehead'
  | 'eyelid'
  | 'subconjunctiva'
  | 'nose'
  | 'cheek'
  | 'ear'
  | 'lip'
  | 'frenulum'
  | 'jaw-angle'
  | 'chin'
  | 'neck'
  | 'chest'
  | 'abdomen'
  | 'back'
  | 'buttock'
  | 'genitals'
  | 'shoulder'
  | 'upper-arm'
  | 'forearm'
  | 'hand'
  | 'thigh'
  | 'knee'
  | 'shin'
  | 'foot'
  | 'spine'
  | 'ribs'
  | 'skull'
  | 'long-bone'
  | 'other';

export interface Injury {
  type: InjuryType;
  site: InjurySite;
  side?: 'left' | 'right' | 'midline';
  count?: number;
  sizeMm?: number;
  patterned?: boolean;
  ageEstimate?: string;
}

/** Where a concern or a referral first came from (contract revision 2): a relative's or a neighbour's word counts. */
export const REPORTED_BY = ['child', 'parent', 'relative', 'neighbour', 'member-of-public', 'anonymous', 'professional'] as const;
export type ReportedBy = (typeof REPORTED_BY)[number];

/** How far into the home a visit got (contract revision 2). */
export const VISIT_ACCESS = ['inside', 'doorstep', 'no-reply', 'refused'] as const;
export type VisitAccess = (typeof VISIT_ACCESS)[number];

/** A growth measurement (`measurement` body): at least one of the three measures; centiles 0–100 on the UK-WHO charts. */
export interface MeasurementBody {
  setting?: 'health-visiting' | 'gp' | 'school-nursing' | 'hospital' | 'clinic' | 'other';
  weightKg?: number;
  heightCm?: number;
  headCm?: number;
  centiles?: { weight?: number; height?: number; head?: number };
  note?: string;
}

export const EDUCATION_CHANGES = [
  'enrolled', 'left', 'withdrawn-home-education', 'removed-from-roll', 'missing-education', 'attendance-concern',
  'exclusion-fixed', 'exclusion-permanent',
] as const;
export type EducationChange = (typeof EDUCATION_CHANGES)[number];

/** A change in a child's schooling (`education` body). */
export interface EducationBody {
  change: EducationChange;
  school?: string;
  attendancePercent?: number;
  note?: string;
}

export interface ConcernBody {
  category?: 'physical' | 'emotional' | 'sexual' | 'neglect' | 'unknown';
  description: string;
  reportedBy?: ReportedBy;
}

export interface ReferralBody {
  to: string;
  reason: string;
  urgency: 'immediate' | 'within-24h' | 'routine';
  reportedBy?: ReportedBy;
}

/** A visit's body (`visit`). */
export interface VisitBody {
  purpose: 'statutory' | 'health-visiting' | 'family-support' | 'welfare-check' | 'other';
  announced: boolean;
  childSeen: boolean;
  childSeenAlone: boolean;
  injuries?: Injury[];
  observations?: string;
  present?: string[];
  access?: VisitAccess;
}

/** The kind-specific body. Kept loose here: the schema has checked it per kind. */
export type RecordBody = Record<string, unknown> & { injuries?: Injury[] };

export interface AgencyRecord {
  format: 'agency-record/1';
  agency: string;
  ref: string;
  kind: RecordKind;
  /** YYYY-MM-DD or an ISO date-time with offset. */
  occurredAt: string;
  recordedAt?: string;
  certainty?: 'documented' | 'approximate';
  people: PersonMention[];
  body: RecordBody;
  narrative?: string;
  author?: { name: string; role?: string };
  source?: string;
}

export interface ScenarioAgency {
  id: string;
  kind: AgencyKind;
  name: string;
}

/** scenario/1: a case rebuilt as agency records, plus the truth used only for scoring. */
export interface Scenario {
  format: 'scenario/1';
  id: string;
  title: string;
  note?: string;
  sources?: string[];
  agencies: ScenarioAgency[];
  records: AgencyRecord[];
  truth?: ScenarioTruth;
}

export interface ScenarioTruth {
  child?: string;
  /** person label -> mention ids (`agency/ref#key`) that are the same real person */
  people: Record<string, string[]>;
  missedOpportunities?: string[];
  outcome?: { date: string; kind: string };
  [extra: string]: unknown;
}

/** The mention id used in reports and truth: `agency/ref#key`. */
export function mentionId(agency: string, ref: string, key: string): string {
  return `${agency}/${ref}#${key}`;
}

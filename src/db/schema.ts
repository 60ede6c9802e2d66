// Kysely's view of the tables (see migrations/ for the DDL, which is the authority).
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, never>;
type Id = Generated<number>;

export interface AgencyTable {
  id: string;
  kind: string;
  name: string;
  created_at: Timestamp;
}

export interface ApiKeyTable {
  id: Id;
  agency_id: string;
  key_id: string;
  secret_hash: string;
  label: string | null;
  created_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  /** the named user this key acts for (`key create <agency> --user <username>`); null: the agency's system */
  user_id: ColumnType<number | null, number | null | undefined, never>;
}

/** Every version of every agency record. Append-only: rows are never updated or deleted. */
export interface RecordTable {
  id: Id;
  agency_id: string;
  ref: string;
  version: number;
  kind: string;
  occurred_at: Timestamp;
  occurred_on: ColumnType<string, string, never>;
  recorded_at: Timestamp;
  received_at: Timestamp;
  certainty: string | null;
  content_hash: string;
  document: JSONColumnType<Record<string, unknown>>;
  /** who sent this version, as the server authenticated them (actor label); null before migration 0012 */
  submitted_by: ColumnType<string | null, string | null | undefined, never>;
  /** the account that sent it: a signed-in user, or the user an API key is bound to */
  submitted_by_user: ColumnType<number | null, number | null | undefined, never>;
}

/** One row per person mentioned in a record version, with normalised identity fields. */
export interface MentionTable {
  id: Id;
  record_id: number;
  key: string;
  role: string;
  given: string | null;
  family: string | null;
  given_norm: string | null;
  family_norm: string | null;
  dob: string | null;
  sex: string | null;
  nhs_number: string | null;
  postcode: string | null;
  local_id: string | null;
  name_dob_key: string | null;
  /** agency|localId: the sending agency's own id for the person */
  local_key: string | null;
  /** the identity fields the linkage model compares (a LinkRecord without its id) */
  identity: JSONColumnType<Record<string, unknown>> | null;
}

export interface PersonTable {
  id: Id;
  created_at: Timestamp;
}

/** Every linking decision ever made, append-only: the history behind person_mention. */
export interface MentionLinkTable {
  id: Id;
  mention_id: number;
  person_id: number;
  rule: string;
  weight: number | null;
  evidence: JSONColumnType<Record<string, unknown>>;
  decided_by: string;
  decided_at: Timestamp;
}

/** Current membership: which person each current mention belongs to (derived from mention_link). */
export interface PersonMentionTable {
  mention_id: number;
  person_id: number;
  link_id: number;
}

/** The identifying keys a person currently holds (derived from their current mentions). */
export interface PersonKeyTable {
  key: string;
  person_id: number;
}

/** A pair the linker could not decide alone, for a practitioner. Append-only. */
export interface LinkReviewTable {
  id: Id;
  mention_id: number;
  candidate_mention_id: number;
  weight: number | null;
  evidence: JSONColumnType<Record<string, unknown>>;
  created_by: string;
  created_at: Timestamp;
}

/** A practitioner's decision about two mentions. Append-only. */
export interface LinkDecisionTable {
  id: Id;
  review_id: number | null;
  mention_a: number;
  mention_b: number;
  decision: 'same' | 'different';
  reason: string;
  decided_by: string;
  decided_at: Timestamp;
}

export interface LinkModelTable {
  id: Id;
  trained_at: Timestamp;
  trained_by: string;
  model: JSONColumnType<Record<string, unknown>>;
}

/** One alert per child and rule while open; its current state (history in alert_event). */
export interface AlertTable {
  id: Id;
  person_id: number;
  rule: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: 'open' | 'acknowledged' | 'actioned' | 'closed';
  first_fired_on: ColumnType<string, string, string>;
  last_fired_on: ColumnType<string, string, string>;
  evidence: string[];
  explanation: string;
  recipients: string[];
  escalated_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_at: Timestamp;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}

/** Every firing and lifecycle step of an alert. Append-only. */
export interface AlertEventTable {
  id: Id;
  alert_id: number;
  at: Timestamp;
  kind: 'fired' | 'withdrawn' | 'acknowledged' | 'actioned' | 'closed' | 'escalated';
  fired_on: ColumnType<string | null, string | null, never>;
  severity: string | null;
  evidence: string[] | null;
  explanation: string | null;
  rule_version: number | null;
  rule_source: string | null;
  contributing: string[] | null;
  firing_key: string | null;
  by: string | null;
  reason: string | null;
}

export interface AuditTable {
  id: Id;
  at: Timestamp;
  actor: string;
  agency_id: string | null;
  action: string;
  record_ids: ColumnType<number[], number[], never>;
  person_ids: ColumnType<number[], number[], never>;
  detail: JSONColumnType<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
  /** the server's HMAC over the row (access/audit.ts); null when written without the audit key */
  seal: ColumnType<string | null, string | null | undefined, never>;
}

/** Signed checkpoints of the audit chain. Append-only. */
export interface AuditCheckpointTable {
  id: Id;
  audit_id: number;
  hash: string;
  signature: string;
  at: Timestamp;
}

export type Role = 'practitioner' | 'manager' | 'safeguarding-lead' | 'privacy-officer' | 'administrator';
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Someone who uses Threadline: an account of one agency, with roles. */
export interface AppUserTable {
  id: Id;
  username: string;
  display_name: string;
  agency_id: string;
  roles: Role[];
  password_hash: string | null;
  totp_secret: string | null;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  oidc_subject: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: NullableTime;
  created_at: Timestamp;
  disabled_at: NullableTime;
}

/** Failed sign-ins per account and client address (access/sign-in.ts). */
/** What the risk engine kept from its last evaluation of a child (risk/engine-state.ts). Derived; kept in step. */
export interface AlertStateTable {
  person_id: number;
  state: JSONColumnType<Record<string, unknown>>;
  evaluated_through: ColumnType<string | null, string | null, string | null>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}

export interface SignInThrottleTable {
  user_id: number;
  address: string;
  failures: Generated<number>;
  locked_until: NullableTime;
  last_success_at: NullableTime;
}

export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string, Date | string>;
  authenticated_at: ColumnType<Date, Date | string, Date | string>;
  ended_at: NullableTime;
  ended_why: string | null;
}

export interface CaseAssignmentTable {
  id: Id;
  person_id: number;
  user_id: number;
  role: 'allocated-worker' | 'core-group' | 'lead-professional' | 'team-manager';
  from_at: Timestamp;
  to_at: NullableTime;
  assigned_by: string;
}

/** Break-glass. Append-only. */
export interface AccessGrantTable {
  id: Id;
  user_id: number;
  person_id: number;
  reason: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
}

/** The newest audit row's hash, in one row (migration 0007). */
export interface AuditHeadTable {
  one: Generated<boolean>;
  prev_hash: string;
  hash: string;
}

/** A practitioner's own entry on a case: a sign-off or supervision. Append-only. */
export interface CaseEntryTable {
  id: Id;
  person_id: number;
  kind: 'sign-off' | 'supervision';
  record_id: number | null;
  by_user_id: number;
  at: Timestamp;
  note: string;
}

/** A change told to an agency in a child's network. Append-only. */
export interface NotificationTable {
  id: Id;
  person_id: number;
  kind: string;
  about: string;
  record_id: number | null;
  recipient_agency: string;
  created_at: Timestamp;
}

/** An agency's acknowledgement of a notification (one each). Append-only. */
export interface NotificationAckTable {
  id: Id;
  notification_id: number;
  by: string;
  at: Timestamp;
}

/** An agency's report to a conference or core group, or its dissent. Append-only. */
export interface MeetingContributionTable {
  id: Id;
  record_id: number;
  person_id: number;
  agency_id: string;
  kind: 'report' | 'dissent';
  text: string;
  by: string;
  at: Timestamp;
}

/** An action a conference or core group agreed: an owner agency and a due date. Append-only. */
export interface MeetingActionTable {
  id: Id;
  record_id: number;
  person_id: number;
  owner_agency: string;
  action: string;
  due_on: ColumnType<string, string, never>;
  by: string;
  at: Timestamp;
}

export interface MeetingActionDoneTable {
  id: Id;
  action_id: number;
  note: string;
  by: string;
  at: Timestamp;
}

/** A record's slot (agency, ref, person key) that gave its agency a limited relationship only (migration 0011). Append-only. */
export interface LimitedTieTable {
  id: Id;
  agency_id: string;
  ref: string;
  key: string;
  person_id: number;
  at: Timestamp;
}

/** A lead-agency practitioner's grant of the full relationship to an agency that had a limited one. Append-only. */
export interface AgencyGrantTable {
  id: Id;
  agency_id: string;
  person_id: number;
  granted_by_user_id: number;
  reason: string;
  at: Timestamp;
}

export interface Database {
  agency: AgencyTable;
  api_key: ApiKeyTable;
  record: RecordTable;
  mention: MentionTable;
  person: PersonTable;
  mention_link: MentionLinkTable;
  person_mention: PersonMentionTable;
  person_key: PersonKeyTable;
  link_review: LinkReviewTable;
  link_decision: LinkDecisionTable;
  link_model: LinkModelTable;
  alert: AlertTable;
  alert_event: AlertEventTable;
  audit: AuditTable;
  audit_checkpoint: AuditCheckpointTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  sign_in_throttle: SignInThrottleTable;
  alert_state: AlertStateTable;
  case_assignment: CaseAssignmentTable;
  access_grant: AccessGrantTable;
  audit_head: AuditHeadTable;
  case_entry: CaseEntryTable;
  notification: NotificationTable;
  notification_ack: NotificationAckTable;
  meeting_contribution: MeetingContributionTable;
  meeting_action: MeetingActionTable;
  meeting_action_done: MeetingActionDoneTable;
  limited_tie: LimitedTieTable;
  agency_grant: AgencyGrantTable;
}

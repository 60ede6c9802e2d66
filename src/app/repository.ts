// The one door to the data. Routes, pages and CLI commands call these
// methods and nothing else touches the tables: each method runs in one
// transaction, decides what the actor may do, and writes its audit row in
// that same transaction (so an action that cannot be audited does not happen).
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import { DatabaseUnavailableError, isConnectionLost } from '../db/connection-loss.ts';
import { log } from '../log.ts';
import type { Database } from '../db/schema.ts';
import { personChronology } from '../chronology/chronology.ts';
import { redactForReview, type ReviewExport } from '../chronology/redacted-export.ts';
import { applySharingPolicy, decide, policySubjectOf, sharingPolicyFromEnv, type SharedChronology, type SharedEntry, type SharingPolicy } from '../access/sharing-policy.ts';
import { probabilisticLinker, type Linker } from '../identity/linker.ts';
import { countPeople, listPeople, type PersonSummary } from '../identity/people.ts';
import { findNamedBeside, findPeople, parseSearch, personCards, searchProblems, type FoundPerson, type NamedBeside, type PersonCard, type SearchKind } from '../identity/find-people.ts';
import { casesOf, dueDeadlines, type DueDeadline, type MyCase } from '../workflow/my-work.ts';
import { decideReview, linkHistory, openReviews, splitPerson, unmergePerson, type Decider } from '../identity/decisions.ts';
import { relinkPeople } from '../identity/relink.ts';
import { trainOnStoredMentions } from '../identity/model-source.ts';
import { childrenWithProcess, raiseNotice, refreshAlerts } from '../risk/alerts.ts';
import { peopleAffected } from '../risk/affected.ts';
import { processView, type ChildProcessView } from '../workflow/process-view.ts';
import { cinCensus } from '../workflow/cin-census.ts';
import { addActions, addContribution, completeAction, meetingRecord, overdueActions } from '../workflow/meetings.ts';
import { signOffRefusal, submittersOf } from '../statutory/sign-offs.ts';
import { listNotifications, networkAgencies, notify, notifyFromRecords, type NotificationView } from '../workflow/notifications.ts';
import { escalateOverdue, listAlerts, stepAlert, type AlertFilter, type AlertStep, type AlertView } from '../risk/lifecycle.ts';
import { childEvidence, householdFrom, householdOf, type SharedHousehold } from '../household/household.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import { prepareBatch, summariseResults, writeBatch, type IngestOutcome } from './ingest.ts';
import type { ScenarioAgency } from '../records/types.ts';
import { AGENCY_KINDS } from '../records/types.ts';
import { londonDate } from '../records/dates.ts';
import { actorAccount, actorAgency, actorLabel, hasRole, type Actor } from '../shared/actor.ts';
import { canSee, EVERYONE, markLimitedTies, READING_ROLES, relationshipLevel, viewerOf } from '../shared/relationship.ts';
import { newApiKey, parseApiKey, secretMatches } from '../access/api-keys.ts';
import { accessOverseers, alertsForLimitedView, leadAgenciesOf, limitedViewOf, type LimitedView } from '../access/limited-view.ts';
import { appendAudit, appendReadAudit, checkpointAudit, readAuditCommitFromEnv, verifyAuditChain, whoHasLooked, type AuditEntry, type ReadAuditCommit } from '../access/audit.ts';
import { anchorCheckpoint, anchorPathFromEnv, readAnchor } from '../access/audit-anchor.ts';
import { forbidden, invalid, notFound, reauthenticationNeeded, unauthorised } from '../shared/errors.ts';
import { endSession, markReauthenticated, recentlyAuthenticated, resumeSession, startSession, type Session } from '../access/sessions.ts';
import { checkCredentials, PAUSE_NOTE, SIGN_IN_REFUSED, type Credentials } from '../access/sign-in.ts';
import { changePassword, type PasswordChange } from '../access/change-password.ts';
import { planRetention, runRetention, type RetentionOptions, type RetentionPlan, type RetentionResult } from '../access/retention.ts';
import { totpNow } from '../access/totp.ts';
import { assignCase, assignedUsers, createUser, enrolTotp, grantBreakGlass, userByName, type AssignmentRole, type NewUser } from '../access/users.ts';
import { caseNetwork, fullRecordIds, mentionedPeople, nhsNumbersOf, readablePeople, versionsOf, type CaseWorker, type RecordVersion } from './child-queries.ts';

/** The alert recipients an actor reads as: null for the operator, who reads every alert. */
export function alertRecipientsOf(actor: Actor): string[] | null {
  switch (actor.kind) {
    case 'operator':
      return null;
    case 'agency-system':
      return [`agency:${actor.agencyId}`];
    case 'user':
      return [
        ...(hasRole(actor, ...READING_ROLES) ? [`agency:${actor.agencyId}`] : []),
        `user:${actor.userId}`,
        ...(hasRole(actor, 'privacy-officer') ? ['role:privacy-officer'] : []),
        ...(hasRole(actor, 'manager', 'safeguarding-lead') ? ['manager:duty'] : []),
      ];
  }
}

/** What the child's page reads (Repository.childPage). */
export interface ChildPageReads {
  chronology: SharedChronology;
  household: SharedHousehold;
  process: ChildProcessView;
  alerts: AlertView[];
  facts: { network: CaseWorker[]; nhsNumbers: string[]; readable: number[] };
}

export interface RepositoryOptions {
  clock?: () => Date;
  sharing?: SharingPolicy;
  linker?: Linker;
  /** How reads' audit rows commit (audit.ts, ReadAuditCommit): THREADLINE_READ_AUDIT_COMMIT, or 'durable'. */
  readAuditCommit?: ReadAuditCommit;
  /** The file checkpoints are anchored in, outside the database (audit-anchor.ts): THREADLINE_AUDIT_ANCHOR, or none. */
  auditAnchor?: string | null;
}

const UNIQUE_VIOLATION = '23505';
/** Tries at a transaction whose connection is lost before it begins (a dead pooled connection, or the server restarting). */
const CONNECT_ATTEMPTS = 3;

export class Repository {
  readonly clock: () => Date;
  readonly linker: Linker;

  private readonly agencyKinds = new Map<string, string>();
  /** The information-sharing policy (THREADLINE_SHARING_POLICY, or the shipped defaults); a bad file fails at start. */
  readonly sharing: SharingPolicy;

  constructor(readonly db: Db, opts: RepositoryOptions = {}) {
    this.sharing = opts.sharing ?? sharingPolicyFromEnv();
    this.clock = opts.clock ?? (() => new Date());
    this.linker = opts.linker ?? probabilisticLinker();
    this.readAuditCommit = opts.readAuditCommit ?? readAuditCommitFromEnv();
    this.auditAnchor = opts.auditAnchor === undefined ? anchorPathFromEnv() : opts.auditAnchor;
  }

  private readonly auditAnchor: string | null;

  private readonly readAuditCommit: ReadAuditCommit;

  /** A read's audit row: the last statement of a method that reads (nothing is written after it). */
  private auditRead(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
    return appendReadAudit(tx, actor, at, entry, this.readAuditCommit, this.db.auditKey);
  }

  /** A write's audit row, sealed with the audit key when there is one. */
  private audit(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
    return appendAudit(tx, actor, at, entry, this.db.auditKey);
  }

  /**
   * One transaction. A lost database connection is retried only where a retry is certainly safe: when it was
   * lost before the transaction began (typically a pooled connection that died while idle; the pool opens a
   * fresh one). Once the work has begun it is not run again. Lost part-way, the database has rolled the
   * transaction back, but this method cannot know that the caller's work is safe to repeat. Lost during
   * COMMIT, nobody knows whether the commit happened, and a blind retry of a write could store it twice. The
   * caller gets DatabaseUnavailableError instead (a 503 on the web), saying whether the outcome is known.
   */
  private async tx<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let stage: 'beginning' | 'working' | 'committing' = 'beginning';
      try {
        return await this.db.kysely.transaction().execute(async (tx) => {
          stage = 'working';
          const result = await fn(tx);
          stage = 'committing';
          return result;
        });
      } catch (e) {
        if (!isConnectionLost(e)) throw e;
        const where = stage as string;
        if (where === 'beginning' && attempt < CONNECT_ATTEMPTS) {
          log.warn({ err: { type: (e as Error).name, code: (e as { code?: string }).code }, attempt }, 'database connection lost before a transaction began; trying a new connection');
          await new Promise((r) => setTimeout(r, 100 * attempt));
          continue;
        }
        log.warn({ err: { type: (e as Error).name, code: (e as { code?: string }).code }, stage: where }, 'database connection lost; the action fails (not retried)');
        throw new DatabaseUnavailableError(where === 'committing', { cause: e });
      }
    }
  }

  /** Store a batch of agency records: a result per item; one transaction for the batch. */
  async ingest(actor: Actor, items: unknown[]): Promise<IngestOutcome> {
    // Anyone may record about any child; an agency's system or a user records as their own agency only.
    const onlyAgency = actorAgency(actor);
    const now = this.clock();
    // Validation needs no database, so it happens before the transaction and its lock.
    const prepared = prepareBatch(items, now);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.tx(async (tx) => {
          const outcome = await writeBatch(tx, prepared, { now, linker: this.linker, onlyAgency, submitter: { label: actorLabel(actor), userId: actorAccount(actor) } });
          // Writing does not open reading: who now has only a limited relationship, and the privacy officer told of each.
          const limitedTies = await this.noteLimitedTies(tx, actor, outcome.recordIds, now);
          // The whole picture of every child the batch touched, looked at again now, in the same transaction.
          const alerts = await refreshAlerts(tx, await peopleAffected(tx, {
            recordIds: [...outcome.recordIds, ...outcome.replacedRecordIds], personIds: outcome.personIds, regrouped: outcome.regrouped,
          }), now);
          // Changes every agency in the child's network must hear of, told in the same transaction.
          const notified = await notifyFromRecords(tx, outcome.recordIds, now);
          await this.audit(tx, actor, now, {
            action: 'records.ingest',
            recordIds: outcome.recordIds,
            personIds: outcome.personIds,
            detail: { ...summariseResults(outcome.results), alerts, notified, limitedTies },
          });
          return outcome;
        });
        this.db.statistics.noteWrites(outcome.recordIds.length);
        return outcome;
      } catch (e) {
        // Another writer stored the same agency+ref version first: recompute versions and go again.
        if ((e as { code?: string }).code === UNIQUE_VIOLATION && attempt < 3) continue;
        throw e;
      }
    }
  }

  /**
   * Mark the records of a batch that open only a limited relationship (relationship.ts, markLimitedTies), and
   * tell the privacy officer (and the child's allocated worker) of each new one, in the batch's transaction.
   */
  private async noteLimitedTies(tx: Transaction<Database>, actor: Actor, recordIds: number[], now: Date): Promise<number> {
    const ties = await markLimitedTies(tx, recordIds, now);
    if (!ties.length) return 0;
    const overseers = await accessOverseers(tx, actor);
    const names = new Map((await tx.selectFrom('agency').select(['id', 'name']).where('id', 'in', [...new Set(ties.map((t) => t.agencyId))]).execute()).map((a) => [a.id, a.name]));
    for (const t of ties) {
      const workers = await assignedUsers(tx, t.personId, 'allocated-worker');
      await raiseNotice(tx, t.personId, {
        rule: 'limited-relationship', key: `${t.agencyId}|${t.personId}`, severity: 'low', source: 'Threadline access policy: writing does not open reading',
        explanation: `${names.get(t.agencyId) ?? t.agencyId} (${t.agencyId}) sent a record about this child, whom other agencies already knew and it did not: it has a limited view (its own records, that others hold records and whom to contact, the alerts routed to it) until the lead agency grants more or someone there uses break-glass.`,
        recipients: [...overseers, ...workers.map((w) => `user:${w.userId}`)],
      }, now);
    }
    return ties.length;
  }

  /**
   * A child's multi-agency chronology as this reader may see it: nothing without a relationship, and then
   * each entry in full, redacted or left out by the information-sharing policy for the reader's agency kind.
   * The audit names only the records shown.
   */
  async chronology(actor: Actor, personId: number): Promise<SharedChronology | null> {
    return this.tx(async (tx) => {
      const now = this.clock();
      // The relationship is a condition of the chronology's own query (no separate check).
      const raw = await personChronology(tx, personId, viewerOf(actor, now));
      const c = raw && applySharingPolicy(raw, await this.sharingViewer(tx, actor), this.sharing);
      await this.auditRead(tx, actor, now, {
        action: 'chronology.read',
        personIds: [personId],
        recordIds: c?.entries.map((e) => e.recordId) ?? [],
        detail: { found: c !== null, ...(raw && c ? { redacted: (c.entries as SharedEntry[]).filter((e) => e.redacted).length, withheld: raw.entries.length - c.entries.length } : {}) },
      });
      return c;
    });
  }

  /**
   * A child's multi-agency chronology for a practice review: names replaced by roles, identifiers removed
   * (chronology/redacted-export.ts). For the operator and safeguarding leads with a relationship to the child.
   */
  async reviewExport(actor: Actor, personId: number): Promise<ReviewExport | null> {
    if (actor.kind === 'agency-system' || (actor.kind === 'user' && !hasRole(actor, 'safeguarding-lead'))) {
      throw forbidden('a practice-review export is for safeguarding leads');
    }
    return this.tx(async (tx) => {
      const now = this.clock();
      const raw = await personChronology(tx, personId, viewerOf(actor, now));
      const c = raw && applySharingPolicy(raw, await this.sharingViewer(tx, actor), this.sharing);
      const out = c ? redactForReview(c, (await householdOf(tx, personId)) ?? undefined) : null;
      await this.auditRead(tx, actor, now, { action: 'chronology.review-export', personIds: [personId], recordIds: c?.entries.map((e) => e.recordId) ?? [], detail: { found: out !== null } });
      return out;
    });
  }

  /** Who the sharing policy reads as: the actor's agency and its kind (null for the operator, who sees all). */
  /** Whether the sharing policy shows a record in full to this viewer (a household is derived only from those). */
  private shownInFull(viewer: { agencyId: string; agencyKind: string } | null): (r: Pick<EvidenceRecord, 'agencyId' | 'agencyName' | 'agencyKind' | 'document'>) => boolean {
    return (r) => decide(policySubjectOf({ id: r.agencyId, name: r.agencyName, kind: r.agencyKind }, r.document), viewer, this.sharing).level === 'full';
  }

  private async sharingViewer(tx: Transaction<Database>, actor: Actor): Promise<{ agencyId: string; agencyKind: string } | null> {
    const agencyId = actorAgency(actor);
    if (agencyId === null) return null;
    // An agency's kind never changes (registerAgency refuses to), so it is read once per process.
    let agencyKind = this.agencyKinds.get(agencyId);
    if (agencyKind === undefined) {
      agencyKind = (await tx.selectFrom('agency').select('kind').where('id', '=', agencyId).executeTakeFirst())?.kind;
      if (agencyKind !== undefined) this.agencyKinds.set(agencyId, agencyKind);
    }
    return { agencyId, agencyKind: agencyKind ?? 'other' };
  }

  async people(actor: Actor, page = { limit: 1000, offset: 0 }): Promise<{ total: number; people: PersonSummary[] }> {
    return this.tx(async (tx) => {
      const people = await listPeople(tx, page, viewerOf(actor, this.clock()));
      const total = await countPeople(tx, viewerOf(actor, this.clock()));
      await this.auditRead(tx, actor, this.clock(), {
        action: 'people.list',
        personIds: people.map((p) => p.id),
        detail: page,
      });
      return { total, people };
    });
  }

  /**
   * Find people from one search box (a name, misspelt or not; a date of birth; an NHS number; a postcode or
   * address) among those the actor may see (identity/find-people.ts). The query text is personal data: the
   * audit keeps only what kinds of thing it held and the people shown.
   */
  async findPeople(actor: Actor, query: string): Promise<{ kinds: SearchKind[]; problems: string[]; people: FoundPerson[]; namedBeside: NamedBeside[] }> {
    const parsed = parseSearch(query);
    return this.tx(async (tx) => {
      const now = this.clock();
      const problems = searchProblems(parsed);
      const viewer = viewerOf(actor, now);
      const people = problems.length ? [] : await findPeople(tx, parsed, viewer);
      // Also the adults named beside those people in records this reader is shown in full (find-people.ts).
      const shown = this.shownInFull(await this.sharingViewer(tx, actor));
      const namedBeside = problems.length ? [] : await findNamedBeside(tx, parsed, viewer, shown);
      const besideIds = namedBeside.map((p) => p.personId);
      await this.auditRead(tx, actor, now, {
        action: 'people.search', personIds: [...people.map((p) => p.id), ...besideIds],
        detail: { kinds: parsed.kinds, results: people.map((p) => p.id), namedBeside: besideIds, namedIn: namedBeside.flatMap((p) => p.namedIn.map((n) => n.source)) },
      });
      return { kinds: parsed.kinds, problems, people, namedBeside };
    });
  }

  /** People by id with their usual name, date of birth and NHS number: only those the actor may see. */
  async personCards(actor: Actor, ids: number[]): Promise<PersonCard[]> {
    if (!ids.length) return [];
    return this.tx(async (tx) => {
      const now = this.clock();
      const cards = await personCards(tx, [...new Set(ids)].slice(0, 1000), viewerOf(actor, now));
      await this.auditRead(tx, actor, now, { action: 'people.cards', personIds: cards.map((c) => c.id), detail: { asked: ids.length, shown: cards.length } });
      return cards;
    });
  }

  /** The children allocated to a signed-in user (their current case assignments), with each child's name. */
  async myCases(actor: Actor): Promise<MyCase[]> {
    if (actor.kind !== 'user') return [];
    return this.tx(async (tx) => {
      const now = this.clock();
      const cases = await casesOf(tx, actor.userId);
      await this.auditRead(tx, actor, now, { action: 'cases.mine', personIds: [...new Set(cases.map((c) => c.personId))], detail: { shown: cases.length } });
      return cases;
    });
  }

  /**
   * Statutory deadlines coming up (within 10 working days) or missed lately, for the children allocated to
   * the user and their agency's children with a process (workflow/my-work.ts), soonest first.
   */
  async deadlinesDue(actor: Actor, withinWorkingDays?: number): Promise<DueDeadline[]> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const out = await dueDeadlines(tx, viewerOf(actor, now), actor.kind === 'user' ? actor.userId : undefined, now, withinWorkingDays);
      await this.auditRead(tx, actor, now, { action: 'deadlines.due', personIds: out.personIds, recordIds: out.recordIds, detail: { children: out.childrenLookedAt, shown: out.deadlines.length } });
      return out.deadlines;
    });
  }

  // ---- identity decisions: a practitioner confirms, rejects, splits, unmerges ----

  /**
   * Who decides who is who: a practitioner, manager or safeguarding lead signed in (as themselves), the
   * operator, or an agency's system on a named practitioner's behalf.
   */
  private decider(actor: Actor, by: string | undefined, reason: string | undefined): Decider {
    if (actor.kind === 'user' && !hasRole(actor, ...READING_ROLES)) throw forbidden('only practitioners, managers and safeguarding leads decide who is who');
    if (!reason?.trim()) throw invalid('/reason', 'say why: the reason is kept with the decision');
    const name = actor.kind === 'user' ? actor.username : by?.trim() || (actor.kind === 'operator' ? actor.name : '');
    if (!name) throw invalid('/by', 'name the practitioner who decided');
    return { by: `${name} (${actorLabel(actor)})`, reason: reason.trim(), at: this.clock() };
  }

  async reviews(actor: Actor, page = { limit: 100, offset: 0 }) {
    return this.tx(async (tx) => {
      const out = await openReviews(tx, page, viewerOf(actor, this.clock()));
      await this.auditRead(tx, actor, this.clock(), {
        action: 'reviews.list',
        personIds: out.reviews.flatMap((r) => [r.mention.personId, r.candidate.personId]).filter((x): x is number => x !== null),
        detail: page,
      });
      return out;
    });
  }

  async decideReview(actor: Actor, reviewId: number, decision: 'same' | 'different', opts: { by?: string; reason?: string }) {
    const d = this.decider(actor, opts.by, opts.reason);
    return this.tx(async (tx) => {
      const out = await decideReview(tx, reviewId, decision, d, viewerOf(actor, d.at));
      // A rejected pair may have kept a mention apart as ambiguous between the two: the linker plans again.
      const relinked = decision === 'different' ? await this.relinkAfter(tx, actor, out.personIds, `the rejection of review ${reviewId}`, d) : null;
      await refreshAlerts(tx, await peopleAffected(tx, {
        recordIds: [], personIds: [...out.personIds, ...(relinked?.personIds ?? [])],
        regrouped: [...(out.mergedInto === null ? [] : [out.mergedInto]), ...(relinked?.personIds ?? [])],
      }), d.at);
      await this.audit(tx, actor, d.at, { action: `review.${decision === 'same' ? 'confirm' : 'reject'}`, personIds: out.personIds, detail: { review: reviewId, by: d.by, mergedInto: out.mergedInto } });
      return relinked ? { ...out, relinked: relinked.joins } : out;
    });
  }

  async splitPerson(actor: Actor, personId: number, mentions: (string | number)[], opts: { by?: string; reason?: string }) {
    const d = this.decider(actor, opts.by, opts.reason);
    return this.tx(async (tx) => {
      if (!(await canSee(tx, viewerOf(actor, this.clock()), personId))) throw notFound(`no person ${personId}`);
      const out = await splitPerson(tx, personId, mentions, d);
      const relinked = await this.relinkAfter(tx, actor, [personId, out.newPersonId], `the split of person ${personId}`, d);
      const changed = [personId, out.newPersonId, ...relinked.personIds];
      await refreshAlerts(tx, await peopleAffected(tx, { recordIds: [], personIds: changed, regrouped: changed }), d.at);
      await this.audit(tx, actor, d.at, { action: 'person.split', personIds: [personId, out.newPersonId], detail: { by: d.by, moved: out.moved } });
      return { ...out, relinked: relinked.joins };
    });
  }

  async unmergePerson(actor: Actor, personId: number, formerPersonId: number, opts: { by?: string; reason?: string }) {
    const d = this.decider(actor, opts.by, opts.reason);
    return this.tx(async (tx) => {
      if (!(await canSee(tx, viewerOf(actor, this.clock()), personId))) throw notFound(`no person ${personId}`);
      const out = await unmergePerson(tx, personId, formerPersonId, d);
      const relinked = await this.relinkAfter(tx, actor, [personId, formerPersonId], `the unmerge of person ${formerPersonId} from person ${personId}`, d);
      const changed = [personId, formerPersonId, ...relinked.personIds];
      await refreshAlerts(tx, await peopleAffected(tx, { recordIds: [], personIds: changed, regrouped: changed }), d.at);
      await this.audit(tx, actor, d.at, { action: 'person.unmerge', personIds: [personId, formerPersonId], detail: { by: d.by, moved: out.moved } });
      return { ...out, relinked: relinked.joins };
    });
  }

  /**
   * After a practitioner takes people apart, the linker plans again for them and their neighbours
   * (identity/relink.ts), in the decision's transaction; what moved is audited as its own action, naming
   * the decision, who took it and why, and every mention that moved.
   */
  private async relinkAfter(tx: Transaction<Database>, actor: Actor, personIds: number[], what: string, d: Decider) {
    const out = await relinkPeople(tx, personIds, { what, by: d.by, reason: d.reason, at: d.at }, this.linker.settings ?? {});
    if (out.joins.length || !out.complete) {
      await this.audit(tx, actor, d.at, {
        action: 'identity.relink',
        personIds: out.personIds,
        detail: { after: what, by: d.by, reason: d.reason, complete: out.complete, joins: out.joins },
      });
    }
    return out;
  }

  /** Every link, merge and split that ever involved this person's mentions. */
  async linkHistory(actor: Actor, personId: number) {
    return this.tx(async (tx) => {
      const history = (await canSee(tx, viewerOf(actor, this.clock()), personId)) ? await linkHistory(tx, personId) : null;
      await this.auditRead(tx, actor, this.clock(), { action: 'person.history', personIds: [personId], detail: { found: history !== null } });
      return history;
    });
  }

  /** Train the linkage model on the stored mentions; it links from the next ingest on. Operator only. */
  async trainLinkModel(actor: Actor, opts: { minimumMentions?: number } = {}) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can retrain the linkage model');
    return this.tx(async (tx) => {
      const now = this.clock();
      const out = await trainOnStoredMentions(tx, actorLabel(actor), now, opts.minimumMentions);
      await this.audit(tx, actor, now, { action: 'link-model.train', detail: out });
      return out;
    });
  }

  // ---- alerts ----

  /**
   * Alerts an actor may see: those routed to them (alertRecipientsOf); the operator all. A read changes no
   * alert: escalation is the scheduled job's (escalateAlerts), so reading is never a global write.
   */
  async alerts(actor: Actor, filter: Omit<AlertFilter, 'recipients'>) {
    return this.tx(async (tx) => {
      const now = this.clock();
      const recipients = alertRecipientsOf(actor);
      const out = await listAlerts(tx, { ...filter, ...(recipients ? { recipients } : {}) });
      await this.auditRead(tx, actor, now, { action: 'alerts.list', personIds: [...new Set(out.alerts.map((a) => a.personId))], detail: { ...filter, shown: out.alerts.length } });
      return out;
    });
  }

  async stepAlert(actor: Actor, alertId: number, step: AlertStep, opts: { by?: string; reason?: string }) {
    const by = actor.kind === 'user' ? actor.username : opts.by?.trim() || (actor.kind === 'operator' ? actor.name : '');
    if (!by) throw invalid('/by', 'name the practitioner acting on the alert');
    return this.tx(async (tx) => {
      const now = this.clock();
      const recipients = alertRecipientsOf(actor);
      if (recipients) {
        const visible = await listAlerts(tx, { recipients, limit: 1, offset: 0, ids: [alertId] });
        if (!visible.alerts.length) throw forbidden(`alert ${alertId} is not routed to you`);
      }
      const out = await stepAlert(tx, alertId, step, `${by} (${actorLabel(actor)})`, opts.reason, now);
      await this.audit(tx, actor, now, { action: `alert.${step}`, personIds: [out.personId], detail: { alert: alertId, by, reason: opts.reason ?? null } });
      return out;
    });
  }

  /**
   * Look again, as of now, at every child with a statutory process, so that a deadline that passed with
   * nothing recorded is raised (the server does this every hour, src/cli/alert-schedule.ts; `threadline alerts refresh`). Operator only.
   */
  async refreshProcessAlerts(actor: Actor): Promise<{ children: number; fired: number; withdrawn: number; actionsOverdue: number }> {
    if (actor.kind !== 'operator') throw forbidden('only an operator can refresh alerts');
    return this.tx(async (tx) => {
      const now = this.clock();
      const ids = await childrenWithProcess(tx);
      const out = await refreshAlerts(tx, ids, now);
      // Actions agreed at meetings and not done by their due date: told to the owner agency and the allocated worker.
      let actionsOverdue = 0;
      for (const a of await overdueActions(tx, londonDate(now))) {
        const workers = await assignedUsers(tx, a.personId, 'allocated-worker');
        const raised = await raiseNotice(tx, a.personId, {
          rule: 'action-overdue', key: String(a.id), severity: 'medium', source: 'HM Government, Working Together to Safeguard Children (2023): the core group carries out the plan\'s actions',
          explanation: `An action agreed for this child is overdue: "${a.action}", owned by ${a.owner}, due ${a.due}.`,
          recipients: [`agency:${a.owner}`, ...workers.map((w) => `user:${w.userId}`)],
        }, now);
        if (raised !== null) actionsOverdue++;
      }
      await this.audit(tx, actor, now, { action: 'alerts.refresh', detail: { children: ids.length, ...out, actionsOverdue } });
      return { children: ids.length, ...out, actionsOverdue };
    });
  }

  /**
   * Escalate every alert past its deadline. Only the server's schedule (every few minutes) and
   * `threadline alerts escalate` call this: reads never escalate. Operator only.
   */
  async escalateAlerts(actor: Actor) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can run escalation');
    return this.tx(async (tx) => {
      const now = this.clock();
      const escalated = await escalateOverdue(tx, now);
      await this.audit(tx, actor, now, { action: 'alerts.escalate', detail: { escalated } });
      return { escalated };
    });
  }

  /**
   * Who has read or changed anything about this person, from the audit trail:
   * for the privacy officer, the child's allocated worker and the operator.
   * Looking is itself audited.
   */
  async whoHasLooked(actor: Actor, personId: number) {
    return this.tx(async (tx) => {
      const allowed = actor.kind === 'operator' || hasRole(actor, 'privacy-officer')
        || (actor.kind === 'user' && (await assignedUsers(tx, personId, 'allocated-worker')).some((w) => w.userId === actor.userId));
      if (!allowed) throw forbidden('who has looked at a child is for the privacy officer and the child\'s allocated worker');
      const looks = await whoHasLooked(tx, personId);
      await this.auditRead(tx, actor, this.clock(), { action: 'audit.who-has-looked', personIds: [personId], detail: { shown: looks.length } });
      return looks;
    });
  }

  /**
   * A subject-access export (UK GDPR Article 15) about one person: every current record naming them, what
   * Threadline has worked out about them (their links and household), and everyone who has read or changed
   * anything about them. For the privacy officer and the operator; exporting is itself audited. Third
   * parties' information is for the privacy officer to review before release (the export says so).
   */
  async subjectAccessExport(actor: Actor, personId: number) {
    if (!(actor.kind === 'operator' || hasRole(actor, 'privacy-officer'))) throw forbidden('a subject-access export is for the privacy officer');
    return this.tx(async (tx) => {
      const now = this.clock();
      const chronology = await personChronology(tx, personId, EVERYONE);
      if (!chronology) throw notFound(`no person ${personId}`);
      const out = {
        note: 'Subject-access export. Before release, the privacy officer reviews it for information about other people and for exemptions (Data Protection Act 2018, Schedule 2 and 3).',
        exportedAt: now.toISOString(),
        person: chronology.person,
        records: chronology.entries,
        household: await householdOf(tx, personId),
        links: await linkHistory(tx, personId),
        whoHasLooked: await whoHasLooked(tx, personId),
      };
      await this.auditRead(tx, actor, now, { action: 'subject-access.export', personIds: [personId], recordIds: chronology.entries.map((e) => e.recordId) });
      return out;
    });
  }

  // ---- retention: records about children with no safeguarding signal are kept only for a period ----

  /** What a retention run would remove now, and why (nothing is changed; the look is audited). */
  async planRetention(actor: Actor, opts: RetentionOptions = {}): Promise<RetentionPlan> {
    this.mayRunRetention(actor);
    return this.tx(async (tx) => {
      const now = this.clock();
      const plan = await planRetention(tx, now, opts);
      await this.auditRead(tx, actor, now, { action: 'retention.plan', detail: { records: plan.records.length, children: plan.children.length } });
      return plan;
    });
  }

  /** Remove what the retention policy says is due (access/retention.ts); one audit row names what went. */
  async runRetention(actor: Actor, opts: RetentionOptions = {}): Promise<RetentionResult> {
    this.mayRunRetention(actor);
    return this.tx((tx) => runRetention(tx, this.clock(), actor, opts, this.db.auditKey));
  }

  private mayRunRetention(actor: Actor): void {
    if (!(actor.kind === 'operator' || hasRole(actor, 'privacy-officer'))) throw forbidden('only the operator or a privacy officer runs retention');
  }

  /** Whether any record is stored (to decide whether to load the demo); reads one row, not the table. */
  async hasRecords(actor: Actor): Promise<boolean> {
    return this.tx(async (tx) => {
      const any = await tx.selectFrom('record').select('id').limit(1).executeTakeFirst();
      await this.auditRead(tx, actor, this.clock(), { action: 'records.any' });
      return any !== undefined;
    });
  }

  /** Register an agency (idempotent for the same details). Operator only. */
  async registerAgency(actor: Actor, agency: ScenarioAgency): Promise<'registered' | 'exists'> {
    if (actor.kind !== 'operator') throw forbidden('only an operator can register agencies');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(agency.id) || agency.id.length > 64) throw invalid('/id', 'agency id must be lower-case letters, digits and hyphens');
    if (!(AGENCY_KINDS as readonly string[]).includes(agency.kind)) throw invalid('/kind', `agency kind must be one of: ${AGENCY_KINDS.join(', ')}`);
    return this.tx(async (tx) => {
      const now = this.clock();
      const existing = await tx.selectFrom('agency').selectAll().where('id', '=', agency.id).executeTakeFirst();
      if (existing) {
        if (existing.kind !== agency.kind || existing.name !== agency.name) {
          throw invalid('/id', `agency '${agency.id}' is already registered as ${existing.kind} '${existing.name}'`);
        }
        return 'exists';
      }
      await tx.insertInto('agency').values({ id: agency.id, kind: agency.kind, name: agency.name, created_at: now }).execute();
      await this.audit(tx, actor, now, { action: 'agency.register', detail: { agency: agency.id, kind: agency.kind } });
      return 'registered';
    });
  }

  /**
   * A new API key for an agency's system; the token is shown once and never stored. With `username`, the key
   * is bound to that user of the agency: what it sends is theirs (a sign-off then knows who sent a decision),
   * and it stops working when their account is disabled.
   */
  async createApiKey(actor: Actor, agencyId: string, label?: string, username?: string): Promise<{ keyId: string; token: string }> {
    if (actor.kind !== 'operator') throw forbidden('only an operator can create API keys');
    return this.tx(async (tx) => {
      const now = this.clock();
      const agency = await tx.selectFrom('agency').select('id').where('id', '=', agencyId).executeTakeFirst();
      if (!agency) throw invalid('/agency', `agency '${agencyId}' is not registered`);
      const user = username === undefined ? null : await userByName(tx, username);
      if (user && user.agency_id !== agencyId) throw invalid('/user', `${username} is an account of ${user.agency_id}, not ${agencyId}`);
      const key = newApiKey();
      await tx.insertInto('api_key')
        .values({ agency_id: agencyId, key_id: key.keyId, secret_hash: key.secretHash, label: label ?? null, created_at: now, user_id: user?.id ?? null })
        .execute();
      await this.audit(tx, actor, now, { action: 'api-key.create', detail: { agency: agencyId, keyId: key.keyId, ...(user ? { userId: user.id } : {}) } });
      return { keyId: key.keyId, token: key.token };
    });
  }

  /** The agency system behind a bearer token, or null. A refusal is audited (without the token). */
  async authenticateApiKey(token: string | undefined): Promise<Actor | null> {
    const parsed = token ? parseApiKey(token) : null;
    return this.tx(async (tx) => {
      const row = parsed
        ? await tx.selectFrom('api_key').leftJoin('app_user as u', 'u.id', 'api_key.user_id')
          .select(['api_key.agency_id', 'api_key.key_id', 'api_key.secret_hash', 'api_key.revoked_at', 'api_key.user_id', 'u.disabled_at'])
          .where('key_id', '=', parsed.keyId).executeTakeFirst()
        : undefined;
      const userDisabled = row?.user_id != null && row.disabled_at != null;
      if (parsed && row && row.revoked_at === null && !userDisabled && secretMatches(parsed.secret, row.secret_hash)) {
        return { kind: 'agency-system', agencyId: row.agency_id, keyId: row.key_id, userId: row.user_id ?? null };
      }
      await this.audit(tx, { kind: 'operator', name: 'authentication' }, this.clock(), {
        action: 'api-key.refused',
        detail: { reason: !token ? 'missing' : !parsed ? 'malformed' : !row ? 'unknown-key' : row.revoked_at ? 'revoked' : userDisabled ? 'user-disabled' : 'wrong-secret',
          ...(parsed ? { keyId: parsed.keyId } : {}) },
      });
      return null;
    });
  }

  /** Check the audit chain, its seals and checkpoints, and the checkpoints against the anchor outside the database. */
  async verifyAudit(actor: Actor) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can verify the audit trail');
    const anchor = this.auditAnchor ? readAnchor(this.auditAnchor, this.db.auditKey) : null;
    return this.tx((tx) => verifyAuditChain(tx, this.db.auditKey, anchor));
  }

  /**
   * Sign the newest audit row (the server does this every THREADLINE_AUDIT_CHECKPOINT_SECONDS and when it
   * stops), then, once that has committed, append it to the anchor file if there is one (audit-anchor.ts).
   */
  async checkpointAudit(actor: Actor): Promise<{ signed: number | null; anchored: boolean }> {
    if (actor.kind !== 'operator') throw forbidden('only an operator can sign audit checkpoints');
    const key = this.db.auditKey;
    if (!key) return { signed: null, anchored: false };
    const c = await this.tx((tx) => checkpointAudit(tx, key, this.clock()));
    if (c && this.auditAnchor) anchorCheckpoint(this.auditAnchor, key, c);
    return { signed: c?.auditId ?? null, anchored: c !== null && this.auditAnchor !== null };
  }

  // ---- people who use Threadline: accounts, sign-in, sessions, the professional network, break-glass ----

  /** An account for someone at an agency. The operator, or an administrator for their own agency. */
  async createUser(actor: Actor, u: NewUser): Promise<{ userId: number }> {
    this.mayAdminister(actor, u.agencyId);
    return this.tx(async (tx) => {
      const now = this.clock();
      const userId = await createUser(tx, u, now);
      await this.audit(tx, actor, now, { action: 'user.create', detail: { userId, username: u.username, agency: u.agencyId, roles: u.roles } });
      return { userId };
    });
  }

  /** A new second factor for an account; the secret is shown once, to be added to the person's authenticator app. */
  async enrolTotp(actor: Actor, username: string): Promise<{ secret: string; uri: string }> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const u = await userByName(tx, username);
      this.mayAdminister(actor, u.agency_id);
      const out = await enrolTotp(tx, u.id);
      await this.audit(tx, actor, now, { action: 'user.totp-enrol', detail: { userId: u.id } });
      return out;
    });
  }

  /** The code an account's authenticator shows now. Operator only: for demo accounts on the operator's own machine. */
  async currentSecurityCode(actor: Actor, username: string): Promise<string> {
    if (actor.kind !== 'operator') throw forbidden('only the operator can read a security code');
    return this.tx(async (tx) => {
      const now = this.clock();
      const u = await userByName(tx, username);
      if (!u.totp_secret) throw invalid('/username', `${username} has no second factor enrolled`);
      await this.audit(tx, actor, now, { action: 'user.security-code-read', detail: { userId: u.id } });
      return totpNow(u.totp_secret, now);
    });
  }

  private mayAdminister(actor: Actor, agencyId: string): void {
    if (actor.kind === 'operator') return;
    if (actor.kind === 'user' && hasRole(actor, 'administrator') && actor.agencyId === agencyId) return;
    throw forbidden('only the operator, or an administrator of the same agency, manages accounts');
  }

  /**
   * Sign in with password and security code. Any failure gets one answer; every attempt is audited
   * (never with the password or code). Success starts a new session: the old token, if any, is not reused.
   */
  async signIn(creds: Credentials): Promise<{ token: string; csrfToken: string; actor: Session['actor'] }> {
    const now = this.clock();
    const outcome = await this.tx(async (tx) => {
      const verdict = await checkCredentials(tx, creds, now);
      if (!verdict.ok) {
        await this.audit(tx, { kind: 'operator', name: 'authentication' }, now, {
          action: 'sign-in.refused',
          detail: { reason: verdict.why, address: creds.address, ...(verdict.userId ? { userId: verdict.userId } : {}), ...(verdict.lockedUntil ? { lockedUntil: verdict.lockedUntil.toISOString() } : {}) },
        });
        return verdict;
      }
      const session = await startSession(tx, verdict.userId, now);
      const resumed = await resumeSession(tx, session.token, now);
      if ('refused' in resumed) throw new Error('a new session could not be resumed');
      await this.audit(tx, resumed.actor, now, { action: 'sign-in', detail: { userId: verdict.userId } });
      return { token: session.token, csrfToken: session.csrfToken, actor: resumed.actor };
    });
    if ('ok' in outcome) {
      // The audit row of the refusal is committed; only then is the caller told.
      throw unauthorised(SIGN_IN_REFUSED);
    }
    return outcome;
  }

  /**
   * Sign in someone the OpenID Connect issuer has vouched for (oidc.ts checked the tokens). Only an existing,
   * enabled account with this subject signs in; a stranger at the issuer is refused.
   */
  async signInOidc(subject: string): Promise<{ token: string; csrfToken: string; actor: Session['actor'] }> {
    const now = this.clock();
    const out = await this.tx(async (tx) => {
      const u = await tx.selectFrom('app_user').select(['id', 'disabled_at']).where('oidc_subject', '=', subject).executeTakeFirst();
      // No lockout here: the issuer has vouched for the person, and a pause for wrong passwords is no reason to refuse them.
      const why = !u ? 'no-such-account' : u.disabled_at ? 'disabled' : null;
      if (why || !u) {
        await this.audit(tx, { kind: 'operator', name: 'authentication' }, now, { action: 'sign-in.refused', detail: { reason: why, method: 'oidc', ...(u ? { userId: u.id } : {}) } });
        return null;
      }
      const session = await startSession(tx, u.id, now);
      const resumed = await resumeSession(tx, session.token, now);
      if ('refused' in resumed) throw new Error('a new session could not be resumed');
      await this.audit(tx, resumed.actor, now, { action: 'sign-in', detail: { userId: u.id, method: 'oidc' } });
      return { token: session.token, csrfToken: session.csrfToken, actor: resumed.actor };
    });
    if (!out) throw unauthorised('your organisation signed you in, but you have no Threadline account: ask your administrator');
    return out;
  }

  /** The session behind a cookie's token, or null (an expired session is ended, and that is audited). */
  async session(token: string | undefined): Promise<Session | null> {
    if (!token) return null;
    return this.tx(async (tx) => {
      const now = this.clock();
      const s = await resumeSession(tx, token, now);
      if ('refused' in s) {
        await this.audit(tx, { kind: 'operator', name: 'authentication' }, now, { action: 'session.refused', detail: { reason: s.refused } });
        return null;
      }
      return s;
    });
  }

  async signOut(actor: Actor): Promise<void> {
    if (actor.kind !== 'user') return;
    await this.tx(async (tx) => {
      const now = this.clock();
      await endSession(tx, actor.sessionId, now, 'signed-out');
      await this.audit(tx, actor, now, { action: 'sign-out' });
    });
  }

  /** Prove who you are again before a sensitive action (password and code, with the same lockout as sign-in). */
  async reauthenticate(actor: Actor, creds: Omit<Credentials, 'username'>): Promise<void> {
    if (actor.kind !== 'user') throw forbidden('only a signed-in user re-authenticates');
    const now = this.clock();
    const ok = await this.tx(async (tx) => {
      const verdict = await checkCredentials(tx, { username: actor.username, ...creds }, now);
      if (verdict.ok) await markReauthenticated(tx, actor.sessionId, now);
      await this.audit(tx, actor, now, { action: verdict.ok ? 'reauthenticate' : 'reauthenticate.refused', detail: verdict.ok ? {} : { reason: verdict.why } });
      return verdict.ok;
    });
    if (!ok) throw unauthorised(`the password or security code is not right ${PAUSE_NOTE}`);
  }

  /**
   * A signed-in person changes their own password (change-password.ts). A wrong current password or code
   * counts towards the lockout, and is audited before the refusal is told; the passwords never are.
   */
  async changePassword(actor: Actor, change: PasswordChange, address: string): Promise<{ endedSessions: number }> {
    if (actor.kind !== 'user') throw forbidden('only a signed-in person changes their password');
    const now = this.clock();
    const outcome = await this.tx(async (tx) => {
      const out = await changePassword(tx, actor, change, address, now);
      await this.audit(tx, actor, now, out.ok
        ? { action: 'password.change', detail: { endedSessions: out.endedSessions } }
        : { action: 'password.change.refused', detail: { reason: out.why } });
      return out;
    });
    if (!outcome.ok) throw unauthorised(`the current password or security code is not right ${PAUSE_NOTE}`);
    return { endedSessions: outcome.endedSessions };
  }

  /** Put a user in a child's professional network. The operator, or a manager or safeguarding lead who can see the child. */
  async assignCase(actor: Actor, personId: number, username: string, role: AssignmentRole): Promise<{ assignmentId: number }> {
    if (actor.kind === 'agency-system' || (actor.kind === 'user' && !hasRole(actor, 'manager', 'safeguarding-lead'))) {
      throw forbidden('only a manager or safeguarding lead assigns a child\'s professional network');
    }
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await canSee(tx, viewerOf(actor, now), personId))) throw notFound(`no person ${personId}`);
      const u = await userByName(tx, username);
      const assignmentId = await assignCase(tx, { personId, userId: u.id, role, by: actorLabel(actor) }, now);
      if (role === 'allocated-worker') {
        await notify(tx, { personId, kind: 'allocated-worker', about: `the allocated social worker is now ${u.display_name} (${u.agency_id})`,
          recipients: (await networkAgencies(tx, personId)).filter((a) => a !== u.agency_id) }, now);
      }
      await this.audit(tx, actor, now, { action: 'case.assign', personIds: [personId], detail: { userId: u.id, role } });
      return { assignmentId };
    });
  }

  /** Refuses (403) whoever may not break glass: anyone but a signed-in user, and any privacy officer. */
  mayBreakGlass(actor: Actor): void {
    if (actor.kind !== 'user') throw forbidden('break-glass is for signed-in users');
    // The privacy officer oversees access and reads no child's record; breaking glass would make them the overseer of their own reading.
    if (hasRole(actor, 'privacy-officer')) throw forbidden('a privacy officer oversees break-glass and cannot use it: the role reads no child\'s record');
  }

  /**
   * Break-glass: a user with no relationship to a child gains time-limited access by stating why. They must
   * have proved who they are in the last few minutes. The privacy officer and the allocated worker are told
   * at once (an alert), and the access shows in the child's "who has looked" view.
   */
  async breakGlass(actor: Actor, personId: number, reason: string): Promise<{ grantId: number; expiresAt: Date }> {
    this.mayBreakGlass(actor);
    if (actor.kind !== 'user') throw forbidden('break-glass is for signed-in users');
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await recentlyAuthenticated(tx, actor.sessionId, now))) throw reauthenticationNeeded();
      const grant = await grantBreakGlass(tx, actor.userId, personId, reason, now);
      const workers = await assignedUsers(tx, personId, 'allocated-worker');
      await raiseNotice(tx, personId, {
        rule: 'break-glass', key: String(grant.grantId), severity: 'medium', source: 'Threadline access policy: break-glass (issue 5)',
        explanation: `${actor.username} (${actor.agencyId}) used break-glass to see this child's record until ${grant.expiresAt.toISOString()}: "${reason.trim()}".`,
        // A privacy officer other than the person who broke the glass (limited-view.ts, accessOverseers).
        recipients: [...(await accessOverseers(tx, actor)), ...workers.filter((w) => w.userId !== actor.userId).map((w) => `user:${w.userId}`)],
      }, now);
      await this.audit(tx, actor, now, { action: 'break-glass', personIds: [personId], detail: { grantId: grant.grantId, expiresAt: grant.expiresAt.toISOString(), reason: reason.trim() } });
      return grant;
    });
  }

  /**
   * What an agency with a limited relationship with a child sees (limited-view.ts): its own records, the fact
   * that others hold records and whom to contact, and the alerts routed to the reader. Null unless the
   * reader's relationship is limited (a full one reads the chronology and the child's page; none, nothing).
   * The audit names only the agency's own records.
   */
  async limitedView(actor: Actor, personId: number): Promise<(LimitedView & { alerts: AlertView[] }) | null> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const level = await relationshipLevel(tx, viewerOf(actor, now), personId);
      const sharing = await this.sharingViewer(tx, actor);
      const view = level === 'limited' && sharing ? await limitedViewOf(tx, personId, sharing, this.sharing) : null;
      const recipients = alertRecipientsOf(actor);
      const routed = view && recipients ? (await listAlerts(tx, { personId, limit: 500, offset: 0, recipients })).alerts : [];
      const agencyIds = routed.length ? (await tx.selectFrom('agency').select('id').execute()).map((a) => a.id) : [];
      const alerts = view && sharing ? alertsForLimitedView(routed, sharing.agencyId, agencyIds, view.contact) : [];
      await this.auditRead(tx, actor, now, { action: 'child.limited-view', personIds: [personId], recordIds: view?.ownRecords.map((e) => e.recordId) ?? [],
        detail: { found: view !== null, othersHold: view?.othersHold.reduce((n, h) => n + h.records, 0) ?? 0, alerts: alerts.length } });
      return view && { ...view, alerts };
    });
  }

  /**
   * The agencies that hold records about a child but see only a limited view, for the lead agency to decide
   * on (a reader with a full relationship only).
   */
  async limitedAgencies(actor: Actor, personId: number): Promise<{ id: string; name: string; kind: string }[] | null> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const out = (await canSee(tx, viewerOf(actor, now), personId)) ? await this.limitedAgenciesOf(tx, personId, now) : null;
      await this.auditRead(tx, actor, now, { action: 'relationship.list-limited', personIds: [personId], detail: { found: out !== null, agencies: out?.map((a) => a.id) ?? [] } });
      return out;
    });
  }

  private async limitedAgenciesOf(tx: Transaction<Database>, personId: number, now: Date): Promise<{ id: string; name: string; kind: string }[]> {
    const holders = await tx.selectFrom('person_mention as pm').innerJoin('mention as m', 'm.id', 'pm.mention_id').innerJoin('record as r', 'r.id', 'm.record_id')
      .innerJoin('agency as a', 'a.id', 'r.agency_id').select(['a.id', 'a.name', 'a.kind']).distinct().where('pm.person_id', '=', personId).orderBy('a.id').execute();
    const out = [];
    for (const a of holders) {
      if ((await relationshipLevel(tx, viewerOf({ kind: 'agency-system', agencyId: a.id, keyId: 'relationship-check' }, now), personId)) === 'limited') out.push(a);
    }
    return out;
  }

  /**
   * A practitioner of the child's lead agency (the allocated worker's agency, else children's social care) gives
   * an agency that has a limited relationship the full picture, saying why. Recorded (append-only), audited, and
   * told to the agency.
   */
  async grantRelationship(actor: Actor, personId: number, agencyId: string, reason: string): Promise<{ grantId: number }> {
    if (actor.kind !== 'user' || !hasRole(actor, ...READING_ROLES)) throw forbidden('the full picture is granted by a practitioner, manager or safeguarding lead of the lead agency, signed in');
    if (typeof reason !== 'string' || reason.trim().length < 10) throw invalid('/reason', 'say why this agency needs the full picture (at least 10 characters): the reason is kept with the grant');
    if (typeof agencyId !== 'string' || !agencyId) throw invalid('/agency', 'name the agency to be given the full picture');
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await canSee(tx, viewerOf(actor, now), personId))) throw notFound(`no person ${personId}`);
      const leads = await leadAgenciesOf(tx, personId);
      if (!leads.includes(actor.agencyId)) throw forbidden(`the full picture is granted by the lead agency of this child's case (${leads.join(', ') || 'none registered'}), not ${actor.agencyId}`);
      if (!(await this.limitedAgenciesOf(tx, personId, now)).some((a) => a.id === agencyId)) {
        throw invalid('/agency', `${agencyId} has no limited relationship with this child to widen: it already sees the full picture, or holds no record about them (to bring an agency in, put its practitioner in the professional network)`);
      }
      const row = await tx.insertInto('agency_grant').values({ agency_id: agencyId, person_id: personId, granted_by_user_id: actor.userId, reason: reason.trim(), at: now })
        .returning('id').executeTakeFirstOrThrow();
      await notify(tx, { personId, kind: 'relationship', about: `${actor.agencyId} gave your agency the full picture of this child: "${reason.trim()}"`, recipients: [agencyId] }, now);
      await appendAudit(tx, actor, now, { action: 'relationship.grant', personIds: [personId], detail: { grantId: row.id, agency: agencyId, reason: reason.trim() } });
      return { grantId: row.id };
    });
  }

  /**
   * A child's statutory process as of now (statutory/process.ts): the plan, every deadline with its date and
   * whether it was met, and the decisions ending protection with their sign-offs.
   */
  async process(actor: Actor, personId: number): Promise<ChildProcessView | null> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const records = await childEvidence(tx, personId, viewerOf(actor, now));
      const out = records ? await processView(tx, personId, records, now) : null;
      await this.auditRead(tx, actor, now, { action: 'process.read', personIds: [personId], recordIds: records?.map((r) => r.recordId) ?? [], detail: { found: out !== null } });
      return out;
    });
  }

  /**
   * A manager's sign-off of a decision that ends or steps down protection (a return home, a plan ending, no
   * further action, no proceedings): a second person, never the decision's author, who can see the child.
   */
  async signOff(actor: Actor, personId: number, source: string, note: string): Promise<{ entryId: number }> {
    if (actor.kind !== 'user' || !hasRole(actor, 'manager')) throw forbidden('a decision is signed off by a manager, signed in as themselves');
    if (!note.trim()) throw invalid('/note', 'say what you agreed and why');
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await canSee(tx, viewerOf(actor, now), personId))) throw notFound(`no person ${personId}`);
      const view = await processView(tx, personId, (await childEvidence(tx, personId)) ?? [], now);
      const decision = view.decisions.find((d) => d.source === source);
      if (!decision) throw invalid('/source', `${source} is not a decision ending protection for this child`);
      if (decision.signedOff) throw invalid('/source', `${source} was signed off by ${decision.signedOff.by} on ${londonDate(new Date(decision.signedOff.at))}`);
      const [agencyId, ref] = [source.slice(0, source.indexOf('/')), source.slice(source.indexOf('/') + 1)];
      const record = await tx.selectFrom('record').select(['id', 'document']).where('agency_id', '=', agencyId).where('ref', '=', ref).orderBy('version', 'desc').executeTakeFirstOrThrow();
      const me = await tx.selectFrom('app_user').select(['display_name', 'username']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
      const submitters = await submittersOf(tx, agencyId, ref);
      const refusal = signOffRefusal({ userId: actor.userId, agencyId: actor.agencyId, names: [me.display_name, me.username] },
        { agencyId, authorName: (record.document as { author?: { name?: string } }).author?.name, submitters });
      if (refusal) throw forbidden(refusal);
      const row = await tx.insertInto('case_entry').values({ person_id: personId, kind: 'sign-off', record_id: record.id, by_user_id: actor.userId, at: now, note: note.trim() })
        .returning('id').executeTakeFirstOrThrow();
      // A sign-off stops the clocks it meets: the child's alerts follow now, not at the next hourly refresh.
      await refreshAlerts(tx, [personId], now);
      await this.audit(tx, actor, now, { action: 'decision.sign-off', personIds: [personId], recordIds: [record.id],
        detail: { entry: row.id, sentBy: [...new Set(submitters.map((s) => s.label ?? 'unknown'))] } });
      return { entryId: row.id };
    });
  }

  /** Case supervision of a child's case, by a manager or safeguarding lead who can see the child. */
  async recordSupervision(actor: Actor, personId: number, note: string): Promise<{ entryId: number }> {
    if (actor.kind !== 'user' || !hasRole(actor, 'manager', 'safeguarding-lead')) throw forbidden('supervision is recorded by a manager or safeguarding lead');
    if (!note.trim()) throw invalid('/note', 'record what was discussed and decided');
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await canSee(tx, viewerOf(actor, now), personId))) throw notFound(`no person ${personId}`);
      const row = await tx.insertInto('case_entry').values({ person_id: personId, kind: 'supervision', record_id: null, by_user_id: actor.userId, at: now, note: note.trim() })
        .returning('id').executeTakeFirstOrThrow();
      await this.audit(tx, actor, now, { action: 'case.supervision', personIds: [personId], detail: { entry: row.id } });
      return { entryId: row.id };
    });
  }

  /**
   * The Children in Need census for the year ending 31 March `year` (workflow/cin-census.ts), with the
   * problems the local DfE rules find. For the operator and managers; the export is audited.
   */
  async cinCensus(actor: Actor, year: number, opts: { lea?: string } = {}) {
    if (actor.kind === 'agency-system' || (actor.kind === 'user' && !hasRole(actor, 'manager'))) throw forbidden('the CIN census is for the operator and managers');
    return this.tx(async (tx) => {
      const now = this.clock();
      const r = await cinCensus(tx, year, { ...opts, now });
      await this.auditRead(tx, actor, now, { action: 'cin-census.export', personIds: r.census.map((c) => Number(c.laChildId)), detail: { year, children: r.children, problems: r.problems.length } });
      return r;
    });
  }

  /**
   * The actions a conference or core group agreed, each with an owner agency and a due date, recorded by
   * someone at the meeting's agency or the child's allocated worker. Each owner agency is told.
   */
  async addMeetingActions(actor: Actor, personId: number, meeting: string, actions: { owner: string; action: string; due: string }[]): Promise<{ actionIds: number[] }> {
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await canSee(tx, viewerOf(actor, now), personId))) throw notFound(`no person ${personId}`);
      const m = await meetingRecord(tx, personId, meeting);
      if (actor.kind !== 'operator' && actor.agencyId !== meeting.slice(0, meeting.indexOf('/'))) throw forbidden(`the actions of ${meeting} are recorded by its own agency`);
      const actionIds = await addActions(tx, { personId, recordId: m.id, by: actorLabel(actor), actions }, now);
      for (const owner of new Set(actions.map((a) => a.owner))) {
        await notify(tx, { personId, kind: 'meeting-decisions', about: `actions for you from ${meeting}: ${actions.filter((a) => a.owner === owner).map((a) => `${a.action} (due ${a.due})`).join('; ')}`, recordId: m.id, recipients: [owner] }, now);
      }
      await this.audit(tx, actor, now, { action: 'meeting.actions', personIds: [personId], recordIds: [m.id], detail: { actions: actionIds } });
      return { actionIds };
    });
  }

  /** An agency reports an action done (its own actions only). */
  async completeAction(actor: Actor, actionId: number, note: string): Promise<{ personId: number }> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const out = await completeAction(tx, actionId, actorAgency(actor), actorLabel(actor), note, now);
      await this.audit(tx, actor, now, { action: 'meeting.action-done', personIds: [out.personId], detail: { action: actionId } });
      return out;
    });
  }

  /** An agency's report to a conference or core group, or its dissent, kept with the meeting. */
  async addMeetingContribution(actor: Actor, personId: number, meeting: string, kind: 'report' | 'dissent', text: string): Promise<{ id: number }> {
    if (actor.kind === 'operator') throw forbidden('a report or dissent comes from an agency');
    return this.tx(async (tx) => {
      const now = this.clock();
      if (!(await canSee(tx, viewerOf(actor, now), personId))) throw notFound(`no person ${personId}`);
      const m = await meetingRecord(tx, personId, meeting);
      const id = await addContribution(tx, { personId, recordId: m.id, agencyId: actor.agencyId, kind, text, by: actorLabel(actor) }, now);
      await this.audit(tx, actor, now, { action: `meeting.${kind}`, personIds: [personId], recordIds: [m.id], detail: { contribution: id } });
      return { id };
    });
  }

  /** Notifications to the actor's agency (the operator: all), newest first. */
  async notifications(actor: Actor, f: { unacknowledged?: boolean; personId?: number; limit?: number } = {}): Promise<NotificationView[]> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const agency = actorAgency(actor);
      const out = await listNotifications(tx, { ...f, limit: f.limit ?? 500, ...(agency ? { recipient: agency } : {}) });
      await this.auditRead(tx, actor, now, { action: 'notifications.list', personIds: [...new Set(out.map((n) => n.personId))], detail: { shown: out.length } });
      return out;
    });
  }

  /** An agency acknowledges a notification sent to it (once; who and when are kept). */
  async acknowledgeNotification(actor: Actor, id: number): Promise<NotificationView> {
    if (actor.kind === 'operator') throw forbidden('a notification is acknowledged by the agency it was sent to');
    return this.tx(async (tx) => {
      const now = this.clock();
      const [n] = await listNotifications(tx, { recipient: actor.agencyId, limit: 1, ids: [id] });
      if (!n) throw notFound(`no notification ${id} for ${actor.agencyId}`);
      if (n.acknowledged) throw invalid('/id', `notification ${id} was acknowledged by ${n.acknowledged.by} at ${n.acknowledged.at}`);
      await tx.insertInto('notification_ack').values({ notification_id: id, by: actorLabel(actor), at: now }).execute();
      await this.audit(tx, actor, now, { action: 'notification.acknowledge', personIds: [n.personId], detail: { notification: id } });
      return { ...n, acknowledged: { by: actorLabel(actor), at: now.toISOString() } };
    });
  }

  /**
   * A child's household over time and wider network, derived from the records the sharing policy shows the
   * actor in full (a redacted record names no one but professionals); the audit names everyone shown and
   * every record read.
   */
  async household(actor: Actor, personId: number): Promise<SharedHousehold | null> {
    return this.tx(async (tx) => {
      const shown = this.shownInFull(await this.sharingViewer(tx, actor));
      // The relationship is a condition of the evidence's own query (no separate check): none, no records.
      const evidence = await childEvidence(tx, personId, viewerOf(actor, this.clock()));
      const h = evidence && (await householdFrom(tx, personId, evidence, shown));
      const people = [...(h?.members ?? []), ...(h?.network ?? [])].map((p) => p.personId).filter((id): id is number => id !== null);
      await this.auditRead(tx, actor, this.clock(), {
        action: 'household.read',
        personIds: [...new Set([personId, ...people])],
        recordIds: h?.recordIds ?? [],
        detail: { found: h !== null, ...(h ? { withheld: h.withheld } : {}) },
      });
      return h;
    });
  }

  // ---- the child's page (web/child-page.ts) ----

  /**
   * Everything the child's page shows, in one transaction and one audit row ('child.page') naming every record
   * and person read: the chronology under the sharing policy (its query holds the relationship check), the
   * household from the records shown in full, the statutory process, the alerts routed to the reader, the
   * child's professional network in Threadline, the NHS numbers in the records shown in full, and which of
   * the people named beside the child the reader may open. The child's records are read once, for both the
   * household and the process. Null without a relationship with the child.
   */
  async childPage(actor: Actor, personId: number): Promise<ChildPageReads | null> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const viewer = viewerOf(actor, now);
      const raw = await personChronology(tx, personId, viewer);
      const sharing = await this.sharingViewer(tx, actor);
      const chronology = raw && applySharingPolicy(raw, sharing, this.sharing);
      if (!raw || !chronology) {
        await this.auditRead(tx, actor, now, { action: 'child.page', personIds: [personId], detail: { found: false } });
        return null;
      }
      const evidence = (await childEvidence(tx, personId)) ?? [];
      const household = await householdFrom(tx, personId, evidence, this.shownInFull(sharing));
      const process = await processView(tx, personId, evidence, now);
      const recipients = alertRecipientsOf(actor);
      const { alerts } = await listAlerts(tx, { personId, limit: 500, offset: 0, ...(recipients ? { recipients } : {}) });
      const fullIds = fullRecordIds(chronology);
      const mentioned = mentionedPeople(chronology, household);
      const facts = { network: await caseNetwork(tx, personId), nhsNumbers: await nhsNumbersOf(tx, personId, fullIds), readable: await readablePeople(tx, viewer, mentioned) };
      const householdPeople = [...household.members, ...household.network].map((p) => p.personId).filter((id): id is number => id !== null);
      await this.auditRead(tx, actor, now, {
        action: 'child.page',
        personIds: [...new Set([personId, ...householdPeople])],
        // The process is derived from all the child's records (as process.read), the rest from those shown.
        recordIds: [...new Set([...chronology.entries.map((e) => e.recordId), ...household.recordIds, ...evidence.map((r) => r.recordId)])],
        detail: {
          found: true, redacted: (chronology.entries as SharedEntry[]).filter((e) => e.redacted).length, withheld: raw.entries.length - chronology.entries.length,
          householdWithheld: household.withheld, alerts: alerts.length, network: facts.network.length, asked: mentioned.length, readable: facts.readable.length,
        },
      });
      return { chronology, household, process, alerts, facts };
    });
  }

  /**
   * One record of a child's chronology with every stored version of it, for a reader who is shown it: the
   * chronology's own query and sharing policy decide (a record not in the reader's chronology of the child is
   * null; a redacted one comes with its entry, saying what is withheld, and no versions).
   */
  async recordVersions(actor: Actor, personId: number, recordId: number): Promise<{ name: string; entry: SharedEntry; versions: RecordVersion[] } | null> {
    return this.tx(async (tx) => {
      const now = this.clock();
      const raw = await personChronology(tx, personId, viewerOf(actor, now));
      const c = raw && applySharingPolicy(raw, await this.sharingViewer(tx, actor), this.sharing);
      const entry = (c?.entries as SharedEntry[] | undefined)?.find((e) => e.recordId === recordId) ?? null;
      const slash = entry ? entry.source.indexOf('/') : -1;
      const versions = entry && !entry.redacted ? await versionsOf(tx, entry.source.slice(0, slash), entry.source.slice(slash + 1)) : [];
      await this.auditRead(tx, actor, now, { action: 'record.versions', personIds: [personId], recordIds: versions.length ? versions.map((v) => v.recordId) : entry ? [recordId] : [],
        detail: { found: entry !== null, record: recordId, ...(entry?.redacted ? { redacted: true } : {}) } });
      return c && entry ? { name: c.person.name, entry, versions } : null;
    });
  }

}

// The one door to the data. Routes, pages and CLI commands call these
// methods and nothing else touches the tables: each method runs in one
// transaction, decides what the actor may do, and writes its audit row in
// that same transaction (so an action that cannot be audited does not happen).
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { personChronology, type Chronology } from '../chronology/chronology.ts';
import { probabilisticLinker, type Linker } from '../identity/linker.ts';
import { countPeople, listPeople, type PersonSummary } from '../identity/people.ts';
import { decideReview, linkHistory, openReviews, splitPerson, unmergePerson, type Decider } from '../identity/decisions.ts';
import { trainOnStoredMentions } from '../identity/model-source.ts';
import { refreshAlerts } from '../risk/alerts.ts';
import { escalateOverdue, listAlerts, stepAlert, type AlertFilter, type AlertStep } from '../risk/lifecycle.ts';
import { prepareBatch, summariseResults, writeBatch, type IngestOutcome } from '../records/ingest.ts';
import type { ScenarioAgency } from '../records/types.ts';
import { AGENCY_KINDS } from '../records/types.ts';
import { actorAgency, actorLabel, type Actor } from './actor.ts';
import { canSee } from './relationship.ts';
import { newApiKey, parseApiKey, secretMatches } from './api-keys.ts';
import { appendAudit, checkpointAudit, verifyAuditChain, whoHasLooked } from './audit.ts';
import { forbidden, invalid, notFound } from './errors.ts';

export interface RepositoryOptions {
  clock?: () => Date;
  linker?: Linker;
}

const UNIQUE_VIOLATION = '23505';

export class Repository {
  readonly clock: () => Date;
  readonly linker: Linker;

  constructor(readonly db: Db, opts: RepositoryOptions = {}) {
    this.clock = opts.clock ?? (() => new Date());
    this.linker = opts.linker ?? probabilisticLinker();
  }

  private tx<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.kysely.transaction().execute(fn);
  }

  /** Store a batch of agency records: a result per item; one transaction for the batch. */
  async ingest(actor: Actor, items: unknown[]): Promise<IngestOutcome> {
    if (actor.kind === 'local-viewer') throw forbidden('the local viewer cannot write records');
    const onlyAgency = actor.kind === 'agency-system' ? actor.agencyId : null;
    const now = this.clock();
    // Validation needs no database, so it happens before the transaction and its lock.
    const prepared = prepareBatch(items, now);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.tx(async (tx) => {
          const outcome = await writeBatch(tx, prepared, { now, linker: this.linker, onlyAgency });
          // The whole picture of every child the batch touched, looked at again now, in the same transaction.
          const alerts = await refreshAlerts(tx, outcome.personIds, now);
          await appendAudit(tx, actor, now, {
            action: 'records.ingest',
            recordIds: outcome.recordIds,
            personIds: outcome.personIds,
            detail: { ...summariseResults(outcome.results), alerts },
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

  async chronology(actor: Actor, personId: number): Promise<Chronology | null> {
    return this.tx(async (tx) => {
      const c = (await canSee(tx, actorAgency(actor), personId)) ? await personChronology(tx, personId) : null;
      await appendAudit(tx, actor, this.clock(), {
        action: 'chronology.read',
        personIds: [personId],
        recordIds: c?.entries.map((e) => e.recordId) ?? [],
        detail: { found: c !== null },
      });
      return c;
    });
  }

  async people(actor: Actor, page = { limit: 1000, offset: 0 }): Promise<{ total: number; people: PersonSummary[] }> {
    return this.tx(async (tx) => {
      const people = await listPeople(tx, page, actorAgency(actor));
      const total = await countPeople(tx, actorAgency(actor));
      await appendAudit(tx, actor, this.clock(), {
        action: 'people.list',
        personIds: people.map((p) => p.id),
        detail: page,
      });
      return { total, people };
    });
  }

  // ---- identity decisions: a practitioner confirms, rejects, splits, unmerges ----

  /** Until sign-in and roles exist (issue 5), identity decisions come from the operator or an agency's system on a named practitioner's behalf. */
  private decider(actor: Actor, by: string | undefined, reason: string | undefined): Decider {
    if (actor.kind === 'local-viewer') throw forbidden('the local viewer cannot change who is who');
    if (!reason?.trim()) throw invalid('/reason', 'say why: the reason is kept with the decision');
    const name = by?.trim() || (actor.kind === 'operator' ? actor.name : '');
    if (!name) throw invalid('/by', 'name the practitioner who decided');
    return { by: `${name} (${actorLabel(actor)})`, reason: reason.trim(), at: this.clock() };
  }

  async reviews(actor: Actor, page = { limit: 100, offset: 0 }) {
    return this.tx(async (tx) => {
      const out = await openReviews(tx, page, actorAgency(actor));
      await appendAudit(tx, actor, this.clock(), {
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
      const out = await decideReview(tx, reviewId, decision, d, actorAgency(actor));
      await refreshAlerts(tx, out.personIds, d.at);
      await appendAudit(tx, actor, d.at, { action: `review.${decision === 'same' ? 'confirm' : 'reject'}`, personIds: out.personIds, detail: { review: reviewId, by: d.by, mergedInto: out.mergedInto } });
      return out;
    });
  }

  async splitPerson(actor: Actor, personId: number, mentions: (string | number)[], opts: { by?: string; reason?: string }) {
    const d = this.decider(actor, opts.by, opts.reason);
    return this.tx(async (tx) => {
      if (!(await canSee(tx, actorAgency(actor), personId))) throw notFound(`no person ${personId}`);
      const out = await splitPerson(tx, personId, mentions, d);
      await refreshAlerts(tx, [personId, out.newPersonId], d.at);
      await appendAudit(tx, actor, d.at, { action: 'person.split', personIds: [personId, out.newPersonId], detail: { by: d.by, moved: out.moved } });
      return out;
    });
  }

  async unmergePerson(actor: Actor, personId: number, formerPersonId: number, opts: { by?: string; reason?: string }) {
    const d = this.decider(actor, opts.by, opts.reason);
    return this.tx(async (tx) => {
      if (!(await canSee(tx, actorAgency(actor), personId))) throw notFound(`no person ${personId}`);
      const out = await unmergePerson(tx, personId, formerPersonId, d);
      await refreshAlerts(tx, [personId, formerPersonId], d.at);
      await appendAudit(tx, actor, d.at, { action: 'person.unmerge', personIds: [personId, formerPersonId], detail: { by: d.by, moved: out.moved } });
      return out;
    });
  }

  /** Every link, merge and split that ever involved this person's mentions. */
  async linkHistory(actor: Actor, personId: number) {
    return this.tx(async (tx) => {
      const history = (await canSee(tx, actorAgency(actor), personId)) ? await linkHistory(tx, personId) : null;
      await appendAudit(tx, actor, this.clock(), { action: 'person.history', personIds: [personId], detail: { found: history !== null } });
      return history;
    });
  }

  /** Train the linkage model on the stored mentions; it links from the next ingest on. Operator only. */
  async trainLinkModel(actor: Actor, opts: { minimumMentions?: number } = {}) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can retrain the linkage model');
    return this.tx(async (tx) => {
      const now = this.clock();
      const out = await trainOnStoredMentions(tx, actorLabel(actor), now, opts.minimumMentions);
      await appendAudit(tx, actor, now, { action: 'link-model.train', detail: out });
      return out;
    });
  }

  // ---- alerts ----

  /** Alerts an actor may see: an agency's system those routed to its agency; the operator all. Escalates overdue ones first. */
  async alerts(actor: Actor, filter: Omit<AlertFilter, 'recipient'>) {
    if (actor.kind === 'local-viewer') throw forbidden('the local viewer cannot read alerts');
    return this.tx(async (tx) => {
      const now = this.clock();
      await escalateOverdue(tx, now);
      const out = await listAlerts(tx, { ...filter, ...(actor.kind === 'agency-system' ? { recipient: `agency:${actor.agencyId}` } : {}) });
      await appendAudit(tx, actor, now, { action: 'alerts.list', personIds: [...new Set(out.alerts.map((a) => a.personId))], detail: { ...filter, shown: out.alerts.length } });
      return out;
    });
  }

  async stepAlert(actor: Actor, alertId: number, step: AlertStep, opts: { by?: string; reason?: string }) {
    if (actor.kind === 'local-viewer') throw forbidden('the local viewer cannot act on alerts');
    const by = opts.by?.trim() || (actor.kind === 'operator' ? actor.name : '');
    if (!by) throw invalid('/by', 'name the practitioner acting on the alert');
    return this.tx(async (tx) => {
      const now = this.clock();
      if (actor.kind === 'agency-system') {
        const visible = await listAlerts(tx, { recipient: `agency:${actor.agencyId}`, limit: 1, offset: 0, ids: [alertId] });
        if (!visible.alerts.length) throw forbidden(`alert ${alertId} is not routed to ${actor.agencyId}`);
      }
      const out = await stepAlert(tx, alertId, step, `${by} (${actorLabel(actor)})`, opts.reason, now);
      await appendAudit(tx, actor, now, { action: `alert.${step}`, personIds: [out.personId], detail: { alert: alertId, by, reason: opts.reason ?? null } });
      return out;
    });
  }

  /** Escalate every alert past its deadline (a scheduler or the CLI calls this; reads do too). Operator only. */
  async escalateAlerts(actor: Actor) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can run escalation');
    return this.tx(async (tx) => {
      const now = this.clock();
      const escalated = await escalateOverdue(tx, now);
      await appendAudit(tx, actor, now, { action: 'alerts.escalate', detail: { escalated } });
      return { escalated };
    });
  }

  /**
   * Who has read or changed anything about this person, from the audit trail.
   * Operator only until roles exist (issue 5 gives it to the privacy officer
   * and the allocated worker). Looking is itself audited.
   */
  async whoHasLooked(actor: Actor, personId: number) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can read who has looked at a person');
    return this.tx(async (tx) => {
      const looks = await whoHasLooked(tx, personId);
      await appendAudit(tx, actor, this.clock(), { action: 'audit.who-has-looked', personIds: [personId], detail: { shown: looks.length } });
      return looks;
    });
  }

  /** Whether any record is stored (to decide whether to load the demo); reads one row, not the table. */
  async hasRecords(actor: Actor): Promise<boolean> {
    return this.tx(async (tx) => {
      const any = await tx.selectFrom('record').select('id').limit(1).executeTakeFirst();
      await appendAudit(tx, actor, this.clock(), { action: 'records.any' });
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
      await appendAudit(tx, actor, now, { action: 'agency.register', detail: { agency: agency.id, kind: agency.kind } });
      return 'registered';
    });
  }

  /** A new API key for an agency's system; the token is shown once and never stored. */
  async createApiKey(actor: Actor, agencyId: string, label?: string): Promise<{ keyId: string; token: string }> {
    if (actor.kind !== 'operator') throw forbidden('only an operator can create API keys');
    return this.tx(async (tx) => {
      const now = this.clock();
      const agency = await tx.selectFrom('agency').select('id').where('id', '=', agencyId).executeTakeFirst();
      if (!agency) throw invalid('/agency', `agency '${agencyId}' is not registered`);
      const key = newApiKey();
      await tx.insertInto('api_key')
        .values({ agency_id: agencyId, key_id: key.keyId, secret_hash: key.secretHash, label: label ?? null, created_at: now })
        .execute();
      await appendAudit(tx, actor, now, { action: 'api-key.create', detail: { agency: agencyId, keyId: key.keyId } });
      return { keyId: key.keyId, token: key.token };
    });
  }

  /** The agency system behind a bearer token, or null. A refusal is audited (without the token). */
  async authenticateApiKey(token: string | undefined): Promise<Actor | null> {
    const parsed = token ? parseApiKey(token) : null;
    return this.tx(async (tx) => {
      const row = parsed
        ? await tx.selectFrom('api_key').selectAll().where('key_id', '=', parsed.keyId).executeTakeFirst()
        : undefined;
      if (parsed && row && row.revoked_at === null && secretMatches(parsed.secret, row.secret_hash)) {
        return { kind: 'agency-system', agencyId: row.agency_id, keyId: row.key_id };
      }
      await appendAudit(tx, { kind: 'operator', name: 'authentication' }, this.clock(), {
        action: 'api-key.refused',
        detail: { reason: !token ? 'missing' : !parsed ? 'malformed' : !row ? 'unknown-key' : row.revoked_at ? 'revoked' : 'wrong-secret',
          ...(parsed ? { keyId: parsed.keyId } : {}) },
      });
      return null;
    });
  }

  async verifyAudit(actor: Actor) {
    if (actor.kind !== 'operator') throw forbidden('only an operator can verify the audit trail');
    return this.tx((tx) => verifyAuditChain(tx, this.db.auditKey));
  }

  /** Sign the newest audit row (the server does this every few minutes and when it stops). */
  async checkpointAudit(actor: Actor): Promise<{ signed: number | null }> {
    if (actor.kind !== 'operator') throw forbidden('only an operator can sign audit checkpoints');
    const key = this.db.auditKey;
    if (!key) return { signed: null };
    return this.tx(async (tx) => ({ signed: await checkpointAudit(tx, key, this.clock()) }));
  }

  /** A child's household over time and wider network; the audit names everyone shown and every record read. */
  async household(actor: Actor, personId: number): Promise<import('../household/derive.ts').Household | null> {
    // Imported here so that this method stays self-contained (the imports above are shared with other work).
    const { householdOf } = await import('../household/household.ts');
    return this.tx(async (tx) => {
      const h = (await canSee(tx, actorAgency(actor), personId)) ? await householdOf(tx, personId) : null;
      const shown = [...(h?.members ?? []), ...(h?.network ?? [])].map((p) => p.personId).filter((id): id is number => id !== null);
      await appendAudit(tx, actor, this.clock(), {
        action: 'household.read',
        personIds: [...new Set([personId, ...shown])],
        recordIds: h?.recordIds ?? [],
        detail: { found: h !== null },
      });
      return h;
    });
  }
}

// GET /people/:id/process: a child's statutory process (plan, deadlines, decisions and their sign-off,
// supervision, conferences and core groups) with the forms that act on it. Each form posts (with the CSRF
// token) to a page route that calls the repository and redirects back (303); a refusal shows the page
// again with 422, an error summary and the message at the field.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { requireUserPage } from './http-auth.ts';
import type { Repository } from '../app/repository.ts';
import type { Session } from '../access/sessions.ts';
import { personIdOf } from './api/chronology-routes.ts';
import { isRealDate } from '../records/dates.ts';
import type { ChildProcessView } from '../workflow/process-view.ts';
import { pageUser, sendPage } from './render.ts';
import { childNotFound, dateFromParts, errorsFor, field, formatDate, formatDateTime, formatNhs, sentence, type FieldError } from './work-common.ts';

/** A stable, HTML-safe id for something named by `agency/ref` (which may hold any characters). */
export const idFor = (source: string): string => createHash('sha256').update(source).digest('hex').slice(0, 10);

const STATUS: Record<string, { text: string; classes: string }> = {
  met: { text: 'Met', classes: 'govuk-tag--green' },
  missed: { text: 'Missed', classes: 'govuk-tag--red' },
  near: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  running: { text: 'Running', classes: 'govuk-tag--blue' },
};
const ACTION_STATUS: Record<string, { text: string; classes: string }> = {
  done: { text: 'Done', classes: 'govuk-tag--green' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  open: { text: 'Open', classes: 'govuk-tag--blue' },
};

export interface FormState {
  errors?: { text: string; href: string }[];
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

/** The page's view of a process: dates in words, ids for each form's fields, which forms this user may use. */
export function processModel(p: ChildProcessView, s: Session) {
  const agency = s.actor.agencyId;
  const deadline = (d: ChildProcessView['deadlines'][number]) => ({
    what: sentence(d.what), due: formatDate(d.due), startedBy: d.startedBy, rule: d.rule,
    metBy: d.metBy ? `${d.metBy.source}, ${formatDate(d.metBy.on)}` : null,
    status: STATUS[d.status === 'running' && d.near ? 'near' : d.status]!,
  });
  const byDue = (a: { due: string }, b: { due: string }) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);
  return {
    plan: p.plan && { since: formatDate(p.plan.since), source: p.plan.source, categories: p.plan.categories.map((c) => c.replace(/-/g, ' ')).join(', '), endedOn: formatDate(p.plan.endedOn) },
    cinPlan: p.cinPlan && { since: formatDate(p.cinPlan.since), source: p.cinPlan.source, endedOn: formatDate(p.cinPlan.endedOn), endedBy: p.cinPlan.endedBy },
    openDeadlines: p.deadlines.filter((d) => d.status !== 'met').sort(byDue).map(deadline),
    metDeadlines: p.deadlines.filter((d) => d.status === 'met').sort(byDue).reverse().map(deadline),
    decisions: p.decisions.map((d) => ({
      id: idFor(d.source), source: d.source, on: formatDate(d.on), what: sentence(d.what),
      signedOff: d.signedOff && { by: d.signedOff.by, at: formatDateTime(d.signedOff.at), note: d.signedOff.note },
    })),
    canSignOff: hasRole(s.actor, 'manager'),
    supervision: { last: p.supervision.last && { by: p.supervision.last.by, at: formatDateTime(p.supervision.last.at) }, nextDue: formatDate(p.supervision.nextDue), overdue: p.supervision.overdue },
    canSupervise: hasRole(s.actor, 'manager', 'safeguarding-lead'),
    absences: p.absences,
    meetings: p.meetings.map((m) => {
      const meetingAgency = m.source.slice(0, m.source.indexOf('/'));
      return {
        id: idFor(m.source), source: m.source, heldOn: formatDate(m.heldOn),
        title: `${m.kind === 'conference' ? 'Child protection conference' : 'Core group meeting'}, ${formatDate(m.heldOn)}`,
        invited: m.invited.join(', '), present: m.present.join(', '), absent: m.absent.join(', '), decision: m.decision ? sentence(m.decision.replace(/-/g, ' ')) : null,
        reports: m.reports.map((r) => ({ ...r, at: formatDateTime(r.at) })), dissent: m.dissent,
        actions: m.actions.map((a) => ({
          id: a.id, action: a.action, owner: a.owner, due: formatDate(a.due), status: ACTION_STATUS[a.status]!,
          done: a.done && { by: a.done.by, at: formatDateTime(a.done.at), note: a.done.note },
          canComplete: !a.done && a.owner === agency,
        })),
        canAddActions: meetingAgency === agency,
        owners: [...new Set([...m.invited, meetingAgency, agency])].sort(),
      };
    }),
    notifications: p.notifications.length,
  };
}

export async function processRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  async function renderProcess(request: FastifyRequest, reply: FastifyReply, s: Session, id: number, state: FormState = {}, status = 200): Promise<FastifyReply> {
    const p = await repo.process(s.actor, id);
    if (!p) return childNotFound(request, reply, s, id);
    const card = (await repo.personCards(s.actor, [id]))[0];
    const name = card?.name ?? `Child ${id}`;
    return sendPage(request, reply, 'process.njk', {
      title: `${name}: child protection process`, user: pageUser(s), ...state, values: state.values ?? {}, fieldErrors: state.fieldErrors ?? {},
      child: { id, name, dob: formatDate(card?.dob), nhsNumber: formatNhs(card?.nhsNumber) },
      asOf: formatDate(p.asOf), ...processModel(p, s),
    }, status);
  }

  /** Run a form's action: redirect back on success; a refusal (422) shows the page again with the errors at the fields. */
  async function attempt(
    request: FastifyRequest, reply: FastifyReply, s: Session, id: number,
    run: () => Promise<unknown>, anchor: string, fieldOf: (pointer: string) => string, values: Record<string, string>, early: FieldError[] = [],
  ): Promise<FastifyReply> {
    if (early.length) return renderProcess(request, reply, s, id, { ...errorsFor(early), values }, 422);
    try {
      await run();
      return reply.redirect(`/people/${id}/process${anchor}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 422) throw e;
      const problems = e.problems.length ? e.problems : [{ pointer: '', code: e.code, message: e.message }];
      return renderProcess(request, reply, s, id, { ...errorsFor(problems.map((p) => ({ field: fieldOf(p.pointer), text: sentence(p.message) }))), values }, 422);
    }
  }

  /** The signed-in user and the child's id from the URL (null: the reply is sent). */
  async function start(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<{ s: Session; id: number } | null> {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return null;
    const id = personIdOf(request.params.id);
    if (id === null) {
      await childNotFound(request, reply, s, null);
      return null;
    }
    return { s, id };
  }

  app.get<{ Params: { id: string } }>('/people/:id/process', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    return renderProcess(request, reply, ok.s, ok.id);
  });

  app.post<{ Params: { id: string } }>('/people/:id/process/sign-off', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    const source = field(request.body, 'source');
    const note = field(request.body, 'note');
    const f = `signoff-note-${idFor(source)}`;
    return attempt(request, reply, ok.s, ok.id, () => repo.signOff(ok.s.actor, ok.id, source, note), `#decision-${idFor(source)}`, () => f, { [f]: note });
  });

  app.post<{ Params: { id: string } }>('/people/:id/process/supervision', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    const note = field(request.body, 'note');
    return attempt(request, reply, ok.s, ok.id, () => repo.recordSupervision(ok.s.actor, ok.id, note), '#supervision', () => 'supervision-note', { 'supervision-note': note });
  });

  app.post<{ Params: { id: string } }>('/people/:id/process/contributions', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    const meeting = field(request.body, 'meeting');
    const kind = field(request.body, 'kind');
    const text = field(request.body, 'text');
    const m = idFor(meeting);
    const values = { [`contribution-kind-${m}`]: kind, [`contribution-text-${m}`]: text };
    const early: FieldError[] = [];
    if (kind !== 'report' && kind !== 'dissent') early.push({ field: `contribution-kind-${m}`, text: 'Select whether this is a report or a dissent' });
    if (!text.trim()) early.push({ field: `contribution-text-${m}`, text: kind === 'dissent' ? 'Enter your agency\'s dissent' : 'Enter your agency\'s report' });
    return attempt(request, reply, ok.s, ok.id, () => repo.addMeetingContribution(ok.s.actor, ok.id, meeting, kind as 'report' | 'dissent', text), `#meeting-${m}`,
      (pointer) => (pointer === '/kind' ? `contribution-kind-${m}` : `contribution-text-${m}`), values, early);
  });

  app.post<{ Params: { id: string } }>('/people/:id/process/actions', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    const meeting = field(request.body, 'meeting');
    const m = idFor(meeting);
    const [owner, action, day, month, year] = ['owner', 'action', 'due-day', 'due-month', 'due-year'].map((n) => field(request.body, n)) as [string, string, string, string, string];
    const values = { [`action-owner-${m}`]: owner, [`action-text-${m}`]: action, [`action-due-${m}-day`]: day, [`action-due-${m}-month`]: month, [`action-due-${m}-year`]: year };
    const due = dateFromParts(day, month, year);
    const early: FieldError[] = [];
    if (!action.trim()) early.push({ field: `action-text-${m}`, text: 'Say what is to be done' });
    if (!owner) early.push({ field: `action-owner-${m}`, text: 'Select the agency that owns the action' });
    if (!due || !isRealDate(due)) early.push({ field: `action-due-${m}-day`, text: 'Enter the due date as a real date, for example 27 3 2026' });
    return attempt(request, reply, ok.s, ok.id, () => repo.addMeetingActions(ok.s.actor, ok.id, meeting, [{ owner, action, due: due ?? '' }]), `#meeting-${m}`,
      (pointer) => (pointer.endsWith('/owner') ? `action-owner-${m}` : pointer.endsWith('/due') ? `action-due-${m}-day` : `action-text-${m}`), values, early);
  });

  app.post<{ Params: { id: string; action: string } }>('/people/:id/process/actions/:action/done', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    const actionId = personIdOf(request.params.action);
    if (actionId === null) return childNotFound(request, reply, ok.s, ok.id);
    const note = field(request.body, 'note');
    const f = `done-note-${actionId}`;
    const early = note.trim() ? [] : [{ field: f, text: 'Say what was done' }];
    return attempt(request, reply, ok.s, ok.id, () => repo.completeAction(ok.s.actor, actionId, note), `#action-${actionId}`, () => f, { [f]: note }, early);
  });
}

// The child's page and what opens from it: GET /people/:id (summary, chronology,
// body map, household, alerts), GET /people/:id/records/:recordId (a source
// record with all its versions) and POST /people/:id/alerts/:alertId/:step (the
// alert forms). Handlers stay thin: the Repository reads (and decides who may
// see what), child-page.ts shapes, the views show.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { requireUserPage } from './http-auth.ts';
import type { Actor } from '../shared/actor.ts';
import type { Repository } from '../app/repository.ts';
import { personIdOf } from './api/chronology-routes.ts';
import type { AlertStep } from '../risk/lifecycle.ts';
import { childPageModel, recordPageModel, type ChildPageInput } from './child-page.ts';
import { limitedPageModel } from './child-limited.ts';
import { pageUser, sendPage, type PageUser } from './render.ts';
import { childNotFound, notFoundPage, sentence } from './work-common.ts';
import { londonDate } from '../records/dates.ts';

const STEPS: readonly AlertStep[] = ['acknowledge', 'action', 'close'];

/** Everything the child's page shows, read through the Repository in one go; null when the reader has no relationship with the child. */
export async function readChildPage(repo: Repository, actor: Actor, personId: number, query: Record<string, unknown>): Promise<ChildPageInput | null> {
  const reads = await repo.childPage(actor, personId);
  return reads && { personId, today: londonDate(repo.clock()), ...reads, query };
}

type ChildOpts = Parameters<typeof childPageModel>[1];

function sendChildPage(request: FastifyRequest, reply: FastifyReply, user: PageUser, input: ChildPageInput, opts: ChildOpts = {}, status = 200) {
  const model = childPageModel(input, opts);
  return sendPage(request, reply, 'child.njk', { title: model.name, user, nav: undefined, ...model }, status);
}

export async function childRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get<{ Params: { id: string } }>('/people/:id', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    const input = id === null ? null : await readChildPage(repo, s.actor, id, request.query as Record<string, unknown>);
    if (input) return sendChildPage(request, reply, pageUser(s), input);
    // An agency that wrote about a child others knew sees a limited page: its own records and whom to ask.
    const limited = id === null ? null : await repo.limitedView(s.actor, id);
    if (!limited) return childNotFound(request, reply, s, id);
    const model = limitedPageModel(limited);
    return sendPage(request, reply, 'child-limited.njk', { title: `${model.name} (limited view)`, user: pageUser(s), ...model });
  });

  app.get<{ Params: { id: string; recordId: string } }>('/people/:id/records/:recordId', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    const recordId = personIdOf(request.params.recordId);
    const found = id === null || recordId === null ? null : await repo.recordVersions(s.actor, id, recordId);
    if (!found) return notFoundPage(request, reply, s, { message: 'There is no such record in the chronology of anyone you have a relationship with.' });
    const model = recordPageModel(id!, found.entry, found.versions);
    return sendPage(request, reply, 'child-record.njk', { title: `${model.source}: ${found.name}`, user: pageUser(s), childName: found.name, ...model });
  });

  app.post<{ Params: { id: string; alertId: string; step: string } }>('/people/:id/alerts/:alertId/:step', async (request, reply) => {
    // The session and the form's CSRF token first.
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    const alertId = personIdOf(request.params.alertId);
    const step = STEPS.find((x) => x === request.params.step);
    if (id === null || alertId === null || !step) return notFoundPage(request, reply, s, { message: 'There is no such alert.' });
    // Only an alert about this child, routed to this reader.
    const mine = await repo.alerts(s.actor, { personId: id, ids: [alertId], limit: 1, offset: 0 });
    if (!mine.alerts.length) return notFoundPage(request, reply, s, { personId: id, message: 'There is no such alert for this child, or it is not routed to you.' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : '';
    try {
      await repo.stepAlert(s.actor, alertId, step, reason.trim() ? { reason } : {});
      return reply.redirect(`/people/${id}#alerts`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || ![403, 404, 409, 422].includes(e.status)) throw e;
      // Refused: the page again, with the reason in the error summary and by the field.
      const input = await readChildPage(repo, s.actor, id, {});
      if (!input) return childNotFound(request, reply, s, id);
      const field = e.status === 422 && e.problems.some((p) => p.pointer === '/reason') ? 'reason' as const : 'alert' as const;
      return sendChildPage(request, reply, pageUser(s), input, { alertErrors: { [alertId]: { field, text: sentence(e.message) } }, reason: { [alertId]: reason } }, e.status);
    }
  });
}

// A child's statutory process: GET /api/people/:id/process (deadlines and decisions);
// POST …/sign-off { source, note } (a manager agrees to a decision ending protection);
// POST …/supervision { note }; POST …/meetings/actions and …/meetings/contributions, POST /api/actions/:id/done;
// GET /api/notifications (to the caller's agency), POST /api/notifications/:id/acknowledge.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { notFound } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';
import { parsePersonId } from './chronology-routes.ts';

export async function workflowRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get<{ Params: { id: string } }>('/api/people/:id/process', async (request) => {
    const actor = await requireActor(repo, request);
    const process = await repo.process(actor, parsePersonId(request.params.id));
    if (!process) throw notFound(`no person '${request.params.id}'`);
    return process;
  });

  app.post<{ Params: { id: string }; Body: { source: string; note: string } }>('/api/people/:id/sign-off', {
    schema: { body: { type: 'object', required: ['source', 'note'], additionalProperties: false, properties: { source: { type: 'string', maxLength: 200 }, note: { type: 'string', maxLength: 5000 } } } },
  }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    return reply.code(201).send(await repo.signOff(actor, parsePersonId(request.params.id), request.body.source, request.body.note));
  });

  app.post<{ Params: { id: string }; Body: { note: string } }>('/api/people/:id/supervision', {
    schema: { body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note: { type: 'string', maxLength: 10000 } } } },
  }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    return reply.code(201).send(await repo.recordSupervision(actor, parsePersonId(request.params.id), request.body.note));
  });

  app.get('/api/notifications', async (request) => {
    const actor = await requireActor(repo, request);
    const q = request.query as Record<string, string | undefined>;
    return { notifications: await repo.notifications(actor, { unacknowledged: q.unacknowledged === 'true' }) };
  });

  app.post<{ Params: { id: string } }>('/api/notifications/:id/acknowledge', async (request) => {
    const actor = await requireActor(repo, request);
    return repo.acknowledgeNotification(actor, parsePersonId(request.params.id));
  });

  const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
  app.post<{ Params: { id: string }; Body: { meeting: string; actions: { owner: string; action: string; due: string }[] } }>('/api/people/:id/meetings/actions', {
    schema: { body: { type: 'object', required: ['meeting', 'actions'], additionalProperties: false, properties: {
      meeting: text(200),
      actions: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'object', required: ['owner', 'action', 'due'], additionalProperties: false,
        properties: { owner: text(64), action: text(2000), due: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } } },
    } } },
  }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    return reply.code(201).send(await repo.addMeetingActions(actor, parsePersonId(request.params.id), request.body.meeting, request.body.actions));
  });

  app.post<{ Params: { id: string }; Body: { meeting: string; kind: 'report' | 'dissent'; text: string } }>('/api/people/:id/meetings/contributions', {
    schema: { body: { type: 'object', required: ['meeting', 'kind', 'text'], additionalProperties: false, properties: {
      meeting: text(200), kind: { type: 'string', enum: ['report', 'dissent'] }, text: text(20000) } } },
  }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    return reply.code(201).send(await repo.addMeetingContribution(actor, parsePersonId(request.params.id), request.body.meeting, request.body.kind, request.body.text));
  });

  app.post<{ Params: { id: string }; Body: { note: string } }>('/api/actions/:id/done', {
    schema: { body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note: text(5000) } } },
  }, async (request) => {
    const actor = await requireActor(repo, request);
    return repo.completeAction(actor, parsePersonId(request.params.id), request.body.note);
  });
}

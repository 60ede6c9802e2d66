// A child's statutory process: GET /api/people/:id/process (deadlines and decisions);
// POST …/sign-off { source, note } (a manager agrees to a decision ending protection);
// POST …/supervision { note }; GET /api/notifications (to the caller's agency), POST /api/notifications/:id/acknowledge.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../access/http-auth.ts';
import { notFound } from '../access/errors.ts';
import type { Repository } from '../access/repository.ts';
import { parsePersonId } from '../chronology/routes.ts';

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
}

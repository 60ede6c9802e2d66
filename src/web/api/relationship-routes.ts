// Relationships over the API: GET /api/people/:id/relationships (the agencies that
// hold records about a child but see only a limited view; for a reader with the
// full picture), POST /api/people/:id/relationships { agency, reason } (the lead
// agency gives one of them the full picture), POST /api/people/:id/break-glass
// { reason } (a signed-in user's emergency access; a recent sign-in needed).
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { notFound } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';
import { parsePersonId } from './chronology-routes.ts';

export async function relationshipRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get<{ Params: { id: string } }>('/api/people/:id/relationships', async (request) => {
    const actor = await requireActor(repo, request);
    const limited = await repo.limitedAgencies(actor, parsePersonId(request.params.id));
    if (!limited) throw notFound(`no person '${request.params.id}'`);
    return { limited };
  });

  app.post<{ Params: { id: string }; Body: { agency: string; reason: string } }>('/api/people/:id/relationships', {
    schema: { body: { type: 'object', required: ['agency', 'reason'], additionalProperties: false,
      properties: { agency: { type: 'string', maxLength: 64 }, reason: { type: 'string', maxLength: 2000 } } } },
  }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    return reply.code(201).send(await repo.grantRelationship(actor, parsePersonId(request.params.id), request.body.agency, request.body.reason));
  });

  app.post<{ Params: { id: string }; Body: { reason: string } }>('/api/people/:id/break-glass', {
    schema: { body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 } } } },
  }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    const grant = await repo.breakGlass(actor, parsePersonId(request.params.id), request.body.reason);
    return reply.code(201).send({ grantId: grant.grantId, expiresAt: grant.expiresAt.toISOString() });
  });
}

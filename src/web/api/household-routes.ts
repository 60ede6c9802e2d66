// GET /api/people/:id/household: who lived with a child over time, with the evidence.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { notFound } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';
import { parsePersonId } from './chronology-routes.ts';

export async function householdRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get<{ Params: { id: string } }>('/api/people/:id/household', async (request) => {
    const actor = await requireActor(repo, request);
    const household = await repo.household(actor, parsePersonId(request.params.id));
    if (!household) throw notFound(`no person '${request.params.id}'`);
    return household;
  });
}

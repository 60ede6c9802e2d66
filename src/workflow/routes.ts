// GET /api/people/:id/process: a child's statutory process, deadlines and decisions.
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
}

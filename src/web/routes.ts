// The demo pages. Until sign-in exists (issue 5) they act as the local viewer
// and the server listens on localhost only by default.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../access/actor.ts';
import type { Repository } from '../access/repository.ts';
import { parsePage, personIdOf } from '../chronology/routes.ts';
import { chronologyPage, notFoundPage, peoplePage } from './pages.ts';

const viewer: Actor = { kind: 'local-viewer' };

export async function pageRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/', async (request, reply) => {
    const { total, people } = await repo.people(viewer, parsePage(request.query as Record<string, unknown>));
    return reply.type('text/html; charset=utf-8').send(peoplePage(total, people).value);
  });

  app.get<{ Params: { id: string } }>('/people/:id', async (request, reply) => {
    const id = personIdOf(request.params.id);
    const c = id === null ? null : await repo.chronology(viewer, id);
    if (!c) return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage('No such person.').value);
    return reply.type('text/html; charset=utf-8').send(chronologyPage(c).value);
  });
}

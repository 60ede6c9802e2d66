// The pages for signed-in users: the people they have a relationship with,
// and each one's multi-agency chronology. What a user may see is decided in
// the repository's queries, never here.
import type { FastifyInstance } from 'fastify';
import { requireUserPage } from '../access/http-auth.ts';
import type { Repository } from '../access/repository.ts';
import { parsePage, personIdOf } from '../chronology/routes.ts';
import { chronologyPage, notFoundPage, peoplePage, whoHasLookedPage } from './pages.ts';
import { pageUser } from './sign-in-routes.ts';

const HTML = 'text/html; charset=utf-8';

export async function pageRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const { total, people } = await repo.people(s.actor, parsePage(request.query as Record<string, unknown>));
    return reply.type(HTML).send(peoplePage(total, people, pageUser(s)).value);
  });

  app.get<{ Params: { id: string } }>('/people/:id', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    const c = id === null ? null : await repo.chronology(s.actor, id);
    if (!c) return reply.code(404).type(HTML).send(notFoundPage('There is no such person, or you have no relationship with them.', pageUser(s), id ?? undefined).value);
    return reply.type(HTML).send(chronologyPage(c, pageUser(s)).value);
  });

  app.get<{ Params: { id: string } }>('/people/:id/who-has-looked', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return reply.code(404).type(HTML).send(notFoundPage('No such person.', pageUser(s)).value);
    const looks = await repo.whoHasLooked(s.actor, id);
    return reply.type(HTML).send(whoHasLookedPage(id, looks, pageUser(s)).value);
  });
}

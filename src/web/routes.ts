// The pages for signed-in users: the people they have a relationship with,
// and each one's multi-agency chronology. What a user may see is decided in
// the repository's queries, never here.
import type { FastifyInstance } from 'fastify';
import { requireUserPage } from '../access/http-auth.ts';
import type { Repository } from '../access/repository.ts';
import { parsePage, personIdOf } from '../chronology/routes.ts';
import { chronologyPage, peoplePage } from './pages.ts';
import { sendPage } from './render.ts';
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
    if (!c) return sendPage(request, reply, 'not-found.njk', { title: 'Page not found', user: pageUser(s), message: 'There is no such person, or you have no relationship with them.', personId: id }, 404);
    return reply.type(HTML).send(chronologyPage(c, pageUser(s)).value);
  });

  app.get<{ Params: { id: string } }>('/people/:id/who-has-looked', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return sendPage(request, reply, 'not-found.njk', { title: 'Page not found', user: pageUser(s), message: 'No such person.' }, 404);
    const looks = await repo.whoHasLooked(s.actor, id);
    return sendPage(request, reply, 'who-has-looked.njk', { title: 'Who has looked', user: pageUser(s), personId: id, looks });
  });
}

// Pages for signed-in users not owned elsewhere: who has looked at a child's record.
// (The child's page is in child-routes.ts, '/' in work-routes.ts.) What a user
// may see is decided in the repository's queries, never here.
import type { FastifyInstance } from 'fastify';
import { requireUserPage } from '../access/http-auth.ts';
import type { Repository } from '../access/repository.ts';
import { personIdOf } from '../chronology/routes.ts';
import { sendPage } from './render.ts';
import { pageUser } from './sign-in-routes.ts';

export async function pageRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get<{ Params: { id: string } }>('/people/:id/who-has-looked', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return sendPage(request, reply, 'not-found.njk', { title: 'Page not found', user: pageUser(s), message: 'No such person.' }, 404);
    const looks = await repo.whoHasLooked(s.actor, id);
    return sendPage(request, reply, 'who-has-looked.njk', { title: 'Who has looked', user: pageUser(s), personId: id, looks });
  });
}

// Pages not owned elsewhere: who has looked at a child's record, and the accessibility statement (open to all).
// (The child's page is in child-routes.ts, '/' in work-routes.ts.) What a user
// may see is decided in the repository's queries, never here.
import type { FastifyInstance } from 'fastify';
import { requireUserPage, sessionOf } from '../access/http-auth.ts';
import type { Repository } from '../access/repository.ts';
import { personIdOf } from '../chronology/routes.ts';
import { pageUser, sendPage } from './render.ts';
import { childNotFound } from './work-common.ts';
import { lookRows } from './who-has-looked.ts';

export async function pageRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/accessibility', async (request, reply) => {
    const s = await sessionOf(repo, request);
    return sendPage(request, reply, 'accessibility.njk', { title: 'Accessibility statement', ...(s ? { user: pageUser(s) } : {}) });
  });

  app.get<{ Params: { id: string } }>('/people/:id/who-has-looked', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return childNotFound(request, reply, s, null);
    const looks = await repo.whoHasLooked(s.actor, id);
    return sendPage(request, reply, 'who-has-looked.njk', { title: 'Who has looked', user: pageUser(s), personId: id, looks: lookRows(looks) });
  });
}

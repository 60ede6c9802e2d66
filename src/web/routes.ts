// Pages not owned elsewhere: who has looked at a child's record, the agencies with a limited view of a child
// (and the lead agency's grant of the full picture), and the accessibility statement (open to all).
// (The child's page is in child-routes.ts, '/' in work-routes.ts.) What a user
// may see is decided in the repository's queries, never here.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { requireUserPage, sessionOf } from './http-auth.ts';
import type { Repository } from '../app/repository.ts';
import { personIdOf } from './api/chronology-routes.ts';
import { pageUser, sendPage } from './render.ts';
import { childNotFound, field, sentence } from './work-common.ts';
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

  app.get<{ Params: { id: string } }>('/people/:id/relationships', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    const agencies = id === null ? null : await repo.limitedAgencies(s.actor, id);
    if (!agencies) return childNotFound(request, reply, s, id);
    return sendPage(request, reply, 'relationships.njk', { title: 'Agencies with a limited view', user: pageUser(s), personId: id, agencies });
  });

  app.post<{ Params: { id: string } }>('/people/:id/relationships', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return childNotFound(request, reply, s, null);
    const agency = field(request.body, 'agency');
    const reason = field(request.body, 'reason').slice(0, 2000);
    try {
      await repo.grantRelationship(s.actor, id, agency, reason);
      return reply.redirect(`/people/${id}/relationships`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 422) throw e;
      const agencies = await repo.limitedAgencies(s.actor, id);
      if (!agencies) return childNotFound(request, reply, s, id);
      return sendPage(request, reply, 'relationships.njk', { title: 'Agencies with a limited view', user: pageUser(s), personId: id, agencies, error: sentence(e.message), errorAgency: agency, reason }, 422);
    }
  });
}

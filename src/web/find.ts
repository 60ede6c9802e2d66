// GET /find?q=… "Find a child": one search box, a GET form (works without JavaScript). The search runs in
// the repository, among the people the user may see, and is audited without its text.
import type { FastifyInstance } from 'fastify';
import { requireUserPage } from '../access/http-auth.ts';
import type { Repository } from '../access/repository.ts';
import { MAX_QUERY_LENGTH } from '../identity/find-people.ts';
import { pageUser, sendPage } from './render.ts';
import { formatDate, formatNhs, queryParam } from './work-common.ts';

export async function findRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/find', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const q = queryParam(request, 'q').trim();
    const base = { title: 'Find a child', nav: 'find' as const, user: pageUser(s), q };
    if (!q) return sendPage(request, reply, 'find.njk', { ...base, searched: false });
    if (q.length > MAX_QUERY_LENGTH) {
      return sendPage(request, reply, 'find.njk', { ...base, searched: false, errors: [{ text: `Search for ${MAX_QUERY_LENGTH} characters or fewer`, href: '#q' }], error: `Search for ${MAX_QUERY_LENGTH} characters or fewer` }, 422);
    }
    const found = await repo.findPeople(s.actor, q);
    if (!found.kinds.length) {
      const text = 'Enter a name, a date of birth, an NHS number, a postcode or an address';
      return sendPage(request, reply, 'find.njk', { ...base, searched: false, errors: [{ text, href: '#q' }], error: text }, 422);
    }
    if (found.problems.length) {
      return sendPage(request, reply, 'find.njk', { ...base, searched: false, errors: found.problems.map((text) => ({ text, href: '#q' })), error: found.problems.join('. ') }, 422);
    }
    return sendPage(request, reply, 'find.njk', {
      ...base, title: `Find a child: ${found.people.length} found`, searched: true,
      people: found.people.map((p) => ({ ...p, dob: formatDate(p.dob), nhsNumber: formatNhs(p.nhsNumber), why: p.why.map((w) => w[0]!.toUpperCase() + w.slice(1)) })),
    });
  });
}

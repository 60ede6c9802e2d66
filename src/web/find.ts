// GET /find?q=… "Find a person": one search box, a GET form (works without JavaScript). The search runs in
// the repository, among the people the user may see, and is audited without its text. It finds the children
// and adults the user has a relationship with, then the adults named beside them in records the user reads
// in full (identity/find-people.ts): those link to the record's place on the page of the person beside them.
import type { FastifyInstance } from 'fastify';
import { requireUserPage } from './http-auth.ts';
import type { Repository } from '../app/repository.ts';
import { MAX_QUERY_LENGTH } from '../identity/find-people.ts';
import { pageUser, sendPage } from './render.ts';
import { formatDate, formatNhs, queryParam } from './work-common.ts';

const sentence = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export async function findRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/find', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const q = queryParam(request, 'q').trim();
    const base = { title: 'Find a person', nav: 'find' as const, user: pageUser(s), q };
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
      ...base, title: `Find a person: ${found.people.length + found.namedBeside.length} found`, searched: true,
      people: found.people.map((p) => ({ ...p, dob: formatDate(p.dob), nhsNumber: formatNhs(p.nhsNumber), why: p.why.map(sentence) })),
      namedBeside: found.namedBeside.map((p) => ({
        name: p.name, dob: formatDate(p.dob), why: p.why.map(sentence),
        namedIn: p.namedIn.map((n) => ({ ...n, occurredOn: formatDate(n.occurredOn) })),
      })),
    });
  });
}

// Identity decisions over HTTP, for an agency's system acting for a named
// practitioner: the review queue (confirm, reject), split, unmerge, and the
// link history of a person. Checks in order: who is calling, the body, then
// the repository's one transaction.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { notFound } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';
import { parseIdOf, parsePage, parsePersonId } from './chronology-routes.ts';

const decision = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'by'],
  properties: {
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
    by: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

interface Decision { reason: string; by: string }

const reviewIdOf = (raw: string) => parseIdOf('review', raw);

export async function identityRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/api/reviews', async (request) => {
    const actor = await requireActor(repo, request);
    return repo.reviews(actor, parsePage(request.query as Record<string, unknown>));
  });

  for (const [path, verdict] of [['confirm', 'same'], ['reject', 'different']] as const) {
    app.post<{ Params: { id: string }; Body: Decision }>(`/api/reviews/:id/${path}`, { schema: { body: decision } }, async (request) => {
      const actor = await requireActor(repo, request);
      return repo.decideReview(actor, reviewIdOf(request.params.id), verdict, request.body);
    });
  }

  app.post<{ Params: { id: string }; Body: Decision & { mentions: string[] } }>('/api/people/:id/split', {
    schema: { body: { ...decision, required: [...decision.required, 'mentions'], properties: { ...decision.properties,
      mentions: { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'string', minLength: 3, maxLength: 600 } } } } },
  }, async (request) => {
    const actor = await requireActor(repo, request);
    return repo.splitPerson(actor, parsePersonId(request.params.id), request.body.mentions, request.body);
  });

  app.post<{ Params: { id: string }; Body: Decision & { from: number } }>('/api/people/:id/unmerge', {
    schema: { body: { ...decision, required: [...decision.required, 'from'], properties: { ...decision.properties,
      from: { type: 'integer', minimum: 1 } } } },
  }, async (request) => {
    const actor = await requireActor(repo, request);
    return repo.unmergePerson(actor, parsePersonId(request.params.id), request.body.from, request.body);
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/history', async (request) => {
    const actor = await requireActor(repo, request);
    const history = await repo.linkHistory(actor, parsePersonId(request.params.id));
    if (!history) throw notFound(`no person '${request.params.id}'`);
    return { personId: Number(request.params.id), history };
  });
}

// Alerts over HTTP for agency systems: each sees the alerts routed to its
// agency, and acts on them for a named practitioner. Checks in order: who is
// calling, the request, then the repository's one transaction.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { invalid } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';
import { parseIdOf, parsePage, parsePersonId } from './chronology-routes.ts';
import type { AlertStatus } from '../../risk/lifecycle.ts';

const STATUSES = ['open', 'acknowledged', 'actioned', 'closed', 'not-closed'] as const;

const stepBody = {
  type: 'object',
  additionalProperties: false,
  required: ['by'],
  properties: { by: { type: 'string', minLength: 1, maxLength: 200 }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;

function statusOf(raw: unknown): AlertStatus | 'not-closed' | undefined {
  if (raw === undefined) return 'not-closed';
  if (raw === 'all') return undefined;
  if (typeof raw === 'string' && (STATUSES as readonly string[]).includes(raw)) return raw as AlertStatus | 'not-closed';
  throw invalid('/status', `status must be one of: ${STATUSES.join(', ')}, all`);
}

const alertIdOf = (raw: string) => parseIdOf('alert', raw);

export async function alertRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/api/alerts', async (request) => {
    const actor = await requireActor(repo, request);
    const query = request.query as Record<string, unknown>;
    const status = statusOf(query.status);
    return repo.alerts(actor, { ...parsePage(query), ...(status ? { status } : {}) });
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/alerts', async (request) => {
    const actor = await requireActor(repo, request);
    const query = request.query as Record<string, unknown>;
    const status = statusOf(query.status ?? 'all');
    return repo.alerts(actor, { ...parsePage(query), personId: parsePersonId(request.params.id), ...(status ? { status } : {}) });
  });

  for (const step of ['acknowledge', 'action', 'close'] as const) {
    app.post<{ Params: { id: string }; Body: { by: string; reason?: string } }>(`/api/alerts/:id/${step}`, { schema: { body: stepBody } }, async (request) => {
      const actor = await requireActor(repo, request);
      return repo.stepAlert(actor, alertIdOf(request.params.id), step, request.body);
    });
  }
}

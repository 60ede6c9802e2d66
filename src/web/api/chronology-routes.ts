// GET /api/people and GET /api/people/:id/chronology for agency systems. An agency with a limited
// relationship with the person (it wrote about someone others already knew) gets its own records as the
// entries, with `access: 'limited'`, who else holds records (kinds and counts), whom to contact, and the alerts
// routed to it.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';

/** A person id from a URL, or null when it cannot be one. */
export function personIdOf(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/** An id from a URL (a person, a review, an alert), or 404 naming what was asked for. */
export function parseIdOf(what: string, raw: string): number {
  const id = personIdOf(raw);
  if (id === null) throw new AppError(404, 'not-found', `no ${what} '${raw}'`);
  return id;
}

export const parsePersonId = (raw: string) => parseIdOf('person', raw);

export function parsePage(query: Record<string, unknown>): { limit: number; offset: number } {
  const int = (v: unknown, d: number, max: number) => {
    const n = typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : d;
    return Math.min(n, max);
  };
  return { limit: int(query.limit, 100, 1000) || 1, offset: int(query.offset, 0, 1e9) };
}

export async function chronologyRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/api/people', async (request) => {
    const actor = await requireActor(repo, request);
    return repo.people(actor, parsePage(request.query as Record<string, unknown>));
  });

  app.get<{ Params: { id: string } }>('/api/people/:id/chronology', async (request) => {
    const actor = await requireActor(repo, request);
    const id = parsePersonId(request.params.id);
    const chronology = await repo.chronology(actor, id);
    if (chronology) return chronology;
    const limited = await repo.limitedView(actor, id);
    if (!limited) throw notFound(`no person '${request.params.id}'`);
    const { ownRecords, ...rest } = limited;
    return { ...rest, entries: ownRecords };
  });
}

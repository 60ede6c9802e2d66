// Who is calling over HTTP. Agency systems present `Authorization: Bearer <API key>`.
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.ts';
import { unauthorised } from './errors.ts';
import type { Repository } from './repository.ts';

export async function requireAgencySystem(repo: Repository, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const token = header && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
  const actor = await repo.authenticateApiKey(token);
  if (!actor) {
    throw unauthorised(header ? 'the API key is not valid' : 'an API key is required: Authorization: Bearer tl_…');
  }
  return actor;
}

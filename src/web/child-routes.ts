// The child's page and what opens from it (the source records and their versions). Filled in by the child-page work.
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../access/repository.ts';

export async function childRoutes(_app: FastifyInstance, _repo: Repository): Promise<void> {}

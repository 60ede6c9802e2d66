// My work, find a child, record a concern, the case process screens and the conference pack. Filled in by that work.
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../access/repository.ts';

export async function workRoutes(_app: FastifyInstance, _repo: Repository): Promise<void> {}

// My work, find a child, record a concern, the case process screens and the conference pack: each in its
// own file (home.ts, find.ts, record-form.ts, process-pages.ts, conference-pack.ts), registered here.
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../app/repository.ts';
import { conferencePackRoutes } from './conference-pack.ts';
import { findRoutes } from './find.ts';
import { homeRoutes } from './home.ts';
import { processRoutes } from './process-pages.ts';
import { recordFormRoutes } from './record-form.ts';

export async function workRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  await homeRoutes(app, repo);
  await findRoutes(app, repo);
  await recordFormRoutes(app, repo);
  await processRoutes(app, repo);
  await conferencePackRoutes(app, repo);
}

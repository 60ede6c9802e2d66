// A fresh database, repository, HTTP app (not listening; use app.inject) and an API key for gp-1.
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/web/server.ts';
import type { Repository, RepositoryOptions } from '../../src/access/repository.ts';
import { operator, testRepository, type TestDb } from './test-db.ts';

export interface TestApi {
  db: TestDb;
  repo: Repository;
  app: FastifyInstance;
  token: string;
  keyId: string;
  close(): Promise<void>;
}

export async function testApi(opts: RepositoryOptions = {}): Promise<TestApi> {
  const { db, repo } = await testRepository(opts);
  const app = await buildServer(repo, { logger: false });
  const { token, keyId } = await repo.createApiKey(operator, 'gp-1');
  return { db, repo, app, token, keyId, close: async () => { await app.close(); await db.drop(); } };
}

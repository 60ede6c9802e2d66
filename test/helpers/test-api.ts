// A fresh database, repository, HTTP app (not listening; use app.inject) and an API key for gp-1.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../src/web/server.ts';
import type { Repository, RepositoryOptions } from '../../src/app/repository.ts';
import { operator, testRepository, type TestDb } from './test-db.ts';
import type { Role } from '../../src/shared/actor.ts';
import { PRE_SESSION_COOKIE, SESSION_COOKIE } from '../../src/web/http-auth.ts';
import { totpNow } from '../../src/access/totp.ts';

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

export interface SignedIn {
  userId: number;
  username: string;
  password: string;
  totpSecret: string;
  csrfToken: string;
  /** the Cookie header of the session */
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** a form post with the session's CSRF token (unless the fields give their own `_csrf`) */
  post(url: string, fields?: Record<string, string>): Promise<LightMyRequestResponse>;
}

const cookieValue = (setCookie: string | string[] | undefined, name: string): string | undefined => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const hit = all.find((c) => c.startsWith(`${name}=`));
  return hit?.slice(name.length + 1).split(';')[0];
};

let signIns = 0;

/** Make an account (password and second factor) and sign it in through the sign-in form. */
export async function signedInUser(
  api: Pick<TestApi, 'app' | 'repo'>,
  u: { username: string; agencyId: string; roles: Role[]; at?: Date },
): Promise<SignedIn> {
  const password = `correct horse ${u.username} battery`;
  const { userId } = await api.repo.createUser(operator, { username: u.username, displayName: u.username, agencyId: u.agencyId, roles: u.roles, password });
  const { secret } = await api.repo.enrolTotp(operator, u.username);
  // Each sign-in from its own address, so the per-address sign-in rate limit does not trip over a test's set-up.
  const remoteAddress = `127.1.${Math.floor(++signIns / 250)}.${signIns % 250}`;
  const form = await api.app.inject({ method: 'GET', url: '/sign-in', remoteAddress });
  const pre = cookieValue(form.headers['set-cookie'], PRE_SESSION_COOKIE)!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const res = await api.app.inject({
    method: 'POST', url: '/sign-in', remoteAddress, cookies: { [PRE_SESSION_COOKIE]: pre },
    payload: new URLSearchParams({ _csrf: csrf, username: u.username, password, code: totpNow(secret, u.at ?? new Date()), next: '/' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const token = cookieValue(res.headers['set-cookie'], SESSION_COOKIE)!;
  const session = (await api.repo.session(token))!;
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    userId, username: u.username, password, totpSecret: secret, csrfToken: session.csrfToken, cookie,
    get: (url) => api.app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, fields = {}) => api.app.inject({
      method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
    }),
  };
}

// The HTTP server: one Fastify app with the API and the demo pages.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { AppError } from '../access/errors.ts';
import type { Repository } from '../access/repository.ts';
import { chronologyRoutes } from '../chronology/routes.ts';
import { householdRoutes } from '../household/routes.ts';
import { identityRoutes } from '../identity/routes.ts';
import { alertRoutes } from '../risk/routes.ts';
import { workflowRoutes } from '../workflow/routes.ts';
import { recordRoutes } from '../records/routes.ts';
import { relationshipRoutes } from '../access/relationship-routes.ts';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { pageRoutes } from './routes.ts';
import { assetRoutes } from './assets.ts';
import { sendPage } from './render.ts';
import { notFoundPage } from './work-common.ts';
import { SESSION_COOKIE } from '../access/http-auth.ts';
import { childRoutes } from './child-routes.ts';
import { workRoutes } from './work-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';
import type { OidcClient } from '../access/oidc.ts';
import { log } from '../log.ts';

export async function buildServer(repo: Repository, opts: { logger?: boolean | FastifyBaseLogger; oidc?: OidcClient } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Request bodies are never logged; only method, path, status and timing.
    ...(opts.logger === false ? { logger: false } : { loggerInstance: (opts.logger === true || opts.logger === undefined ? log : opts.logger) as FastifyBaseLogger }),
  });

  // Records arrive as JSON or NDJSON only. Fastify parses text/plain by default, which would
  // hand the batch route a string that it then reads as NDJSON; refuse it with 415 instead.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 },
    (_req, body, done) => done(null, body));

  app.setErrorHandler((error, request, reply) => {
    // A page (not the API) refused or failed: an HTML page in words, never JSON, and never the detail of a 500.
    if (!request.url.startsWith('/api/')) {
      const status = error instanceof AppError ? error.status : (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) request.log.error({ err: { type: (error as Error).name, code: (error as { code?: string }).code } }, 'page failed');
      const heading = status === 403 ? 'You cannot do that' : status === 404 ? 'Page not found' : status === 429 ? 'Too many attempts' : status < 500 ? 'That could not be done' : 'Sorry, there is a problem with the service';
      const message = status < 500 ? (error as Error).message : 'Something went wrong on our side; nothing was stored. Try again later.';
      return sendPage(request, reply, 'error.njk', { title: heading, heading, message, back: request.headers.referer && /^https?:\/\/[^/]+\//.test(request.headers.referer) ? new URL(request.headers.referer).pathname : '/' }, status);
    }
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: error.code, message: error.message, problems: error.problems });
    }
    const e = error as { statusCode?: number; code?: string; message: string; validation?: { instancePath: string; keyword: string; message?: string }[] };
    if (e.code === 'FST_ERR_VALIDATION' && e.validation) {
      // A body that does not fit a route's JSON Schema: which field, and why.
      const problems = e.validation.map((v) => ({ pointer: v.instancePath || '/', code: v.keyword, message: v.message ?? 'invalid' }));
      return reply.code(422).send({ error: 'invalid', message: e.message, problems });
    }
    if (e.statusCode && e.statusCode < 500) {
      // Fastify's own refusals: malformed JSON, body too large, wrong content type.
      const code = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body-too-large'
        : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported-media-type'
        : e.statusCode === 429 ? 'too-many-requests'
        : e.code?.startsWith('FST_ERR_CTP') || e.statusCode === 400 ? 'malformed-body' : 'bad-request';
      return reply.code(e.statusCode).send({ error: code, message: e.message, problems: [] });
    }
    request.log.error({ err: { type: (error as Error).name, code: e.code } }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'something went wrong; nothing was stored' });
  });

  // An address nothing answers: a page in words for a browser (signed in or not), JSON for the API.
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not-found', message: `nothing at ${request.method} ${request.url.split('?')[0]}`, problems: [] });
    return notFoundPage(request, reply, await repo.session(request.cookies?.[SESSION_COOKIE]));
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Limits apply only to routes that ask for one (sign-in); agency systems' batches are not throttled here.
  await app.register(rateLimit, { global: false });
  // Pages and API answers are not cached by browsers or proxies, and never framed by another site.
  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // Scripts only from here, and GOV.UK's one inline line (it marks the page as having JavaScript) by its nonce.
    const nonce = request.cspNonce ? ` 'nonce-${request.cspNonce}'` : '';
    reply.header('content-security-policy', `default-src 'self'; script-src 'self'${nonce}; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'`);
  });

  app.get('/healthz', async () => ({ ok: true }));
  await app.register(assetRoutes);
  await app.register(async (scope) => signInRoutes(scope, repo, opts.oidc));
  await app.register(async (scope) => recordRoutes(scope, repo));
  await app.register(async (scope) => chronologyRoutes(scope, repo));
  await app.register(async (scope) => householdRoutes(scope, repo));
  await app.register(async (scope) => identityRoutes(scope, repo));
  await app.register(async (scope) => alertRoutes(scope, repo));
  await app.register(async (scope) => workflowRoutes(scope, repo));
  await app.register(async (scope) => relationshipRoutes(scope, repo));
  await app.register(async (scope) => pageRoutes(scope, repo));
  await app.register(async (scope) => childRoutes(scope, repo));
  await app.register(async (scope) => workRoutes(scope, repo));
  await app.register(async (scope) => accountRoutes(scope, repo));
  return app;
}

// The HTTP server: one Fastify app with the API and the demo pages.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import type { Repository } from '../app/repository.ts';
import { chronologyRoutes } from './api/chronology-routes.ts';
import { householdRoutes } from './api/household-routes.ts';
import { identityRoutes } from './api/identity-routes.ts';
import { alertRoutes } from './api/risk-routes.ts';
import { workflowRoutes } from './api/workflow-routes.ts';
import { recordRoutes } from './api/records-routes.ts';
import { relationshipRoutes } from './api/relationship-routes.ts';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { pageRoutes } from './routes.ts';
import { assetRoutes } from './assets.ts';
import { sendPage } from './render.ts';
import { notFoundPage } from './work-common.ts';
import { SESSION_COOKIE } from './http-auth.ts';
import { childRoutes } from './child-routes.ts';
import { workRoutes } from './work-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { installBodyParsers } from './body-parsers.ts';
import type { OidcClient } from '../access/oidc.ts';
import { log } from '../log.ts';
import { DatabaseUnavailableError, isConnectionLost } from '../db/connection-loss.ts';

/** How long a client is asked to wait before trying again after the database connection was lost (seconds). */
const RETRY_AFTER_SECONDS = 5;

/** One year: the least the browsers' HSTS preload list accepts. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export async function buildServer(repo: Repository, opts: { logger?: boolean | FastifyBaseLogger; oidc?: OidcClient } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Request bodies are never logged; only method, path, status and timing.
    ...(opts.logger === false ? { logger: false } : { loggerInstance: (opts.logger === true || opts.logger === undefined ? log : opts.logger) }),
  });

  // Records arrive as JSON or NDJSON only. Fastify parses text/plain by default, which would
  // hand the batch route a string that it then reads as NDJSON; refuse it with 415 instead.
  app.removeContentTypeParser('text/plain');
  // JSON, NDJSON and form posts: UTF-8 only, and JSON no deeper than the limit (body-parsers.ts).
  installBodyParsers(app);

  app.setErrorHandler((error, request, reply) => {
    if (isConnectionLost(error)) return databaseUnavailable(error, request, reply);
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
  // Limits apply only to routes that ask for one (sign-in); agency systems' batches are not throttled here.
  await app.register(rateLimit, { global: false });
  // Pages and API answers are not cached by browsers or proxies, and never framed by another site.
  app.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // HTTPS only, for a year, this host and its subdomains. Sent on every response rather than only when the
    // request came over TLS: the server listens on plain HTTP behind the deployment's TLS-terminating proxy and
    // cannot tell the scheme without trusting a forwarded header, and browsers ignore the header over plain
    // HTTP (RFC 6797 s8.1), so it takes effect exactly when the page arrived over HTTPS. The session cookie is
    // already Secure and __Host-, so the service never works over plain HTTP anyway; this stops the first
    // request of a visit (a typed address, an old bookmark) going out in clear to be intercepted.
    reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
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

/**
 * The database connection was lost: 503 with Retry-After, the server stays up, and the next request gets a new
 * connection. What was in flight was rolled back, unless the connection dropped during the commit, when nobody
 * knows; the answer says which, so that nobody is told "nothing was saved" about a change that may have been.
 */
function databaseUnavailable(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const outcomeUnknown = error instanceof DatabaseUnavailableError && error.outcomeUnknown;
  request.log.error({ err: { type: (error as Error).name, code: (error as { code?: string }).code }, outcomeUnknown }, 'database unavailable');
  reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (!request.url.startsWith('/api/')) {
    const heading = 'Sorry, the service is unavailable';
    const message = outcomeUnknown
      ? 'We lost the connection to the database while saving. What you sent may or may not have been saved: check before sending it again.'
      : 'We could not reach the database. Nothing was saved. Try again in a few seconds.';
    return sendPage(request, reply, 'error.njk', { title: heading, heading, message, back: '/' }, 503);
  }
  return reply.code(503).send({
    error: outcomeUnknown ? 'database-outcome-unknown' : 'database-unavailable',
    message: outcomeUnknown
      ? 'the connection to the database was lost while committing: the change may or may not have been stored. Check before sending it again (records sent again that were stored are reported as duplicates).'
      : `the database could not be reached; nothing was stored. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
    problems: [],
  });
}

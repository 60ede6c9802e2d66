// Sign in, sign out, re-authenticate, break-glass. Checks in order: the CSRF
// token, the form's fields, then the repository (which audits).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { cookieOptions, csrfRefused, PRE_SESSION_COOKIE, requireUserPage, sameToken, sessionOf, SESSION_COOKIE } from './http-auth.ts';
import type { Repository } from '../app/repository.ts';
import { personIdOf } from './api/chronology-routes.ts';
import { breakGlassView, reauthenticateView, signInView } from './sign-in-pages.ts';
import { pageUser, sendPage } from './render.ts';
import { childNotFound, field } from './work-common.ts';
import type { OidcClient, OidcPending } from '../access/oidc.ts';

/** Per address: slows guessing across many accounts (the lockout of access/sign-in.ts stops guessing one). */
export const SIGN_IN_RATE = { max: 10, timeWindow: 60_000 };

/** Only a path on this site: never an open redirect to somewhere else. */
export const localPath = (next: unknown): string => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

function preSessionToken(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[PRE_SESSION_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(PRE_SESSION_COOKIE, token, cookieOptions);
  return token;
}

/** Between leaving for the OpenID Connect issuer and coming back: state, nonce and PKCE verifier. */
const OIDC_COOKIE = '__Host-threadline-oidc';

export async function signInRoutes(app: FastifyInstance, repo: Repository, oidc?: OidcClient): Promise<void> {
  app.get('/sign-in', async (request, reply) => {
    const next = localPath((request.query as Record<string, unknown>).next);
    return sendPage(request, reply, ...signInView({ csrfToken: preSessionToken(request, reply), next, oidc: !!oidc }));
  });

  if (oidc) {
    app.get('/sign-in/oidc', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
      const { url, pending } = await oidc.start(localPath((request.query as Record<string, unknown>).next));
      reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), { ...cookieOptions, maxAge: 600 });
      return reply.redirect(url.href, 303);
    });

    app.get('/sign-in/oidc/callback', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
      const raw = request.cookies[OIDC_COOKIE];
      reply.clearCookie(OIDC_COOKIE, cookieOptions);
      const refuse = (message: string) => sendPage(request, reply, ...signInView({ csrfToken: preSessionToken(request, reply), next: '/', oidc: true, error: message }), 401);
      let pending: OidcPending;
      try {
        pending = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8')) as OidcPending;
      } catch {
        return refuse('the sign-in with your organisation took too long or was not started here: try again');
      }
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      let subject: string;
      try {
        ({ subject } = await oidc.finish(new URL(oidc.settings.redirectUri + query), pending));
      } catch (e) {
        request.log.warn({ err: { type: (e as Error).name, code: (e as { code?: string }).code } }, 'OpenID Connect sign-in refused');
        return refuse('your organisation did not confirm who you are: try again');
      }
      try {
        const s = await repo.signInOidc(subject);
        reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
        return reply.redirect(localPath(pending.next), 303);
      } catch (e) {
        if (e instanceof AppError && e.status === 401) return refuse(e.message);
        throw e;
      }
    });
  }

  app.post('/sign-in', { config: { rateLimit: SIGN_IN_RATE } }, async (request, reply) => {
    const pre = request.cookies[PRE_SESSION_COOKIE];
    if (!sameToken(field(request.body, '_csrf'), pre)) throw csrfRefused();
    const next = localPath(field(request.body, 'next'));
    const username = field(request.body, 'username');
    try {
      const s = await repo.signIn({ username, password: field(request.body, 'password'), code: field(request.body, 'code'), address: request.ip });
      reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
      reply.clearCookie(PRE_SESSION_COOKIE, cookieOptions);
      return reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 401) throw e;
      return sendPage(request, reply, ...signInView({ csrfToken: pre!, next, username, error: e.message }), 401);
    }
  });

  app.post('/sign-out', async (request, reply) => {
    const s = await sessionOf(repo, request);
    if (s) await repo.signOut(s.actor);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect('/sign-in', 303);
  });

  app.get('/reauthenticate', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const next = localPath((request.query as Record<string, unknown>).next);
    return sendPage(request, reply, ...reauthenticateView({ user: pageUser(s), next }));
  });

  app.post('/reauthenticate', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const next = localPath(field(request.body, 'next'));
    try {
      await repo.reauthenticate(s.actor, { password: field(request.body, 'password'), code: field(request.body, 'code'), address: request.ip });
      return reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 401) throw e;
      return sendPage(request, reply, ...reauthenticateView({ user: pageUser(s), next, error: e.message }), 401);
    }
  });

  app.get<{ Params: { id: string } }>('/people/:id/break-glass', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return childNotFound(request, reply, s, null);
    repo.mayBreakGlass(s.actor);
    return sendPage(request, reply, ...breakGlassView({ user: pageUser(s), personId: id }));
  });

  app.post<{ Params: { id: string } }>('/people/:id/break-glass', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const id = personIdOf(request.params.id);
    if (id === null) return childNotFound(request, reply, s, null);
    const reason = field(request.body, 'reason');
    try {
      await repo.breakGlass(s.actor, id, reason);
      return reply.redirect(`/people/${id}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'reauthentication-required') {
        return reply.redirect(`/reauthenticate?next=${encodeURIComponent(`/people/${id}/break-glass`)}`, 303);
      }
      if (e instanceof AppError && (e.status === 422 || e.status === 404)) {
        return sendPage(request, reply, ...breakGlassView({ user: pageUser(s), personId: id, reason, error: e.message }), e.status);
      }
      throw e;
    }
  });
}

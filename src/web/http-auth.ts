// Who is calling over HTTP: an agency's system with `Authorization: Bearer
// <API key>`, or a person signed in with a session cookie. A cookie-borne
// request that changes anything must also carry the session's CSRF token (in
// the form field `_csrf` or the `x-csrf-token` header): a page on another site
// can make the browser send the cookie, but cannot read the token.
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../shared/actor.ts';
import { AppError, unauthorised } from '../shared/errors.ts';
import type { Repository } from '../app/repository.ts';
import type { Session } from '../access/sessions.ts';

/** `__Host-`: the browser keeps it only if Secure, for this host alone, for every path (no subdomain can set it). */
export const SESSION_COOKIE = '__Host-threadline';
/** Before sign-in: a random token the sign-in form echoes back (double-submit), against login CSRF. */
export const PRE_SESSION_COOKIE = '__Host-threadline-pre';

export const cookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameToken = (a: string | undefined, b: string | undefined): boolean =>
  !!a && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const csrfRefused = () => new AppError(403, 'csrf', 'this form has expired or did not come from Threadline: go back, reload the page and try again');

function csrfOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
}

/** The signed-in person's session, or null. Checks the CSRF token for anything but a read. */
export async function sessionOf(repo: Repository, request: FastifyRequest): Promise<Session | null> {
  const s = await repo.session(request.cookies?.[SESSION_COOKIE]);
  if (s && !SAFE.has(request.method) && !sameToken(csrfOf(request), s.csrfToken)) throw csrfRefused();
  return s;
}

/** An agency system (API key) or a signed-in user (session cookie); anyone else is refused with 401. */
export async function requireActor(repo: Repository, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    const token = /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
    const actor = await repo.authenticateApiKey(token);
    if (!actor) throw unauthorised('the API key is not valid');
    return actor;
  }
  const s = await sessionOf(repo, request);
  if (s) return s.actor;
  throw unauthorised('sign in, or send an API key: Authorization: Bearer tl_…');
}

/** For pages: the signed-in user, or a redirect to the sign-in page (null: the reply is sent). */
export async function requireUserPage(repo: Repository, request: FastifyRequest, reply: FastifyReply): Promise<Session | null> {
  const s = await sessionOf(repo, request);
  if (s) return s;
  await reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  return null;
}

// Pages are Nunjucks views (views/) on GOV.UK Frontend's template and
// component macros, autoescaped: text from agency records, which may hold
// anything, is always shown as text. One environment, built once.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../access/sessions.ts';

const govukDist = join(createRequire(import.meta.url).resolve('govuk-frontend/package.json'), '..', 'dist');
const views = fileURLToPath(new URL('./views/', import.meta.url));

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([views, govukDist], { noCache: false }), {
  autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true,
});

/** Who is signed in, for the header (a sign-out form needs the CSRF token) and every form. */
export interface PageUser {
  name: string;
  csrfToken: string;
}

export const pageUser = (s: Session): PageUser => ({ name: s.actor.username, csrfToken: s.csrfToken });

export interface PageContext {
  title: string;
  user?: PageUser;
  /** which item of the service navigation is current */
  nav?: 'home' | 'find' | 'record';
  /** for the error summary: `{ text, href: '#field-id' }` */
  errors?: { text: string; href: string }[];
  [key: string]: unknown;
}

export function renderView(view: string, ctx: PageContext & { cspNonce?: string }): string {
  return env.render(view, ctx);
}

declare module 'fastify' {
  interface FastifyRequest { cspNonce?: string }
}

/** A per-request nonce for GOV.UK's one inline script (it marks the page as having JavaScript). */
export function cspNonceOf(request: FastifyRequest): string {
  request.cspNonce ??= randomBytes(16).toString('base64');
  return request.cspNonce;
}

export const HTML = 'text/html; charset=utf-8';

export function sendPage(request: FastifyRequest, reply: FastifyReply, view: string, ctx: PageContext, status = 200): FastifyReply {
  return reply.code(status).type(HTML).send(renderView(view, { ...ctx, cspNonce: cspNonceOf(request) }));
}

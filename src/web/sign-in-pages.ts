// The sign-in, re-authentication and break-glass forms (views/*.njk). Every
// form carries a CSRF token; errors are shown in the error summary and by the
// field, and the form keeps what was typed (never the password or code).
import type { PageContext, PageUser } from './render.ts';

type View = [view: string, ctx: PageContext];
const errorsFor = (error: string | undefined, field: string) => (error ? [{ text: error, href: `#${field}` }] : []);

export const signInView = (o: { csrfToken: string; next: string; username?: string; error?: string; oidc?: boolean }): View =>
  ['sign-in.njk', { title: 'Sign in', ...o, errors: errorsFor(o.error, 'username') }];

export const reauthenticateView = (o: { user: PageUser; next: string; error?: string }): View =>
  ['reauthenticate.njk', { title: 'Confirm it is you', ...o, errors: errorsFor(o.error, 'password') }];

export const breakGlassView = (o: { user: PageUser; personId: number; reason?: string; error?: string }): View =>
  ['break-glass.njk', { title: 'Emergency access', ...o, errors: errorsFor(o.error, 'reason') }];

// The sign-in, re-authentication and break-glass forms. Every form carries a
// CSRF token; errors are shown in words above the form and the form keeps
// what was typed (never the password or code).
import { html, type Html } from './html.ts';
import { layout, type PageUser } from './pages.ts';

const error = (message?: string) => (message ? html`<p class="error" role="alert" id="error">${message}</p>` : '');

export function signInPage(o: { csrfToken: string; next: string; username?: string; error?: string; oidc?: boolean }): Html {
  return layout('Sign in', html`
<h1>Sign in to Threadline</h1>
${error(o.error)}
<form method="post" action="/sign-in" novalidate>
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<input type="hidden" name="next" value="${o.next}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" spellcheck="false" value="${o.username ?? ''}" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<label for="code">Security code</label>
<p class="hint" id="code-hint">The 6-digit code from your authenticator app.</p>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" aria-describedby="code-hint" required>
<p><button type="submit">Sign in</button></p>
</form>
${o.oidc ? html`<h2>Or</h2><p><a href="/sign-in/oidc?next=${encodeURIComponent(o.next)}">Sign in with your organisation's account</a></p>` : ''}`);
}

export function reauthenticatePage(o: { user: PageUser; next: string; error?: string }): Html {
  return layout('Confirm it is you', html`
<h1>Confirm it is you</h1>
<p>This action needs you to have signed in within the last few minutes.</p>
${error(o.error)}
<form method="post" action="/reauthenticate" novalidate>
<input type="hidden" name="_csrf" value="${o.user.csrfToken}">
<input type="hidden" name="next" value="${o.next}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<label for="code">Security code</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<p><button type="submit">Continue</button></p>
</form>`, o.user);
}

export function breakGlassPage(o: { user: PageUser; personId: number; reason?: string; error?: string }): Html {
  return layout('Emergency access', html`
<h1>Emergency access to a child's record</h1>
<p>You have no relationship with this child in Threadline. If you need to see their record now, say why. You will see it for 4 hours.
The privacy officer and the child's allocated worker are told at once, and your access is shown to them in the record of who has looked.</p>
${error(o.error)}
<form method="post" action="/people/${o.personId}/break-glass" novalidate>
<input type="hidden" name="_csrf" value="${o.user.csrfToken}">
<label for="reason">Why do you need to see this record?</label>
<textarea id="reason" name="reason" rows="4" required>${o.reason ?? ''}</textarea>
<p><button type="submit">Get emergency access</button></p>
</form>`, o.user);
}

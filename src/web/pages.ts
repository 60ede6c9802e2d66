// Plain server-rendered pages for the demo: the people Threadline has found
// and each one's multi-agency chronology. (The practitioner app with the
// GOV.UK Design System is a later issue; these pages keep its conventions
// where it costs nothing: a skip link, headings in order, tables with captions.)
import { html, type Html } from './html.ts';

/** Who is signed in, for the header (a sign-out form needs the CSRF token). */
export interface PageUser {
  name: string;
  csrfToken: string;
}

export function layout(title: string, body: Html, user?: PageUser): Html {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Threadline</title>
<style>
  body { font-family: Arial, sans-serif; margin: 0; color: #0b0c0c; line-height: 1.4; }
  header { background: #0b0c0c; color: #fff; padding: 10px 20px; font-weight: bold; }
  main { padding: 20px; max-width: 1100px; }
  a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
  .skip { position: absolute; left: -9999px; } .skip:focus { left: 10px; top: 10px; }
  table { border-collapse: collapse; width: 100%; } caption { text-align: left; font-weight: bold; padding: 8px 0; }
  th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #b1b4b6; padding: 8px 10px 8px 0; }
  .injury, .alert { color: #d4351c; } .meta { color: #505a5f; font-size: 0.9em; }
  .signout { float: right; font-weight: normal; } .signout button, form button { font: inherit; padding: 4px 10px; }
  label { display: block; font-weight: bold; margin: 15px 0 5px; } input[type=text], input[type=password], textarea { font: inherit; padding: 5px; width: 100%; max-width: 20em; border: 2px solid #0b0c0c; }
  textarea { max-width: 40em; } input:focus, textarea:focus, button:focus { outline: 3px solid #fd0; }
  .error { color: #d4351c; font-weight: bold; border-left: 5px solid #d4351c; padding-left: 10px; } .hint { color: #505a5f; }
</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header>Threadline${user ? html`<form method="post" action="/sign-out" class="signout"><span>${user.name}</span> <input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit">Sign out</button></form>` : ''}</header>
<main id="main">${body}</main>
</body>
</html>`;
}

export function notFoundPage(what: string, user?: PageUser, personId?: number): Html {
  return layout('Page not found', html`<h1>Page not found</h1><p>${what}</p>${personId !== undefined && user
    ? html`<p>If you have no relationship with this child but need to see their record now (an emergency, a child in front of you), you can <a href="/people/${personId}/break-glass">ask for emergency access</a>. The privacy officer and the child's allocated worker are told at once.</p>` : ''}<p><a href="/">All people</a></p>`, user);
}

export interface LookRow {
  at: string;
  actor: string;
  agency: string | null;
  action: string;
  records: number;
}

/** Who has read or changed anything about a child: for the privacy officer and the allocated worker. */
export function whoHasLookedPage(personId: number, looks: LookRow[], user: PageUser): Html {
  return layout('Who has looked', html`
<p><a href="/people/${personId}">Back to the record</a></p>
<h1>Who has looked at this record</h1>
<p>Every read and change naming this person, newest first. Emergency (break-glass) access is shown as <strong>break-glass</strong>.</p>
<table>
<caption>${looks.length} entries in the audit trail</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Agency</th><th scope="col">What</th><th scope="col">Records</th></tr></thead>
<tbody>
${looks.map((l) => html`<tr><td>${l.at.slice(0, 16).replace('T', ' ')}</td><td>${l.actor}</td><td>${l.agency ?? ''}</td><td>${l.action === 'break-glass' ? html`<strong class="alert">break-glass</strong>` : l.action}</td><td>${l.records}</td></tr>
`)}
</tbody>
</table>`, user);
}

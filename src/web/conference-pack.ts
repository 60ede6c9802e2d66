// GET /people/:id/conference-pack: a printable pack for a child protection conference (alerts, household,
// the plan's actions, notifications to the reader's agency, injuries, the chronology), from the repository's own audited reads, so the pack
// shows what this reader may see and no more. GET …/conference-pack.pdf renders the same page to a PDF
// with the system's Chromium (playwright-core); without Chromium, 503 and a page that says so. playwright-core
// is a development dependency, loaded only when a PDF is asked for, so a production install
// (npm ci --omit=dev) starts and serves everything else, and answers a PDF with that 503 page. Both carry
// the pack's protective marking: at the top of the page, and at the top and bottom of every PDF page.
import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUserPage } from './http-auth.ts';
import type { SharedEntry } from '../access/sharing-policy.ts';
import type { Repository } from '../app/repository.ts';
import type { Session } from '../access/sessions.ts';
import { personIdOf } from './api/chronology-routes.ts';
import { describeInjury } from '../chronology/summary.ts';
import type { NotificationKind, NotificationView } from '../workflow/notifications.ts';
import { agencyStyles, AGE_BANDS, injuriesOf, renderBodyMap, swatch } from './body-map.ts';
import { escapeHtml } from './html.ts';
import { pageUser, renderView, sendPage, type PageContext } from './render.ts';
import { whoLabel } from './who-has-looked.ts';
import { childNotFound, SEVERITY_TAG, formatDate, formatDateTime, formatNhs, sentence } from './work-common.ts';
import { londonDate } from '../records/dates.ts';

/**
 * The pack's protective marking under the UK Government Security Classifications, with its handling caveat:
 * it names a child and their family. The one source for the page (and its print) and every page of the PDF.
 */
export const PROTECTIVE_MARKING = { classification: 'OFFICIAL-SENSITIVE', caveat: 'personal information about a child' } as const;

/** Debian's Chromium, as the browser tests use it (CHROMIUM_PATH to use another). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The made-up origin the pack is loaded from inside Chromium: every request to it is answered here, every other refused. */
const PACK_ORIGIN = 'http://threadline-pack.invalid';
const ACTION_TAG: Record<string, string> = { done: 'govuk-tag--green', overdue: 'govuk-tag--red', open: 'govuk-tag--blue' };
const NOTIFICATION_KIND: Record<NotificationKind, string> = { household: 'Household or placement', 'allocated-worker': 'Allocated worker', 'meeting-decisions': 'Meeting decisions', relationship: 'Access to the full picture' };

/** A notification as the pack lists it: when, what about, and who acknowledged it when. */
const notificationRow = (n: NotificationView) => ({
  sent: formatDateTime(n.createdAt), kind: NOTIFICATION_KIND[n.kind], about: sentence(n.about),
  acknowledged: n.acknowledged && { by: whoLabel(n.acknowledged.by), at: formatDateTime(n.acknowledged.at) },
});

/**
 * Everything in the pack, or null when the child does not exist for this reader: what the child's page reads
 * (Repository.childPage, one audited read) and the notifications sent to the reader's agency.
 */
async function packContext(repo: Repository, s: Session, id: number): Promise<PageContext | null> {
  const reads = await repo.childPage(s.actor, id);
  if (!reads) return null;
  const { chronology: c, household, process, facts } = reads;
  const alerts = reads.alerts.filter((a) => a.status !== 'closed');
  // Those sent to the reader's agency only (the repository filters by agency); newest first there, earliest first here like the rest of the pack.
  const notifications = (await repo.notifications(s.actor, { personId: id, limit: 200 })).reverse();
  const name = c.person.name;
  const injuries = c.entries.flatMap((e) => e.injuries.map((i) => ({
    on: formatDate(e.occurredOn), source: e.source, agency: e.agency.name, type: sentence(i.type.replace(/-/g, ' ')), site: sentence(i.site.replace(/-/g, ' ')),
    side: i.side ?? '', description: sentence(describeInjury(i)), raw: i,
  })));
  const mapInjuries = injuriesOf(c.entries);
  const styles = agencyStyles(mapInjuries.map((i) => ({ id: i.agencyId, name: i.agencyName })));
  // The body map and its legend (markup escaped by body-map.ts and here); the injuries table beside it says the same in words.
  const bodyMap = mapInjuries.length ? `<div class="tl-pack-map">${renderBodyMap(mapInjuries, { styles })}</div>`
    + `<ul class="govuk-list govuk-body-s tl-pack-legend">${[...styles.values()].map((st) => `<li>${swatch(st)} ${escapeHtml(st.agencyName)} (${st.colourName} ${st.shape})</li>`).join('')}`
    + `<li>Larger, darker markers are more recent: ${AGE_BANDS.map((b) => escapeHtml(b.label)).join('; ')}. A dashed outline: the side was not recorded.</li></ul>` : null;
  return {
    title: `Conference pack: ${name}`, bodyMap, user: pageUser(s), marking: PROTECTIVE_MARKING,
    child: { id, name, dob: formatDate(c.person.dob), nhsNumber: facts.nhsNumbers.map(formatNhs).join(', '), agencies: c.person.agencies.join(', ') },
    preparedAt: formatDateTime(repo.clock()), preparedBy: s.actor.username,
    alerts: alerts.map((a) => ({ severity: sentence(a.severity), severityClass: SEVERITY_TAG[a.severity] ?? '', rule: sentence(a.rule.replace(/-/g, ' ')), explanation: a.explanation, status: sentence(a.status), first: formatDate(a.firstFiredOn), last: formatDate(a.lastFiredOn) })),
    household: {
      addresses: household.addresses.map((a) => ({ address: [a.address, a.postcode].filter(Boolean).join(', ') || 'Not known', from: formatDate(a.from), to: formatDate(a.to) })),
      members: household.members.map((m) => ({ name: m.name, personId: m.personId, dob: formatDate(m.dob), relationship: m.relationships.join(', ') || m.roles.join(', '), from: formatDate(m.from), to: formatDate(m.to), current: m.current, knownToSocialCare: m.knownToSocialCare })),
      network: household.network.map((n) => ({ name: n.name, relationship: n.relationships.join(', ') || n.roles.join(', '), knownToSocialCare: n.knownToSocialCare })),
      withheld: household.withheld,
    },
    plan: process?.plan ? { since: formatDate(process.plan.since), categories: process.plan.categories.join(', '), endedOn: formatDate(process.plan.endedOn), source: process.plan.source } : null,
    actions: (process?.meetings ?? []).flatMap((m) => m.actions.map((a) => ({
      meeting: `${m.kind === 'conference' ? 'Conference' : 'Core group'}, ${formatDate(m.heldOn)}`, action: a.action, owner: a.owner, due: formatDate(a.due),
      status: sentence(a.status), statusClass: ACTION_TAG[a.status] ?? '', done: a.done ? `${a.done.note} (${a.done.by}, ${formatDate(londonDate(new Date(a.done.at)))})` : null,
    }))),
    notifications: notifications.map(notificationRow),
    injuries,
    entries: (c.entries as SharedEntry[]).map((e) => ({
      on: `${formatDate(e.occurredOn)}${e.certainty === 'approximate' ? ' (approx.)' : ''}`, agency: e.agency.name, source: e.source, summary: e.summary,
      narrative: e.narrative ?? null, injuries: e.injuries.map((i) => sentence(describeInjury(i))), redacted: e.redacted === true, withheld: e.withheld ?? null,
      alerts: e.alerts.filter((a) => a.firedOn === e.occurredOn).map((a) => `${sentence(a.severity)}: ${a.rule.replace(/-/g, ' ')}`),
    })),
  };
}

// ---- PDF ----

let pdfQueue: Promise<unknown> = Promise.resolve();

/** One at a time: each PDF starts its own Chromium, which is heavy on a small server. */
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = pdfQueue.then(job, job);
  pdfQueue = run.catch(() => undefined);
  return run;
}

/** The side margin of the PDF's pages, which its header and footer line up with. */
const PDF_SIDE_MARGIN = '12mm';
interface Marking { readonly classification: string; readonly caveat: string }

// Chromium's header and footer templates: their own documents, unstyled (font-size 0) unless told inline.
const pdfHeader = (m: Marking) =>
  `<div style="font: 9px Arial, sans-serif; width: 100%; margin: 0 ${PDF_SIDE_MARGIN}; text-align: center;"><strong>${escapeHtml(m.classification)}</strong>: ${escapeHtml(m.caveat)}</div>`;
const pdfFooter = (m: Marking, text: string) =>
  `<div style="font: 8px Arial, sans-serif; width: 100%; margin: 0 ${PDF_SIDE_MARGIN}; display: grid; grid-template-columns: 1fr auto 1fr; gap: 4mm;">`
  + `<span>${escapeHtml(text)}</span><strong>${escapeHtml(m.classification)}</strong><span style="text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

/**
 * A page's HTML as an A4 PDF: loaded in Chromium (JavaScript off) from a made-up origin whose requests are
 * answered here: the page itself, and its stylesheets and fonts from `asset`. Nothing else is fetched. The
 * marking heads and foots every page (required: nothing this makes may leave unmarked).
 */
/** Thrown when the PDF library is not installed (a production install leaves development dependencies out). */
export class PdfLibraryMissing extends Error {
  override name = 'PdfLibraryMissing';
}

/** playwright-core's Chromium, imported on first use; PdfLibraryMissing when the package is not installed. */
async function loadChromium(): Promise<(typeof import('playwright-core'))['chromium']> {
  try {
    return (await import('playwright-core')).chromium;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new PdfLibraryMissing('playwright-core is not installed');
    throw e;
  }
}

export async function htmlToPdf(
  html: string, asset: (path: string) => Promise<{ type: string; body: Buffer } | null>, opts: { marking: Marking; footer?: string },
): Promise<Buffer> {
  return oneAtATime(async () => {
    const chromium = await loadChromium();
    const browser = await chromium.launch({ executablePath: chromiumPath() });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== PACK_ORIGIN) return route.abort();
        if (url.pathname === '/pack') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        const found = url.pathname.startsWith('/assets/') ? await asset(url.pathname) : null;
        return found ? route.fulfill({ status: 200, contentType: found.type, body: found.body }) : route.abort();
      });
      await page.goto(`${PACK_ORIGIN}/pack`, { waitUntil: 'load', timeout: 30_000 });
      const pdf = await page.pdf({
        // Top and bottom margins leave room for the header's and footer's line of text above and below the page's own.
        format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: PDF_SIDE_MARGIN, right: PDF_SIDE_MARGIN },
        displayHeaderFooter: true, headerTemplate: pdfHeader(opts.marking), footerTemplate: pdfFooter(opts.marking, opts.footer ?? ''),
      });
      return pdf;
    } finally {
      await browser.close();
    }
  });
}

export async function conferencePackRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  async function start(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return null;
    const id = personIdOf(request.params.id);
    const ctx = id === null ? null : await packContext(repo, s, id);
    if (!ctx) {
      await childNotFound(request, reply, s, id);
      return null;
    }
    return { s, id: id!, ctx };
  }

  app.get<{ Params: { id: string } }>('/people/:id/conference-pack', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    return sendPage(request, reply, 'conference-pack.njk', ok.ctx);
  });

  app.get<{ Params: { id: string } }>('/people/:id/conference-pack.pdf', async (request, reply) => {
    const ok = await start(request, reply);
    if (!ok) return reply;
    if (!existsSync(chromiumPath())) return pdfUnavailable(request, reply, ok.s, ok.id);
    // The same page, without the per-request nonce (Chromium runs no script here).
    const html = renderView('conference-pack.njk', { ...ok.ctx, pdf: true });
    const asset = async (path: string) => {
      const res = await app.inject({ method: 'GET', url: path });
      return res.statusCode === 200 ? { type: String(res.headers['content-type'] ?? 'application/octet-stream'), body: res.rawPayload } : null;
    };
    let pdf: Buffer;
    try {
      pdf = await htmlToPdf(html, asset, { marking: PROTECTIVE_MARKING, footer: `${String(ok.ctx.title)}, prepared ${String(ok.ctx.preparedAt)}` });
    } catch (e) {
      if (e instanceof PdfLibraryMissing) return pdfUnavailable(request, reply, ok.s, ok.id, 'the PDF component (playwright-core) is not installed');
      request.log.error({ err: { type: (e as Error).name } }, 'conference pack PDF failed');
      return pdfUnavailable(request, reply, ok.s, ok.id);
    }
    return reply.code(200).type('application/pdf')
      .header('content-disposition', `attachment; filename="conference-pack-${ok.id}.pdf"`)
      .send(pdf);
  });
}

function pdfUnavailable(request: FastifyRequest, reply: FastifyReply, s: Session, id: number, why = 'Chromium is not installed or would not start'): FastifyReply {
  request.log.warn({ chromium: chromiumPath(), why }, 'conference pack PDF unavailable');
  return sendPage(request, reply, 'error.njk', {
    title: 'The PDF cannot be made', heading: 'The PDF cannot be made', user: pageUser(s),
    message: `This server cannot make PDFs at the moment (${why}). Open the conference pack and print it from your browser instead: the printed page leaves out the navigation.`,
    back: `/people/${id}/conference-pack`,
  }, 503);
}

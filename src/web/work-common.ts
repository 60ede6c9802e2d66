// Small helpers shared by the work pages (home, find, record, process, conference pack).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../access/sessions.ts';
import { pageUser, sendPage } from './render.ts';
import { londonDate } from '../records/dates.ts';

/** A form field as a string ('' when absent or not text). */
export const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** A query parameter as a string ('' when absent or repeated). */
export const queryParam = (request: FastifyRequest, name: string): string => {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as GOV.UK writes it: "3 February 2020"; a partial date as far as it goes ("February 2020", "2020"). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return value;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1]!;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as a London date and time: "3 February 2020, 14:05". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return `${formatDate(londonDate(d))}, ${london.format(d)}`;
}

/** Today in London, YYYY-MM-DD (the one calendar "today": records/dates.ts). */
export const londonToday = londonDate;

/** An NHS number as it is usually written: "943 476 5919". */
export const formatNhs = (nhs: string | null | undefined): string =>
  nhs && /^\d{10}$/.test(nhs) ? `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` : nhs ?? '';

/** An alert's severity as a GOV.UK tag colour. */
export const SEVERITY_TAG: Record<string, string> = { critical: 'govuk-tag--red', high: 'govuk-tag--orange', medium: 'govuk-tag--yellow', low: 'govuk-tag--grey' };

/** The first letter of a repository message in capitals, for an error summary. */
export const sentence = (message: string): string => (message ? message[0]!.toUpperCase() + message.slice(1) : message);

const NO_CHILD = 'There is no such child, or you have no relationship with them.';

/**
 * "Page not found": the one answer for an address, child, record or alert that does not exist and for one
 * the user may not see (so a refusal tells nothing). With `personId`, a signed-in user is offered break-glass.
 */
export function notFoundPage(request: FastifyRequest, reply: FastifyReply, s: Session | null, opts: { personId?: number | null; message?: string } = {}): FastifyReply {
  return sendPage(request, reply, 'not-found.njk', {
    title: 'Page not found', ...(s ? { user: pageUser(s) } : {}), personId: opts.personId ?? null,
    message: opts.message ?? 'If you typed the web address, check it is correct. If you followed a link, it may be out of date.',
  }, 404);
}

/** A child who does not exist or whom the user may not see. */
export const childNotFound = (request: FastifyRequest, reply: FastifyReply, s: Session, personId: number | null): FastifyReply =>
  notFoundPage(request, reply, s, { personId, message: NO_CHILD });

/** Day, month and year fields to YYYY-MM-DD when they make one (not checked for being a real date), else null. */
export function dateFromParts(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The day, month and year of a YYYY-MM-DD date, for a GOV.UK date input. */
export function partsOf(date: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}

/** An error for the error summary and the field it belongs to. */
export interface FieldError {
  field: string;
  text: string;
}

/** The error summary's list (one entry per field) and each field's message. */
export function errorsFor(list: FieldError[]): { errors: { text: string; href: string }[]; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const e of list) fieldErrors[e.field] ??= e.text;
  return { errors: Object.entries(fieldErrors).map(([f, text]) => ({ text, href: `#${f}` })), fieldErrors };
}

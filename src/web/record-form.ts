// GET/POST /record "Record a concern or an observation": one agency record, built from a short form as
// the user's own agency, sent through the one write path (repo.ingest) and so through exactly the API's
// validation. A refused record comes back as the form, with each problem (a JSON pointer) at its field.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUserPage } from './http-auth.ts';
import type { Repository } from '../app/repository.ts';
import type { Session } from '../access/sessions.ts';
import { personIdOf } from './api/chronology-routes.ts';
import type { PersonCard } from '../identity/find-people.ts';
import type { Problem } from '../shared/problems.ts';
import { BODY_SITES, renderBodyMap, SITE_NAMES, sitePoint } from './body-map.ts';
import { escapeHtml } from './html.ts';
import { enumOf, label, options } from './record-form-choices.ts';
import { pageUser, sendPage } from './render.ts';
import { errorsFor, field, formatDate, formatNhs, londonToday, partsOf, queryParam, type FieldError } from './work-common.ts';

// The choices come from the contract's own schema (./record-form-choices.ts), so the form never offers what ingest refuses.

export const FORM_KINDS = [
  { value: 'concern', text: 'A concern', hint: 'Something you saw, heard or were told that worries you about the child' },
  { value: 'attendance', text: 'An attendance', hint: 'The child was seen by a health service: a GP, a hospital, a clinic, a dentist' },
  { value: 'visit', text: 'A visit or an observation', hint: 'A home visit, a health visit, a welfare check' },
  { value: 'appointment-missed', text: 'A missed appointment', hint: 'The child was not brought, or did not come' },
] as const;
type FormKind = (typeof FORM_KINDS)[number]['value'];
const isFormKind = (k: string): k is FormKind => FORM_KINDS.some((x) => x.value === k);

/** Injury rows on the form (blank rows are left out of the record). */
export const INJURY_ROWS = 3;
export const INJURY_TYPES = enumOf('injury', 'type');
export const INJURY_SITES = enumOf('injury', 'site');
export const INJURY_SIDES = enumOf('injury', 'side');

/** Every field the form posts, so a refused form is shown again as typed. */
const TEXT_FIELDS = [
  'kind', 'child', 'given', 'family', 'dob-day', 'dob-month', 'dob-year', 'nhs', 'occurred-day', 'occurred-month', 'occurred-year', 'approximate',
  'concern-category', 'concern-description', 'concern-reported-by', 'attendance-setting', 'attendance-complaint', 'attendance-explanation', 'attendance-outcome',
  'visit-purpose', 'visit-announced', 'visit-seen', 'visit-seen-alone', 'visit-access', 'visit-observations', 'missed-service', 'missed-not-brought',
  ...Array.from({ length: INJURY_ROWS }, (_, i) => [`injury-${i}-type`, `injury-${i}-site`, `injury-${i}-side`]).flat(),
];
type Values = Record<string, string>;

// ---- form -> agency record ----

const yesNo = (v: string): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
const text = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);
/** Only the keys with a value: an absent field is left out, so the contract's own "required" says so. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

function dateString(day: string, month: string, year: string): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)) return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return [y, m, d].filter(Boolean).join('-');
}

/** A date of birth: in full, or only the month and year, or only the year (the contract allows them); absent when blank. */
function dobString(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return undefined;
  if (!d && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)) return `${y}-${m.padStart(2, '0')}`;
  if (!d && !m && /^\d{4}$/.test(y)) return y;
  return dateString(d, m, y);
}

function injuriesOf(v: Values): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < INJURY_ROWS; i++) {
    const [type, site, side] = [v[`injury-${i}-type`]!, v[`injury-${i}-site`]!, v[`injury-${i}-side`]!];
    if (type || site || side) out.push(defined({ type, site, side }));
  }
  return out;
}

function bodyOf(kind: string, v: Values): Record<string, unknown> {
  const injuries = injuriesOf(v);
  // Injuries go with the record whatever its kind: a kind that has none is refused by the contract, at them.
  const withInjuries = injuries.length ? { injuries } : {};
  switch (kind) {
    case 'concern':
      return defined({ category: v['concern-category'], description: text(v['concern-description']!), reportedBy: v['concern-reported-by'], ...withInjuries });
    case 'attendance':
      return defined({ setting: v['attendance-setting'], complaint: text(v['attendance-complaint']!), explanation: text(v['attendance-explanation']!), outcome: v['attendance-outcome'], ...withInjuries });
    case 'visit':
      return defined({ purpose: v['visit-purpose'], announced: yesNo(v['visit-announced']!), childSeen: yesNo(v['visit-seen']!), childSeenAlone: yesNo(v['visit-seen-alone']!), access: v['visit-access'], observations: text(v['visit-observations']!), ...withInjuries });
    case 'appointment-missed':
      return defined({ service: text(v['missed-service']!), wasNotBrought: yesNo(v['missed-not-brought']!), ...withInjuries });
    default:
      return {};
  }
}

/** The agency record the form describes, as the user's agency, with a fresh reference. */
export function recordFromForm(v: Values, s: Session, child: PersonCard | null): Record<string, unknown> {
  const person = child
    ? defined({ key: 'child', role: 'subject', name: defined({ given: child.given ?? undefined, family: child.family ?? undefined }), dob: child.dob ?? undefined, nhsNumber: child.nhsNumber ?? undefined })
    : defined({
      key: 'child', role: 'subject', name: defined({ given: text(v.given!), family: text(v.family!) }),
      dob: dobString(v['dob-day']!, v['dob-month']!, v['dob-year']!), nhsNumber: text(v.nhs!.replace(/[\s-]/g, '')),
    });
  return {
    format: 'agency-record/1',
    agency: s.actor.agencyId,
    ref: `web-${randomUUID()}`,
    kind: v.kind,
    occurredAt: dateString(v['occurred-day']!, v['occurred-month']!, v['occurred-year']!),
    certainty: v.approximate === 'yes' ? 'approximate' : 'documented',
    people: [person],
    body: bodyOf(v.kind!, v),
    author: { name: s.actor.username, role: s.actor.roles.join(', ') },
    source: 'Threadline: recorded on the web form',
  };
}

// ---- problems (JSON pointers) -> the form's fields ----

const BODY_FIELDS: Record<FormKind, Record<string, string>> = {
  concern: { category: 'concern-category', description: 'concern-description', reportedBy: 'concern-reported-by' },
  attendance: { setting: 'attendance-setting', complaint: 'attendance-complaint', explanation: 'attendance-explanation', outcome: 'attendance-outcome' },
  visit: { purpose: 'visit-purpose', announced: 'visit-announced', childSeen: 'visit-seen', childSeenAlone: 'visit-seen-alone', access: 'visit-access', observations: 'visit-observations' },
  'appointment-missed': { service: 'missed-service', wasNotBrought: 'missed-not-brought' },
};

const MESSAGES: Record<string, string> = {
  kind: 'Select what you are recording',
  given: "Enter the child's given name or family name",
  family: "Enter the child's family name",
  'dob-day': "Enter the child's date of birth as a real date, for example 27 3 2019, or leave it blank",
  nhs: 'Enter the 10-digit NHS number from the child\'s records, or leave it blank',
  'occurred-day': 'Enter the date it happened as a real date, for example 27 3 2026',
  'concern-category': 'Select the kind of concern',
  'concern-description': 'Describe the concern',
  'concern-reported-by': 'Select who first raised the concern, or leave it blank',
  'attendance-setting': 'Select where the child was seen',
  'attendance-complaint': 'Enter why the child was seen',
  'attendance-explanation': 'The explanation is too long',
  'attendance-outcome': 'Select what happened next',
  'visit-purpose': 'Select the purpose of the visit',
  'visit-announced': 'Select yes if the family knew about the visit beforehand',
  'visit-seen': 'Select yes if you saw the child',
  'visit-seen-alone': 'Select yes if you saw the child alone',
  'visit-access': 'Select how far into the home you got, or leave it blank',
  'visit-observations': 'The observations are too long',
  'missed-service': 'Enter the service or the appointment that was missed',
  'missed-not-brought': 'Select yes if the child was not brought to the appointment',
};

/** The form field a problem is about (the id its error summary entry links to). */
export function fieldOf(pointer: string, kind: string, prefilled: boolean): string {
  const parts = pointer.split('/').slice(1);
  const [head, second, third, fourth] = parts;
  if (head === 'kind') return 'kind';
  if (head === 'occurredAt' || head === 'certainty') return 'occurred-day';
  if (head === 'people') {
    if (prefilled) return 'child-summary';
    if (third === 'dob') return 'dob-day';
    if (third === 'nhsNumber') return 'nhs';
    if (third === 'name' && fourth === 'family') return 'family';
    return 'given';
  }
  if (head === 'body' && second === 'injuries') {
    const row = third !== undefined && /^\d+$/.test(third) && Number(third) < INJURY_ROWS ? Number(third) : 0;
    return `injury-${row}-${fourth === 'site' || fourth === 'side' ? fourth : 'type'}`;
  }
  if (head === 'body' && isFormKind(kind)) return BODY_FIELDS[kind][second ?? ''] ?? Object.values(BODY_FIELDS[kind])[0]!;
  return 'kind';
}

/** A problem in words for the person at the form (the contract's message is for a sending system's developer). */
export function messageOf(p: Problem, fieldId: string): string {
  if (fieldId === 'occurred-day' && p.code === 'in-future') return 'The date it happened must be today or in the past';
  if (fieldId === 'occurred-day' && p.code === 'before-birth') return "The date it happened must be on or after the child's date of birth";
  if (fieldId === 'dob-day' && p.code === 'in-future') return 'The date of birth must be in the past';
  if (p.code === 'contradictory') return 'You said nobody answered the door: select no for seeing the child, or choose how far into the home you got';
  if (fieldId === 'nhs' && p.code === 'nhs-number-check-digit') return 'That is not a valid NHS number: check the 10 digits';
  if (p.code === 'too-long') return `${label(fieldId.replace(/^\w+-/, ''))} is too long: ${p.message}`;
  if (fieldId.startsWith('injury-')) {
    const [, row, what] = fieldId.split('-');
    const n = Number(row) + 1;
    if (p.code === 'unknown-property') return 'Injuries are recorded with an attendance or a visit: choose one of those, or leave the injuries blank';
    return what === 'site' ? `Select where on the body injury ${n} is` : what === 'side' ? `Select the side of injury ${n}` : `Select the type of injury ${n}`;
  }
  if (fieldId === 'child-summary') return `The child's details could not be used: ${p.message}`;
  return MESSAGES[fieldId] ?? p.message;
}

// ---- the clickable body map (an enhancement: static/record-form.js fills a row's site and side from it) ----

let picker: string | undefined;
/**
 * The body map's outline with a spot for each site and side of the contract. Pointer-only and hidden from
 * assistive technology: the selects beside it are the same choice for everyone, with or without JavaScript.
 */
export function bodyMapPicker(): string {
  if (picker) return picker;
  const spots = SITE_NAMES.filter((site) => site !== 'other').flatMap((site) => {
    const s = BODY_SITES[site];
    const sides = s.paired ? ['right', 'left'] : s.dx > 0 ? ['right', 'midline', 'left'] : ['midline'];
    return sides.map((side) => {
      const p = sitePoint(site, side === 'midline' ? undefined : side);
      const name = `${side === 'midline' ? '' : `${side} `}${s.label}`;
      return `<circle class="tl-map-spot" cx="${p.x}" cy="${p.y}" r="5" data-site="${site}" data-side="${side}" data-label="${escapeHtml(name)}"><title>${escapeHtml(name)}</title></circle>`;
    });
  });
  picker = renderBodyMap([], { styles: new Map() }).replace(/ role="img" aria-label="[^"]*"/, '').replace(/<\/svg>$/, `<g class="tl-map-spots">${spots.join('')}</g></svg>`);
  return picker;
}

// ---- the pages ----

function childView(c: PersonCard) {
  return { id: c.id, name: c.name, dob: formatDate(c.dob), nhsNumber: formatNhs(c.nhsNumber) };
}

function formContext(s: Session, values: Values, child: PersonCard | null, fieldErrors: Record<string, string> = {}) {
  const injuries = Array.from({ length: INJURY_ROWS }, (_, i) => ({
    index: i, number: i + 1,
    type: options(INJURY_TYPES, values[`injury-${i}-type`] ?? '', 'No injury'),
    site: options(INJURY_SITES, values[`injury-${i}-site`] ?? '', 'Choose where'),
    side: options(INJURY_SIDES, values[`injury-${i}-side`] ?? '', 'Not known or not relevant'),
  }));
  return {
    title: 'Record a concern or an observation', nav: 'record' as const, user: pageUser(s),
    values, child: child ? childView(child) : null, fieldErrors,
    kinds: FORM_KINDS.map((k) => ({ value: k.value, text: k.text, hint: { text: k.hint }, checked: values.kind === k.value })),
    concernCategories: options(enumOf('concern', 'category'), values['concern-category'] ?? '', 'Choose one (optional)'),
    reporters: options(enumOf('concern', 'reportedBy'), values['concern-reported-by'] ?? '', 'Choose one (optional)'),
    accessChoices: options(enumOf('visit', 'access'), values['visit-access'] ?? '', 'Choose one (optional)'),
    settings: options(enumOf('attendance', 'setting'), values['attendance-setting'] ?? '', 'Choose where'),
    outcomes: options(enumOf('attendance', 'outcome'), values['attendance-outcome'] ?? '', 'Choose one (optional)'),
    purposes: options(enumOf('visit', 'purpose'), values['visit-purpose'] ?? '', 'Choose the purpose'),
    injuries, bodyMap: bodyMapPicker(),
  };
}

async function childFor(repo: Repository, s: Session, raw: string): Promise<PersonCard | null> {
  const id = personIdOf(raw);
  if (id === null) return null;
  return (await repo.personCards(s.actor, [id]))[0] ?? null;
}

export async function recordFormRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.get('/record', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const child = await childFor(repo, s, queryParam(request, 'child'));
    const today = partsOf(londonToday(repo.clock()));
    const values: Values = {
      kind: isFormKind(queryParam(request, 'kind')) ? queryParam(request, 'kind') : 'concern',
      child: child ? String(child.id) : '',
      'occurred-day': today.day, 'occurred-month': today.month, 'occurred-year': today.year,
    };
    return sendPage(request, reply, 'record.njk', formContext(s, values, child));
  });

  app.post('/record', async (request: FastifyRequest, reply: FastifyReply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const values: Values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, field(request.body, f)]));
    const child = values.child ? await childFor(repo, s, values.child) : null;
    if (!child) values.child = '';
    const refuse = (list: FieldError[]) => {
      const { errors, fieldErrors } = errorsFor(list);
      return sendPage(request, reply, 'record.njk', { ...formContext(s, values, child, fieldErrors), errors }, 422);
    };
    if (!isFormKind(values.kind!)) return refuse([{ field: 'kind', text: MESSAGES.kind! }]);
    const record = recordFromForm(values, s, child);
    const outcome = await repo.ingest(s.actor, [record]);
    const result = outcome.results[0]!;
    if (result.status === 'refused') {
      return refuse((result.problems ?? []).map((p) => {
        const f = fieldOf(p.pointer, values.kind!, child !== null);
        return { field: f, text: messageOf(p, f) };
      }));
    }
    const personId = child && outcome.personIds.includes(child.id) ? child.id : outcome.personIds[0];
    return reply.redirect(`/record/done?kind=${encodeURIComponent(values.kind)}${personId !== undefined ? `&child=${personId}` : ''}`, 303);
  });

  app.get('/record/done', async (request, reply) => {
    const s = await requireUserPage(repo, request, reply);
    if (!s) return reply;
    const kind = FORM_KINDS.find((k) => k.value === queryParam(request, 'kind'));
    const childId = personIdOf(queryParam(request, 'child'));
    const what = kind ? { concern: 'Concern', attendance: 'Attendance', visit: 'Visit', 'appointment-missed': 'Missed appointment' }[kind.value] : 'Record';
    return sendPage(request, reply, 'record-done.njk', { title: `${what} recorded`, nav: 'record', user: pageUser(s), heading: `${what} recorded`, childId });
  });
}

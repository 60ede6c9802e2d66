// The child's page as data: plain functions from what the Repository read
// (chronology, household, process, alerts and the page's few facts) and the
// query string to what the views (views/child*.njk) show. No database, no
// HTTP: each part is testable alone. The views escape every string.
import type { SharedChronology, SharedEntry } from '../access/sharing-policy.ts';
import type { SharedHousehold } from '../household/household.ts';
import { ageAt, type Evidence } from '../household/derive.ts';
import { isAdultInHome } from '../household/adulthood.ts';
import type { ChildProcessView } from '../workflow/process-view.ts';
import type { Deadline } from '../statutory/process.ts';
import type { AlertView } from '../risk/lifecycle.ts';
import { RULES } from '../risk/engine.ts';
import { RECORD_KINDS } from '../records/types.ts';
import { describeInjury } from '../chronology/summary.ts';
import type { CaseWorker, RecordVersion } from '../app/child-queries.ts';
import { formatNhs, sentence, SEVERITY_TAG } from './work-common.ts';
import { AGE_BANDS, agencyStyles, injuriesOf, injuryType, renderBodyMap, siteLabel, swatch, type MapInjury } from './body-map.ts';

export interface ChildFacts {
  network: CaseWorker[];
  nhsNumbers: string[];
  readable: number[];
}

export interface ChildPageInput {
  personId: number;
  /** the page's date, YYYY-MM-DD */
  today: string;
  chronology: SharedChronology;
  household: SharedHousehold | null;
  process: ChildProcessView | null;
  alerts: AlertView[];
  facts: ChildFacts | null;
  query: Record<string, unknown>;
  /** the signed-in user, to offer "who has looked" to the allocated worker */
  viewer?: { name: string };
}

export interface PageError {
  text: string;
  href: string;
}

// ---- words and dates ----

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "9 April 2007" (GOV.UK's style); a partial date as far as it goes; anything else as it is. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m[2] || !month) return m[1]!;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

const words = (s: string) => s.replace(/-/g, ' ');

/** An age in words: months under 2, years from then ("17 months", "4 years"); null when it cannot be said. */
export function ageText(dob: string | null, on: string): string | null {
  const m = dob ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(dob) : null;
  const o = /^(\d{4})-(\d{2})-(\d{2})/.exec(on);
  if (!m || !o) return null;
  const months = (Number(o[1]) - Number(m[1])) * 12 + (Number(o[2]) - Number(m[2])) - (Number(o[3]) < Number(m[3] ?? '01') ? 1 : 0);
  if (months < 0) return null;
  if (months < 24) return `${months} month${months === 1 ? '' : 's'}`;
  return `${Math.floor(months / 12)} years`;
}
const recordHref = (personId: number, recordId: number) => `/people/${personId}/records/${recordId}`;

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'] as const;
export const STATUS_TAG: Record<string, string> = { open: 'govuk-tag--red', acknowledged: 'govuk-tag--yellow', actioned: 'govuk-tag--turquoise', closed: 'govuk-tag--grey' };

// ---- the query string ----

export interface ChronologyFilter {
  agency: string;
  kind: string;
  from: string;
  to: string;
}

export interface PageFilters {
  chronology: ChronologyFilter;
  map: { from: string; to: string };
  errors: PageError[];
  /** per field id, the error message shown by the field */
  fieldErrors: Record<string, string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return ISO_DATE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const param = (query: Record<string, unknown>, name: string) => {
  const v = query[name];
  return typeof v === 'string' ? v.trim().slice(0, 100) : '';
};

/** The chronology's and the body map's filters from the query string; a date that is not one is said so and left out. */
export function parseFilters(query: Record<string, unknown>): PageFilters {
  const errors: PageError[] = [];
  const fieldErrors: Record<string, string> = {};
  const date = (name: string, id: string, what: string) => {
    const v = param(query, name);
    if (v && !realDate(v)) {
      const text = `${what} must be a real date, like 2007-04-09`;
      errors.push({ text, href: `#${id}` });
      fieldErrors[id] = text;
      return '';
    }
    return v;
  };
  const chronology = {
    agency: param(query, 'agency'),
    kind: param(query, 'kind'),
    from: date('from', 'filter-from', 'The chronology’s “from” date'),
    to: date('to', 'filter-to', 'The chronology’s “to” date'),
  };
  const map = { from: date('mapFrom', 'map-from', 'The body map’s “from” date'), to: date('mapTo', 'map-to', 'The body map’s “to” date') };
  for (const [f, id, what] of [[chronology, 'filter-to', 'chronology'], [map, 'map-to', 'body map']] as const) {
    if (f.from && f.to && f.from > f.to) {
      const text = `The ${what}’s “to” date must be the same as or after its “from” date`;
      errors.push({ text, href: `#${id}` });
      fieldErrors[id] = text;
    }
  }
  return { chronology, map, errors, fieldErrors };
}

const within = (date: string, from: string, to: string) => (!from || date >= from) && (!to || date <= to);

export function filterEntries<E extends Pick<SharedEntry, 'agency' | 'kind' | 'occurredOn'>>(entries: E[], f: ChronologyFilter): E[] {
  return entries.filter((e) => (!f.agency || e.agency.id === f.agency) && (!f.kind || e.kind === f.kind) && within(e.occurredOn, f.from, f.to));
}

// ---- 1. summary ----

export interface SummaryModel {
  dob: string | null;
  dobText: string;
  age: number | null;
  /** "17 months" or "4 years": now, or at death */
  ageText: string | null;
  died: { on: string; text: string } | null;
  nhsNumbers: string[];
  plan: { since: string; sinceText: string; endedOn: string | null; endedText: string; categories: string[]; source: string; href: string | null } | null;
  cinPlan: { since: string; sinceText: string; endedOn: string | null; endedText: string; source: string; href: string | null } | null;
  allocated: (CaseWorker & { sinceText: string }) | null;
  network: (CaseWorker & { roleText: string })[];
  leadAgency: { name: string; source: string } | null;
  openAlerts: number;
  highestSeverity: string | null;
  highestSeverityText: string;
  highestSeverityTag: string;
  nextDeadlines: (Deadline & { dueText: string; whatText: string })[];
  missed: (Deadline & { dueText: string; whatText: string })[];
  missedCount: number;
  agencies: number;
  records: number;
}

export function summaryOf(input: ChildPageInput, hrefOf: (source: string) => string | null, agencyName: (id: string) => string): SummaryModel {
  const { chronology: c, process: p, alerts, facts, today } = input;
  const dob = c.person.dob;
  const open = alerts.filter((a) => a.status !== 'closed');
  const highest = SEVERITY_ORDER.find((s) => open.some((a) => a.severity === s)) ?? null;
  const deadlines = p?.deadlines ?? [];
  const withText = (d: Deadline) => ({ ...d, dueText: longDate(d.due), whatText: sentence(d.what) });
  const running = deadlines.filter((d) => d.status === 'running').sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const missed = deadlines.filter((d) => d.status === 'missed').sort((a, b) => (a.due > b.due ? -1 : a.due < b.due ? 1 : 0));
  const leadSource = p?.plan && !p.plan.endedOn ? p.plan.source : p?.cinPlan && !p.cinPlan.endedOn ? p.cinPlan.source : p?.plan?.source ?? p?.cinPlan?.source ?? null;
  const agencyOf = (source: string) => source.slice(0, source.indexOf('/'));
  const network = facts?.network ?? [];
  const allocated = network.find((w) => w.role === 'allocated-worker');
  const death = c.entries.find((e) => e.kind === 'death' && !(e as SharedEntry).redacted);
  return {
    dob,
    dobText: longDate(dob),
    age: dob ? ageAt(dob, death?.occurredOn ?? today) : null,
    ageText: ageText(dob, death?.occurredOn ?? today),
    died: death ? { on: death.occurredOn, text: longDate(death.occurredOn) } : null,
    nhsNumbers: (facts?.nhsNumbers ?? []).map(formatNhs),
    plan: p?.plan ? { ...p.plan, sinceText: longDate(p.plan.since), endedText: longDate(p.plan.endedOn), href: hrefOf(p.plan.source) } : null,
    cinPlan: p?.cinPlan
      ? { since: p.cinPlan.since, sinceText: longDate(p.cinPlan.since), endedOn: p.cinPlan.endedOn, endedText: longDate(p.cinPlan.endedOn), source: p.cinPlan.source, href: hrefOf(p.cinPlan.source) }
      : null,
    allocated: allocated ? { ...allocated, sinceText: longDate(allocated.since) } : null,
    network: network.map((w) => ({ ...w, roleText: sentence(words(w.role)) })),
    leadAgency: leadSource ? { name: agencyName(agencyOf(leadSource)), source: leadSource } : null,
    openAlerts: open.length,
    highestSeverity: highest,
    highestSeverityText: highest ? sentence(highest) : '',
    highestSeverityTag: highest ? SEVERITY_TAG[highest]! : '',
    nextDeadlines: running.slice(0, 3).map(withText),
    missed: missed.slice(0, 3).map(withText),
    missedCount: missed.length,
    agencies: new Set(c.entries.map((e) => e.agency.id)).size,
    records: c.entries.length,
  };
}

// ---- 2. chronology ----

export interface ChronologyRow {
  recordId: number;
  href: string;
  source: string;
  date: string;
  dateText: string;
  approximate: boolean;
  agency: string;
  kind: string;
  version: number;
  summary: string;
  injuries: string[];
  narrative: string | null;
  alerts: { rule: string; severity: string; tag: string; firedOn: string; firedOnText: string; here: boolean }[];
  others: { name: string; role: string; href: string | null }[];
  redacted: boolean;
  withheld: string | null;
}

export function ruleTitle(rule: string): string {
  return RULES.find((r) => r.id === rule)?.title ?? sentence(words(rule));
}

export function chronologyRow(personId: number, e: SharedEntry, readable: ReadonlySet<number>): ChronologyRow {
  return {
    recordId: e.recordId,
    href: recordHref(personId, e.recordId),
    source: e.source,
    date: e.occurredOn,
    dateText: longDate(e.occurredOn),
    approximate: e.certainty === 'approximate',
    agency: e.agency.name,
    kind: sentence(words(e.kind)),
    version: e.version,
    // The injuries get their own line: out of the summary, which lists them too.
    summary: e.injuries.length ? e.summary.replace(`; injuries: ${e.injuries.map(describeInjury).join(', ')}`, '') : e.summary,
    injuries: e.injuries.map(describeInjury),
    narrative: e.narrative ?? null,
    alerts: e.alerts.map((a) => ({ rule: ruleTitle(a.rule), severity: a.severity, tag: SEVERITY_TAG[a.severity] ?? '', firedOn: a.firedOn, firedOnText: longDate(a.firedOn), here: a.firedOn === e.occurredOn })),
    others: e.others.map((o) => ({
      name: o.name,
      role: o.relationship ?? words(o.role),
      href: o.personId !== null && o.personId !== personId && readable.has(o.personId) ? `/people/${o.personId}` : null,
    })),
    redacted: e.redacted === true,
    withheld: e.withheld ?? null,
  };
}

export interface ChronologyModel {
  rows: ChronologyRow[];
  total: number;
  filter: ChronologyFilter;
  filtered: boolean;
  agencies: { value: string; text: string; selected: boolean }[];
  kinds: { value: string; text: string; selected: boolean }[];
}

export function chronologyOf(input: ChildPageInput, filter: ChronologyFilter, readable: ReadonlySet<number>): ChronologyModel {
  const entries = input.chronology.entries as SharedEntry[];
  const agencies = [...new Map(entries.map((e) => [e.agency.id, e.agency.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const kinds = RECORD_KINDS.filter((k) => entries.some((e) => e.kind === k));
  return {
    rows: filterEntries(entries, filter).map((e) => chronologyRow(input.personId, e, readable)),
    total: entries.length,
    filter,
    filtered: !!(filter.agency || filter.kind || filter.from || filter.to),
    agencies: [{ value: '', text: 'All agencies', selected: !filter.agency }, ...agencies.map(([id, name]) => ({ value: id, text: name, selected: id === filter.agency }))],
    kinds: [{ value: '', text: 'All kinds of record', selected: !filter.kind }, ...kinds.map((k) => ({ value: k, text: sentence(words(k)), selected: k === filter.kind }))],
  };
}

// ---- 3. body map ----

export interface BodyMapModel {
  svg: string;
  injuries: (MapInjury & { dateText: string; typeText: string; href: string | null; siteText: string; sideText: string; swatch: string })[];
  total: number;
  legend: { agency: string; colour: string; shape: string; swatch: string }[];
  ages: { label: string; swatch: string }[];
  dashedSwatch: string;
  filter: { from: string; to: string };
  filtered: boolean;
  dates: string[];
}

export function bodyMapOf(input: ChildPageInput, filter: { from: string; to: string }, hrefOf: (source: string) => string | null): BodyMapModel {
  const all = injuriesOf(input.chronology.entries.filter((e) => !(e as SharedEntry).redacted));
  const shown = all.filter((i) => within(i.date, filter.from, filter.to));
  // Colours follow the order agencies first recorded an injury, over every injury (a filter does not recolour).
  const styles = agencyStyles(all.map((i) => ({ id: i.agencyId, name: i.agencyName })));
  const used = [...styles.values()].filter((s) => shown.some((i) => i.agencyId === s.agencyId));
  const grey = { colour: '#ffffff', shape: 'circle' as const };
  return {
    svg: renderBodyMap(shown, { styles, id: 'body-map-svg' }),
    injuries: shown.map((i) => ({
      ...i,
      dateText: longDate(i.date),
      typeText: sentence(injuryType(i)),
      siteText: sentence(siteLabel(i.site)),
      sideText: i.side ?? 'not recorded',
      href: hrefOf(i.source),
      swatch: swatch(styles.get(i.agencyId)!, { radius: 5 }),
    })),
    total: all.length,
    legend: used.map((s) => ({ agency: s.agencyName, colour: s.colourName, shape: s.shape, swatch: swatch(s) })),
    ages: AGE_BANDS.map((b) => ({ label: b.label, swatch: swatch({ ...grey, colour: '#505a5f' }, { radius: b.radius, opacity: b.opacity }) })),
    dashedSwatch: swatch(grey, { dashed: true }),
    filter,
    filtered: !!(filter.from || filter.to),
    dates: [...new Set(shown.map((i) => i.date))].sort(),
  };
}

// ---- 4. household and network ----

const WHY: Record<string, string> = {
  'household-change': 'a record says they moved in or out',
  placement: 'the child was placed with them',
  'lives-with-subject': 'the agency was told they live with the child',
  'next-of-kin': 'named as next of kin',
  'police-at-address': 'police recorded them at the child’s home',
  'same-address': 'a record gives them the child’s address',
  'co-mentioned': 'named in a record about the child',
  'does-not-live-with': 'the agency was told they do not live with the child',
};

export interface EvidenceItem {
  source: string;
  href: string | null;
  agency: string;
  date: string;
  dateText: string;
  why: string;
  note: string;
}

const evidenceItem = (e: Evidence<string>, hrefOf: (source: string) => string | null, agencyName: (id: string) => string): EvidenceItem => ({
  source: e.source, href: hrefOf(e.source), agency: agencyName(e.agency), date: e.occurredOn, dateText: longDate(e.occurredOn), why: WHY[e.why] ?? words(e.why), note: e.note,
});

export interface HouseholdModel {
  addresses: { address: string; postcode: string | null; from: string; fromText: string; toText: string; current: boolean; placedWith: string | null; evidence: { source: string; href: string | null }[] }[];
  members: {
    name: string; href: string | null; dobText: string; relationship: string; periods: string[]; current: boolean;
    evidence: EvidenceItem[]; contrary: EvidenceItem[];
    unknownAdult: boolean; notKnownToSocialCare: boolean; notKnownText: string | null; knownRecords: { source: string; href: string | null }[];
  }[];
  unknownAdults: string[];
  network: { name: string; href: string | null; relationship: string; evidence: EvidenceItem[]; knownToSocialCare: boolean; notKnownText: string | null }[];
  professionals: { agency: string; people: { name: string; role: string }[]; records: number; workers: CaseWorker[] }[];
  withheld: number;
}

export function householdModelOf(input: ChildPageInput, readable: ReadonlySet<number>, hrefOf: (source: string) => string | null, agencyName: (id: string) => string = (id) => id): HouseholdModel | null {
  const h = input.household;
  if (!h) return null;
  const link = (id: number | null) => (id !== null && id !== input.personId && readable.has(id) ? `/people/${id}` : null);
  const sources = (list: string[]) => list.map((s) => ({ source: s, href: hrefOf(s) }));
  const lastAddress = h.addresses.length - 1;
  const members = h.members.map((m) => {
    const notKnown = !m.knownToSocialCare;
    const adult = isAdultInHome(m, input.today);
    return {
      name: m.name,
      href: link(m.personId),
      dobText: m.dob ? longDate(m.dob) : 'not known',
      relationship: [...m.relationships, ...m.roles.filter((r) => r !== 'subject').map(words)].filter((x, i, a) => a.indexOf(x) === i).join(', ') || 'not said',
      periods: m.periods.map((p) => `${longDate(p.from)} to ${m.current && p === m.periods.at(-1) ? 'now' : longDate(p.to)}`),
      current: m.current,
      evidence: m.evidence.map((e) => evidenceItem(e, hrefOf, agencyName)),
      contrary: m.contrary.map((e) => evidenceItem(e, hrefOf, agencyName)),
      unknownAdult: notKnown && adult,
      notKnownToSocialCare: notKnown,
      notKnownText: m.notKnownToSocialCare ?? (notKnown ? 'No children’s social care record about the child names them.' : null),
      knownRecords: sources(m.socialCareRecords),
    };
  });
  // Professionals, by the agency whose records name them; and Threadline's own case network.
  const byAgency = new Map<string, { agency: string; people: Map<string, { name: string; role: string }>; records: number; workers: CaseWorker[] }>();
  const group = (id: string, name: string) => {
    let g = byAgency.get(id);
    if (!g) byAgency.set(id, (g = { agency: name, people: new Map(), records: 0, workers: [] }));
    return g;
  };
  for (const e of input.chronology.entries) {
    const g = group(e.agency.id, e.agency.name);
    g.records++;
    for (const o of e.others) if (o.role === 'professional') g.people.set(`${o.name}|${o.relationship ?? ''}`, { name: o.name, role: o.relationship ?? 'professional' });
  }
  for (const w of input.facts?.network ?? []) group(w.agencyId, w.agencyName).workers.push(w);
  return {
    addresses: h.addresses.map((a, i) => ({
      address: a.address ?? 'address not recorded', postcode: a.postcode, from: a.from, fromText: longDate(a.from),
      toText: i === lastAddress ? 'now (last record)' : longDate(a.to), current: i === lastAddress,
      placedWith: a.placedWith?.name ?? null, evidence: sources(a.evidence),
    })),
    members,
    unknownAdults: members.filter((m) => m.unknownAdult).map((m) => m.name),
    network: h.network.map((n) => ({
      name: n.name, href: link(n.personId), relationship: [...n.relationships, ...n.roles.map(words)].filter((x, i, a) => a.indexOf(x) === i).join(', ') || 'not said',
      evidence: n.evidence.map((e) => evidenceItem(e, hrefOf, agencyName)), knownToSocialCare: n.knownToSocialCare, notKnownText: n.notKnownToSocialCare ?? null,
    })),
    professionals: [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency)).map((g) => ({ agency: g.agency, people: [...g.people.values()], records: g.records, workers: g.workers })),
    withheld: h.withheld,
  };
}

// ---- 5. alerts ----

export interface AlertModel {
  id: number;
  severity: string;
  severityTag: string;
  status: string;
  statusText: string;
  statusTag: string;
  rule: string;
  title: string;
  explanation: string;
  citation: string | null;
  evidence: { source: string; href: string | null }[];
  firstFiredText: string;
  lastFiredText: string;
  escalated: boolean;
  history: { at: string; text: string }[];
  steps: { acknowledge: boolean; action: boolean; close: boolean };
}

const EVENT_WORDS: Record<string, string> = { fired: 'Raised', acknowledged: 'Acknowledged', actioned: 'Marked actioned', closed: 'Closed', escalated: 'Escalated', withdrawn: 'Withdrawn' };

export function alertModel(a: AlertView, hrefOf: (source: string) => string | null): AlertModel {
  const citation = [...a.events].reverse().find((e) => e.ruleSource)?.ruleSource ?? RULES.find((r) => r.id === a.rule)?.source ?? null;
  return {
    id: a.id,
    severity: a.severity,
    severityTag: SEVERITY_TAG[a.severity] ?? '',
    status: a.status,
    statusText: sentence(a.status),
    statusTag: STATUS_TAG[a.status] ?? '',
    rule: a.rule,
    title: ruleTitle(a.rule),
    explanation: a.explanation,
    citation,
    evidence: a.evidence.map((s) => ({ source: s, href: hrefOf(s) })),
    firstFiredText: longDate(a.firstFiredOn),
    lastFiredText: longDate(a.lastFiredOn),
    escalated: a.escalatedAt !== null,
    history: a.events.filter((e) => e.kind !== 'fired' || e.firedOn).map((e) => ({
      at: e.kind === 'fired' && e.firedOn ? longDate(e.firedOn) : `${longDate(e.at)} ${e.at.slice(11, 16)} UTC`,
      text: `${EVENT_WORDS[e.kind] ?? sentence(words(e.kind))}${e.by ? ` by ${e.by}` : ''}${e.reason ? `: ${e.reason}` : ''}${e.kind === 'fired' && e.severity ? ` (${e.severity})` : ''}`,
    })),
    steps: { acknowledge: a.status === 'open', action: a.status === 'open' || a.status === 'acknowledged', close: a.status !== 'closed' },
  };
}

export function alertsModelOf(input: ChildPageInput, hrefOf: (source: string) => string | null) {
  const rank = (s: string) => SEVERITY_ORDER.indexOf(s as (typeof SEVERITY_ORDER)[number]);
  const models = input.alerts.map((a) => alertModel(a, hrefOf)).sort((a, b) => rank(a.severity) - rank(b.severity) || b.id - a.id);
  return { active: models.filter((a) => a.status !== 'closed'), closed: models.filter((a) => a.status === 'closed') };
}

// ---- the page ----

function pageHref(personId: number, params: Record<string, string>, fragment: string): string {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  return `/people/${personId}${q ? `?${q}` : ''}#${fragment}`;
}

export function childPageModel(input: ChildPageInput, opts: { alertErrors?: Record<number, { field: 'reason' | 'alert'; text: string }>; reason?: Record<number, string> } = {}) {
  const filters = parseFilters(input.query);
  const readable = new Set(input.facts?.readable ?? []);
  const recordOf = new Map(input.chronology.entries.map((e) => [e.source, e.recordId]));
  const hrefOf = (source: string) => {
    const id = recordOf.get(source);
    return id === undefined ? null : recordHref(input.personId, id);
  };
  const agencyNames = new Map(input.chronology.entries.map((e) => [e.agency.id, e.agency.name]));
  for (const w of input.facts?.network ?? []) agencyNames.set(w.agencyId, w.agencyName);
  const alertErrors: PageError[] = Object.entries(opts.alertErrors ?? {}).map(([id, e]) => ({ text: e.text, href: e.field === 'reason' ? `#reason-${id}` : `#alert-${id}` }));
  return {
    personId: input.personId,
    name: input.chronology.person.name,
    summary: summaryOf(input, hrefOf, (id) => agencyNames.get(id) ?? id),
    chronology: chronologyOf(input, filters.chronology, readable),
    bodyMap: bodyMapOf(input, filters.map, hrefOf),
    household: householdModelOf(input, readable, hrefOf, (id) => agencyNames.get(id) ?? id),
    alerts: alertsModelOf(input, hrefOf),
    alertErrors: opts.alertErrors ?? {},
    reasons: opts.reason ?? {},
    filters,
    /** links that clear one form's filters keep the other's */
    clearChronologyHref: pageHref(input.personId, { mapFrom: filters.map.from, mapTo: filters.map.to }, 'chronology'),
    clearMapHref: pageHref(input.personId, { ...filters.chronology }, 'body-map'),
    errors: [...alertErrors, ...filters.errors],
  };
}

export type ChildPageModel = ReturnType<typeof childPageModel>;

// ---- the record page ----

export interface RecordPageModel {
  personId: number;
  source: string;
  agency: string;
  kind: string;
  dateText: string;
  redacted: boolean;
  withheld: string | null;
  summary: string;
  versions: { version: number; recordId: number; current: boolean; recordedText: string; receivedText: string; occurredAt: string; certainty: string | null; fields: { key: string; value: string }[]; people: { key: string; text: string }[]; narrative: string | null }[];
}

/** A document's fields as lines of words: nested values flattened to `a.b: value`. */
export function documentFields(doc: Record<string, unknown>, prefix = ''): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x !== 'object' || x === null)) out.push({ key, value: v.join(', ') });
      else v.forEach((x, i) => out.push(...documentFields(x as Record<string, unknown>, `${key}[${i + 1}]`)));
    } else if (typeof v === 'object') out.push(...documentFields(v as Record<string, unknown>, key));
    else out.push({ key, value: String(v) });
  }
  return out;
}

/** "broughtBy" -> "Brought by"; "injuries[1].site" -> "Injuries 1, site". */
export const fieldLabel = (key: string) => sentence(key.replace(/\[(\d+)\]\.?/g, ' $1, ').replace(/\./g, ', ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/, $/, ''));

const personLine = (p: Record<string, unknown>): string => {
  const name = (p.name ?? {}) as Record<string, string>;
  const address = p.address as { lines?: string[]; postcode?: string } | undefined;
  return [
    [name.given, name.family].filter(Boolean).join(' ') || 'unnamed',
    `(${[p.relationship, words(String(p.role ?? ''))].filter(Boolean).join(', ')})`,
    p.dob ? `born ${p.dob}` : '',
    p.nhsNumber ? `NHS number ${p.nhsNumber}` : '',
    address ? `address ${[...(address.lines ?? []), address.postcode].filter(Boolean).join(', ')}` : '',
    p.livesWithSubject ? `lives with the subject: ${p.livesWithSubject}` : '',
  ].filter(Boolean).join(' ');
};

export function recordPageModel(personId: number, entry: SharedEntry, versions: RecordVersion[]): RecordPageModel {
  const last = versions.at(-1)?.version;
  return {
    personId,
    source: entry.source,
    agency: entry.agency.name,
    kind: sentence(words(entry.kind)),
    dateText: longDate(entry.occurredOn),
    redacted: entry.redacted === true,
    withheld: entry.withheld ?? null,
    summary: entry.summary,
    versions: [...versions].reverse().map((v) => {
      const { people, body, narrative, format: _f, agency: _a, ref: _r, ...top } = v.document;
      return {
        version: v.version,
        recordId: v.recordId,
        current: v.version === last,
        recordedText: `${longDate(v.recordedAt)} ${v.recordedAt.slice(11, 16)} UTC`,
        receivedText: `${longDate(v.receivedAt)} ${v.receivedAt.slice(11, 16)} UTC`,
        occurredAt: v.occurredAt,
        certainty: v.certainty,
        fields: [...documentFields(top), ...documentFields((body ?? {}) as Record<string, unknown>)].map((f) => ({ key: fieldLabel(f.key), value: f.value })),
        people: ((people ?? []) as Record<string, unknown>[]).map((p) => ({ key: String(p.key), text: personLine(p) })),
        narrative: typeof narrative === 'string' ? narrative : null,
      };
    }),
  };
}

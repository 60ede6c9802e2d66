// Information-sharing policy: which of the other agencies'
// records a viewer sees, per the viewer's agency kind, and how much of each.
//
// Three levels per record:
// - full: the chronology entry as it is;
// - redacted: the entry is there (date, agency, kind, who leads it, alerts) so the viewer
//   knows to ask the holder, but the summary, narrative, injuries and the names and
//   relationships of everyone but the professionals are replaced by a placeholder;
// - hidden: not shown at all, and the person's mention list no longer cites it.
// A viewer always sees its own agency's records in full. The operator (null viewer) sees all.
//
// The policy is data (sharing-policy.json beside this file; a deployment may load its own,
// e.g. from THREADLINE_SHARING_POLICY): per viewer agency kind an ordered list of rules
// matching the source record's agency kind, record kind and sensitive category, and a
// default. Sensitive categories (sexual health, adoption) are recognised from the holding
// agency's name or id or from the record's words, and are hidden unless a rule names the
// category: a rule written for "health records" cannot let one through by accident.
//
// Why the shipped defaults are what they are:
// - Working Together to Safeguard Children 2023 (ch. 2, "Information sharing"): practitioners
//   should share information that is necessary and proportionate for safeguarding; social care
//   leads section 47 enquiries and plans, with police and health as statutory partners, and
//   schools are members of the core group. So social care sees everything (legal: its lawyers
//   act for it), health and police see each other's and social care's records, schools see the plan.
// - HM Government, "Information sharing: advice for practitioners providing safeguarding
//   services" (2018, updated 2024), the seven golden rules: share what is necessary,
//   proportionate, relevant and adequate for the purpose. Hence "redacted" rather than
//   "hidden" where the existence of a record is what a partner needs (ask the holder).
// - The Caldicott principles (2020): use the minimum necessary, access on a need-to-know basis;
//   the duty to share can be as important as the duty to protect confidentiality. Health
//   detail goes to the police in outline, the detail through a strategy discussion.
// - Sexual-health services: the NHS (Venereal Diseases) Regulations 1974 (SI 1974/29) and the
//   confidentiality conditions that succeeded them keep what identifies a patient of a
//   sexual-health service within the service, save for treatment or prevention; hence hidden
//   to everyone but the holder, and only redacted (existence, holder) to social care.
// - Adoption: adoption case records are confidential and disclosed only as the Adoption
//   Agencies Regulations 2005 (SI 2005/389, regs 41-42) permit; the same treatment.
// - Police information: the spec has no "intelligence" kind, so every record a police force
//   holds (police-action: investigations, arrests, bail, incidents attended; and any concern or
//   referral it sends) counts as police information about alleged offences. Hidden from schools
//   except that an incident was notified (a police `concern`, as Operation Encompass does),
//   redacted to health, full to social care and other criminal-justice agencies.
// - Legal advice to the local authority is privileged: only social care and legal see it.
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { AGENCY_KINDS, RECORD_KINDS } from '../records/types.ts';
import type { Chronology, ChronologyEntry } from '../chronology/chronology.ts';
import { summarise } from '../chronology/summary.ts';
import type { AgencyRecord } from '../records/types.ts';

const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module.default }).default;

export const SHARING_LEVELS = ['full', 'redacted', 'hidden'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

export interface SharingRule {
  /** the source record's agency kind is one of these */
  agencyKinds?: string[];
  /** the source record's agency id is one of these */
  agencies?: string[];
  recordKinds?: string[];
  /** the record is in one of these sensitive categories; only such rules apply to categorised records */
  categories?: string[];
  level: SharingLevel;
  /** said to the viewer on a redacted entry */
  reason?: string;
}

export interface ViewerProfile {
  note?: string;
  /** inherit another profile's rules (after this one's) and default */
  like?: string;
  default?: SharingLevel;
  defaultReason?: string;
  rules?: SharingRule[];
}

export interface SensitiveCategory {
  note?: string;
  /** holding agencies by id */
  agencies?: string[];
  /** regular expression (case-insensitive) on the holding agency's name */
  agencyName?: string;
  /** regular expression (case-insensitive) on the entry's summary, narrative and relationships */
  text?: string;
}

export interface SharingPolicy {
  format: 'sharing-policy/1';
  note?: string;
  placeholder: string;
  categories: Record<string, SensitiveCategory>;
  /** one profile per agency kind (every kind in AGENCY_KINDS) */
  viewers: Record<string, ViewerProfile>;
}

export interface Viewer {
  agencyId: string;
  agencyKind: string;
}

/** A chronology entry as a viewer gets it: redacted ones say so and why. */
export type SharedEntry = ChronologyEntry & { redacted?: true; withheld?: string };
export type SharedChronology = Chronology & { entries: SharedEntry[] };

export class SharingPolicyError extends Error {
  constructor(readonly where: string, readonly problems: string[]) {
    super(`${where} is not a valid sharing policy:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SharingPolicyError';
  }
}

// ---- loading and checking ----

const levels = { enum: [...SHARING_LEVELS] };
const strings = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };
const policySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'placeholder', 'categories', 'viewers'],
  properties: {
    format: { const: 'sharing-policy/1' },
    note: { type: 'string' },
    placeholder: { type: 'string', minLength: 1 },
    categories: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { note: { type: 'string' }, agencies: strings, agencyName: { type: 'string', minLength: 1 }, text: { type: 'string', minLength: 1 } },
      },
    },
    viewers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          note: { type: 'string' },
          like: { type: 'string' },
          default: levels,
          defaultReason: { type: 'string' },
          rules: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['level'],
              properties: { agencyKinds: strings, agencies: strings, recordKinds: strings, categories: strings, level: levels, reason: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;

const schemaCheck = new Ajv2020({ allErrors: true, strict: true }).compile(policySchema);

function regexProblem(source: string): string | null {
  try {
    new RegExp(source, 'iu');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Checks a parsed policy document; throws SharingPolicyError listing every problem, each with its JSON pointer. */
export function parseSharingPolicy(doc: unknown, where = 'sharing policy'): SharingPolicy {
  if (!schemaCheck(doc)) {
    throw new SharingPolicyError(where, (schemaCheck.errors ?? []).map((e) => {
      const at = e.instancePath || '/';
      const p = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') return `${at}: unknown property '${String(p.additionalProperty)}'`;
      if (e.keyword === 'enum') return `${at}: must be one of ${(p.allowedValues as string[]).join(', ')}`;
      if (e.keyword === 'const') return `${at}: must be '${String(p.allowedValue)}'`;
      return `${at}: ${e.message}`;
    }));
  }
  const policy = doc as SharingPolicy;
  const problems: string[] = [];
  const oneOf = (value: string, allowed: readonly string[], at: string, what: string) => {
    if (!allowed.includes(value)) problems.push(`${at}: '${value}' is not ${what} (one of ${allowed.join(', ')})`);
  };
  for (const [name, c] of Object.entries(policy.categories)) {
    for (const field of ['agencyName', 'text'] as const) {
      const source = c[field];
      const bad = source === undefined ? null : regexProblem(source);
      if (bad) problems.push(`/categories/${name}/${field}: not a regular expression: ${bad}`);
    }
    if (!c.agencies && !c.agencyName && !c.text) problems.push(`/categories/${name}: give at least one of agencies, agencyName, text`);
  }
  for (const kind of AGENCY_KINDS) {
    if (!policy.viewers[kind]) problems.push(`/viewers: no profile for agency kind '${kind}'`);
  }
  for (const [kind, profile] of Object.entries(policy.viewers)) {
    const at = `/viewers/${kind}`;
    oneOf(kind, AGENCY_KINDS, at, 'an agency kind');
    if (profile.like !== undefined && !policy.viewers[profile.like]) problems.push(`${at}/like: no profile '${profile.like}'`);
    if (profile.like === undefined && profile.default === undefined) problems.push(`${at}: give a default level (or 'like' another profile)`);
    (profile.rules ?? []).forEach((rule, i) => {
      const r = `${at}/rules/${i}`;
      rule.agencyKinds?.forEach((k, j) => { oneOf(k, AGENCY_KINDS, `${r}/agencyKinds/${j}`, 'an agency kind'); });
      rule.recordKinds?.forEach((k, j) => { oneOf(k, RECORD_KINDS, `${r}/recordKinds/${j}`, 'a record kind'); });
      rule.categories?.forEach((c, j) => { oneOf(c, Object.keys(policy.categories), `${r}/categories/${j}`, 'a category of this policy'); });
    });
    // 'like' chains must end
    const seen = new Set<string>([kind]);
    for (let p = profile.like; p !== undefined; p = policy.viewers[p]?.like) {
      if (seen.has(p)) {
        problems.push(`${at}/like: '${profile.like}' leads back to '${p}' (a cycle)`);
        break;
      }
      seen.add(p);
    }
  }
  if (problems.length) throw new SharingPolicyError(where, problems);
  return policy;
}

export const SHIPPED_POLICY_PATH = new URL('./sharing-policy.json', import.meta.url);

/** Reads and checks a policy file (the shipped defaults when no path is given). */
export function loadSharingPolicy(path: string | URL = SHIPPED_POLICY_PATH): SharingPolicy {
  const where = String(path instanceof URL ? path.pathname : path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SharingPolicyError(where, [`cannot read the file: ${(e as Error).message}`]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SharingPolicyError(where, [`not JSON: ${(e as Error).message}`]);
  }
  return parseSharingPolicy(doc, where);
}

/** The policy a deployment configured (THREADLINE_SHARING_POLICY names a file), else the shipped one. */
export function sharingPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SharingPolicy {
  const path = env.THREADLINE_SHARING_POLICY?.trim();
  return path ? loadSharingPolicy(path) : DEFAULT_POLICY;
}

export const DEFAULT_POLICY: SharingPolicy = loadSharingPolicy();

// ---- deciding ----

interface Compiled {
  placeholder: string;
  categories: { name: string; agencies: Set<string>; agencyName: RegExp | null; text: RegExp | null }[];
  profiles: Map<string, { default: SharingLevel; defaultReason: string | undefined; rules: SharingRule[] }>;
}

const compiledPolicies = new WeakMap<SharingPolicy, Compiled>();

function compile(policy: SharingPolicy): Compiled {
  const cached = compiledPolicies.get(policy);
  if (cached) return cached;
  const resolve = (kind: string, depth = 0): { default: SharingLevel; defaultReason: string | undefined; rules: SharingRule[] } => {
    const p = policy.viewers[kind];
    if (!p || depth > 20) return { default: 'hidden', defaultReason: undefined, rules: [] };
    const parent = p.like !== undefined ? resolve(p.like, depth + 1) : undefined;
    return {
      default: p.default ?? parent?.default ?? 'hidden',
      defaultReason: p.defaultReason ?? parent?.defaultReason,
      rules: [...(p.rules ?? []), ...(parent?.rules ?? [])],
    };
  };
  const compiled: Compiled = {
    placeholder: policy.placeholder,
    categories: Object.entries(policy.categories).map(([name, c]) => ({
      name,
      agencies: new Set(c.agencies ?? []),
      agencyName: c.agencyName ? new RegExp(c.agencyName, 'iu') : null,
      text: c.text ? new RegExp(c.text, 'iu') : null,
    })),
    profiles: new Map(Object.keys(policy.viewers).map((k) => [k, resolve(k)])),
  };
  compiledPolicies.set(policy, compiled);
  return compiled;
}

/** The sensitive categories an entry falls in, by its holder or its words. */
/** What the policy reads of an entry: its agency, kind and text, and the relationships it states. */
export type PolicySubject = Pick<ChronologyEntry, 'agency' | 'kind' | 'summary' | 'narrative' | 'relationship'> & {
  others: { relationship?: string }[];
};

/** A stored record as the policy reads it, whole: every person's relationship counts (as for its subject's chronology entry). */
export function policySubjectOf(agency: ChronologyEntry['agency'], doc: AgencyRecord): PolicySubject {
  return {
    agency,
    kind: doc.kind,
    summary: summarise(doc),
    ...(doc.narrative ? { narrative: doc.narrative } : {}),
    others: doc.people.map((p) => (p.relationship ? { relationship: p.relationship } : {})),
  };
}

export function categoriesOf(entry: PolicySubject, policy: SharingPolicy = DEFAULT_POLICY): string[] {
  const text = [entry.summary, entry.narrative ?? '', ...entry.others.map((o) => o.relationship ?? ''), entry.relationship ?? ''].join('\n');
  return compile(policy).categories
    .filter((c) => c.agencies.has(entry.agency.id) || c.agencyName?.test(entry.agency.name) || c.text?.test(text))
    .map((c) => c.name);
}

const RESTRICTIVENESS: Record<SharingLevel, number> = { full: 0, redacted: 1, hidden: 2 };

export interface SharingDecision {
  level: SharingLevel;
  reason?: string;
}

/** What the policy says a viewer sees of one entry. */
export function decide(entry: PolicySubject, viewer: Viewer | null, policy: SharingPolicy = DEFAULT_POLICY): SharingDecision {
  if (viewer === null || entry.agency.id === viewer.agencyId) return { level: 'full' };
  const c = compile(policy);
  // An agency kind without a profile (not possible for a checked policy) gets what 'other' gets.
  const profile = c.profiles.get(viewer.agencyKind) ?? c.profiles.get('other') ?? { default: 'hidden' as const, defaultReason: undefined, rules: [] };
  const matches = (r: SharingRule) => (!r.agencyKinds || r.agencyKinds.includes(entry.agency.kind))
    && (!r.agencies || r.agencies.includes(entry.agency.id))
    && (!r.recordKinds || r.recordKinds.includes(entry.kind));
  const categories = categoriesOf(entry, policy);
  if (categories.length === 0) {
    const rule = profile.rules.find((r) => !r.categories && matches(r));
    if (rule) return { level: rule.level, ...(rule.reason ? { reason: rule.reason } : {}) };
    return { level: profile.default, ...(profile.defaultReason ? { reason: profile.defaultReason } : {}) };
  }
  // Each category must be let through by a rule that names it; the most restrictive answer wins.
  let worst: SharingDecision = { level: 'full' };
  for (const cat of categories) {
    const rule = profile.rules.find((r) => r.categories?.includes(cat) && matches(r));
    const d: SharingDecision = rule ? { level: rule.level, ...(rule.reason ? { reason: rule.reason } : {}) } : { level: 'hidden' };
    if (RESTRICTIVENESS[d.level] > RESTRICTIVENESS[worst.level]) worst = d;
  }
  return worst;
}

// ---- redacting ----

const KIND_LABEL: Record<string, string> = {
  attendance: 'Attendance', visit: 'Visit', concern: 'Concern', referral: 'Referral',
  'appointment-missed': 'Missed appointment', 'strategy-discussion': 'Strategy discussion',
  'enquiry-outcome': 'Section 47 enquiry outcome', conference: 'Child protection conference',
  'core-group': 'Core group meeting', 'police-action': 'Police action', 'prosecution-decision': 'Prosecution decision',
  'legal-advice': 'Legal advice', placement: 'Placement', 'household-change': 'Household change',
  demographics: 'Registration details', death: 'Death',
};

const CATEGORY = '(?:physical|emotional|sexual|neglect)';
/**
 * The plan survives redaction: a few kinds' summaries (summary.ts) are made only of enumerated
 * values. These rebuild them from the matched values alone, so nothing free-text can pass.
 */
const PLAN_SUMMARY: Record<string, (s: string) => string | null> = {
  conference: (s) => {
    const m = new RegExp(`^(Initial|Review) child protection conference: (plan ends|no plan|plan)(?: \\((${CATEGORY}(?:, ${CATEGORY})*)\\))?(?:;|$)`).exec(s);
    return m ? `${m[1]} child protection conference: ${m[2]}${m[3] ? ` (${m[3]})` : ''}` : null;
  },
  'core-group': (s) => {
    if (!s.startsWith('Core group meeting')) return null;
    const m = /; (\d{1,4}) action\(s\)$/.exec(s);
    return `Core group meeting${m ? `; ${m[1]} action(s)` : ''}`;
  },
  'strategy-discussion': (s) => {
    const m = /^Strategy discussion \(.*\): (section 47|single agency|no further action)$/.exec(s);
    return m ? `Strategy discussion: ${m[1]}` : null;
  },
  'enquiry-outcome': (s) => {
    const m = /^Section 47 enquiry (substantiated|not substantiated); (conference|child in need|no further action)$/.exec(s);
    return m ? `Section 47 enquiry ${m[1]}; ${m[2]}` : null;
  },
};

export function redactEntry(entry: ChronologyEntry, reason: string | undefined, placeholder: string): SharedEntry {
  const kept = PLAN_SUMMARY[entry.kind]?.(entry.summary) ?? null;
  const label = KIND_LABEL[entry.kind] ?? 'Record';
  const { relationship: _relationship, narrative, ...rest } = entry;
  return {
    ...rest,
    summary: kept ? `${kept} (detail ${placeholder})` : `${label}: ${placeholder}`,
    injuries: [],
    ...(narrative !== undefined ? { narrative: placeholder } : {}),
    // The professionals stay: who leads the work is what the viewer needs to ask.
    others: entry.others.map((o, i) => o.role === 'professional'
      ? { ...o }
      : { key: `p${i + 1}`, role: o.role, name: placeholder, personId: null }),
    alerts: entry.alerts.map((a) => ({ ...a })),
    redacted: true,
    withheld: `${placeholder}${reason ? `: ${reason}` : ''}. Ask ${entry.agency.name} (${entry.source}) for the record if you need it.`,
  };
}

/**
 * A chronology as one viewer may see it (null: the operator, everything). Pure: returns a new
 * chronology with hidden entries gone (and their mentions dropped from the person summary) and
 * redacted entries replaced; entries shown in full are copied unchanged.
 */
export function applySharingPolicy(chronology: Chronology, viewer: Viewer | null, policy: SharingPolicy = DEFAULT_POLICY): SharedChronology {
  const placeholder = compile(policy).placeholder;
  const entries: SharedEntry[] = [];
  const hiddenSources = new Set<string>();
  for (const e of chronology.entries) {
    const d = decide(e, viewer, policy);
    if (d.level === 'hidden') hiddenSources.add(e.source);
    else if (d.level === 'redacted') entries.push(redactEntry(e, d.reason, placeholder));
    else entries.push(e);
  }
  const shownSources = new Set(entries.map((e) => e.source));
  let person = { ...chronology.person, mentions: [...chronology.person.mentions], agencies: [...chronology.person.agencies] };
  if (hiddenSources.size > 0) {
    // A mention cites `agency/ref#key`: drop those of hidden records unless a shown entry has the same source.
    const mentions = person.mentions.filter((m) => {
      const source = m.slice(0, m.lastIndexOf('#'));
      return !hiddenSources.has(source) || shownSources.has(source);
    });
    person = {
      ...person,
      mentions,
      agencies: [...new Set(mentions.map((m) => m.slice(0, m.indexOf('/'))))].sort(),
      subjectOf: Math.min(person.subjectOf, entries.filter((e) => e.role === 'subject').length),
    };
  }
  return { personId: chronology.personId, person, entries };
}

// What rules ask of a child's records, asked one way everywhere: which
// mentions are the child, the child's injuries in a record, whether the child
// is on a child-protection plan or open to children's social care, and the
// parental risk factors the records speak of.
import type { EvidenceRecord } from '../household/derive.ts';
import type { Injury } from '../records/types.ts';
import type { ChildPicture } from './types.ts';
import { correctable, setAsideInRecord, type Corrections, type SetAside } from './injury-context.ts';

export function isChildIn(r: EvidenceRecord, childId: number): string[] {
  return Object.entries(r.personOf).filter(([, p]) => p === childId).map(([k]) => k);
}

/** The record is about the child: the child is its subject. */
export function aboutChild(r: EvidenceRecord, childId: number): boolean {
  const keys = new Set(isChildIn(r, childId));
  return r.document.people.some((p) => p.role === 'subject' && keys.has(p.key));
}

/**
 * Injuries recorded on the child (an attendance or visit whose subject is the child), less those the record
 * itself says are not injuries: a correction of an earlier entry, a birthmark charted as a bruise, the baby's
 * own fingernail scratches (injury-context.ts; childInjuriesSetAside lists them with the phrase). Given the
 * child's corrections (ChildPicture.corrections), less the bruises a later record corrects too.
 */
export function childInjuries(r: EvidenceRecord, childId: number, corrections?: Corrections): Injury[] {
  if (!aboutChild(r, childId)) return [];
  const body = r.document.body as { injuries?: Injury[] };
  const kept = setAsideInRecord(r, body.injuries ?? []).kept;
  return corrections?.has(r.source) ? kept.filter((i) => !correctable(i)) : kept;
}

export const isBruise = (i: Injury) => i.type === 'bruise' || i.type === 'petechiae';

/** The same injury (type and site) seen again within this many days is a review of it, not a new injury. */
export const REVIEW_DAYS = 14;

const injuryKey = (i: Injury) => `${i.type}|${i.site}`;

/**
 * The child's injuries in r that no record dated in the REVIEW_DAYS before it has shown already: the GP's
 * review of an emergency visit shows the same bruise again, and is not a second finding. Records of the same
 * day are not "before", so the result does not depend on which of them arrived first.
 */
export function newInjuries(r: EvidenceRecord, childId: number, records: readonly EvidenceRecord[], corrections?: Corrections): Injury[] {
  const injuries = childInjuries(r, childId, corrections);
  if (!injuries.length) return injuries;
  const seen = new Set<string>();
  for (const x of records) {
    const gap = daysBetween(x.occurredOn, r.occurredOn);
    if (gap > 0 && gap <= REVIEW_DAYS) for (const i of childInjuries(x, childId, corrections)) seen.add(injuryKey(i));
  }
  return injuries.filter((i) => !seen.has(injuryKey(i)));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const within = (r: EvidenceRecord, asOf: string, days: number) => {
  const d = daysBetween(r.occurredOn, asOf);
  return d >= 0 && d <= days;
};

export interface PlanStatus {
  since: string;
  source: string;
}

/** The child-protection plan in force on the picture's day: the last conference deciding "plan", not ended since. */
export function childProtectionPlan(records: EvidenceRecord[]): PlanStatus | null {
  let plan: PlanStatus | null = null;
  for (const r of records) {
    if (r.kind !== 'conference') continue;
    const decision = (r.document.body as { decision?: string }).decision;
    if (decision === 'plan') plan ??= { since: r.occurredOn, source: r.source };
    else plan = null; // 'no-plan' or 'plan-ends'
  }
  return plan;
}

/** How long after its last activity a social-care case is taken to be open, when no record closes it. */
export const OPEN_CASE_DAYS = 365;

/**
 * Open to children's social care on the picture's day: a social-care record
 * about the child, or a referral to social care, in the last year, not
 * followed by a decision of no further action.
 */
export function openToSocialCare(p: Pick<ChildPicture, 'records' | 'asOf' | 'agencyKinds'>): { source: string } | null {
  let open: { source: string } | null = null;
  for (const r of p.records) {
    const body = r.document.body as { to?: string; decision?: string };
    const closes = (r.kind === 'enquiry-outcome' || r.kind === 'strategy-discussion') && body.decision === 'no-further-action';
    if (closes) open = null;
    else if ((r.agencyKind === 'social-care' || (r.kind === 'referral' && body.to && p.agencyKinds[body.to] === 'social-care'))
      && within(r, p.asOf, OPEN_CASE_DAYS)) {
      open = { source: r.source };
    }
  }
  return open;
}

/** The social worker named on the child's latest social-care record: the one to tell at once. */
export function allocatedWorker(records: EvidenceRecord[]): string | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.agencyKind === 'social-care' && r.document.author?.name) return r.document.author.name;
  }
  return null;
}

// Parental risk factors as practitioners write them. Matched in what agencies
// record about the adults around the child; they raise a finding's severity,
// never make one (NICE CG89 and Working Together: the "toxic trio").
const FACTORS: [string, RegExp][] = [
  ['mental ill health', /\b(depress\w*|mental (ill )?health|psychosis|psychotic|self[- ]harm|suicid\w*|postnatal (depression|psychosis))\b/i],
  ['domestic abuse', /\b(domestic (abuse|violence)|coercive|partner assault)\b/i],
  ['substance misuse', /\b(alcohol\w*|drunk|intoxicated|drugs?|substance|cannabis|heroin|cocaine|methadone)\b/i],
];

export interface RiskFactor {
  factor: string;
  source: string;
}

/** Parental risk factors recorded longer ago than this no longer raise a finding. */
export const FACTOR_DAYS = 365;

export function parentalRiskFactors(records: EvidenceRecord[], childId: number, except: string[] = []): RiskFactor[] {
  const out: RiskFactor[] = [];
  const last = records.at(-1)?.occurredOn;
  for (const r of records) {
    if (except.includes(r.source) || (last && !within(r, last, FACTOR_DAYS))) continue;
    const subjects = r.document.people.filter((p) => p.role === 'subject').map((p) => p.key);
    const aboutAdult = subjects.some((k) => r.personOf[k] !== childId);
    const body = r.document.body as Record<string, unknown>;
    const text = [r.document.narrative, body.complaint, body.description, body.offence, body.observations, body.reason]
      .filter((x): x is string => typeof x === 'string').join(' ');
    // About an adult (the mother's own GP visit), or a concern/police record about the household.
    if (!aboutAdult && r.kind !== 'concern' && r.kind !== 'police-action') continue;
    for (const [factor, pattern] of FACTORS) if (pattern.test(text)) out.push({ factor, source: r.source });
  }
  return out;
}

const ORDER = ['low', 'medium', 'high', 'critical'] as const;

/**
 * One level up for contributing factors, but never past high: critical needs
 * direct evidence. A factor found in the finding's own evidence (the domestic
 * incident that is itself the concern) does not count twice.
 */
export function raisedBy<T extends (typeof ORDER)[number]>(severity: T, factors: RiskFactor[], evidence: string[] = []): (typeof ORDER)[number] {
  if (!factors.some((f) => !evidence.includes(f.source))) return severity;
  const i = ORDER.indexOf(severity);
  return i >= ORDER.indexOf('high') ? severity : ORDER[i + 1]!;
}

export const moreSevere = (a: (typeof ORDER)[number], b: (typeof ORDER)[number]) => ORDER.indexOf(a) > ORDER.indexOf(b);

/** The injuries of the child's record that the record itself sets aside, and why (for a finding to say so). */
export function childInjuriesSetAside(r: EvidenceRecord, childId: number): SetAside[] {
  if (!aboutChild(r, childId)) return [];
  return setAsideInRecord(r, (r.document.body as { injuries?: Injury[] }).injuries ?? []).setAside;
}

/**
 * The child's injuries in r as they stand: less bruises a later record corrects as a birthmark (however late the
 * correction came: what the entry raised is withdrawn). A correction is not a new episode, and the entry it
 * corrects no longer counts either.
 */
export function standingInjuries(r: EvidenceRecord, childId: number, corrections: Corrections | undefined): Injury[] {
  return childInjuries(r, childId, corrections);
}

/**
 * Whether the child was not yet born on the picture's day: a full date of birth after it. A visit before the
 * birth sees the expectant mother, not the child, so the rules about a child not seen do not speak of it (a
 * pre-birth plan's visits are the mother's).
 */
export function notYetBorn(p: Pick<ChildPicture, 'dob' | 'asOf'>): boolean {
  return p.dob !== null && /^\d{4}-\d{2}-\d{2}$/.test(p.dob) && p.asOf < p.dob;
}

/** Whether a record is dated on or after the child's birth (always, when the full date of birth is not known). */
export function afterBirth(p: Pick<ChildPicture, 'dob'>, r: EvidenceRecord): boolean {
  return p.dob === null || !/^\d{4}-\d{2}-\d{2}$/.test(p.dob) || r.occurredOn >= p.dob;
}

// What practitioners' own words say about a child's injuries, read once for every physical-injury rule:
// - in the record itself: an injury the record corrects ("recorded in error"), a mark it calls a birthmark
//   (a Mongolian blue spot is not a bruise), scratches it puts down to the baby's own fingernails. These are
//   set aside: not injuries at all, so no rule counts them (facts.ts childInjuries);
// - across the child's records: whether the child is independently mobile, a documented birth injury, a
//   confirmed bleeding or bone disorder, and a later record correcting an earlier bruise. These lower a
//   finding (or cancel it), and the finding says so.
// Signals come from signalsIn (text/signals.ts); a denied signal ("not yet crawling") is a statement too.
import type { EvidenceRecord } from '../household/derive.ts';
import type { Injury } from '../records/types.ts';
import { signalsIn } from './text/signals.ts';
import type { Signal, SignalCode } from './text/vocabulary.ts';

export const said = (r: EvidenceRecord, code: SignalCode): Signal[] => signalsIn(r).filter((s) => s.code === code && !s.negated);
export const denied = (r: EvidenceRecord, code: SignalCode): Signal[] => signalsIn(r).filter((s) => s.code === code && s.negated);

const aboutChild = (r: EvidenceRecord, childId: number) => r.document.people.some((p) => p.role === 'subject' && r.personOf[p.key] === childId);
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export interface SetAside {
  injury: Injury;
  /** in words: "a birthmark, not a bruise" */
  why: string;
  source: string;
  field: string;
  phrase: string;
}

// Where a Mongolian blue spot is (lower back, buttocks, sacrum; sometimes shoulders), and the words for the
// sites a phrase may name.
const BIRTHMARK_SITES = new Set(['back', 'buttock', 'shoulder', 'other']);
const SITE_WORDS: Partial<Record<string, RegExp>> = {
  back: /\b(back|sacr\w*|lumbar|spine)\b/i, buttock: /\b(buttocks?|bottom|sacr\w*|natal cleft)\b/i, shoulder: /\bshoulders?\b/i,
  'upper-arm': /\b(upper )?arms?\b/i, forearm: /\b(fore)?arms?\b/i, thigh: /\bthighs?\b/i, shin: /\b(shins?|legs?)\b/i, chest: /\bchest\b/i,
  abdomen: /\b(abdomen|tummy|stomach)\b/i, cheek: /\bcheeks?\b/i, forehead: /\bforehead\b/i, hand: /\bhands?\b/i, foot: /\bfeet|foot\b/i,
};
const namesSite = (phrase: string, site: string) => SITE_WORDS[site]?.test(phrase) ?? phrase.toLowerCase().includes(site);

/** The record's own context for its injuries: which it says are not injuries, and why. */
export function setAsideInRecord(r: EvidenceRecord, injuries: readonly Injury[]): { kept: Injury[]; setAside: SetAside[] } {
  if (!injuries.length) return { kept: [], setAside: [] };
  const out: SetAside[] = [];
  const put = (injury: Injury, why: string, s: Signal) => out.push({ injury, why, source: r.source, field: s.field, phrase: s.phrase });
  const correction = said(r, 'correction')[0];
  const birthmarks = said(r, 'birthmark');
  const scratch = said(r, 'self-inflicted-scratch')[0];
  const bruises = injuries.filter((i) => i.type === 'bruise');
  for (const i of injuries) {
    // A correction of an earlier entry is not a new episode: whatever it lists was seen before.
    if (correction) { put(i, 'a correction of an earlier entry, not a new injury', correction); continue; }
    if (i.type === 'bruise' && !i.patterned) {
      const mark = birthmarks.find((s) => namesSite(s.phrase, i.site))
        ?? birthmarks.find((s) => bruises.length === 1 || (BIRTHMARK_SITES.has(i.site) && !Object.keys(SITE_WORDS).some((site) => namesSite(s.phrase, site))));
      if (mark) { put(i, 'a birthmark, not a bruise', mark); continue; }
    }
    if (scratch && i.type === 'abrasion') { put(i, "scratches from the baby's own fingernails", scratch); continue; }
  }
  return { kept: injuries.filter((i) => !out.some((x) => x.injury === i)), setAside: out };
}

export interface Mobility {
  /** true: independently mobile; false: not; null: the records do not say and the age does not settle it */
  mobile: boolean | null;
  /** in words, for the finding */
  basis: string;
  source?: string;
  phrase?: string;
}

/** A record saying a baby is not yet mobile speaks for this long: milestones come within weeks. */
export const NOT_MOBILE_STATEMENT_DAYS = 60;
/**
 * With nothing recorded, mobility is taken from age (WHO MGRS 2006 windows of achievement, 1st to 99th
 * percentile: hands-and-knees crawling 5.2 to 13.5 months, walking with assistance 5.9 to 13.7; median
 * crawling about 8.5 months): under 6 months a baby is taken as not yet mobile (hardly any crawl or cruise
 * before), from 9 months as mobile (most do, and the old rule's line), and between them the records must say.
 */
export const ASSUMED_NOT_MOBILE_BELOW_MONTHS = 6;
export const ASSUMED_MOBILE_FROM_MONTHS = 9;

/** Whether the child is independently mobile on `on`, from what the records say (NICE CG89: "not independently mobile"), else by age. */
export function mobilityOn(records: readonly EvidenceRecord[], childId: number, months: number | null, on: string): Mobility {
  let latest: Mobility | null = null;
  for (const r of records) {
    if (r.occurredOn > on || !aboutChild(r, childId)) continue;
    const yes = said(r, 'mobile')[0];
    const no = denied(r, 'mobile')[0];
    if (yes) latest = { mobile: true, basis: `recorded as mobile ("${yes.phrase}", ${r.source})`, source: r.source, phrase: yes.phrase };
    else if (no && days(r.occurredOn, on) <= NOT_MOBILE_STATEMENT_DAYS) latest = { mobile: false, basis: `recorded as not yet mobile ("${no.phrase}", ${r.source})`, source: r.source, phrase: no.phrase };
  }
  if (latest) return latest;
  if (months === null) return { mobile: null, basis: 'mobility not recorded and age not known' };
  if (months < ASSUMED_NOT_MOBILE_BELOW_MONTHS) return { mobile: false, basis: `mobility not recorded; under ${ASSUMED_NOT_MOBILE_BELOW_MONTHS} months, taken as not yet mobile` };
  if (months >= ASSUMED_MOBILE_FROM_MONTHS) return { mobile: true, basis: `mobility not recorded; from ${ASSUMED_MOBILE_FROM_MONTHS} months, taken as mobile` };
  return { mobile: null, basis: `mobility not recorded at ${months} months (most babies crawl between 5 and 13 months)` };
}

export interface Context {
  source: string;
  field: string;
  phrase: string;
}

function firstSaid(records: readonly EvidenceRecord[], childId: number, on: string, code: SignalCode, accept: (s: Signal, r: EvidenceRecord) => boolean = () => true): Context | null {
  for (const r of records) {
    if (r.occurredOn > on || !aboutChild(r, childId)) continue;
    const s = said(r, code).find((x) => accept(x, r));
    if (s) return { source: r.source, field: s.field, phrase: s.phrase };
  }
  return null;
}

const TENTATIVE = /\b(suspect\w*|query|queried|possible|\?|to (exclude|rule out)|ruled out|excluded|awaiting)\b/i;
const CONFIRMED = /\b(haematolog\w*|hematolog\w*|confirmed|diagnos\w*|known)\b/i;

/** A birth injury documented in the child's records (ventouse, forceps, cephalhaematoma). */
export const birthInjury = (records: readonly EvidenceRecord[], childId: number, on: string) =>
  firstSaid(records, childId, on, 'birth-injury');
/** A bleeding disorder confirmed (by haematology, or diagnosed), not one suspected or to be excluded. */
export const bleedingDisorder = (records: readonly EvidenceRecord[], childId: number, on: string) =>
  firstSaid(records, childId, on, 'bleeding-disorder', (s, r) => !TENTATIVE.test(s.phrase) && (CONFIRMED.test(s.phrase) || r.agencyKind === 'hospital'));
/** Osteogenesis imperfecta or another bone disorder diagnosed, not suspected. */
export const boneDisorder = (records: readonly EvidenceRecord[], childId: number, on: string) =>
  firstSaid(records, childId, on, 'bone-disorder', (s) => !TENTATIVE.test(s.phrase));

/** How long after an entry a correction of it is looked for. */
export const CORRECTION_DAYS = 30;

/** What a correction says: the birthmark it names, or that the entry was not a bruise. */
const CORRECTS_A_BRUISE = /not a bruise|birth ?mark|blue spot|melanocytosis/i;

/** The correction of a charted bruise a record makes (a birthmark named, or words that correct a bruise), or null. */
function correctionIn(x: EvidenceRecord): Context | null {
  const c = said(x, 'correction')[0];
  return c && (said(x, 'birthmark').length || CORRECTS_A_BRUISE.test(c.phrase)) ? { source: x.source, field: c.field, phrase: c.phrase } : null;
}

/**
 * The first of these corrections (each record about the child with the correction it makes) that corrects r's
 * bruises: a later record, on or before `on`, within CORRECTION_DAYS, calling the mark a birthmark or "not a bruise".
 */
function correctionAmong(r: EvidenceRecord, corrections: readonly (readonly [EvidenceRecord, Context | null])[], on: string): Context | null {
  for (const [x, c] of corrections) {
    if (!c || x === r || x.occurredOn < r.occurredOn || x.occurredOn > on || days(r.occurredOn, x.occurredOn) > CORRECTION_DAYS) continue;
    // A record correcting itself is read by setAsideInRecord; one that charts its own bruise is not a correction of r's.
    if (x.source === r.source) continue;
    return c;
  }
  return null;
}

/** Entries a later record corrects, by `agency/ref`, with the correction: what they raised is withdrawn. */
export type Corrections = ReadonlyMap<string, Context>;

/**
 * Every entry of the child's records whose bruises a later record corrects (correctionAmong), however late the
 * correction came: a correction is about the entry, so what the entry raised is withdrawn, not only what came
 * after the correction. The records are all the child's; the result is a function of them alone.
 */
export function correctionsOf(records: readonly EvidenceRecord[], childId: number): Corrections {
  const out = new Map<string, Context>();
  const last = records.reduce((m, r) => (r.occurredOn > m ? r.occurredOn : m), '');
  // The records that correct anything, found once: few children have any, and each bruised entry is checked
  // against them alone (not against every record: the child's whole history is read on every evaluation).
  const corrections = records.filter((x) => aboutChild(x, childId)).map((x) => [x, correctionIn(x)] as const).filter(([, c]) => c !== null);
  if (!corrections.length) return out;
  for (const r of records) {
    const injuries = aboutChild(r, childId) ? (r.document.body as { injuries?: Injury[] }).injuries ?? [] : [];
    if (!injuries.some(correctable)) continue;
    const c = correctionAmong(r, corrections, last);
    if (c) out.set(r.source, c);
  }
  return out;
}

/** What a correction of a charted bruise withdraws: a bruise with no pattern (a patterned mark is not a birthmark). */
export const correctable = (i: Injury) => i.type === 'bruise' && !i.patterned;

/**
 * A professional's own assessment, in the record of the injury (or another record about the child the same day),
 * that the injury fits the account given or was accidental: "consistent with the history", "mechanism
 * plausible", "paediatric assessment: accidental". A parent's or anyone else's word is the account itself, not
 * an assessment of it, so only the writer's own words and a named professional's count.
 */
export function assessedConsistent(records: readonly EvidenceRecord[], r: EvidenceRecord, childId: number): Context | null {
  for (const x of [r, ...records.filter((y) => y !== r && y.occurredOn === r.occurredOn && aboutChild(y, childId))]) {
    // The explanation field holds the account itself (the carer's), whatever its words.
    const s = said(x, 'assessed-consistent').find((y) => y.field !== 'body.explanation' && (y.attribution === null || y.attribution === 'professional'));
    if (s) return { source: x.source, field: s.field, phrase: s.phrase };
  }
  return null;
}

/**
 * Where independently mobile children bruise by accident: the front of the body over bony prominences, above
 * all the shins and knees, then the forehead and chin (Sugar 1999; Kemp AM et al., Arch Dis Child 2015;100:426:
 * in mobile children most bruises were on the knees, shins and forehead, often more than one). Such a bruise or
 * graze, without a pattern, in a mobile child is the ordinary wear of childhood, not an episode of harm;
 * TEN-4-FACESp and NICE CG89 still read every injury on its own.
 */
export const ORDINARY_SITES = new Set(['shin', 'knee', 'forehead', 'chin']);
export const ordinaryForMobileChild = (i: Injury) => (i.type === 'bruise' || i.type === 'abrasion') && !i.patterned && ORDINARY_SITES.has(i.site);

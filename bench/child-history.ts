// One child known to services for years, built to any number of records: the
// mix a long-open case accumulates (GP and emergency attendances, some with
// injuries; health visiting, then school concerns; missed appointments; a
// referral, section 47 enquiry, conferences, core groups and statutory visits
// while on a plan; police called to the home about the adults, in records that
// do not name the child). Seeded, so every run builds the same history. Used
// by the growth benchmark (bench/alert-growth.bench.ts); the records are valid
// agency-record/1 documents and go through the one ingest path.
import type { EvidenceRecord } from '../src/household/derive.ts';
import type { AgencyRecord, PersonMention, ScenarioAgency } from '../src/records/types.ts';
import { Rng } from '../src/synth/random.ts';
import { NhsAllocator } from '../src/synth/nhs.ts';

export const HISTORY_AGENCIES: ScenarioAgency[] = [
  { id: 'gp-h', kind: 'gp', name: 'Riverside surgery' },
  { id: 'hosp-h', kind: 'hospital', name: 'General hospital' },
  { id: 'hv-h', kind: 'health-visiting', name: 'Health visiting' },
  { id: 'school-h', kind: 'school', name: 'Primary school' },
  { id: 'csc-h', kind: 'social-care', name: "Children's social care" },
  { id: 'police-h', kind: 'police', name: 'Police' },
];

export const CHILD_DOB = '2011-02-14';
const START = Date.parse('2011-03-01T00:00:00Z');
/** About 70 records a year: 1,000 records take the child from infancy to 14. */
const STEP = (Date.parse('2024-12-31T00:00:00Z') - START) / 1000;

interface Cast { child: PersonMention; mother: PersonMention; partner: PersonMention }

/** The family of one seed: its own NHS numbers and home, so that several seeds' children share a database. */
function cast(seed: number): Cast {
  const nhs = new NhsAllocator(271_828 + 7_919 * seed);
  const HOME = { lines: [`${10 + (seed % 80)} Canal Street`], postcode: `M${1 + (seed % 9)} ${seed % 10}FF` };
  return {
    child: { key: 'c', role: 'subject', name: { given: 'Robin', family: 'Ashdown' }, dob: CHILD_DOB, sex: 'female', nhsNumber: nhs.next(), address: HOME },
    mother: { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Kerry', family: 'Ashdown' }, dob: '1992-07-30', sex: 'female', nhsNumber: nhs.next(), address: HOME, livesWithSubject: 'yes' },
    partner: { key: 'p', role: 'partner-of-parent', relationship: "mother's partner", name: { given: 'Dale', family: 'Crane' }, dob: '1988-11-02', sex: 'male', nhsNumber: nhs.next(), address: HOME },
  };
}

const withoutLivesWith = ({ livesWithSubject: _, ...m }: PersonMention): PersonMention => m;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const SITES = ['shin', 'knee', 'forehead', 'forearm', 'hand', 'chin', 'ear', 'cheek', 'back', 'upper-arm'] as const;

type Make = (rng: Rng, on: string, n: number, who: Cast) => Pick<AgencyRecord, 'agency' | 'kind' | 'people' | 'body'> & { narrative?: string };

// Kinds with their share of a long case's records (a child on a plan is visited every few weeks).
const MIX: [number, Make][] = [
  [18, (rng, _on, _n, w) => ({
    agency: 'gp-h', kind: 'attendance', people: [w.child, w.mother],
    body: { setting: 'gp', complaint: rng.pick(['cough', 'ear ache', 'rash', 'fever', 'tummy pain']), broughtBy: 'm', examination: 'complete' },
  })],
  [10, (rng, _on, _n, w) => ({
    agency: 'hosp-h', kind: 'attendance', people: [w.child, w.mother],
    body: {
      setting: 'emergency', complaint: 'injury', broughtBy: 'm', examination: rng.chance(0.9) ? 'complete' : 'partial',
      injuries: [{ type: rng.chance(0.7) ? 'bruise' : rng.pick(['abrasion', 'laceration', 'swelling']), site: rng.pick(SITES) }],
      explanation: rng.pick(['fell in the playground', 'tripped on the stairs', 'fell off a scooter', 'banged into a door', 'not sure how it happened']),
    },
  })],
  [8, (rng, _on, _n, w) => ({
    agency: 'school-h', kind: 'concern', people: [w.child],
    body: { category: rng.pick(['neglect', 'emotional', 'physical', 'unknown']), description: rng.pick(['came in hungry again', 'unwashed uniform for a week', 'upset, says mum and Dale were shouting', 'a bruise on her arm, she would not say how']) },
  })],
  [6, (rng, _on, _n, w) => ({
    agency: rng.pick(['gp-h', 'hosp-h']), kind: 'appointment-missed', people: [w.child],
    body: { service: rng.pick(['dental', 'audiology', 'asthma review', 'paediatric outpatients']), wasNotBrought: rng.chance(0.8) },
  })],
  [30, (rng, _on, _n, w) => ({
    agency: 'csc-h', kind: 'visit', people: [w.child, w.mother],
    body: { purpose: 'statutory', announced: rng.chance(0.7), childSeen: rng.chance(0.85), childSeenAlone: rng.chance(0.5), observations: rng.pick(['home cluttered, food in the fridge', 'child quiet', 'mother tired, engaging', 'Dale present, left the room']) },
  })],
  [6, (rng, _on, _n, w) => ({
    agency: 'hv-h', kind: 'visit', people: [w.child, w.mother],
    body: { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, observations: rng.pick(['growth along the centile', 'weight dropped a centile', 'home warm and tidy']) },
  })],
  // The police at the home about the adults: the child is not in the record.
  [8, (rng, _on, _n, w) => ({
    agency: 'police-h', kind: 'police-action', people: [withoutLivesWith({ ...w.mother, role: 'subject' }), { ...w.partner, role: 'alleged-perpetrator' }],
    body: { action: 'incident-attended', suspect: 'p', offence: rng.pick(['domestic incident, verbal argument', 'domestic abuse, partner assault', 'neighbour dispute, noise']) },
  })],
  [4, (_rng, _on, _n, w) => ({
    agency: 'csc-h', kind: 'core-group', people: [w.child, w.mother],
    body: { agenciesPresent: ['csc-h', 'school-h', 'gp-h'], agenciesAbsent: ['hv-h'] },
  })],
  [2, (rng, _on, _n, w) => ({
    agency: 'csc-h', kind: 'conference', people: [w.child, w.mother],
    body: { type: 'review', decision: rng.chance(0.85) ? 'plan' : 'plan-ends', categories: ['neglect', 'emotional'] },
  })],
  [2, (rng, _on, _n, w) => ({
    agency: rng.pick(['school-h', 'gp-h']), kind: 'referral', people: [w.child],
    body: { to: 'csc-h', reason: 'concerns about neglect and domestic abuse at home', urgency: rng.pick(['routine', 'within-24h']) },
  })],
];
const TOTAL = MIX.reduce((s, [w]) => s + w, 0);

function pickKind(rng: Rng): Make {
  let x = rng.float() * TOTAL;
  for (const [w, make] of MIX) if ((x -= w) < 0) return make;
  return MIX[0]![1];
}

/**
 * The child's first `count` records (about them, or police records at their home), oldest first, about 70 a
 * year from infancy: the first 10 are the child's first two months, 1,000 reach their fourteenth year. The
 * second opens a child-protection plan (an initial conference), so the later ones fall under one.
 */
export function childHistory(count: number, seed = 15): AgencyRecord[] {
  const rng = new Rng(seed, 1);
  const who = cast(seed);
  const out: AgencyRecord[] = [];
  for (let i = 0; i < count; i++) {
    const on = iso(START + Math.floor(STEP * i + rng.float() * STEP * 0.8));
    const made = i === 1 ? openingConference(who) : pickKind(rng)(rng, on, i, who);
    out.push({ format: 'agency-record/1', ref: `h-${seed}-${i}`, occurredAt: on, certainty: 'documented', ...made });
  }
  return out;
}

/** The day after the history of `count` records ends: where one more record goes. */
export const dayAfter = (count: number) => iso(START + Math.floor(STEP * count));

/** One more record, dated `on` (after the history), of the usual mix. */
export function nextRecord(on: string, i: number, seed = 15): AgencyRecord {
  const rng = new Rng(seed, 1000 + i);
  const made = pickKind(rng)(rng, on, i, cast(seed));
  return { format: 'agency-record/1', ref: `next-${seed}-${i}`, occurredAt: on, certainty: 'documented', ...made };
}

function openingConference(w: Cast) {
  return { agency: 'csc-h', kind: 'conference' as const, people: [w.child, w.mother], body: { type: 'initial', decision: 'plan', categories: ['neglect'] } };
}

export const CHILD_ID = 1;
const PERSON_OF: Record<string, number> = { c: CHILD_ID, m: 2, p: 3 };

/** The records as the engine reads them, with the linkage the ingest path would give (one person per key). */
export function asEvidence(records: AgencyRecord[], firstId = 1): EvidenceRecord[] {
  const name = new Map(HISTORY_AGENCIES.map((a) => [a.id, a]));
  return records.map((doc, i) => ({
    recordId: firstId + i,
    source: `${doc.agency}/${doc.ref}`,
    agencyId: doc.agency,
    agencyName: name.get(doc.agency)!.name,
    agencyKind: name.get(doc.agency)!.kind,
    kind: doc.kind,
    occurredOn: doc.occurredAt.slice(0, 10),
    document: doc,
    personOf: Object.fromEntries(doc.people.map((p) => [p.key, PERSON_OF[p.key] ?? null])),
  }));
}

export const HISTORY_AGENCY_KINDS: Record<string, string> = Object.fromEntries(HISTORY_AGENCIES.map((a) => [a.id, a.kind]));

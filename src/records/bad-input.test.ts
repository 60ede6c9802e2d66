// The bad-input suite: malformed records, each a small mutation of a valid
// one, sent through the real ingest path (Repository.ingest) against one
// database. Each must be refused with its specific problem (pointer + code)
// and store nothing. Then the strings that merely *look* dangerous: they are
// valid, and must be stored and read back byte for byte.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testRepository, tableCounts, operator, type TestDb } from '../../test/helpers/test-db.ts';
import { gpAttendance, CHILD, MOTHER } from '../../test/helpers/records.ts';
import type { Repository } from '../app/repository.ts';
import type { AgencyRecord } from './types.ts';
import type { Problem } from '../shared/problems.ts';

type Doc = Record<string, any>;

/** The suite's fixed "now": a Saturday in British Summer Time. */
const CLOCK = new Date('2024-06-01T12:00:00Z');

let refCounter = 0;
const nextRef = (prefix: string) => `${prefix}-${++refCounter}`;

const child = (): Doc => structuredClone(CHILD);
const mother = (): Doc => structuredClone(MOTHER);

/** A valid record of a kind, from a given agency, about CHILD and MOTHER. */
function record(kind: AgencyRecord['kind'], agency: string, body: Doc, extra: Doc = {}): Doc {
  return structuredClone({
    ...gpAttendance(),
    agency,
    ref: nextRef(kind),
    kind,
    body,
    ...extra,
  });
}

const BASE: Record<string, () => Doc> = {
  attendance: () => structuredClone(gpAttendance({
    body: {
      setting: 'emergency', complaint: 'bruising', broughtBy: 'm', examination: 'complete', outcome: 'discharged-home',
      injuries: [{ type: 'bruise', site: 'forehead', side: 'left', count: 2, sizeMm: 15, patterned: false, ageEstimate: 'fresh' }],
    },
  }) as Doc),
  visit: () => record('visit', 'csc-1', {
    purpose: 'statutory', announced: false, childSeen: true, childSeenAlone: false, present: ['child', 'm'],
    injuries: [{ type: 'abrasion', site: 'chin' }],
  }),
  placement: () => record('placement', 'csc-1', { subject: 'child', with: 'm', change: 'returned-home' }),
  'police-action': () => record('police-action', 'police-1', { action: 'arrest', suspect: 'm', offence: 'neglect' }),
  demographics: () => record('demographics', 'gp-1', { nextOfKin: 'm', registeredGp: 'Test GP practice' }),
  death: () => record('death', 'hosp-1', { subject: 'child' }),
  'household-change': () => record('household-change', 'csc-1', { person: 'm', change: 'moved-out', knownTo: ['police-1'] }),
  conference: () => record('conference', 'csc-1', {
    type: 'initial', decision: 'plan', agenciesPresent: ['gp-1', 'police-1'], agenciesAbsent: ['hosp-1'], categories: ['physical'],
  }),
  referral: () => record('referral', 'gp-1', { to: 'csc-1', reason: 'unexplained bruising', urgency: 'within-24h', reportedBy: 'professional' }),
  // Contract revision 2: growth, schooling, who raised a concern, how far a visit got.
  measurement: () => record('measurement', 'gp-1', { setting: 'gp', weightKg: 7.2, heightCm: 68, centiles: { weight: 9, height: 25 }, note: 'weighed undressed' }),
  education: () => record('education', 'csc-1', { change: 'attendance-concern', school: 'Test Primary', attendancePercent: 71.5 }),
  concern: () => record('concern', 'csc-1', { category: 'neglect', description: 'children left alone at night', reportedBy: 'neighbour' }),
  'no-access visit': () => record('visit', 'csc-1', { purpose: 'statutory', announced: false, childSeen: false, childSeenAlone: false, access: 'no-reply' }),
};

/** A mutation of a valid record of `kind` (attendance by default). */
function bad(fn: (r: Doc) => void, kind = 'attendance'): () => unknown {
  return () => {
    const r = BASE[kind]!();
    fn(r);
    return r;
  };
}

interface Case {
  name: string;
  make: () => unknown;
  pointer: string;
  code: string;
  /** other problems this input rightly also has; anything beyond these and the expected one fails the case */
  also?: [pointer: string, code: string][];
}

const injury = (over: Doc): Doc[] => [{ type: 'bruise', site: 'back', ...over }];

/** 50 people, each with 20 aliases of three 200-character names: every field within its limit, the whole over 512 KiB. */
function crowd(): Doc[] {
  const long = (c: string) => c.repeat(200);
  return Array.from({ length: 50 }, (_, i) => ({
    key: i === 0 ? 'child' : i === 1 ? 'm' : `p${i}`,
    role: i === 0 ? 'subject' : 'other',
    name: { given: long('g'), family: long('f'), other: long('o') },
    aliases: Array.from({ length: 20 }, () => ({ given: long('a'), family: long('b'), other: long('c') })),
  }));
}

const CASES: Case[] = [
  // --- the envelope: every required field
  ...(['format', 'agency', 'ref', 'kind', 'occurredAt', 'people', 'body'] as const).map((f): Case => ({
    name: `missing ${f}`, make: bad((r) => { delete r[f]; }), pointer: `/${f}`, code: 'required',
  })),
  { name: 'format of another version', make: bad((r) => { r.format = 'agency-record/2'; }), pointer: '/format', code: 'not-allowed' },
  { name: 'agency with capitals and an underscore', make: bad((r) => { r.agency = 'GP_1'; }), pointer: '/agency', code: 'bad-format' },
  { name: 'agency starting with a hyphen', make: bad((r) => { r.agency = '-gp'; }), pointer: '/agency', code: 'bad-format' },
  { name: 'agency of 65 characters', make: bad((r) => { r.agency = 'a'.repeat(65); }), pointer: '/agency', code: 'too-long' },
  { name: 'agency that is a number', make: bad((r) => { r.agency = 1; }), pointer: '/agency', code: 'wrong-type' },
  { name: 'empty ref', make: bad((r) => { r.ref = ''; }), pointer: '/ref', code: 'too-short' },
  { name: 'ref of 129 characters', make: bad((r) => { r.ref = 'r'.repeat(129); }), pointer: '/ref', code: 'too-long' },
  { name: 'unknown kind', make: bad((r) => { r.kind = 'letter'; }), pointer: '/kind', code: 'not-allowed' },
  { name: 'source over 2000 characters', make: bad((r) => { r.source = 's'.repeat(2001); }), pointer: '/source', code: 'too-long' },
  { name: 'author without a name', make: bad((r) => { r.author = { role: 'GP' }; }), pointer: '/author/name', code: 'required' },
  { name: 'unknown property in author', make: bad((r) => { r.author = { name: 'Dr A', email: 'a@b' }; }), pointer: '/author/email', code: 'unknown-property' },

  // --- occurredAt and recordedAt
  { name: 'occurredAt in UK format', make: bad((r) => { r.occurredAt = '06/05/2021'; }), pointer: '/occurredAt', code: 'bad-format' },
  { name: 'occurredAt a number', make: bad((r) => { r.occurredAt = 20210506; }), pointer: '/occurredAt', code: 'wrong-type' },
  { name: 'occurredAt with no offset', make: bad((r) => { r.occurredAt = '2021-05-06T10:00:00'; }), pointer: '/occurredAt', code: 'bad-format' },
  { name: 'occurredAt 30 February', make: bad((r) => { r.occurredAt = '2021-02-30'; }), pointer: '/occurredAt', code: 'not-a-date' },
  { name: 'occurredAt 30 February with a time', make: bad((r) => { r.occurredAt = '2021-02-30T10:00:00Z'; }), pointer: '/occurredAt', code: 'not-a-date' },
  { name: 'occurredAt at 25 o\'clock', make: bad((r) => { r.occurredAt = '2021-05-06T25:00Z'; }), pointer: '/occurredAt', code: 'not-a-date' },
  { name: 'occurredAt tomorrow (date only, London)', make: bad((r) => { r.occurredAt = '2024-06-02'; }), pointer: '/occurredAt', code: 'in-future' },
  { name: 'occurredAt 6 minutes ahead (date-time)', make: bad((r) => { r.occurredAt = '2024-06-01T12:06:00Z'; }), pointer: '/occurredAt', code: 'in-future' },
  { name: 'occurredAt next year', make: bad((r) => { r.occurredAt = '2025-01-01T00:00:00+00:00'; }), pointer: '/occurredAt', code: 'in-future' },
  { name: 'occurredAt the day before the subject\'s birth', make: bad((r) => { r.occurredAt = '2020-02-02'; }), pointer: '/occurredAt', code: 'before-birth' },
  {
    name: 'occurredAt before a partial (month) date of birth',
    make: bad((r) => { r.people[0].dob = '2020-03'; r.occurredAt = '2020-02-28'; }), pointer: '/occurredAt', code: 'before-birth',
  },
  {
    name: 'occurredAt before a year-only date of birth',
    make: bad((r) => { r.people[0].dob = '2020'; r.occurredAt = '2019-12-31T22:00:00Z'; }), pointer: '/occurredAt', code: 'before-birth',
  },
  { name: 'recordedAt a date, not a date-time', make: bad((r) => { r.recordedAt = '2021-05-06'; }), pointer: '/recordedAt', code: 'bad-format' },
  { name: 'recordedAt nonsense', make: bad((r) => { r.recordedAt = 'last Tuesday'; }), pointer: '/recordedAt', code: 'bad-format' },
  { name: 'certainty not in the enum', make: bad((r) => { r.certainty = 'probable'; }), pointer: '/certainty', code: 'not-allowed' },

  // --- people and their mentions
  { name: 'people empty', make: bad((r) => { r.people = []; }), pointer: '/people', code: 'too-short' },
  {
    name: 'people 51 long',
    make: bad((r) => { r.people = Array.from({ length: 51 }, (_, i) => ({ key: i === 0 ? 'child' : i === 1 ? 'm' : `p${i}`, role: 'other', name: { given: `P${i}` } })); }),
    pointer: '/people', code: 'too-long',
  },
  { name: 'people an object, not an array', make: bad((r) => { r.people = { child: r.people[0] }; }), pointer: '/people', code: 'wrong-type' },
  { name: 'mention without a key', make: bad((r) => { delete r.people[1].key; }), pointer: '/people/1/key', code: 'required' },
  { name: 'mention without a role', make: bad((r) => { delete r.people[0].role; }), pointer: '/people/0/role', code: 'required' },
  { name: 'mention without a name', make: bad((r) => { delete r.people[1].name; }), pointer: '/people/1/name', code: 'required' },
  { name: 'name with neither given nor family', make: bad((r) => { r.people[0].name = { other: 'Baby' }; }), pointer: '/people/0/name', code: 'incomplete' },
  { name: 'alias with neither given nor family', make: bad((r) => { r.people[1].aliases = [{}]; }), pointer: '/people/1/aliases/0', code: 'incomplete' },
  { name: 'given name of 201 characters', make: bad((r) => { r.people[0].name.given = 'A'.repeat(201); }), pointer: '/people/0/name/given', code: 'too-long' },
  { name: 'mention key with a space', make: bad((r) => { r.people[1].key = 'the mother'; }), pointer: '/people/1/key', code: 'bad-format' },
  { name: 'mention key of 33 characters', make: bad((r) => { r.people[1].key = 'k'.repeat(33); }), pointer: '/people/1/key', code: 'bad-format' },
  { name: 'role not in the enum', make: bad((r) => { r.people[1].role = 'mum'; }), pointer: '/people/1/role', code: 'not-allowed' },
  { name: 'NHS number of 9 digits', make: bad((r) => { r.people[0].nhsNumber = '999000001'; }), pointer: '/people/0/nhsNumber', code: 'bad-format' },
  { name: 'NHS number with letters', make: bad((r) => { r.people[0].nhsNumber = '99900000AB'; }), pointer: '/people/0/nhsNumber', code: 'bad-format' },
  { name: 'NHS number with spaces', make: bad((r) => { r.people[0].nhsNumber = '999 000 0018'; }), pointer: '/people/0/nhsNumber', code: 'bad-format' },
  { name: 'NHS number as a number', make: bad((r) => { r.people[0].nhsNumber = 9990000018; }), pointer: '/people/0/nhsNumber', code: 'wrong-type' },
  { name: 'NHS number failing modulus 11', make: bad((r) => { r.people[0].nhsNumber = '9990000019'; }), pointer: '/people/0/nhsNumber', code: 'nhs-number-check-digit' },
  { name: 'NHS number whose check digit would be 10', make: bad((r) => { r.people[0].nhsNumber = '9990000000'; }), pointer: '/people/0/nhsNumber', code: 'nhs-number-check-digit' },
  { name: 'dob in UK format', make: bad((r) => { r.people[1].dob = '08/07/1990'; }), pointer: '/people/1/dob', code: 'bad-format' },
  { name: 'dob month 13', make: bad((r) => { r.people[1].dob = '2020-13'; }), pointer: '/people/1/dob', code: 'not-a-date' },
  { name: 'dob 31 April', make: bad((r) => { r.people[1].dob = '1990-04-31'; }), pointer: '/people/1/dob', code: 'not-a-date' },
  { name: 'dob in the future (not the subject)', make: bad((r) => { r.people[1].dob = '2024-06-02'; }), pointer: '/people/1/dob', code: 'in-future' },
  {
    name: 'subject dob in the future (so also after the event)',
    make: bad((r) => { r.people[0].dob = '2025'; }), pointer: '/people/0/dob', code: 'in-future', also: [['/occurredAt', 'before-birth']],
  },
  { name: 'sex not in the enum', make: bad((r) => { r.people[0].sex = 'F'; }), pointer: '/people/0/sex', code: 'not-allowed' },
  { name: 'unknown property in an address', make: bad((r) => { r.people[0].address.town = 'London'; }), pointer: '/people/0/address/town', code: 'unknown-property' },
  { name: 'postcode over 10 characters', make: bad((r) => { r.people[0].address.postcode = 'N1 1AA, UK!'; }), pointer: '/people/0/address/postcode', code: 'too-long' },
  { name: 'address of 9 lines', make: bad((r) => { r.people[0].address.lines = Array(9).fill('line'); }), pointer: '/people/0/address/lines', code: 'too-long' },
  { name: 'address lines a string', make: bad((r) => { r.people[0].address.lines = '1 Test Street, London'; }), pointer: '/people/0/address/lines', code: 'wrong-type' },
  { name: 'livesWithSubject not in the enum', make: bad((r) => { r.people[1].livesWithSubject = 'sometimes'; }), pointer: '/people/1/livesWithSubject', code: 'not-allowed' },
  { name: 'phone over 32 characters', make: bad((r) => { r.people[1].phone = '0'.repeat(33); }), pointer: '/people/1/phone', code: 'too-long' },
  {
    name: 'duplicate mention keys',
    make: bad((r) => { r.people.push({ key: 'm', role: 'carer', name: { given: 'Cara' } }); }), pointer: '/people/2/key', code: 'duplicate-key',
  },

  // --- unknown properties, wrong types
  { name: 'unknown property at the top level', make: bad((r) => { r.priority = 'high'; }), pointer: '/priority', code: 'unknown-property' },
  { name: 'misspelt top-level property', make: bad((r) => { r.narative = 'typo'; }), pointer: '/narative', code: 'unknown-property' },
  { name: 'unknown property in a mention', make: bad((r) => { r.people[1].ethnicity = 'unknown'; }), pointer: '/people/1/ethnicity', code: 'unknown-property' },
  { name: 'unknown property in body', make: bad((r) => { r.body.triage = 2; }), pointer: '/body/triage', code: 'unknown-property' },
  { name: 'unknown property in an injury', make: bad((r) => { r.body.injuries[0].colour = 'purple'; }), pointer: '/body/injuries/0/colour', code: 'unknown-property' },
  { name: 'body an array', make: bad((r) => { r.body = [r.body]; }), pointer: '/body', code: 'wrong-type' },
  { name: 'body a string', make: bad((r) => { r.body = 'cough'; }), pointer: '/body', code: 'wrong-type' },
  { name: 'body null', make: bad((r) => { r.body = null; }), pointer: '/body', code: 'wrong-type' },
  { name: 'narrative an object', make: bad((r) => { r.narrative = { text: 'x' }; }), pointer: '/narrative', code: 'wrong-type' },

  // --- per kind
  { name: 'attendance without a complaint', make: bad((r) => { delete r.body.complaint; }), pointer: '/body/complaint', code: 'required' },
  { name: 'attendance setting not in the enum', make: bad((r) => { r.body.setting = 'pharmacy'; }), pointer: '/body/setting', code: 'not-allowed' },
  { name: 'attendance complaint over 2000 characters', make: bad((r) => { r.body.complaint = 'c'.repeat(2001); }), pointer: '/body/complaint', code: 'too-long' },
  { name: 'injury without a site', make: bad((r) => { delete r.body.injuries[0].site; }), pointer: '/body/injuries/0/site', code: 'required' },
  { name: 'injury type not in the enum', make: bad((r) => { r.body.injuries = injury({ type: 'graze' }); }), pointer: '/body/injuries/0/type', code: 'not-allowed' },
  { name: 'injury count 0', make: bad((r) => { r.body.injuries = injury({ count: 0 }); }), pointer: '/body/injuries/0/count', code: 'out-of-range' },
  { name: 'injury count 501', make: bad((r) => { r.body.injuries = injury({ count: 501 }); }), pointer: '/body/injuries/0/count', code: 'out-of-range' },
  { name: 'injury count 1.5', make: bad((r) => { r.body.injuries = injury({ count: 1.5 }); }), pointer: '/body/injuries/0/count', code: 'wrong-type' },
  { name: 'injury sizeMm negative', make: bad((r) => { r.body.injuries = injury({ sizeMm: -1 }); }), pointer: '/body/injuries/0/sizeMm', code: 'out-of-range' },
  { name: 'injury sizeMm as a string', make: bad((r) => { r.body.injuries = injury({ sizeMm: '15mm' }); }), pointer: '/body/injuries/0/sizeMm', code: 'wrong-type' },
  { name: 'visit without childSeen', make: bad((r) => { delete r.body.childSeen; }, 'visit'), pointer: '/body/childSeen', code: 'required' },
  { name: 'visit childSeen "yes"', make: bad((r) => { r.body.childSeen = 'yes'; }, 'visit'), pointer: '/body/childSeen', code: 'wrong-type' },
  { name: 'visit with an attendance body', make: bad((r) => { r.body = { setting: 'gp', complaint: 'x' }; }, 'visit'), pointer: '/body/purpose', code: 'required',
    also: [['/body/announced', 'required'], ['/body/childSeen', 'required'], ['/body/childSeenAlone', 'required'],
      ['/body/setting', 'unknown-property'], ['/body/complaint', 'unknown-property']] },
  { name: 'placement change not in the enum', make: bad((r) => { r.body.change = 'adopted'; }, 'placement'), pointer: '/body/change', code: 'not-allowed' },
  { name: 'conference category not in the enum', make: bad((r) => { r.body.categories = ['physical', 'financial']; }, 'conference'), pointer: '/body/categories/1', code: 'not-allowed' },
  { name: 'conference agency id with a space', make: bad((r) => { r.body.agenciesAbsent = ['Social Care']; }, 'conference'), pointer: '/body/agenciesAbsent/0', code: 'bad-format' },
  { name: 'referral without urgency', make: bad((r) => { delete r.body.urgency; }, 'referral'), pointer: '/body/urgency', code: 'required' },
  { name: 'referral to a bad agency id', make: bad((r) => { r.body.to = 'CSC'; }, 'referral'), pointer: '/body/to', code: 'bad-format' },

  // --- body fields that name someone not in people
  { name: 'attendance broughtBy an unknown key', make: bad((r) => { r.body.broughtBy = 'dad'; }), pointer: '/body/broughtBy', code: 'unknown-mention-key' },
  { name: 'visit present lists an unknown key', make: bad((r) => { r.body.present = ['child', 'gran']; }, 'visit'), pointer: '/body/present/1', code: 'unknown-mention-key' },
  { name: 'placement with an unknown key', make: bad((r) => { r.body.with = 'foster'; }, 'placement'), pointer: '/body/with', code: 'unknown-mention-key' },
  { name: 'household-change person an unknown key', make: bad((r) => { r.body.person = 'lodger'; }, 'household-change'), pointer: '/body/person', code: 'unknown-mention-key' },
  { name: 'demographics nextOfKin an unknown key', make: bad((r) => { r.body.nextOfKin = 'gran'; }, 'demographics'), pointer: '/body/nextOfKin', code: 'unknown-mention-key' },
  { name: 'death subject an unknown key', make: bad((r) => { r.body.subject = 'baby'; }, 'death'), pointer: '/body/subject', code: 'unknown-mention-key' },
  { name: 'police-action suspect an unknown key', make: bad((r) => { r.body.suspect = 'bf'; }, 'police-action'), pointer: '/body/suspect', code: 'unknown-mention-key' },
  { name: 'police-action suspect key of the wrong shape', make: bad((r) => { r.body.suspect = 'the boyfriend'; }, 'police-action'), pointer: '/body/suspect', code: 'bad-format' },

  // --- contract revision 2
  { name: 'measurement with no measure, only a centile', make: bad((r) => { r.body = { centiles: { weight: 9 } }; }, 'measurement'), pointer: '/body', code: 'incomplete' },
  { name: 'measurement weight 0 kg', make: bad((r) => { r.body.weightKg = 0; }, 'measurement'), pointer: '/body/weightKg', code: 'out-of-range' },
  { name: 'measurement weight as text', make: bad((r) => { r.body.weightKg = '7.2kg'; }, 'measurement'), pointer: '/body/weightKg', code: 'wrong-type' },
  { name: 'measurement head circumference 81 cm', make: bad((r) => { r.body.headCm = 81; }, 'measurement'), pointer: '/body/headCm', code: 'out-of-range' },
  { name: 'measurement centile 101', make: bad((r) => { r.body.centiles.height = 101; }, 'measurement'), pointer: '/body/centiles/height', code: 'out-of-range' },
  { name: 'measurement centile for a measure the charts lack', make: bad((r) => { r.body.centiles.bmi = 50; }, 'measurement'), pointer: '/body/centiles/bmi', code: 'unknown-property' },
  { name: 'measurement in a setting not in the contract', make: bad((r) => { r.body.setting = 'home'; }, 'measurement'), pointer: '/body/setting', code: 'not-allowed' },
  { name: 'education with no change', make: bad((r) => { delete r.body.change; }, 'education'), pointer: '/body/change', code: 'required' },
  { name: 'education change not in the contract', make: bad((r) => { r.body.change = 'expelled'; }, 'education'), pointer: '/body/change', code: 'not-allowed' },
  { name: 'education attendance of 120%', make: bad((r) => { r.body.attendancePercent = 120; }, 'education'), pointer: '/body/attendancePercent', code: 'out-of-range' },
  { name: 'concern reported by someone not in the contract', make: bad((r) => { r.body.reportedBy = 'grandmother'; }, 'concern'), pointer: '/body/reportedBy', code: 'not-allowed' },
  { name: 'referral reportedBy of the wrong type', make: bad((r) => { r.body.reportedBy = ['neighbour']; }, 'referral'), pointer: '/body/reportedBy', code: 'not-allowed' },
  { name: 'reportedBy on an attendance', make: bad((r) => { r.body.reportedBy = 'parent'; }), pointer: '/body/reportedBy', code: 'unknown-property' },
  { name: 'visit access not in the contract', make: bad((r) => { r.body.access = 'porch'; }, 'no-access visit'), pointer: '/body/access', code: 'not-allowed' },
  { name: 'visit with no reply at the door, yet the child seen', make: bad((r) => { r.body.childSeen = true; }, 'no-access visit'), pointer: '/body/childSeen', code: 'contradictory' },
  {
    name: 'visit with no reply at the door, yet the child seen alone', make: bad((r) => { r.body.childSeen = true; r.body.childSeenAlone = true; }, 'no-access visit'),
    pointer: '/body/childSeen', code: 'contradictory', also: [['/body/childSeenAlone', 'contradictory']],
  },

  // --- size and content
  { name: 'narrative of 20001 characters', make: bad((r) => { r.narrative = 'n'.repeat(20001); }), pointer: '/narrative', code: 'too-long' },
  { name: 'author name of 600 KB (no maxLength of its own)', make: bad((r) => { r.author = { name: 'A'.repeat(600_000) }; }), pointer: '', code: 'too-large' },
  { name: '50 people with 20 long aliases each: every field in bounds, the whole over 512 KiB', make: bad((r) => { r.people = crowd(); }), pointer: '', code: 'too-large' },
  { name: 'NUL in the narrative', make: bad((r) => { r.narrative = 'seen by\u0000GP'; }), pointer: '/narrative', code: 'nul-character' },
  { name: 'NUL in a family name', make: bad((r) => { r.people[1].name.family = 'Exa\u0000mple'; }), pointer: '/people/1/name/family', code: 'nul-character' },
  { name: 'NUL in an injury note', make: bad((r) => { r.body.injuries[0].ageEstimate = '\u0000'; }), pointer: '/body/injuries/0/ageEstimate', code: 'nul-character' },

  // --- not a record at all
  { name: 'null', make: () => null, pointer: '', code: 'wrong-type' },
  { name: 'a number', make: () => 42, pointer: '', code: 'wrong-type' },
  { name: 'a string', make: () => 'text', pointer: '', code: 'wrong-type' },
  { name: 'an array', make: () => [], pointer: '', code: 'wrong-type' },
  { name: 'an array holding a valid record', make: () => [gpAttendance()], pointer: '', code: 'wrong-type' },
  { name: 'an empty object', make: () => ({}), pointer: '/format', code: 'required',
    also: ['agency', 'ref', 'kind', 'occurredAt', 'people', 'body'].map((f): [string, string] => [`/${f}`, 'required']) },

  // --- checked against the database
  { name: 'agency well-formed but not registered', make: bad((r) => { r.agency = 'gp-99'; }), pointer: '/agency', code: 'unknown-agency' },
];

function summary(problems: Problem[] | undefined): string[] {
  return (problems ?? []).map((p) => `${p.pointer} ${p.code}`).sort();
}

describe('bad input: each malformed record is refused with its problem and nothing is stored', () => {
  let db: TestDb;
  let repo: Repository;

  before(async () => {
    ({ db, repo } = await testRepository({ clock: () => CLOCK }));
  });
  after(async () => {
    await db.drop();
  });

  test(`the table has at least 45 cases with distinct names (${CASES.length})`, () => {
    assert.ok(CASES.length >= 45);
    assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
  });

  test('every base record the cases mutate is itself valid and stored', async () => {
    const bases = Object.values(BASE).map((make) => make());
    const out = await repo.ingest(operator, bases);
    assert.deepEqual(out.results.map((r) => [r.status, summary(r.problems)]), bases.map(() => ['stored', []]));
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const input = c.make();
      const beforeCounts = await tableCounts(db);
      const out = await repo.ingest(operator, [input]);
      assert.equal(out.results.length, 1);
      const [result] = out.results;
      assert.equal(result?.status, 'refused');
      assert.equal(result?.index, 0);
      assert.deepEqual(out.recordIds, []);
      const expected = [[c.pointer, c.code] as const, ...(c.also ?? [])].map(([p, code]) => `${p} ${code}`).sort();
      assert.deepEqual(summary(result?.problems), expected, `problems for "${c.name}"`);
      for (const p of result?.problems ?? []) assert.ok(p.message.length > 0);
      assert.deepEqual(await tableCounts(db), beforeCounts, 'nothing stored');
    });
  }

  test('accepted edge cases are stored', async () => {
    const subjectOnly = (occurredAt: string, dob: string): Doc => {
      const c = child();
      c.dob = dob;
      return { ...gpAttendance({ occurredAt }), people: [c], body: { setting: 'gp', complaint: 'check-up' } };
    };
    const edges: [string, Doc][] = [
      ['occurredAt on the day of birth', subjectOnly('2020-02-03', '2020-02-03')],
      ['occurredAt on the first day of a partial (month) dob', subjectOnly('2020-03-01', '2020-03')],
      ['occurredAt on 1 January of a year-only dob', subjectOnly('2020-01-01', '2020')],
      ['occurredAt later in a partial dob\'s month', subjectOnly('2020-03-15', '2020-03')],
      ['a date-time 4 minutes ahead (clock skew)', gpAttendance({ occurredAt: '2024-06-01T12:04:00Z' })],
      ['a date-time exactly 5 minutes ahead', gpAttendance({ occurredAt: '2024-06-01T13:05:00+01:00' })],
      ['a date-only occurredAt of today', gpAttendance({ occurredAt: '2024-06-01' })],
      ['recordedAt before occurredAt is not our business', gpAttendance({ recordedAt: '2019-01-01T00:00:00Z' })],
      ['a narrative of exactly 20000 characters', gpAttendance({ narrative: 'n'.repeat(20000) })],
      ['injury count 1 and 500, sizeMm 0 and 2000', structuredClone(gpAttendance({ body: {
        setting: 'gp', complaint: 'x', injuries: [{ type: 'bruise', site: 'back', count: 1, sizeMm: 0 }, { type: 'burn', site: 'hand', count: 500, sizeMm: 2000 }],
      } }))],
      ['exactly 50 people', { ...gpAttendance(), people: [child(), mother(), ...Array.from({ length: 48 }, (_, i) => ({ key: `p${i}`, role: 'other', name: { family: `Crowd${i}` } }))] }],
      ['a non-subject with a dob after the event', { ...gpAttendance({ occurredAt: '2021-05-06' }), people: [child(), { ...mother(), dob: '2022-01-01' }] }],
      ['entry refused, the child seen at the door (not a contradiction)', record('visit', 'csc-1', { purpose: 'statutory', announced: false, childSeen: true, childSeenAlone: false, access: 'refused' })],
      ['seen only on the doorstep', record('visit', 'csc-1', { purpose: 'welfare-check', announced: false, childSeen: true, childSeenAlone: false, access: 'doorstep' })],
      ['a revision-1 visit, seen alone but not "seen", is still valid', record('visit', 'csc-1', { purpose: 'statutory', announced: true, childSeen: false, childSeenAlone: true })],
      ['a measurement of the head alone, centile 0 and 100 limits', record('measurement', 'gp-1', { headCm: 44, centiles: { head: 0, weight: 100 } })],
      ['attendance of 0% and an education change with no school named', record('education', 'csc-1', { change: 'missing-education', attendancePercent: 0 })],
    ];
    for (const [name, r] of edges) {
      const beforeCounts = await tableCounts(db);
      const out = await repo.ingest(operator, [r]);
      assert.deepEqual([out.results[0]?.status, summary(out.results[0]?.problems)], ['stored', []], name);
      const afterCounts = await tableCounts(db);
      assert.equal(afterCounts.record, beforeCounts.record! + 1, name);
      assert.equal(afterCounts.mention, beforeCounts.mention! + (r.people as unknown[]).length, name);
    }
  });

  test('a mixed batch [good, bad, good] stores the good ones and nothing of the bad one', async () => {
    const good1 = gpAttendance();
    const badOne = { ...gpAttendance(), people: [child(), mother()], body: { setting: 'gp', complaint: 'x', broughtBy: 'nobody' } };
    const good2 = BASE.visit!();
    const beforeCounts = await tableCounts(db);
    const out = await repo.ingest(operator, [good1, badOne, good2]);
    assert.deepEqual(out.results.map((r) => [r.index, r.status]), [[0, 'stored'], [1, 'refused'], [2, 'stored']]);
    assert.deepEqual(summary(out.results[1]?.problems), ['/body/broughtBy unknown-mention-key']);
    assert.equal(out.results[1]?.ref, badOne.ref, 'the refusal names the record it refused');
    assert.equal(out.results[1]?.recordId, undefined);
    assert.equal(out.recordIds.length, 2);
    const afterCounts = await tableCounts(db);
    assert.equal(afterCounts.record, beforeCounts.record! + 2);
    assert.equal(afterCounts.mention, beforeCounts.mention! + good1.people.length + (good2.people as unknown[]).length);
    const stored = await db.kysely.selectFrom('record').select(['agency_id', 'ref']).where('ref', 'in', [good1.ref, badOne.ref, good2.ref]).execute();
    assert.deepEqual(stored.map((s) => `${s.agency_id}/${s.ref}`).sort(), [`${good1.agency}/${good1.ref}`, `${good2.agency}/${good2.ref}`].sort());
  });

  test('a batch of only bad records stores nothing and still answers for each', async () => {
    const items = CASES.slice(0, 10).map((c) => c.make());
    const beforeCounts = await tableCounts(db);
    const out = await repo.ingest(operator, items);
    assert.deepEqual(out.results.map((r) => r.status), items.map(() => 'refused'));
    assert.deepEqual(out.results.map((r) => r.index), items.map((_, i) => i));
    assert.deepEqual(await tableCounts(db), beforeCounts);
  });

  test('a lone UTF-16 surrogate is refused as bad input, not a failed batch', async () => {
    const good = gpAttendance();
    const lone = gpAttendance({ narrative: 'half an emoji: \uD83D' });
    const beforeCounts = await tableCounts(db);
    const out = await repo.ingest(operator, [good, lone]);
    assert.deepEqual(out.results.map((r) => r.status), ['stored', 'refused']);
    assert.deepEqual(out.results[1]?.problems?.map((p) => p.pointer), ['/narrative']);
    assert.equal((await tableCounts(db)).record, beforeCounts.record! + 1);
  });

  describe('strings that look like attacks are valid data, stored and read back verbatim', () => {
    const NARRATIVE = [
      "'; DROP TABLE record; --",
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      '{{7*7}} ${process.exit()} #{7*7} <%= 7*7 %>',
      '\u202Eevil.exe\u202C and a zero-width joiner\u200D here',
      'emoji 👶🏽👨‍👩‍👧 flags 🇬🇧 and 𝕏',
      'quotes " \' ` backslashes \\ \\\\ \\u0000 (escaped, not a NUL) $1 $$ %s %n',
      "Robert'); DELETE FROM mention;--",
      'line\r\nbreaks\ttabs\u2028separators\u2029',
      'combining: Zoe\u0301 vs Zoé; Greek Ω vs Ohm \u2126; 𠜎 (astral CJK)',
    ].join('\n');
    const SUBJECT_GIVEN = '<b>Zebedee</b>';
    const SUBJECT_FAMILY = "O'Injection-\u202Eson";
    const MOTHER_GIVEN = '😀'.repeat(200); // 200 characters (400 UTF-16 units): at the limit
    const MOTHER_FAMILY = "Robert'); DELETE FROM mention;--";
    const OTHER_GIVEN = '${process.exit()}';
    const OTHER_FAMILY = '{{7*7}}';
    const COMPLAINT = "cough'; DROP TABLE record; -- <script>alert(1)</script>";
    const REF = "'; DROP TABLE record; --";

    const doc = (): Doc => ({
      format: 'agency-record/1',
      agency: 'gp-1',
      ref: REF,
      kind: 'attendance',
      occurredAt: '2023-04-05T10:00:00+01:00',
      certainty: 'documented',
      people: [
        {
          key: 'child', role: 'subject', name: { given: SUBJECT_GIVEN, family: SUBJECT_FAMILY, other: '\u202E' },
          dob: '2022-01-02', nhsNumber: '9990000026', localId: "1' OR '1'='1",
          address: { lines: ["1 Robert'); DROP TABLE person;-- Street", '<iframe>'], postcode: "n1'--" },
        },
        { key: 'm', role: 'parent', relationship: 'mother <script>', name: { given: MOTHER_GIVEN, family: MOTHER_FAMILY }, livesWithSubject: 'yes' },
        { key: 'x', role: 'visitor', name: { given: OTHER_GIVEN, family: OTHER_FAMILY }, aliases: [{ given: 'ﷺ'.repeat(200) }] },
      ],
      body: { setting: 'gp', complaint: COMPLAINT, broughtBy: 'm', explanation: '${7*7}', examinationNote: '\\x00 not a NUL' },
      narrative: NARRATIVE,
      author: { name: 'Dr <em>Who</em>', role: "'; --" },
    });

    test('ingest stores it, and the chronology returns every string byte for byte', async () => {
      const submitted = doc();
      const sent = JSON.stringify(submitted);
      const beforeCounts = await tableCounts(db);
      const out = await repo.ingest(operator, [submitted]);
      assert.deepEqual([out.results[0]?.status, summary(out.results[0]?.problems)], ['stored', []]);
      assert.equal(JSON.stringify(submitted), sent, 'ingest did not alter the caller\'s object');

      const afterCounts = await tableCounts(db);
      assert.equal(afterCounts.record, beforeCounts.record! + 1);
      assert.equal(afterCounts.mention, beforeCounts.mention! + 3, 'mentions were added, none deleted');
      for (const t of ['record', 'mention', 'person', 'mention_link', 'person_mention'] as const) {
        assert.ok(afterCounts[t]! >= beforeCounts[t]!, `${t} did not shrink`);
      }

      // the stored document is the submitted one
      const row = await db.kysely.selectFrom('record').select(['document', 'ref']).where('agency_id', '=', 'gp-1').where('ref', '=', REF).executeTakeFirstOrThrow();
      assert.equal(row.ref, REF);
      assert.deepEqual(row.document, submitted);

      // and the mention rows hold the names exactly
      const mentions = await db.kysely.selectFrom('mention').select(['key', 'given', 'family', 'local_id'])
        .where('record_id', '=', out.results[0]!.recordId!).orderBy('key').execute();
      assert.deepEqual(mentions.map((m) => [m.key, m.given, m.family]), [
        ['child', SUBJECT_GIVEN, SUBJECT_FAMILY], ['m', MOTHER_GIVEN, MOTHER_FAMILY], ['x', OTHER_GIVEN, OTHER_FAMILY],
      ]);
      assert.equal(mentions[0]?.local_id, "1' OR '1'='1");

      // read back through the repository, as a practitioner would
      const { people } = await repo.people(operator);
      const subject = people.find((p) => p.mentions.includes(`gp-1/${REF}#child`));
      assert.ok(subject, 'the subject is a person');
      assert.equal(subject.name, `${SUBJECT_GIVEN} ${SUBJECT_FAMILY}`);
      const chronology = await repo.chronology(operator, subject.id);
      assert.ok(chronology);
      const entry = chronology.entries.find((e) => e.source === `gp-1/${REF}`);
      assert.ok(entry, 'the record is in the subject\'s chronology');
      assert.equal(entry.narrative, NARRATIVE);
      assert.equal(Buffer.compare(Buffer.from(entry.narrative, 'utf8'), Buffer.from(NARRATIVE, 'utf8')), 0);
      assert.ok(entry.summary.includes(COMPLAINT), 'the complaint is in the summary verbatim');
      assert.equal(entry.relationship, undefined);
      assert.deepEqual(
        entry.others.map((o) => [o.key, o.name, o.relationship ?? null]),
        [['m', `${MOTHER_GIVEN} ${MOTHER_FAMILY}`, 'mother <script>'], ['x', `${OTHER_GIVEN} ${OTHER_FAMILY}`, null]],
      );

      // every table is still there and answers
      for (const t of ['record', 'mention', 'person', 'mention_link', 'person_mention', 'agency', 'audit']) {
        const r = await sql<{ t: string | null }>`select to_regclass(${t})::text as t`.execute(db.kysely);
        assert.equal(r.rows[0]?.t, t, `table ${t} exists`);
      }
      assert.deepEqual(await tableCounts(db), afterCounts);
    });

    test('sending it again is a duplicate: the strings hash and compare stably', async () => {
      const beforeCounts = await tableCounts(db);
      const out = await repo.ingest(operator, [doc()]);
      assert.equal(out.results[0]?.status, 'duplicate');
      assert.deepEqual(await tableCounts(db), beforeCounts);
    });
  });
});


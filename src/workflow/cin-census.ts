// Statutory return: the DfE Children in Need (CIN) census for the reporting
// year ending 31 March YYYY, built from the agencies' records in the database,
// written as the census XML (datasets/cin/schemas/CIN_schema_2024.xsd), checked
// with the local rules (./cin-rules.ts) and, by validateCinXml, with xmllint.
//
// Only records that had happened by the reference date are read: the census is
// the picture on 31 March, not with hindsight.
//
// How the agency records become census items (the agency record has no
// assessment, closure or child-in-need-plan record, so those are inferred as
// the table says, and what cannot be inferred is left out and reported):
//
// | census item                 | taken from |
// |-----------------------------|------------|
// | child in the census         | a person who is the subject of a referral to a social-care agency, or of any social-care record, with an episode open at any time from 1 April to 31 March |
// | LAchildID                   | Threadline's person id (no names: the census has none) |
// | PersonBirthDate             | the commonest full date of birth in the person's mentions |
// | GenderCurrent               | the commonest recorded sex: male 1, female 2, otherwise 0 (not recorded) |
// | PersonDeathDate             | a `death` record about the child |
// | UPN / UPNunknown            | left out: no agency sends UPNs (one file-level problem) |
// | Ethnicity                   | NOBT (information not yet obtained): agency records carry no ethnicity |
// | CINreferralDate             | the referral's date; or, with no referral, the first social-care record of the episode |
// | ReferralSource              | the referring agency's kind (REFERRAL_SOURCE_BY_AGENCY_KIND); a contact logged by social care itself: its `reportedBy` (REFERRAL_SOURCE_BY_REPORTER), else the caller its description names |
// | PrimaryNeedCode             | N1 (abuse or neglect) when the episode has a section 47 enquiry, a conference, a substantiated enquiry or a concern of physical/emotional/sexual abuse or neglect; otherwise N0 (not stated) |
// | AssessmentActualStartDate   | the first social-care statutory visit of the episode |
// | AssessmentAuthorisationDate | the enquiry outcome (the end of the section 47 enquiry) after it; otherwise left out and reported (`TL-MAP-ASSESSMENT`), so the 45-day rule is not checked for it |
// | FactorsIdentifiedAtAssessment | left out: not recorded by any agency |
// | CINPlanStartDate / EndDate  | a child-in-need plan starts with an enquiry outcome deciding one, or else is taken to start with the first family-support visit while no plan is open; it ends as the process reads it (childInNeedPlanEvent: a CP plan, no further action, death) or when the episode closes |
// | Section47                   | a strategy discussion deciding `section-47` (S47ActualStartDate); InitialCPCtarget = 15 working days on; DateOfInitialCPC = the next initial conference; ICPCnotRequired = an enquiry outcome other than `conference` |
// | DateOfInitialCPC (episode)  | an initial conference with no section 47 enquiry before it in the episode |
// | ChildProtectionPlans        | an initial conference deciding `plan` starts one (its date); review conferences are CPPreviewDates; `plan-ends` (or the child's death) ends it; categories physical PHY, emotional EMO, sexual SAB, neglect NEG, several MUL; NumberOfPreviousCPP counts the child's earlier plans |
// | CINclosureDate / Reason     | death: its date, RC2. The 18th birthday: that date, RC7 (an open plan ends then too). Otherwise, with no plan open, the episode is taken to have closed on its last social-care record once 91 days pass without one (CLOSE_AFTER_SILENT_DAYS, on or before the reference date): RC8 (closed after assessment, no further action) if there was no child-in-need or protection plan, else RC7 |
// | ReferralNFA                 | true when nothing followed the referral before that closure (closure date = referral date, RC8) |
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AgencyRecord } from '../records/types.ts';
import { addDays, addMonths, addWorkingDays } from '../statutory/calendar.ts';
import { childInNeedPlanEvent } from '../statutory/process.ts';
import {
  censusPeriod, checkCinRules, type CategoryCode, type CinChild, type CinEpisode, type CinProblem, type CinProtectionPlan,
  type CinRuleContext, type CinSection47,
} from './cin-rules.ts';

export type { CinChild, CinEpisode, CinProblem } from './cin-rules.ts';

/** The DfE schema the export targets (liia-tools' 2024 reconstruction; see datasets/cin/README.md). */
export const CIN_SCHEMA_2024 = fileURLToPath(new URL('../../datasets/cin/schemas/CIN_schema_2024.xsd', import.meta.url));

/** An episode with no plan open closes on its last social-care record once this many days pass without another. */
export const CLOSE_AFTER_SILENT_DAYS = 91;

/** DfE referral source (ReferralSource) for each agency kind of the agency-record spec. */
export const REFERRAL_SOURCE_BY_AGENCY_KIND: Readonly<Record<string, string>> = {
  school: '2A', // SCHOOLS
  'early-years': '2B', // EDUCATION SERVICES (nurseries and early-years settings)
  gp: '3A', // HEALTH – GP
  'health-visiting': '3B', // HEALTH – health visitor
  'community-health': '3D', // HEALTH – other primary health services
  hospital: '3F', // HEALTH – other; 3E (A&E) when the referral follows an emergency attendance there (below)
  ambulance: '3F', // HEALTH – other
  housing: '4', // HOUSING
  'social-care': '5C', // LA SERVICES – external (another authority's social care); our own contact log is mapped by caller
  police: '6', // POLICE
  probation: '7', legal: '7', prosecution: '7', // OTHER LEGAL AGENCY
  other: '8', // OTHER
};
/**
 * DfE referral source for a contact social care logged itself, from who raised it (`reportedBy`, contract
 * revision 2). A referral from another agency keeps that agency's source: the census asks who referred.
 */
export const REFERRAL_SOURCE_BY_REPORTER: Readonly<Record<string, string>> = {
  parent: '1A', relative: '1A', // INDIVIDUAL – family member, relative or carer
  neighbour: '1B', // INDIVIDUAL – acquaintance (including neighbours and child minders)
  child: '1C', // INDIVIDUAL – self
  'member-of-public': '1D', // INDIVIDUAL – other (including strangers)
  anonymous: '9', // ANONYMOUS
  professional: '8', // OTHER: a professional whose agency is not named
};

/** A hospital referral within this many days of an emergency attendance there is an A&E referral (3E). */
const A_AND_E_DAYS = 7;

/** A contact logged by social care ("contact from a neighbour: …"): the caller's words to a source. */
const CALLER_SOURCES: readonly [RegExp, string][] = [
  [/anonymous/i, '9'], // ANONYMOUS
  [/housing/i, '4'], // HOUSING
  [/relative|family|mother|father|parent|grand|aunt|uncle|carer/i, '1A'], // INDIVIDUAL – family member, relative or carer
  [/neighbour|friend|acquaintance|child ?minder/i, '1B'], // INDIVIDUAL – acquaintance
  [/\bself\b|the child|young person/i, '1C'], // INDIVIDUAL – self
];

const CATEGORY: Readonly<Record<string, CategoryCode>> = { physical: 'PHY', emotional: 'EMO', sexual: 'SAB', neglect: 'NEG' };
const ABUSE_CONCERNS = new Set(Object.keys(CATEGORY));

export interface CinCensusOptions {
  /** the local authority's 3-digit DfE code (default '000', reported as not set) */
  lea?: string;
  /** header SerialNo, 3+ digits (default '001') */
  serialNo?: string;
  /** the header's DateTime (default now) */
  now?: Date;
}

export interface CinCensusResult {
  xml: string;
  /** children in the census */
  children: number;
  /** what the rules found, and what the records could not provide */
  problems: CinProblem[];
  /** the census before it was written as XML */
  census: CinChild[];
  referenceDate: string;
}

/** One record about a person, as cinCensus reads it. */
export interface CinRecordRow {
  personId: number;
  agencyKind: string;
  occurredOn: string;
  document: AgencyRecord;
  /** the person's mention key in the record */
  key: string;
  dob: string | null;
  sex: string | null;
}

export async function cinCensus(tx: Transaction<Database>, year: number, opts: CinCensusOptions = {}): Promise<CinCensusResult> {
  const period = censusPeriod(year);
  const lea = opts.lea ?? '000';
  if (!/^\d{3}$/.test(lea)) throw new RangeError(`LEA must be a 3-digit code, got ${JSON.stringify(lea)}`);
  const serialNo = opts.serialNo ?? '001';
  if (!/^\d{3,}$/.test(serialNo)) throw new RangeError(`SerialNo must be 3 or more digits, got ${JSON.stringify(serialNo)}`);

  const agencies = await sql<{ id: string; kind: string }>`select id, kind from agency`.execute(tx);
  const agencyKinds = new Map(agencies.rows.map((a) => [a.id, a.kind]));
  const socialCare = agencies.rows.filter((a) => a.kind === 'social-care').map((a) => a.id);
  const ref = period.referenceDate;
  // Each person's records as the subject (or as a placement's or death's `subject`), up to the reference date,
  // for the people who were ever the subject of a social-care record or of a referral to social care by then.
  const rows = await sql<{ person_id: number; agency_kind: string; occurred_on: string; document: AgencyRecord; key: string; dob: string | null; sex: string | null }>`
    with subject as (
      select pm.person_id, r.id as record_id, r.agency_id, r.kind, r.occurred_on, r.occurred_at, r.recorded_at, r.document, m.key, m.dob, m.sex
      from person_mention pm
      join mention m on m.id = pm.mention_id
      join record r on r.id = m.record_id
      where r.occurred_on <= ${ref}::date
        and (m.role = 'subject' or r.document->'body'->>'subject' = m.key)
    ), census as (
      select distinct s.person_id from subject s
      where s.agency_id = any(${socialCare}::text[])
         or (s.kind = 'referral' and s.document->'body'->>'to' = any(${socialCare}::text[]))
    )
    select s.person_id, a.kind as agency_kind, s.occurred_on::text as occurred_on, s.document, s.key, s.dob, s.sex
    from subject s
    join census c on c.person_id = s.person_id
    join agency a on a.id = s.agency_id
    order by s.person_id, s.occurred_on, s.occurred_at, s.recorded_at, s.record_id`.execute(tx);

  const byPerson = new Map<number, CinRecordRow[]>();
  for (const r of rows.rows) {
    const list = byPerson.get(Number(r.person_id)) ?? [];
    list.push({ personId: Number(r.person_id), agencyKind: r.agency_kind, occurredOn: r.occurred_on, document: r.document, key: r.key, dob: r.dob, sex: r.sex });
    byPerson.set(Number(r.person_id), list);
  }
  const problems: CinProblem[] = [];
  const census: CinChild[] = [];
  for (const [personId, list] of byPerson) {
    const child = censusChild(personId, list, period, agencyKinds, problems);
    if (child) census.push(child);
  }
  if (census.length > 0) {
    problems.unshift({ child: '', code: 'TL-MAP-UPN', severity: 'data', message: 'UPN and UPNunknown are left out: no agency sends unique pupil numbers to Threadline' });
    problems.unshift({ child: '', code: 'TL-MAP-ETHNICITY', severity: 'data', message: 'Ethnicity is NOBT (not yet obtained) for every child: agency records carry no ethnicity' });
  }
  if (opts.lea === undefined) problems.unshift({ child: '', code: 'TL-LEA', severity: 'data', message: "no LEA code given: '000' written; pass the authority's 3-digit DfE code" });
  problems.push(...checkCinRules(census, period));
  const xml = cinXml(census, { year, referenceDate: ref, lea, serialNo, now: opts.now ?? new Date() });
  return { xml, children: census.length, problems, census, referenceDate: ref };
}

interface WorkingEpisode extends CinEpisode {
  lastActivity: string;
  followedUp: boolean;
  abuse: boolean;
  openPlan?: CinProtectionPlan;
  openCinPlan?: { start: string; end?: string };
  /** the section 47 enquiry awaiting its outcome or conference */
  pendingS47?: CinSection47;
}

/**
 * One person's census entry from their records (in time order, none after the reference date), or null when
 * no episode of theirs was open in the census year. Mapping gaps are pushed onto `problems`.
 */
export function censusChild(
  personId: number, rows: readonly CinRecordRow[], period: CinRuleContext, agencyKinds: ReadonlyMap<string, string>, problems: CinProblem[],
): CinChild | null {
  const id = String(personId);
  const local: CinProblem[] = [];
  const note = (code: string, message: string): void => { local.push({ child: id, code, severity: 'data', message }); };
  const episodes: WorkingEpisode[] = [];
  let open: WorkingEpisode | undefined;
  let plansSoFar = 0;
  let deathDate: string | undefined;
  const emergencies: { agency: string; on: string }[] = [];

  const close = (ep: WorkingEpisode, on: string, reason: string): void => {
    ep.closureDate = on;
    ep.reasonForClosure = reason;
    if (ep.openCinPlan) { ep.openCinPlan.end = on; ep.openCinPlan = undefined; }
    if (ep.openPlan) { ep.openPlan.end = on; ep.openPlan = undefined; }
    open = undefined;
  };
  const closeIfSilent = (before: string, inclusive: boolean): void => {
    if (!open || open.openPlan) return;
    const quietUntil = addDays(open.lastActivity, CLOSE_AFTER_SILENT_DAYS);
    if (inclusive ? quietUntil > before : quietUntil >= before) return;
    if (!open.followedUp) {
      open.referralNfa = true;
      close(open, open.referralDate!, 'RC8');
    } else {
      close(open, open.lastActivity, open.cinPlans.length === 0 && open.plans.length === 0 ? 'RC8' : 'RC7');
    }
  };
  const begin = (on: string, source: string, evidence: string): WorkingEpisode => {
    const ep: WorkingEpisode = {
      referralDate: on, referralSource: source, assessments: [], cinPlans: [], section47: [], referralNfa: false, plans: [],
      evidence: [evidence], lastActivity: on, followedUp: false, abuse: false,
    };
    episodes.push(ep);
    return ep;
  };

  const dobs = rows.map((r) => r.dob).filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d));
  const birthDate = commonest(dobs);
  const adult = birthDate ? addMonths(birthDate, 18 * 12) : undefined;
  /** at 18 a child's episode closes (services as a child cease: RC7) */
  const closeAtEighteen = (before: string, inclusive: boolean): void => {
    if (open && adult && (inclusive ? adult <= before : adult < before)) {
      open.evidence!.push(`18th birthday ${adult}`);
      close(open, adult, 'RC7');
    }
  };

  for (const row of rows) {
    const doc = row.document;
    const on = row.occurredOn;
    const source = `${doc.agency}/${doc.ref}`;
    const body = doc.body as Record<string, unknown>;
    closeIfSilent(on, false);
    closeAtEighteen(on, true);
    if (adult && on >= adult && doc.kind !== 'death') continue; // an adult now: no new episode

    if (doc.kind === 'death') {
      deathDate ??= on;
      if (open) { open.evidence!.push(source); close(open, on, 'RC2'); }
      continue;
    }
    if (doc.kind === 'attendance' && body.setting === 'emergency') emergencies.push({ agency: doc.agency, on });
    if (doc.kind === 'referral' && agencyKinds.get(String(body.to)) === 'social-care' && row.agencyKind !== 'social-care') {
      if (open) { open.evidence!.push(source); continue; } // a further referral while the case is open joins it
      let code = REFERRAL_SOURCE_BY_AGENCY_KIND[row.agencyKind] ?? '10';
      if (row.agencyKind === 'hospital' && emergencies.some((e) => e.agency === doc.agency && e.on <= on && addDays(e.on, A_AND_E_DAYS) >= on)) code = '3E';
      open = begin(on, code, source);
      continue;
    }
    if (row.agencyKind !== 'social-care') continue;

    // A social-care record: part of the open episode, or the start of one.
    if (!open) {
      let code = '10';
      const reporter = doc.kind === 'concern' || doc.kind === 'referral' ? REFERRAL_SOURCE_BY_REPORTER[String(body.reportedBy)] : undefined;
      const caller = doc.kind === 'concern' ? /^contact from ([^:]+):/i.exec(String(body.description ?? ''))?.[1] : undefined;
      if (reporter) code = reporter;
      else if (caller) code = CALLER_SOURCES.find(([re]) => re.test(caller))?.[1] ?? '1D';
      else note('TL-MAP-SOURCE', `episode opened on ${on} by ${source} (${doc.kind}) with no referral: referral source 10 (unknown)`);
      open = begin(on, code, source);
      if (doc.kind === 'concern') {
        if (ABUSE_CONCERNS.has(String(body.category))) open.abuse = true;
        continue; // the contact itself is the referral
      }
    }
    const ep: WorkingEpisode = open;
    ep.evidence!.push(source);
    ep.lastActivity = on;
    ep.followedUp = true;
    // Child-in-need plans recorded as such (an enquiry's outcome deciding one), read as the process reads them.
    const cinEvent = childInNeedPlanEvent(doc.kind, body);
    if (cinEvent === 'starts' && !ep.openPlan && !ep.openCinPlan) {
      ep.openCinPlan = { start: on };
      ep.cinPlans.push(ep.openCinPlan);
    } else if (cinEvent === 'ends' && ep.openCinPlan) {
      ep.openCinPlan.end = on;
      ep.openCinPlan = undefined;
    }
    switch (doc.kind) {
      case 'visit':
        if (body.purpose === 'statutory' && ep.assessments.length === 0) ep.assessments.push({ start: on });
        if (body.purpose === 'family-support' && !ep.openPlan && !ep.openCinPlan) {
          ep.openCinPlan = { start: on };
          ep.cinPlans.push(ep.openCinPlan);
        }
        break;
      case 'concern':
        if (ABUSE_CONCERNS.has(String(body.category))) ep.abuse = true;
        break;
      case 'strategy-discussion':
        if (body.decision === 'section-47') {
          ep.abuse = true;
          if (ep.pendingS47 && !ep.pendingS47.icpcNotRequired) {
            // A further discussion about the same enquiry: the conference is due 15 working days from the last one.
            ep.pendingS47.start = on;
            ep.pendingS47.icpcTarget = addWorkingDays(on, 15);
          } else {
            ep.pendingS47 = { start: on, icpcTarget: addWorkingDays(on, 15), icpcNotRequired: false };
            ep.section47.push(ep.pendingS47);
          }
        }
        break;
      case 'enquiry-outcome': {
        if (body.substantiated === true || body.decision === 'conference') ep.abuse = true;
        const assessment = ep.assessments.find((a) => a.authorised === undefined && a.start <= on);
        if (assessment) assessment.authorised = on;
        if (!ep.pendingS47) note('TL-MAP-S47', `enquiry outcome ${source} on ${on} has no strategy discussion deciding a section 47 enquiry before it`);
        else if (body.decision !== 'conference') { ep.pendingS47.icpcNotRequired = true; ep.pendingS47 = undefined; }
        break;
      }
      case 'conference': {
        ep.abuse = true;
        const categories = Array.isArray(body.categories) ? [...new Set((body.categories as string[]).map((c) => CATEGORY[c] ?? c))] : [];
        const category = categories.length === 0 ? undefined : categories.length === 1 ? categories[0] : 'MUL';
        if (body.type === 'initial') {
          if (ep.pendingS47) { ep.pendingS47.icpcDate = on; ep.pendingS47 = undefined; } else ep.dateOfInitialCpc ??= on;
          if (body.decision === 'plan') {
            if (ep.openPlan) { note('TL-MAP-CPP', `initial conference ${source} on ${on} decided a plan while one was open since ${ep.openPlan.start}`); break; }
            if (!category) note('TL-MAP-CATEGORY', `initial conference ${source} on ${on} decided a plan with no category of abuse`);
            ep.openPlan = { start: on, initialCategory: category, latestCategory: category, previousPlans: plansSoFar++, reviews: [] };
            ep.plans.push(ep.openPlan);
          }
        } else if (ep.openPlan) {
          ep.openPlan.reviews.push(on);
          if (body.decision === 'plan-ends') { ep.openPlan.end = on; ep.openPlan = undefined; } else if (category) ep.openPlan.latestCategory = category;
        } else {
          note('TL-MAP-CPP', `review conference ${source} on ${on} with no child protection plan open`);
        }
        break;
      }
      default:
        break; // core groups, placements and the rest show the case is active
    }
  }
  closeIfSilent(period.referenceDate, true);
  closeAtEighteen(period.referenceDate, true);

  const inYear = episodes.filter((e) => e.referralDate! <= period.referenceDate && (e.closureDate === undefined || e.closureDate >= period.periodStart));
  if (inYear.length === 0) return null;
  for (const e of inYear) {
    e.primaryNeed = e.abuse ? 'N1' : 'N0';
    for (const a of e.assessments) {
      if (!a.authorised) note('TL-MAP-ASSESSMENT', `assessment started ${a.start} (first statutory visit): no record shows it authorised, so AssessmentAuthorisationDate is left out and the 45-working-day rule is not checked`);
    }
    if (e.assessments.length === 0 && !e.referralNfa) note('TL-MAP-ASSESSMENT', `episode from ${e.referralDate}: no statutory visit, so no assessment is shown`);
  }
  problems.push(...local);

  const sexes = rows.map((r) => r.sex).filter((s): s is string => !!s && s !== 'unknown');
  const sex = commonest(sexes);
  return {
    laChildId: id,
    ...(birthDate ? { birthDate } : {}),
    gender: sex === 'male' ? '1' : sex === 'female' ? '2' : '0',
    ...(deathDate ? { deathDate } : {}),
    ethnicity: 'NOBT',
    episodes: inYear.map(({ lastActivity: _l, followedUp: _f, abuse: _a, openPlan: _p, openCinPlan: _c, pendingS47: _s, ...e }) => e),
  };
}

function commonest(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best) && v < best)) best = v;
  return best;
}

// ---------------------------------------------------------------- XML

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

class XmlOut {
  private lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;
  open(name: string): void { this.lines.push(`${'  '.repeat(this.depth++)}<${name}>`); }
  close(name: string): void { this.lines.push(`${'  '.repeat(--this.depth)}</${name}>`); }
  /** an element with text; left out when the value is undefined (an empty string is written, and is invalid) */
  leaf(name: string, value: string | number | boolean | undefined): void {
    if (value === undefined) return;
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>${esc(String(value))}</${name}>`);
  }
  toString(): string { return `${this.lines.join('\n')}\n`; }
}

export interface CinHeader {
  year: number;
  referenceDate: string;
  lea: string;
  serialNo: string;
  now: Date;
}

/** The census XML, elements in the order CIN_schema_2024.xsd requires. */
export function cinXml(children: readonly CinChild[], h: CinHeader): string {
  const x = new XmlOut();
  x.open('Message');
  x.open('Header');
  x.open('CollectionDetails');
  x.leaf('Collection', 'CIN');
  x.leaf('Year', h.year);
  x.leaf('ReferenceDate', h.referenceDate);
  x.close('CollectionDetails');
  x.open('Source');
  x.leaf('SourceLevel', 'L');
  x.leaf('LEA', h.lea);
  x.leaf('SoftwareCode', 'Threadline');
  x.leaf('Release', 'ver 1.0');
  x.leaf('SerialNo', h.serialNo);
  x.leaf('DateTime', h.now.toISOString().slice(0, 19));
  x.close('Source');
  x.close('Header');
  x.open('Children');
  for (const c of children) {
    x.open('Child');
    x.open('ChildIdentifiers');
    x.leaf('LAchildID', c.laChildId);
    x.leaf('PersonBirthDate', c.birthDate);
    x.leaf('GenderCurrent', c.gender);
    x.leaf('PersonDeathDate', c.deathDate);
    x.close('ChildIdentifiers');
    x.open('ChildCharacteristics');
    x.leaf('Ethnicity', c.ethnicity);
    x.close('ChildCharacteristics');
    for (const e of c.episodes) {
      x.open('CINdetails');
      x.leaf('CINreferralDate', e.referralDate ?? '');
      x.leaf('ReferralSource', e.referralSource ?? '');
      x.leaf('PrimaryNeedCode', e.primaryNeed);
      x.leaf('CINclosureDate', e.closureDate);
      x.leaf('ReasonForClosure', e.reasonForClosure);
      x.leaf('DateOfInitialCPC', e.dateOfInitialCpc);
      for (const a of e.assessments) {
        x.open('Assessments');
        x.leaf('AssessmentActualStartDate', a.start);
        x.leaf('AssessmentAuthorisationDate', a.authorised);
        if (a.factors && a.factors.length > 0) {
          x.open('FactorsIdentifiedAtAssessment');
          for (const f of a.factors) x.leaf('AssessmentFactors', f);
          x.close('FactorsIdentifiedAtAssessment');
        }
        x.close('Assessments');
      }
      for (const p of e.cinPlans) {
        x.open('CINPlanDates');
        x.leaf('CINPlanStartDate', p.start);
        x.leaf('CINPlanEndDate', p.end);
        x.close('CINPlanDates');
      }
      for (const s of e.section47) {
        x.open('Section47');
        x.leaf('S47ActualStartDate', s.start);
        x.leaf('InitialCPCtarget', s.icpcTarget);
        x.leaf('DateOfInitialCPC', s.icpcDate);
        x.leaf('ICPCnotRequired', s.icpcNotRequired);
        x.close('Section47');
      }
      x.leaf('ReferralNFA', e.referralNfa);
      for (const p of e.plans) {
        x.open('ChildProtectionPlans');
        x.leaf('CPPstartDate', p.start);
        x.leaf('CPPendDate', p.end);
        x.leaf('InitialCategoryOfAbuse', p.initialCategory ?? '');
        x.leaf('LatestCategoryOfAbuse', p.latestCategory ?? '');
        x.leaf('NumberOfPreviousCPP', p.previousPlans);
        if (p.reviews.length > 0) {
          x.open('Reviews');
          for (const r of p.reviews) x.leaf('CPPreviewDate', r);
          x.close('Reviews');
        }
        x.close('ChildProtectionPlans');
      }
      x.close('CINdetails');
    }
    x.close('Child');
  }
  x.close('Children');
  x.close('Message');
  return x.toString();
}

// ---------------------------------------------------------------- xmllint

export interface CinValidation {
  ok: boolean;
  errors: string[];
  /** the schema file xmllint was given */
  schema: string;
}

/**
 * The liia 2024 XSD types NumberOfPreviousCPP as xs:positiveInteger, so a child's first plan (0 previous
 * plans, the commonest case) can never validate; the DfE counts previous plans from 0. By default the
 * schema is used with that one type widened to xs:nonNegativeInteger (a copy in a temporary directory);
 * `exact: true` validates against the copied file as it is.
 */
const CPP_COUNT_EXACT = '<xs:element name="NumberOfPreviousCPP" type="xs:positiveInteger"';
const CPP_COUNT_WIDENED = '<xs:element name="NumberOfPreviousCPP" type="xs:nonNegativeInteger"';
let widenedSchema: string | undefined;

export function cinSchemaPath(opts: { exact?: boolean } = {}): string {
  if (opts.exact) return CIN_SCHEMA_2024;
  if (widenedSchema) return widenedSchema;
  const text = readFileSync(CIN_SCHEMA_2024, 'utf8');
  if (text.split(CPP_COUNT_EXACT).length !== 2) throw new Error(`${CIN_SCHEMA_2024}: NumberOfPreviousCPP is not declared as expected; review cinSchemaPath`);
  const path = join(mkdtempSync(join(tmpdir(), 'threadline-cin-')), 'CIN_schema_2024-previous-cpp-0.xsd');
  writeFileSync(path, text.replace(CPP_COUNT_EXACT, CPP_COUNT_WIDENED));
  return (widenedSchema = path);
}

/** Validates census XML with `xmllint --schema`; not ok (with an error saying so) when xmllint is not installed. */
export function validateCinXml(xml: string, opts: { exact?: boolean; xmllint?: string } = {}): Promise<CinValidation> {
  const schema = cinSchemaPath(opts);
  const bin = opts.xmllint ?? 'xmllint';
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(bin, ['--noout', '--schema', schema, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => { stderr += d; });
    child.on('error', (e: NodeJS.ErrnoException) => {
      resolve({ ok: false, schema, errors: [e.code === 'ENOENT' ? `xmllint not found (${bin}): install libxml2-utils (apt-get install libxml2-utils) to validate the CIN census` : `xmllint failed to start: ${e.message}`] });
    });
    child.on('close', (code) => {
      const errors = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^- (validates|fails to validate)$/.test(l));
      resolve({ ok: code === 0 && errors.length === 0, errors: code === 0 || errors.length > 0 ? errors : [`xmllint exited with status ${code}`], schema });
    });
    child.stdin.on('error', () => { /* reported by 'error' or 'close' */ });
    child.stdin.end(xml);
  });
}

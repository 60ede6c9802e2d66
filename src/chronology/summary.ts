// One line per record for a chronology, in the words a practitioner would
// scan: what kind of contact, the key facts of its body, the injuries.
import type { AgencyRecord, EducationBody, Injury, MeasurementBody, PersonMention, ReportedBy, VisitAccess } from '../records/types.ts';

const SETTING: Record<string, string> = {
  gp: 'GP consultation', emergency: 'Emergency department attendance', inpatient: 'Hospital admission',
  outpatient: 'Outpatient appointment', clinic: 'Clinic appointment', 'walk-in': 'Walk-in centre attendance',
  dental: 'Dental appointment',
};

/** Who first raised a concern or a referral, as a clause ("raised by a neighbour"). */
const REPORTED_BY: Record<ReportedBy, string> = {
  child: 'the child', parent: 'a parent', relative: 'a relative', neighbour: 'a neighbour',
  'member-of-public': 'a member of the public', anonymous: 'an anonymous caller', professional: 'a professional',
};
const raisedBy = (r: unknown) => (typeof r === 'string' && r in REPORTED_BY ? `, raised by ${REPORTED_BY[r as ReportedBy]}` : '');

const ACCESS: Record<VisitAccess, string> = {
  inside: 'seen inside the home', doorstep: 'on the doorstep only', 'no-reply': 'no reply at the door', refused: 'entry refused',
};

/** 1st, 2nd, 3rd, 9th, 11th, 0.4th: how a centile is said. */
export function ordinal(n: number): string {
  if (!Number.isInteger(n)) return `${n}th`;
  const tens = n % 100, units = n % 10;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : units === 1 ? 'st' : units === 2 ? 'nd' : units === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "Weight 7.2 kg (9th centile), height 68 cm": each measure taken, with its centile when given. */
export function describeMeasurement(b: MeasurementBody): string {
  const c = b.centiles ?? {};
  const measure = (name: string, value: number | undefined, unit: string, centile: number | undefined) =>
    value === undefined ? [] : [`${name} ${value} ${unit}${centile === undefined ? '' : ` (${ordinal(centile)} centile)`}`];
  const parts = [
    ...measure('weight', b.weightKg, 'kg', c.weight),
    ...measure('height', b.heightCm, 'cm', c.height),
    ...measure('head circumference', b.headCm, 'cm', c.head),
  ];
  const text = parts.join(', ');
  return (text[0]?.toUpperCase() ?? '') + text.slice(1);
}

/** A change in schooling in words: "Withdrawn from Hill School to be educated at home". */
export function describeEducation(b: EducationBody): string {
  const at = (prep: string) => (b.school ? ` ${prep} ${b.school}` : '');
  const change: Record<EducationBody['change'], string> = {
    enrolled: `Enrolled${at('at')}`,
    left: `Left${b.school ? ` ${b.school}` : ' school'}`,
    'withdrawn-home-education': `Withdrawn${at('from')} to be educated at home (elective home education)`,
    'removed-from-roll': `Removed from the roll${at('of')}`,
    'missing-education': 'Missing education: not on a school roll and not known to be educated otherwise',
    'attendance-concern': `Concern about attendance${at('at')}`,
    'exclusion-fixed': `Suspended (fixed-period exclusion)${at('from')}`,
    'exclusion-permanent': `Permanently excluded${at('from')}`,
  };
  return (change[b.change] ?? `Education: ${String(b.change).replace(/-/g, ' ')}`) +
    (b.attendancePercent === undefined ? '' : `; attendance ${b.attendancePercent}%`);
}

export function describeInjury(i: Injury): string {
  const count = i.count && i.count > 1 ? `${i.count} × ` : '';
  const side = i.side ? `${i.side} ` : '';
  const patterned = i.patterned ? ' (patterned)' : '';
  return `${count}${i.type.replace(/-/g, ' ')} to ${side}${i.site.replace(/-/g, ' ')}${patterned}`;
}

export function personName(m: PersonMention | undefined): string {
  if (!m) return 'someone';
  return [m.name.given, m.name.family].filter(Boolean).join(' ') || 'unnamed';
}

export function summarise(record: AgencyRecord): string {
  const b = record.body as Record<string, any>;
  const who = (key: unknown) => personName(record.people.find((p) => p.key === key));
  const injuries = (b.injuries as Injury[] | undefined) ?? [];
  const injuryText = injuries.length ? `; injuries: ${injuries.map(describeInjury).join(', ')}` : '';
  switch (record.kind) {
    case 'attendance':
      return `${SETTING[b.setting] ?? 'Attendance'}: ${b.complaint}${injuryText}` +
        (b.explanation ? `; explanation given: "${b.explanation}"` : '') +
        (b.examination && b.examination !== 'complete' ? `; examination ${b.examination}` : '') +
        (b.outcome ? `; ${String(b.outcome).replace(/-/g, ' ')}` : '');
    case 'visit':
      return `${b.announced ? 'Announced' : 'Unannounced'} ${String(b.purpose).replace(/-/g, ' ')} visit` +
        (b.access ? `; ${ACCESS[b.access as VisitAccess] ?? b.access}` : '') + '; child ' +
        (b.childSeen ? (b.childSeenAlone ? 'seen alone' : 'seen, not alone') : 'not seen') + injuryText +
        (b.observations ? `; ${b.observations}` : '');
    case 'concern':
      return `Concern${b.category ? ` (${b.category})` : ''}${raisedBy(b.reportedBy)}: ${b.description}`;
    case 'referral':
      return `Referral to ${b.to} (${String(b.urgency).replace(/-/g, ' ')})${raisedBy(b.reportedBy)}: ${b.reason}`;
    case 'appointment-missed':
      return `Missed appointment: ${b.service}${b.wasNotBrought ? ' (was not brought)' : ''}`;
    case 'strategy-discussion':
      return `Strategy discussion (${(b.agencies as string[]).join(', ')}): ${String(b.decision).replace(/-/g, ' ')}`;
    case 'enquiry-outcome':
      return `Section 47 enquiry ${b.substantiated ? 'substantiated' : 'not substantiated'}; ${String(b.decision).replace(/-/g, ' ')}`;
    case 'conference':
      return `${b.type === 'initial' ? 'Initial' : 'Review'} child protection conference: ${String(b.decision).replace(/-/g, ' ')}` +
        (b.categories?.length ? ` (${b.categories.join(', ')})` : '') +
        (b.agenciesAbsent?.length ? `; absent: ${b.agenciesAbsent.join(', ')}` : '');
    case 'core-group':
      return `Core group meeting` + (b.agenciesAbsent?.length ? `; absent: ${b.agenciesAbsent.join(', ')}` : '') +
        (b.actions?.length ? `; ${b.actions.length} action(s)` : '');
    case 'police-action':
      return `Police: ${String(b.action).replace(/-/g, ' ')}` + (b.suspect ? ` of ${who(b.suspect)}` : '') +
        (b.offence ? ` (${b.offence})` : '');
    case 'prosecution-decision':
      return `Prosecution decision: ${String(b.decision).replace(/-/g, ' ')}` + (b.suspect ? ` (${who(b.suspect)})` : '');
    case 'legal-advice':
      return `Legal advice on ${String(b.question).replace(/-/g, ' ')}` +
        (b.thresholdMet === undefined ? '' : `: threshold ${b.thresholdMet ? 'met' : 'not met'}`);
    case 'placement':
      return `Placement: ${who(b.subject)} ${String(b.change).replace(/-/g, ' ')}` + (b.with ? ` (with ${who(b.with)})` : '');
    case 'household-change':
      return `Household: ${who(b.person)} ${String(b.change).replace(/-/g, ' ')}`;
    case 'demographics':
      return `Registration details` + (b.nextOfKin ? `; next of kin: ${who(b.nextOfKin)}` : '') +
        (b.registeredGp ? `; registered GP: ${b.registeredGp}` : '');
    case 'death':
      return `Death of ${who(b.subject)}`;
    case 'measurement':
      return describeMeasurement(b as MeasurementBody) + (b.setting ? ` (${b.setting === 'gp' ? 'GP' : String(b.setting).replace(/-/g, ' ')})` : '') +
        (b.note ? `; ${b.note}` : '');
    case 'education':
      return describeEducation(b as EducationBody) + (b.note ? `; ${b.note}` : '');
  }
}

// One line per record for a chronology, in the words a practitioner would
// scan: what kind of contact, the key facts of its body, the injuries.
import type { AgencyRecord, Injury, PersonMention } from '../records/types.ts';

const SETTING: Record<string, string> = {
  gp: 'GP consultation', emergency: 'Emergency department attendance', inpatient: 'Hospital admission',
  outpatient: 'Outpatient appointment', clinic: 'Clinic appointment', 'walk-in': 'Walk-in centre attendance',
  dental: 'Dental appointment',
};

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
      return `${b.announced ? 'Announced' : 'Unannounced'} ${String(b.purpose).replace(/-/g, ' ')} visit; child ` +
        (b.childSeen ? (b.childSeenAlone ? 'seen alone' : 'seen, not alone') : 'not seen') + injuryText +
        (b.observations ? `; ${b.observations}` : '');
    case 'concern':
      return `Concern${b.category ? ` (${b.category})` : ''}: ${b.description}`;
    case 'referral':
      return `Referral to ${b.to} (${String(b.urgency).replace(/-/g, ' ')}): ${b.reason}`;
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
  }
}

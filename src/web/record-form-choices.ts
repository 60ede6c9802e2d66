// The record form's choices, read from the contract's own schema (so the form never offers what ingest
// refuses), and the words each value is shown in.
import { agencyRecordSchema } from '../records/validate.ts';

type Defs = Record<string, { properties?: Record<string, { enum?: string[] }> }>;
const defs = agencyRecordSchema.$defs as Defs;
export const enumOf = (def: string, prop: string): string[] => defs[def]?.properties?.[prop]?.enum ?? [];

const LABELS: Record<string, string> = {
  gp: 'GP surgery', emergency: 'Emergency department', inpatient: 'Hospital ward', outpatient: 'Outpatient appointment', clinic: 'Clinic',
  'walk-in': 'Walk-in centre', dental: 'Dentist', 'discharged-home': 'Went home', admitted: 'Admitted', 'referred-social-care': "Referred to children's social care",
  'referred-specialist': 'Referred to a specialist', 'discharged-elsewhere': 'Discharged somewhere other than home', statutory: 'Statutory visit (social work)',
  'health-visiting': 'Health visiting', 'family-support': 'Family support', 'welfare-check': 'Welfare check', other: 'Other', unknown: 'Not sure yet',
  physical: 'Physical abuse', emotional: 'Emotional abuse', sexual: 'Sexual abuse', neglect: 'Neglect', 'head-injury': 'Head injury',
  'upper-arm': 'Upper arm', 'jaw-angle': 'Angle of the jaw', 'long-bone': 'Long bone', subconjunctiva: 'Eye (subconjunctival)', midline: 'Middle',
  // Who first raised a concern (reportedBy) and how far a visit got (access): contract revision 2.
  child: 'The child (a disclosure)', parent: 'A parent', relative: 'A relative', neighbour: 'A neighbour', 'member-of-public': 'A member of the public',
  anonymous: 'Someone who would not give their name', professional: 'A professional',
  inside: 'Inside the home', doorstep: 'On the doorstep only', 'no-reply': 'Nobody answered the door', refused: 'Entry was refused',
};
export const label = (v: string) => LABELS[v] ?? v[0]!.toUpperCase() + v.slice(1).replace(/-/g, ' ');
export const options = (values: string[], selected: string, blank: string) =>
  [{ value: '', text: blank, selected: selected === '' }, ...values.map((v) => ({ value: v, text: label(v), selected: v === selected }))];

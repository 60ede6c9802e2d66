// The agencies of one fictional local area, sized to the population: a GP
// practice has ~2,000 registered children (a list of ~9,000 patients), a
// primary school ~400 children in its catchment, a secondary ~1,500; one health
// visiting service, one children's social care department, one police force
// and one housing department serve everyone.
import type { AgencyKind, ScenarioAgency } from '../records/types.ts';
import { DISTRICTS, STREET_NAMES } from './names.ts';

export interface AgencyInfo {
  id: string;
  kind: AgencyKind;
  name: string;
  /** Prefix of the agency's own person ids (patient, pupil, nominal numbers). */
  idPrefix: string;
  /** Health agencies hold NHS numbers; police, schools, social care and housing do not. */
  health: boolean;
  /** Details are typed in afresh on each record (ED reception, police), so fresh slips appear. */
  rekeys: boolean;
  /** Takes the name a person gives, so nicknames are commoner (schools, police). */
  informal: boolean;
}

export interface Directory {
  agencies: ScenarioAgency[];
  info: Map<string, AgencyInfo>;
  gps: string[];
  hospitals: string[];
  primaries: string[];
  secondaries: string[];
  hv: string;
  csc: string;
  police: string;
  housing: string;
}

const CHILDREN_PER_GP = 2000;
const CHILDREN_PER_HOSPITAL = 40_000;
const CHILDREN_PER_PRIMARY = 400;
const CHILDREN_PER_SECONDARY = 1500;

const HOSPITAL_NAMES = ['Northbridge University Hospital', 'Lea Valley Hospital', 'Alexandra Park Hospital', 'Pymmes Hospital', 'Broadwater General Hospital', 'Highgate Vale Hospital'];
const GP_SUFFIXES = ['Surgery', 'Medical Centre', 'Health Centre', 'Group Practice'];

function count(children: number, per: number, min: number): number {
  return Math.max(min, Math.ceil(children / per));
}

function streetName(i: number): string {
  return STREET_NAMES[i % STREET_NAMES.length]!;
}

export function buildDirectory(children: number): Directory {
  const info = new Map<string, AgencyInfo>();
  const add = (a: AgencyInfo): string => {
    info.set(a.id, a);
    return a.id;
  };
  const series = (n: number, make: (i: number) => AgencyInfo): string[] => Array.from({ length: n }, (_, i) => add(make(i)));
  const round = (i: number, per: number): string => (i >= per ? ` ${Math.floor(i / per) + 1}` : '');

  const gps = series(count(children, CHILDREN_PER_GP, 2), (i) => ({
    id: `gp-${i + 1}`, kind: 'gp', name: `${streetName(i * 7 + 3)} ${GP_SUFFIXES[i % GP_SUFFIXES.length]}${round(i, STREET_NAMES.length)}`,
    idPrefix: `G${i + 1}-`, health: true, rekeys: false, informal: false,
  }));
  const hospitals = series(count(children, CHILDREN_PER_HOSPITAL, 2), (i) => ({
    id: `hospital-${i + 1}`, kind: 'hospital', name: `${HOSPITAL_NAMES[i % HOSPITAL_NAMES.length]}${round(i, HOSPITAL_NAMES.length)}`,
    idPrefix: `H${i + 1}-`, health: true, rekeys: true, informal: false,
  }));
  const hv = add({ id: 'hv-1', kind: 'health-visiting', name: 'Northbridge health visiting service', idPrefix: 'HV-', health: true, rekeys: false, informal: false });
  const primaries = series(count(children, CHILDREN_PER_PRIMARY, 2), (i) => ({
    id: `primary-${i + 1}`, kind: 'school', name: `${streetName(i)} Primary School${round(i, STREET_NAMES.length)}`,
    idPrefix: `P${i + 1}-`, health: false, rekeys: false, informal: true,
  }));
  const secondaries = series(count(children, CHILDREN_PER_SECONDARY, 2), (i) => ({
    id: `secondary-${i + 1}`, kind: 'school', name: `${DISTRICTS[i % DISTRICTS.length]?.locality} Academy${round(i, DISTRICTS.length)}`,
    idPrefix: `S${i + 1}-`, health: false, rekeys: false, informal: true,
  }));
  const csc = add({ id: 'csc-1', kind: 'social-care', name: "Northbridge children's social care", idPrefix: 'CSC-', health: false, rekeys: false, informal: false });
  const police = add({ id: 'police-1', kind: 'police', name: 'Northbridge Police', idPrefix: 'PN-', health: false, rekeys: true, informal: true });
  const housing = add({ id: 'housing-1', kind: 'housing', name: 'Northbridge housing', idPrefix: 'HSG-', health: false, rekeys: false, informal: false });

  const agencies = [...info.values()].map(({ id, kind, name }) => ({ id, kind, name }));
  return { agencies, info, gps, hospitals, primaries, secondaries, hv, csc, police, housing };
}

export function agencyInfo(dir: Directory, id: string): AgencyInfo {
  const a = dir.info.get(id);
  if (!a) throw new Error(`unknown agency ${id}`);
  return a;
}

/** The agency of a kind serving a catchment (catchments spread families across practices and schools). */
export function serving(list: readonly string[], catchment: number, salt = 0): string {
  const id = list[(catchment + salt * 7919) % list.length];
  if (id === undefined) throw new Error('no agencies of that kind');
  return id;
}

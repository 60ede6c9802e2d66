// One record as household derivation reads it: the record, where it came from, and whom
// each of its mentions belongs to now. Its own module so that the home timeline and the
// derivation that uses the timeline can both name it without importing each other.
import type { AgencyRecord } from '../records/types.ts';

export interface EvidenceRecord {
  recordId: number;
  /** `agency/ref` */
  source: string;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  kind: string;
  occurredOn: string;
  document: AgencyRecord;
  /** mention key -> the person it currently belongs to */
  personOf: Record<string, number | null>;
}

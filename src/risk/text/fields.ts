// The free-text fields of an agency record (contract: ../shared/spec/agency-record.md, revision 2): the
// narrative, and in the body the kinds' own words: description, complaint, reason, observations, explanation,
// note, offence, examinationNote, dissent, core-group actions, and any note inside an injury or another nested
// object. Enumerated fields (setting, decision, …) are codes, not words, and are not read.
import type { AgencyRecord } from '../../records/types.ts';

/** Body keys whose values are words written by a person. */
const FREE_TEXT_KEYS = new Set([
  'description', 'complaint', 'reason', 'observations', 'explanation', 'note', 'notes', 'offence',
  'examinationNote', 'dissent', 'actions', 'ageEstimate', 'comment', 'comments', 'summary',
]);

export interface TextField {
  /** `narrative`, `body.explanation`, `body.injuries[2].note`, `body.actions[0]` */
  field: string;
  text: string;
}

function walk(value: unknown, path: string, freeText: boolean, out: TextField[]): void {
  if (typeof value === 'string') {
    if (freeText && value.trim()) out.push({ field: path, text: value });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => { walk(item, `${path}[${i}]`, freeText, out); });
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`, FREE_TEXT_KEYS.has(key), out);
  }
}

/** Every free-text field of the record, in document order (narrative first). */
export function textFields(document: Pick<AgencyRecord, 'narrative' | 'body'>): TextField[] {
  const out: TextField[] = [];
  if (typeof document.narrative === 'string' && document.narrative.trim()) out.push({ field: 'narrative', text: document.narrative });
  walk(document.body ?? {}, 'body', false, out);
  return out;
}

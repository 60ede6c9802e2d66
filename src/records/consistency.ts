// Contradictions inside one record that the schema cannot express, for the
// fields of contract revision 2 only. The revision note says every revision-1
// document stays valid, so no check here may refuse a record that does not use
// a revision-2 field (a visit with childSeenAlone but not childSeen, say, is
// left as it was).
import { pointerTo, problem, type Problem } from '../shared/problems.ts';
import type { AgencyRecord, VisitBody } from './types.ts';

export function contradictions(record: AgencyRecord): Problem[] {
  if (record.kind !== 'visit') return [];
  const body = record.body as Partial<VisitBody>;
  // "no-reply": nobody came to the door, so nobody was seen. "refused" is not checked: a child can be seen at
  // the door or a window while entry is refused, and reviews record exactly that.
  if (body.access !== 'no-reply') return [];
  const out: Problem[] = [];
  for (const field of ['childSeen', 'childSeenAlone'] as const) {
    if (body[field] === true) {
      out.push(problem(pointerTo('body', field), 'contradictory',
        `${field} is true but access is 'no-reply': nobody answered the door, so the child was not seen on this visit (send childSeen: false, or the access there was)`));
    }
  }
  return out;
}

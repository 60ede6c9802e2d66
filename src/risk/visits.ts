// Whether a home visit saw the child, asked one way by the rules about children not seen: the visit's own
// fields (contract revision 2: `access` inside, doorstep, no-reply or refused; `childSeen`), or, where a visit
// does not say how far in it got (a revision-1 record), its words ("asleep upstairs", "spoke at the door",
// "visit cancelled by mother": the text reader's `child-not-seen`, not denied). The same terms for the same
// visit whichever rule cites it, so weighing counts each visit once.
import type { EvidenceRecord } from '../household/derive.ts';
import type { VisitBody } from '../records/types.ts';
import { aboutChild } from './facts.ts';
import { signalsIn } from './text/signals.ts';
import type { Signal } from './text/vocabulary.ts';
import type { Term } from './types.ts';
import { CONSIDER_WEIGHT } from './weigh.ts';

export type NotSeen = 'refused' | 'no-reply' | 'doorstep' | 'not-seen' | 'in-words';

/** The words of a visit that says the child was not seen, when its fields do not say how far in it got. */
export function notSeenInWords(r: EvidenceRecord): Signal | undefined {
  const body = r.document.body as Partial<VisitBody>;
  if (r.kind !== 'visit' || body.access !== undefined) return undefined;
  return signalsIn(r).find((s) => s.code === 'child-not-seen' && !s.negated);
}

/** Words of a `child-not-seen` signal that say entry was refused: the worker kept out, not merely unanswered. */
const REFUSED_WORDS = /\b(?:refus\w*|denied|(?:did not|didn't|would not|wouldn't|will not|won't) (?:let|allow)|shut|slammed)\b/i;

/**
 * The words of a visit that say entry was refused, when its fields do not say how far in it got (a revision-1
 * record: `childSeen: false` and no `access`). "Did not let me in" is a refusal however the form was filled.
 */
export function refusedInWords(r: EvidenceRecord): Signal | undefined {
  const body = r.document.body as Partial<VisitBody>;
  if (r.kind !== 'visit' || body.access !== undefined) return undefined;
  return signalsIn(r).find((s) => s.code === 'child-not-seen' && !s.negated && REFUSED_WORDS.test(s.phrase));
}

/** How a visit about the child failed to see them, or null when it saw them (or was not a visit about them). */
export function notSeenAt(r: EvidenceRecord, childId: number): NotSeen | null {
  if (r.kind !== 'visit' || !aboutChild(r, childId)) return null;
  const body = r.document.body as Partial<VisitBody>;
  if (body.access === 'refused' || body.access === 'no-reply' || body.access === 'doorstep') return body.access;
  if (body.childSeen === false) return refusedInWords(r) ? 'refused' : 'not-seen';
  return notSeenInWords(r) ? 'in-words' : null;
}

/** A visit that saw the child in their home: what ends a run of visits that did not. */
export function seenInside(r: EvidenceRecord, childId: number): boolean {
  if (r.kind !== 'visit' || !aboutChild(r, childId)) return false;
  const body = r.document.body as Partial<VisitBody>;
  return body.childSeen === true && (body.access === 'inside' || (body.access === undefined && !notSeenInWords(r)));
}

/**
 * The visits about the child that did not see them since the last one that did, oldest first. A visit that
 * saw the child inside is the context that ends the pattern.
 */
export function unseenSinceLastSeen(records: readonly EvidenceRecord[], childId: number, from = ''): EvidenceRecord[] {
  let out: EvidenceRecord[] = [];
  for (const r of records) {
    if (r.occurredOn < from) continue;
    if (seenInside(r, childId)) out = [];
    else if (notSeenAt(r, childId)) out.push(r);
  }
  return out;
}

export const NOT_SEEN_WORDS: Record<NotSeen, string> = {
  refused: 'entry refused', 'no-reply': 'no reply at the door', doorstep: 'seen only on the doorstep', 'not-seen': 'the child not seen at a visit',
  'in-words': 'the child not seen at a visit, in its words',
};

const NOT_SEEN_SOURCE = 'Brandon M et al., Understanding serious case reviews and their impact (DCSF 2009) and the triennial analyses since: children not seen or heard; Working Together (2023): the child seen, and seen alone. No published ratio: half the "consider" weight for a visit that did not see the child (LR 1.6), the whole for entry refused (LR 2.5)';

/** The term for one visit that did not see the child: the same label and weight whichever rule cites it. */
export function notSeenTerm(r: EvidenceRecord, how: NotSeen): Term {
  const body = r.document.body as Partial<VisitBody>;
  return {
    label: NOT_SEEN_WORDS[how], weight: how === 'refused' ? CONSIDER_WEIGHT : CONSIDER_WEIGHT / 2, source: NOT_SEEN_SOURCE, evidence: r.source,
    basis: how === 'in-words' ? `${notSeenInWords(r)!.field}: "${notSeenInWords(r)!.phrase}"`
      : how === 'refused' && body.access === undefined ? `childSeen: false; ${refusedInWords(r)!.field}: "${refusedInWords(r)!.phrase}"`
        : `access: ${body.access ?? 'not given'}, childSeen: ${String(body.childSeen)} (${body.purpose ?? 'visit'})`,
  };
}

// Reads one text into signals: sentence by sentence, every lexicon phrase found, with its negation (negation.ts),
// hedging for context (hedging.ts) and who said it (attribution.ts).
import { isHedged } from './hedging.ts';
import { LEXICON, SCANS } from './lexicon.ts';
import { clauseAround, negationOf, segmentAround } from './negation.ts';
import { sentencesOf, straighten, type Sentence } from './nlp.ts';
import { attributionAt, framesIn } from './attribution.ts';
import { CONTEXT_SIGNALS, type Attribution, type SignalCode } from './vocabulary.ts';
import type { PersonMention } from '../../records/types.ts';

const CONTEXT = new Set<SignalCode>(CONTEXT_SIGNALS);

/** A signal without its record and field: what one text says. */
export interface Reading {
  code: SignalCode;
  phrase: string;
  negated: boolean;
  attribution: Attribution | undefined;
}

interface Match {
  code: SignalCode;
  absent: boolean;
  from: number;
  to: number;
}

interface Hit {
  code: SignalCode;
  absent: boolean;
  first: number;
  last: number;
}

function tokenRange(sentence: Sentence, from: number, to: number): [number, number] {
  const tokens = sentence.tokens;
  let first = tokens.findIndex((t) => t.end > from);
  if (first < 0) first = tokens.length - 1;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < to) last += 1;
  return [first, last];
}

/**
 * Every lexicon phrase in the whole text, by character offsets. Scanning the whole text first lets a text with
 * nothing to say (most of any record) skip the tokenizer altogether.
 */
function matchesIn(straight: string): Match[] {
  const matches: Match[] = [];
  for (const scan of SCANS) {
    scan.pattern.lastIndex = 0;
    for (let m = scan.pattern.exec(straight); m; m = scan.pattern.exec(straight)) {
      if (m[0].length === 0) {
        scan.pattern.lastIndex += 1;
        continue;
      }
      matches.push({ code: scan.code, absent: scan.absent, from: m.index, to: m.index + m[0].length });
    }
  }
  return matches;
}

function hitsIn(sentence: Sentence, matches: readonly Match[]): Hit[] {
  const hits: Hit[] = [];
  for (const m of matches) {
    if (m.from < sentence.start || m.from >= sentence.end) continue;
    const [first, last] = tokenRange(sentence, m.from, Math.min(m.to, sentence.end));
    hits.push({ code: m.code, absent: m.absent, first, last });
  }
  // "non-mobile" also contains "mobile": a phrase that says a thing is absent wins over the words inside it.
  const absent = hits.filter((h) => h.absent);
  if (absent.length === 0) return hits;
  return hits.filter((h) => h.absent || !absent.some((a) => a.code === h.code && a.first <= h.last && h.first <= a.last));
}

/** The words of the segment around a hit as written (from its negating cue when that comes earlier). */
function phraseOf(text: string, sentence: Sentence, hit: Hit, cue: number): string {
  const [lo, hi] = segmentAround(sentence.tokens, hit.first);
  const from = sentence.tokens[Math.min(lo, hit.first, cue >= 0 ? cue : lo)]!.start;
  const to = sentence.tokens[Math.max(hi, hit.last)]!.end;
  return text.slice(from, to).replace(/^[\s,;:(–—-]+|[\s,;:)–—-]+$/g, '').replace(/\s+/g, ' ');
}

export function readText(text: string, people: readonly PersonMention[]): Reading[] {
  const straight = straighten(text);
  const matches = matchesIn(straight);
  if (matches.length === 0) return [];
  const readings: Reading[] = [];
  const seen = new Set<string>();
  let sentenceIndex = -1;
  for (const sentence of sentencesOf(text)) {
    sentenceIndex += 1;
    const hits = hitsIn(sentence, matches);
    if (hits.length === 0) continue;
    // A concern phrase's own "no"/"not" is not a cue for other concerns ("no explanation for the burn"). Context
    // still hears "not consistent with" (an unsuitable-explanation phrase): "not consistent with his own nails".
    const blocked = new Set<number>();
    const blockedForContext = new Set<number>();
    const findings = new Set<number>();
    for (const hit of hits) {
      for (let k = hit.first; k <= hit.last; k += 1) {
        findings.add(k);
        if (CONTEXT.has(hit.code) || hit.absent) continue;
        blocked.add(k);
        if (hit.code !== 'explanation-unsuitable') blockedForContext.add(k);
      }
    }
    const sentenceText = straight.slice(sentence.start, sentence.end);
    const frames = framesIn(sentenceText, people);
    for (const hit of hits) {
      const tokens = sentence.tokens;
      const [lo, hi] = clauseAround(tokens, hit.first);
      const negation = hit.absent ? { negated: true, cue: -1 } : negationOf(tokens, hit.first, hit.last, CONTEXT.has(hit.code) ? blockedForContext : blocked, findings);
      let negated = negation.negated;
      if (!negated && CONTEXT.has(hit.code)) negated = isHedged(tokens, hit.first, hit.last, lo, hi, hit.code);
      const at = tokens[hit.first]!.start - sentence.start;
      const attribution = frames.length ? attributionAt(sentenceText, frames, at, hit.code) : undefined;
      const needs = LEXICON[hit.code].needs;
      if (needs && !needs.words.test(sentenceText) && !(attribution && needs.orSaidBy.includes(attribution))) continue;
      // One signal per code, negation and source in a sentence: a list of bruises is one finding of bruising.
      const key = `${sentenceIndex}\u0000${hit.code}\u0000${negated}\u0000${attribution}`;
      if (seen.has(key)) continue;
      seen.add(key);
      readings.push({ code: hit.code, phrase: phraseOf(text, sentence, hit, negation.cue), negated, attribution });
    }
  }
  return readings;
}

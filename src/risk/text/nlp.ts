// Sentences and tokens of a practitioner's text, by wink-nlp and its English
// model. The model takes a few hundred milliseconds to load, so it is loaded
// once, on first use, and only the annotations this reader needs are run
// (sentence boundaries and tokens; wink's own negation flag is not used: it
// stops at every comma, so "no bruises, burns or marks" negates only the
// bruises, and it runs on across "and", so "no food in the fridge and the
// children were hungry" negates the hunger. negation.ts has our own scope).
import { createRequire } from 'node:module';
import type { Model, WinkMethods } from 'wink-nlp';

export interface Token {
  /** the token as written */
  text: string;
  /** lower case, with typographic apostrophes straightened */
  lower: string;
  /** offsets into the text the token came from */
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

let nlp: WinkMethods | null = null;
let loadMs: number | null = null;

function reader(): WinkMethods {
  if (nlp) return nlp;
  const started = performance.now();
  // Both packages are CommonJS; require keeps signalsIn synchronous.
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: Model, pipe?: string[]) => WinkMethods;
  const model = require('wink-eng-lite-web-model') as Model;
  nlp = winkNLP(model, ['sbd']);
  loadMs = performance.now() - started;
  return nlp;
}

/** How long loading the model took, in milliseconds (null until it has been loaded). */
export function modelLoadMs(): number | null {
  return loadMs;
}

/** Loads the model now rather than on the first record (a server may prefer to pay at start). */
export function loadModel(): void {
  reader();
}

/** The text with curly apostrophes and quotes straightened: same length, so offsets still hold. */
export function straighten(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** Titles and abbreviations after which a full stop and a capital do not end a sentence. */
const TITLES = new Set(['dr.', 'mr.', 'mrs.', 'ms.', 'st.', 'prof.', 'sgt.', 'insp.', 'no.', 'approx.', 'e.g.', 'i.e.', 'vs.', 'ref.', 'tel.', 'dept.', 'nr.']);

/**
 * wink keeps some words with their full stop as one abbreviation token ("in." for inches), so "bringing him in.
 * Officers …" stays one sentence. A token ending in a full stop, followed by a capitalised word, and not a title
 * or initial ("Dr.", "J.") ends the sentence here.
 */
function resplit(tokens: readonly Token[], spans: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [first, last] of spans) {
    let from = first;
    for (let k = first; k < last; k += 1) {
      const word = tokens[k]!.text;
      const next = tokens[k + 1]!.text;
      if (word.length > 2 && word.endsWith('.') && !word.slice(0, -1).includes('.') && /^[A-Z][a-z]/.test(next) && !TITLES.has(word.toLowerCase())) {
        out.push([from, k]);
        from = k + 1;
      }
    }
    out.push([from, last]);
  }
  return out;
}

/**
 * The sentences of a text, each with its tokens and their offsets in the text. A "?" that wink takes for the
 * end of a sentence but which is followed by a lower-case word is the clinical "query" ("bruises to arm,
 * ? fingertip marks"), so those two pieces are kept as one sentence; so are pieces with no space between them
 * (wink ends a sentence at the point in "0.4th").
 */
export function sentencesOf(text: string): Sentence[] {
  const w = reader();
  const its = w.its;
  const doc = w.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const straight = straighten(text);
  const tokens: Token[] = [];
  let cursor = 0;
  for (const value of values) {
    const found = text.indexOf(value, cursor);
    const start = found < 0 ? cursor : found;
    const end = Math.min(text.length, start + value.length);
    tokens.push({ text: value, lower: straight.slice(start, end).toLowerCase(), start, end });
    cursor = end;
  }
  const sentences: Sentence[] = [];
  for (const [first, last] of resplit(tokens, spans)) {
    const own = tokens.slice(first, last + 1);
    if (own.length === 0) continue;
    const previous = sentences.at(-1);
    const head = own[0]!;
    // A full stop with no space after it ("0.4th centile") is not the end of a sentence.
    const joined = previous !== undefined && previous.end === head.start;
    const query = previous !== undefined && previous.tokens.at(-1)!.text === '?' && (/^[a-z]/.test(head.text) || previous.tokens.length === 1);
    if (previous && (joined || query)) {
      previous.tokens.push(...own);
      previous.end = own.at(-1)!.end;
      continue;
    }
    sentences.push({ start: head.start, end: own.at(-1)!.end, tokens: own });
  }
  return sentences;
}

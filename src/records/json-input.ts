// Reading JSON from outside (API bodies, CLI files) before it reaches a
// parser or validator: the bytes must be UTF-8 (utf8.ts), and no value may be
// nested more than MAX_JSON_DEPTH levels deep. Depth is measured by a plain
// loop over the bytes before anything is parsed, so a 10,000- or
// 1,000,000-level document is refused by name and never reaches code that
// recurses (JSON.stringify, the schema validator), where it would overflow the
// stack and fail as a 500 with the rest of its batch.
import { invalidUtf8Offset, notUtf8Message } from './utf8.ts';
import { problem, type Problem } from '../shared/problems.ts';

/**
 * How deep a JSON value may nest. An agency record is at most 5 levels deep (record, body,
 * injuries, an injury, its fields); 64 leaves any sender's wrapping room and stops abuse.
 */
export const MAX_JSON_DEPTH = 64;

/** An item that could not be read (not UTF-8, not JSON, too deep): validation refuses it with its problem, the others go on. */
export class UnreadableItem {
  constructor(readonly problem: Problem) {}
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/** The offset at which nesting first goes deeper than `limit` levels, or -1. Strings are skipped, so brackets in text do not count. */
export function tooDeepAt(bytes: Uint8Array, limit = MAX_JSON_DEPTH, from = 0, to = bytes.length): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      for (i++; i < to && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return i;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return -1;
}

export const tooDeepProblem = (offset: number, pointer = ''): Problem =>
  problem(pointer, 'too-deep', `nested more than ${MAX_JSON_DEPTH} levels (at byte offset ${offset}); an agency record needs only a few`);

const notJson = (message: string): Problem => problem('', 'not-json', `not valid JSON: ${message}`);

/** UTF-8 text of one JSON document no deeper than MAX_JSON_DEPTH, ready to parse; or why not. */
export function checkJsonText(bytes: Uint8Array): Read<string> {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) return { ok: false, problem: problem('', 'not-utf8', notUtf8Message(bytes, bad)) };
  const deep = tooDeepAt(bytes);
  if (deep >= 0) return { ok: false, problem: tooDeepProblem(deep) };
  return { ok: true, value: text(bytes, 0, bytes.length) };
}

/**
 * A batch as a JSON array: the whole body must be UTF-8 and JSON (else one problem for it all), but an
 * item nested too deep becomes that item's refusal and the other items go on, as in NDJSON. Only the
 * items within the limit are parsed.
 */
export function readJsonBatch(bytes: Uint8Array): Read<unknown> {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) return { ok: false, problem: problem('', 'not-utf8', notUtf8Message(bytes, bad)) };
  try {
    // An array's items may be one level deeper than a document on its own.
    if (tooDeepAt(bytes, MAX_JSON_DEPTH + 1) < 0) return { ok: true, value: JSON.parse(text(bytes, 0, bytes.length)) };
    const spans = topLevelItems(bytes);
    if (!spans) return { ok: false, problem: tooDeepProblem(tooDeepAt(bytes)) };
    return {
      ok: true,
      value: spans.map(([from, to]) => {
        const deep = tooDeepAt(bytes, MAX_JSON_DEPTH, from, to);
        return deep >= 0 ? new UnreadableItem(tooDeepProblem(deep)) : JSON.parse(text(bytes, from, to));
      }),
    };
  } catch (e) {
    return { ok: false, problem: notJson((e as Error).message) };
  }
}

/** Where each item of a top-level JSON array begins and ends, or null when the body is not an array. */
function topLevelItems(bytes: Uint8Array): [number, number][] | null {
  let i = 0;
  const space = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  while (space(bytes[i])) i++;
  if (bytes[i] !== OPEN_ARRAY) return null;
  const spans: [number, number][] = [];
  let depth = 1;
  let start = i + 1;
  for (i++; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (--depth === 0) {
        if (spans.length || text(bytes, start, i).trim()) spans.push([start, i]);
        for (i++; i < bytes.length; i++) if (!space(bytes[i])) throw new SyntaxError(`unexpected text after the array at offset ${i}`);
        return spans;
      }
    } else if (c === COMMA && depth === 1) {
      spans.push([start, i]);
      start = i + 1;
    }
  }
  throw new SyntaxError('the array is not closed');
}

function text(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
}

// NDJSON: one JSON document per line. A line that cannot be read (not UTF-8,
// nested too deep, not JSON) becomes an UnreadableItem that validation refuses
// with the line number, so one bad line does not sink the rest of the batch.
import { MAX_JSON_DEPTH, tooDeepAt, UnreadableItem } from './json-input.ts';
import { problem } from '../shared/problems.ts';
import { invalidUtf8Offset } from './utf8.ts';

const NEWLINE = 0x0a;
const RETURN = 0x0d;

export function parseNdjson(bytes: Uint8Array): unknown[] {
  const out: unknown[] = [];
  let line = 0;
  for (let start = 0; start <= bytes.length; line++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    const next = end + 1;
    if (end > start && bytes[end - 1] === RETURN) end--;
    const item = readLine(bytes, start, end, line + 1);
    if (item !== undefined) out.push(item);
    start = next;
  }
  return out;
}

function readLine(bytes: Uint8Array, start: number, end: number, line: number): unknown {
  const bad = invalidUtf8Offset(bytes, start, end);
  if (bad >= 0) {
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return new UnreadableItem(problem('', 'not-utf8',
      `line ${line} is not valid UTF-8: the byte at offset ${bad} of the body (${bad - start} of the line, 0x${hex}) does not begin or continue a UTF-8 character; send the text encoded as UTF-8`));
  }
  const deep = tooDeepAt(bytes, MAX_JSON_DEPTH, start, end);
  if (deep >= 0) {
    return new UnreadableItem(problem('', 'too-deep', `line ${line} is nested more than ${MAX_JSON_DEPTH} levels (at byte offset ${deep} of the body); an agency record needs only a few`));
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    return unparseableLine(line, (e as Error).message);
  }
}

export const unparseableLine = (line: number, error: string) => new UnreadableItem(problem('', 'not-json', `line ${line} is not valid JSON: ${error}`));

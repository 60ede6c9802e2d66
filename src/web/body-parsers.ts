// How request bodies become values, for every route: JSON (and NDJSON, which
// the batch route reads itself) and the pages' form posts. Bytes that are not
// UTF-8 are refused with where they go wrong (records/utf8.ts), never decoded
// into U+FFFD and stored changed; JSON nested too deep is refused before it is
// parsed (records/json-input.ts).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { checkJsonText } from '../records/json-input.ts';
import { problem } from '../shared/problems.ts';
import { bodyRefusal } from './api/records-routes.ts';
import { invalidUtf8Offset, notUtf8Message } from '../records/utf8.ts';

/** The pages' forms are small; a post bigger than this is not a form of ours. */
const FORM_BODY_LIMIT = 64 * 1024;

export function installBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const checked = checkJsonText(body as Buffer);
    if (!checked.ok) { done(bodyRefusal(checked.problem), undefined); return; }
    json(request, checked.value, done);
  });
  // NDJSON stays bytes: the batch route reads it line by line, so one bad line refuses only itself.
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 },
    (_request, body, done) => { done(null, body); });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, parseForm(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

/**
 * An application/x-www-form-urlencoded body, as the URL standard reads it, except that bytes (raw or
 * %-escaped) that are not UTF-8 are refused (400), where the standard would put U+FFFD in their place.
 * A name sent twice gives an array, as @fastify/formbody did.
 */
export function parseForm(bytes: Buffer): Record<string, string | string[]> {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) throw notUtf8(notUtf8Message(bytes, bad, 'the form'));
  const out: Record<string, string | string[]> = Object.create(null);
  for (const pair of bytes.toString('utf8').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), 'a field name');
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1), `the field '${name}'`);
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** The URL standard's percent-decoding ('+' is a space; a '%' without two hex digits stays), then the UTF-8 check. */
function decode(escaped: string, what: string): string {
  const raw = Buffer.from(escaped, 'utf8');
  const out = Buffer.alloc(raw.length);
  let n = 0;
  const hex = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 0x25 && hex(raw[i + 1]) && hex(raw[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16);
      i += 2;
    } else {
      out[n++] = c === 0x2b ? 0x20 : c;
    }
  }
  const bytes = out.subarray(0, n);
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) throw notUtf8(notUtf8Message(bytes, bad, `${what} (once its %-escapes are decoded)`));
  return bytes.toString('utf8');
}

const notUtf8 = (message: string) => new AppError(400, 'not-utf8', message, [problem('', 'not-utf8', message)]);

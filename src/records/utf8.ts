// Text from outside must be UTF-8. Decoding anything else "leniently" turns
// each bad byte into U+FFFD, so "café" sent as Latin-1 would be stored as
// "caf\uFFFD": a record silently changed. Bytes that are not well-formed UTF-8
// are refused instead, naming where, so the sender can find and fix them.
import { isUtf8 } from 'node:buffer';

/**
 * The offset of the first byte that does not begin or continue a well-formed UTF-8 character
 * (Unicode table 3-7: no overlong forms, no encoded surrogates, nothing above U+10FFFF), or -1.
 */
export function invalidUtf8Offset(bytes: Uint8Array, from = 0, to = bytes.length): number {
  // The native check is fast; the walk below only runs to find where a bad body goes wrong.
  if (isUtf8(bytes.subarray(from, to))) return -1;
  for (let i = from; i < to;) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
    else if (b0 === 0xe0) { need = 2; lo = 0xa0; }
    else if (b0 === 0xed) { need = 2; hi = 0x9f; } // U+D800..U+DFFF are not characters
    else if (b0 >= 0xe1 && b0 <= 0xef) need = 2;
    else if (b0 === 0xf0) { need = 3; lo = 0x90; }
    else if (b0 >= 0xf1 && b0 <= 0xf3) need = 3;
    else if (b0 === 0xf4) { need = 3; hi = 0x8f; } // nothing above U+10FFFF
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (i + k >= to || c === undefined || c < lo || c > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** Words for a refusal: where the bad byte is and what it is. */
export function notUtf8Message(bytes: Uint8Array, offset: number, what = 'the body'): string {
  const hex = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  return `${what} is not valid UTF-8: the byte at offset ${offset} (0x${hex}) does not begin or continue a UTF-8 character; send the text encoded as UTF-8`;
}

// A problem is one specific reason an input was refused: where (a JSON
// pointer into the submitted document, RFC 6901) and what, in words a sending
// system's developer can act on. Codes are stable for machines.

export interface Problem {
  pointer: string;
  code: string;
  message: string;
}

export function problem(pointer: string, code: string, message: string): Problem {
  return { pointer, code, message };
}

/** Append tokens to a JSON pointer, escaping '~' and '/' as RFC 6901 requires. */
export function pointerTo(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

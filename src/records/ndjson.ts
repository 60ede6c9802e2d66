// NDJSON: one JSON document per line. A line that is not JSON becomes a
// marker that validation refuses with the line number, so one bad line does
// not sink the rest of the batch.
export class UnparseableLine {
  constructor(readonly line: number, readonly error: string) {}
}

export function parseNdjson(text: string): unknown[] {
  const out: unknown[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      out.push(JSON.parse(raw));
    } catch (e) {
      out.push(new UnparseableLine(i + 1, (e as Error).message));
    }
  });
  return out;
}

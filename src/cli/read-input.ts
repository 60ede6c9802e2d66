// Reading records from a file: a scenario (scenario/1, with its agencies), a
// JSON array, one JSON record, or NDJSON (by extension .ndjson/.jsonl, or
// when the file is not a single JSON document). As for the API: a file that
// is not UTF-8 is refused naming the byte, never read with U+FFFD in place of
// what was there; a record nested too deep is refused on its own, by name.
import { readFileSync } from 'node:fs';
import { readJsonBatch, UnreadableItem } from '../records/json-input.ts';
import { parseNdjson } from '../records/ndjson.ts';
import type { Scenario, ScenarioAgency } from '../records/types.ts';
import { invalidUtf8Offset, notUtf8Message } from '../records/utf8.ts';

export interface Input {
  kind: 'scenario' | 'array' | 'record' | 'ndjson';
  items: unknown[];
  agencies: ScenarioAgency[];
  scenario?: Scenario;
}

export function readInput(path: string): Input {
  const bytes = readFileSync(path);
  // NDJSON is read line by line, so a line that is not UTF-8 refuses only itself.
  if (/\.(ndjson|jsonl)$/i.test(path)) return { kind: 'ndjson', items: parseNdjson(bytes), agencies: [] };
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) throw new Error(notUtf8Message(bytes, bad, path));
  // The same reading as a batch posted to the API: an array's too-deep item becomes that item's refusal.
  const read = readJsonBatch(bytes);
  if (!read.ok) {
    const lines = parseNdjson(bytes);
    // Too deep to be one document: NDJSON if some line is a record of its own, else one record refused whole.
    if (read.problem.code === 'too-deep' && !lines.some((l) => !(l instanceof UnreadableItem))) {
      return { kind: 'record', items: [new UnreadableItem(read.problem)], agencies: [] };
    }
    return { kind: 'ndjson', items: lines, agencies: [] };
  }
  const doc = read.value;
  if (Array.isArray(doc)) return { kind: 'array', items: doc, agencies: [] };
  const obj = doc as Record<string, unknown>;
  if (obj && obj.format === 'scenario/1') {
    const scenario = obj as unknown as Scenario;
    return { kind: 'scenario', items: scenario.records, agencies: scenario.agencies, scenario };
  }
  return { kind: 'record', items: [doc], agencies: [] };
}

export function readScenario(path: string): Scenario {
  const input = readInput(path);
  if (!input.scenario) throw new Error(`${path} is not a scenario/1 file`);
  return input.scenario;
}

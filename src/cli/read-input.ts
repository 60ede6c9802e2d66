// Reading records from a file: a scenario (scenario/1, with its agencies), a
// JSON array, one JSON record, or NDJSON (by extension .ndjson/.jsonl, or
// when the file is not a single JSON document).
import { readFileSync } from 'node:fs';
import { parseNdjson } from '../records/ndjson.ts';
import type { Scenario, ScenarioAgency } from '../records/types.ts';

export interface Input {
  kind: 'scenario' | 'array' | 'record' | 'ndjson';
  items: unknown[];
  agencies: ScenarioAgency[];
  scenario?: Scenario;
}

export function readInput(path: string): Input {
  const text = readFileSync(path, 'utf8');
  if (/\.(ndjson|jsonl)$/i.test(path)) return { kind: 'ndjson', items: parseNdjson(text), agencies: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { kind: 'ndjson', items: parseNdjson(text), agencies: [] };
  }
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

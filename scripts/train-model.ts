// Trains the model Threadline ships with, on a synthetic population (no real
// person's data), and writes it beside the code. Seeded: the same code gives
// the same file. `npm run train:model`
import { writeFileSync } from 'node:fs';
import { generateScenario } from '../src/synth/generate.ts';
import { linkRecordFromMention } from '../src/identity/linkage/from-mention.ts';
import { trainModel } from '../src/identity/linkage/link.ts';
import { linkComparisons, toStoredModel } from '../src/identity/linkage/model-store.ts';

const CHILDREN = 3000;
const SEED = 2026;

const scenario = generateScenario({ seed: SEED, children: CHILDREN });
const records = scenario.records.flatMap((r) => r.people.map((m) => linkRecordFromMention(r.agency, r.ref, m)));
const started = performance.now();
const { model } = trainModel(records, { mode: 'dedupe', comparisons: linkComparisons() });
const stored = toStoredModel(model, `synthetic population: generateScenario seed ${SEED}, ${CHILDREN} children`, records.length);
const out = new URL('../src/identity/linkage/shipped-model.json', import.meta.url);
writeFileSync(out, JSON.stringify(stored, null, 1) + '\n');
console.error(`trained on ${records.length} mentions in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${out.pathname}`);

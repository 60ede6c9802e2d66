// A trained model as data, so that ingest links with the same weights every
// time: the m and u probabilities, the prior and the term-frequency tables,
// keyed by comparison name. The comparisons themselves are code
// (`standardComparisons`); a stored model whose levels no longer match them is
// refused rather than silently misread.
import { readFileSync } from 'node:fs';
import { nameSwapComparison, standardComparisons } from './comparisons.ts';
import type { Model } from './model.ts';
import type { Comparison } from './types.ts';

export const MODEL_FORMAT = 'threadline-link-model/1';

export interface StoredModel {
  format: typeof MODEL_FORMAT;
  /** what the model was trained on, in words (a synthetic population, or N stored mentions) */
  trainedOn: string;
  records: number;
  lambda: number;
  comparisons: { name: string; levels: string[]; m: number[]; u: number[]; tf?: Record<string, number> }[];
}

/** The comparisons ingest scores people with (the benchmark's, plus names written the wrong way round). */
export function linkComparisons(): Comparison[] {
  return [...standardComparisons(), nameSwapComparison()];
}

/**
 * Term-frequency entries rarer than this are not kept: a value missing from
 * the table gets the comparison's ordinary weight, which for a rare name is
 * close to what its own frequency would give.
 */
const TF_MIN_SHARE = 1e-4;

export function toStoredModel(model: Model, trainedOn: string, records: number): StoredModel {
  return {
    format: MODEL_FORMAT,
    trainedOn,
    records,
    lambda: model.lambda,
    comparisons: model.comparisons.map((c, k) => {
      const tf = model.tf[k];
      const kept = tf ? Object.fromEntries([...tf].filter(([, f]) => f >= TF_MIN_SHARE).sort(([a], [b]) => a.localeCompare(b))) : undefined;
      return { name: c.name, levels: [...c.levels], m: model.m[k]!, u: model.u[k]!, ...(kept ? { tf: kept } : {}) };
    }),
  };
}

export function fromStoredModel(stored: StoredModel, comparisons: Comparison[] = linkComparisons()): Model {
  if (stored.format !== MODEL_FORMAT) throw new Error(`not a ${MODEL_FORMAT} model`);
  const byName = new Map(stored.comparisons.map((c) => [c.name, c]));
  for (const c of comparisons) {
    const s = byName.get(c.name);
    if (!s) throw new Error(`the stored model has no comparison '${c.name}': retrain it`);
    if (s.levels.join('\u0000') !== c.levels.join('\u0000')) {
      throw new Error(`the stored model's levels for '${c.name}' differ from the code's: retrain it`);
    }
  }
  const pick = (c: Comparison) => byName.get(c.name)!;
  return {
    comparisons,
    m: comparisons.map((c) => pick(c).m),
    u: comparisons.map((c) => pick(c).u),
    lambda: stored.lambda,
    tf: comparisons.map((c) => {
      const tf = pick(c).tf;
      return tf ? new Map(Object.entries(tf)) : c.tfValue ? new Map() : null;
    }),
  };
}

let shipped: Model | null = null;

/**
 * The model shipped with Threadline, trained on a synthetic population
 * (`npm run train:model`), used until one is trained on the stored mentions.
 */
export function shippedModel(): Model {
  shipped ??= fromStoredModel(JSON.parse(readFileSync(new URL('./shipped-model.json', import.meta.url), 'utf8')) as StoredModel);
  return shipped;
}

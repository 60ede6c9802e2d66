// Which model links: the newest one trained on this installation's own
// mentions (`threadline model train`), else the one shipped with Threadline.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Model } from './linkage/model.ts';
import { fromStoredModel, linkComparisons, shippedModel, toStoredModel, type StoredModel } from './linkage/model-store.ts';
import { trainModel } from './linkage/link.ts';
import type { LinkRecord } from './linkage/types.ts';
import { invalid } from '../shared/errors.ts';

export interface NamedModel {
  model: Model;
  /** which model decided, as link evidence names it: 'shipped' or 'stored:<id>' */
  name: string;
}

let cached: NamedModel | null = null;

export async function currentModel(tx: Transaction<Database>): Promise<NamedModel> {
  const newest = await tx.selectFrom('link_model').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!newest) return { model: shippedModel(), name: 'shipped' };
  const name = `stored:${newest.id}`;
  if (cached?.name !== name) {
    const row = await tx.selectFrom('link_model').select('model').where('id', '=', newest.id).executeTakeFirstOrThrow();
    cached = { model: fromStoredModel(row.model as unknown as StoredModel), name };
  }
  return cached;
}

/** Fewer current mentions than this are too few to estimate m and u from: keep the shipped model. */
export const MIN_TRAINING_MENTIONS = 5_000;

/** Train on every current mention and store the model; it links from the next ingest on. */
export async function trainOnStoredMentions(
  tx: Transaction<Database>, trainedBy: string, at: Date, minimum = MIN_TRAINING_MENTIONS,
): Promise<{ id: number; mentions: number }> {
  const r = await sql<{ id: number; identity: LinkRecord }>`
    select m.id, m.identity from person_mention pm join mention m on m.id = pm.mention_id order by m.id`.execute(tx);
  if (r.rows.length < minimum) {
    throw invalid('/', `only ${r.rows.length} current mentions are stored: at least ${minimum} are needed to train a model`);
  }
  const records = r.rows.map((row) => ({ ...row.identity, id: String(row.id) }));
  const { model } = trainModel(records, { mode: 'dedupe', comparisons: linkComparisons() });
  const stored = toStoredModel(model, `${records.length} current mentions stored here`, records.length);
  const row = await tx.insertInto('link_model')
    .values({ trained_at: at, trained_by: trainedBy, model: JSON.stringify(stored) as never })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id, mentions: records.length };
}

// Retraining the linkage model on the stored mentions: refused with too few,
// stored when trained, and from then on named in every link it decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { generateScenario } from '../synth/generate.ts';
import { ingestInBatches, registerAgencies } from '../app/load.ts';
import { Repository } from '../app/repository.ts';
import { operator, testDb } from '../../test/helpers/test-db.ts';

test('the model links as "shipped" until one is trained on the stored mentions, then as that one', { timeout: 120_000 }, async () => {
  const db = await testDb();
  const repo = new Repository(db);
  try {
    const scenario = generateScenario({ seed: 5, children: 60 });
    await registerAgencies(repo, operator, scenario.agencies);
    await ingestInBatches(repo, operator, scenario.records.slice(0, -1), { batchSize: 200 });
    const models = async () => (await sql<{ model: string }>`select distinct evidence->>'model' as model from mention_link`.execute(db.kysely)).rows.map((r) => r.model);
    assert.deepEqual(await models(), ['shipped']);

    await assert.rejects(repo.trainLinkModel(operator), /at least 5000/);
    await assert.rejects(repo.trainLinkModel({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k' }, { minimumMentions: 10 }), /only an operator/);
    const trained = await repo.trainLinkModel(operator, { minimumMentions: 1000 });
    assert.ok(trained.mentions >= 1000);

    await ingestInBatches(repo, operator, scenario.records.slice(-1));
    assert.deepEqual((await models()).sort(), ['shipped', `stored:${trained.id}`]);
    const audit = await db.kysely.selectFrom('audit').select('action').where('action', '=', 'link-model.train').execute();
    assert.equal(audit.length, 1);
  } finally {
    await db.drop();
  }
});

// POST /api/records (one record) and POST /api/records/batch (a JSON array or
// NDJSON). Checks in order: who is sending, what they sent, then the one
// transaction in the repository.
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../http-auth.ts';
import { AppError } from '../../shared/errors.ts';
import type { Repository } from '../../app/repository.ts';
import { readJsonBatch } from '../../records/json-input.ts';
import { parseNdjson } from '../../records/ndjson.ts';
import { problem, type Problem } from '../../shared/problems.ts';
import { summariseResults, type IngestResult } from '../../app/ingest.ts';

export const MAX_BATCH_ITEMS = 5000;
const MAX_BATCH_BYTES = 64 * 1024 * 1024;
const MAX_SINGLE_BYTES = 1024 * 1024;

const STATUS: Record<IngestResult['status'], number> = { stored: 201, 'new-version': 201, duplicate: 200, refused: 422 };

/** A body that cannot be read at all (not UTF-8, not JSON, nested too deep): 400, with the problem. */
export function bodyRefusal(p: Problem): AppError {
  return new AppError(400, p.code === 'not-json' ? 'malformed-body' : p.code, p.message, [p]);
}

export async function recordRoutes(app: FastifyInstance, repo: Repository): Promise<void> {
  app.post('/api/records', { bodyLimit: MAX_SINGLE_BYTES }, async (request, reply) => {
    const actor = await requireActor(repo, request);
    if (Array.isArray(request.body)) {
      throw new AppError(422, 'invalid', 'send one record here; use /api/records/batch for several', [problem('', 'not-one-record', 'expected one record object, got an array')]);
    }
    const { results } = await repo.ingest(actor, [request.body]);
    const result = results[0]!;
    return reply.code(STATUS[result.status]).send(result);
  });

  await app.register(async (batchScope) => {
    // In a batch, as in NDJSON, an item nested too deep is refused on its own and the others go on;
    // only a body that is not UTF-8 or not JSON at all is refused whole (json-input.ts, readJsonBatch).
    batchScope.removeContentTypeParser('application/json');
    batchScope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
      const read = readJsonBatch(body as Buffer);
      if (read.ok) done(null, read.value);
      else done(bodyRefusal(read.problem), undefined);
    });

    batchScope.post('/api/records/batch', { bodyLimit: MAX_BATCH_BYTES }, async (request, reply) => {
      const actor = await requireActor(repo, request);
      // Only an NDJSON content type gives bytes (web/body-parsers.ts): a JSON body that is a string is not a batch.
      const items = Buffer.isBuffer(request.body) ? parseNdjson(request.body) : request.body;
      if (!Array.isArray(items)) {
        throw new AppError(422, 'invalid', 'a batch is a JSON array of records, or NDJSON (one record per line)', [problem('', 'not-a-batch', 'expected an array or NDJSON')]);
      }
      if (items.length > MAX_BATCH_ITEMS) {
        throw new AppError(413, 'batch-too-large', `a batch holds at most ${MAX_BATCH_ITEMS} records; this one has ${items.length}`);
      }
      const { results } = await repo.ingest(actor, items);
      return reply.code(200).send({ summary: summariseResults(results), results });
    });
  });
}

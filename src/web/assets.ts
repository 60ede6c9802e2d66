// Static assets under /assets: GOV.UK Frontend's stylesheet, script, fonts and
// images (from the package, so they match its version) and Threadline's own
// small files (static/). Every file is found at start-up and held in memory:
// no path from a request ever reaches the file system.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.json': 'application/manifest+json',
};

const govukDist = join(createRequire(import.meta.url).resolve('govuk-frontend/package.json'), '..', 'dist', 'govuk');
const ownStatic = fileURLToPath(new URL('./static/', import.meta.url));

function walk(dir: string, prefix: string, into: Map<string, { type: string; body: Buffer }>): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`, into);
    else if (TYPES[extname(name)]) into.set(`${prefix}${name}`, { type: TYPES[extname(name)]!, body: readFileSync(path) });
  }
}

let files: Map<string, { type: string; body: Buffer }> | undefined;
function assetFiles(): Map<string, { type: string; body: Buffer }> {
  if (files) return files;
  files = new Map();
  walk(join(govukDist, 'assets'), '', files);
  for (const name of ['govuk-frontend.min.css', 'govuk-frontend.min.js']) files.set(name, { type: TYPES[extname(name)]!, body: readFileSync(join(govukDist, name)) });
  walk(ownStatic, '', files);
  return files;
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { '*': string } }>('/assets/*', async (request, reply) => {
    const file = assetFiles().get(request.params['*']);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    // Assets change only with a release: a day's caching (the server's no-store applies to everything else).
    return reply.header('cache-control', 'public, max-age=86400').type(file.type).send(file.body);
  });
}

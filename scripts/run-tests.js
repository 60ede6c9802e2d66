#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's own test runner (TypeScript via tsx).
// Node 20's --test does not expand globs, so the files are listed here.
// Other arguments filter the files (e.g. `npm test -- src/records`).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// --postgres: run against the PostgreSQL server (TEST_DATABASE_URL, default the local one).
const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes('--postgres')) env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const filters = args.filter((a) => a !== '--postgres');
const files = ['src', 'test'].flatMap((d) => find(d)).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);

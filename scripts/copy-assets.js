#!/usr/bin/env node
// Copies the runtime files that sit beside the sources (everything under src/ that tsc does not
// compile: JSON such as the shipped linkage model, the record schema and the sharing policy, the
// page templates, the static files) into dist/, at the same relative path. The code finds them
// relative to its own module (new URL('./x.json', import.meta.url)), so the compiled module must
// have them beside it as the source module does. Every non-TypeScript file is copied, not a list,
// so that a new asset needs no change here; Markdown notes for developers are left out.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

const from = 'src';
const to = 'dist';
const notShipped = new Set(['.ts', '.md']);

let copied = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!notShipped.has(extname(name))) {
      cpSync(path, join(to, relative(from, path)));
      copied += 1;
    }
  }
}
walk(from);
console.log(`copy-assets: ${copied} files from ${from}/ to ${to}/`);

#!/usr/bin/env node
// The `threadline` command. Two ways to run, chosen by what is installed:
// - a checkout with its development dependencies runs the TypeScript sources through tsx, so that
//   there is no build step between editing and running (and the tests exercise the sources);
// - a production install (the packed package, `npm pack`, which ships dist/ and not src/, installed
//   with `npm ci --omit=dev`) runs the compiled dist/, so production never needs tsx or TypeScript.
// Sources win when both are there: a dist/ left over from an earlier build must not run in place
// of the code being edited.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);

async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

const register = existsSync(sources) ? await tsxRegister() : undefined;
if (register) {
  register();
  await import(sources.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write('threadline: no dist/ to run and no development install to run the sources: run `npm run build` (with the development dependencies), or install the packed package (`npm pack`)\n');
  process.exit(1);
}

#!/usr/bin/env node
// Prints the dependency graph of src/ folder by folder, the pairs of folders that import each
// other and the import cycles between files, as text to read and diff. Source files first; test
// files (leaves: nothing imports them) may reach up the layers, so their own edges are counted apart.
// dependency-cruiser enforces the rules (.dependency-cruiser.cjs, npm run check:deps); this is the picture.
// Usage: node scripts/dependency-graph.js [cruise.json]   (default: cruise src/ now)
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

function cruiseNow() {
  const r = spawnSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', 'src',
    '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (!r.stdout) throw new Error(r.stderr);
  return r.stdout;
}

const result = JSON.parse(process.argv[2] ? readFileSync(process.argv[2], 'utf8') : cruiseNow());
const isTest = (path) => path.endsWith('.test.ts');
// A file directly under src/ (log.ts) is a node of its own.
const folderOf = (path) => path.split('/')[1];

// A cycle is reported once, from its alphabetically first file.
function canonicalCycle(path) {
  const ring = path[0] === path[path.length - 1] ? path.slice(0, -1) : path;
  const start = ring.indexOf([...ring].sort()[0]);
  return [...ring.slice(start), ...ring.slice(0, start), ring[start]].join(' -> ');
}

function graph(includeTests) {
  const edges = new Map(); // "from -> to" → number of file imports
  const cycles = new Set();
  for (const m of result.modules) {
    if (!m.source.startsWith('src/') || (!includeTests && isTest(m.source))) continue;
    for (const d of m.dependencies) {
      if (!d.resolved.startsWith('src/')) continue;
      if (d.circular && d.cycle) cycles.add(canonicalCycle([m.source, ...d.cycle.map((c) => c.name ?? c)]));
      const from = folderOf(m.source);
      const to = folderOf(d.resolved);
      if (from !== to) edges.set(`${from} -> ${to}`, (edges.get(`${from} -> ${to}`) ?? 0) + 1);
    }
  }
  const pairs = [];
  for (const key of edges.keys()) {
    const [a, b] = key.split(' -> ');
    if (a < b && edges.has(`${b} -> ${a}`)) pairs.push(`${a} <-> ${b}  (${edges.get(key)} / ${edges.get(`${b} -> ${a}`)})`);
  }
  return { edges, cycles: [...cycles].sort(), pairs: pairs.sort() };
}

const source = graph(false);
const all = graph(true);
const out = [`Folder dependencies of src/, test files left out (folder -> folder, number of file imports): ${source.edges.size}`];
for (const key of [...source.edges.keys()].sort()) out.push(`  ${key}  (${source.edges.get(key)})`);
out.push('', `Pairs of folders that import each other: ${source.pairs.length}`, ...source.pairs.map((p) => `  ${p}`));
out.push('', `File import cycles: ${source.cycles.length}`, ...source.cycles.map((c) => `  ${c}`));
out.push('', `With the test files' imports too: ${all.edges.size} folder edges, ${all.pairs.length} pairs of folders that import each other, ${all.cycles.length} file cycles`);
out.push(...all.pairs.map((p) => `  ${p}`));
console.log(out.join('\n'));

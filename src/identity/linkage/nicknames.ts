// Given-name variants: "Bob" may be written for Robert, "Tracie" for Theresa.
// Built once, on first use, from two tables at the repo root:
//   datasets/nicknames/names.csv   (Apache-2.0; "name1,has_nickname,name2")
//   datasets/febrl-names/givenname_{f,m}.tbl (Febrl, ANUOS 1.3; "canonical : variant, variant, …")
// Each row is an undirected "could be the same forename" edge from a variant to
// its canonical name. Two names are variants of each other when one is a
// canonical form of the other, or both share a canonical form (bob and rob via
// robert). Only one hop: no transitive closure, which would join half the table.
import { readFileSync } from 'node:fs';
import { normaliseName } from './names.ts';

/** name -> its canonical forms other than itself (only names that have any) */
let table: Map<string, string[]> | undefined;

function readDataset(relPath: string): string {
  return readFileSync(new URL(`../../../datasets/${relPath}`, import.meta.url), 'utf8');
}

function addEdge(t: Map<string, string[]>, canonicalRaw: string, variantRaw: string): void {
  const canonical = normaliseName(canonicalRaw);
  const variant = normaliseName(variantRaw);
  if (!canonical || !variant || canonical === variant) return;
  const list = t.get(variant);
  if (!list) t.set(variant, [canonical]);
  else if (!list.includes(canonical)) list.push(canonical);
}

/** Rows of "name1,has_nickname,name2" (header first). */
function loadNicknameCsv(t: Map<string, string[]>, text: string): void {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const [name, rel, nick] = lines[i]!.trim().split(',');
    if (name && rel === 'has_nickname' && nick) addEdge(t, name, nick);
  }
}

/**
 * Febrl's lookup-table format: `canonical : variant, variant, …`; a line
 * without a colon continues the previous entry's variants; `#` starts a
 * comment; `tag=…` lines name the table.
 */
export function parseFebrlTable(text: string): [canonical: string, variants: string[]][] {
  const out: [string, string[]][] = [];
  let current: [string, string[]] | undefined;
  for (const rawLine of text.split('\n')) {
    const hash = rawLine.indexOf('#');
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (!line || line.startsWith('tag=')) continue;
    const colon = line.indexOf(':');
    let rest = line;
    if (colon >= 0) {
      current = [line.slice(0, colon).trim(), []];
      out.push(current);
      rest = line.slice(colon + 1);
    }
    if (!current) continue;
    for (const v of rest.split(',')) {
      const t = v.trim();
      if (t) current[1].push(t);
    }
  }
  return out;
}

function load(): Map<string, string[]> {
  if (table) return table;
  const t = new Map<string, string[]>();
  loadNicknameCsv(t, readDataset('nicknames/names.csv'));
  for (const file of ['febrl-names/givenname_f.tbl', 'febrl-names/givenname_m.tbl']) {
    for (const [canonical, variants] of parseFebrlTable(readDataset(file))) {
      for (const v of variants) addEdge(t, canonical, v);
    }
  }
  table = t;
  return t;
}

const NONE: readonly string[] = [];

/** The canonical forms of an already-normalised name, itself excluded (shared, do not mutate). */
export function canonicalsOfNormalised(name: string): readonly string[] {
  return load().get(name) ?? NONE;
}

/** Whether two already-normalised given names are the same or variants of one another (the hot path). */
export function areNormalisedVariants(x: string, y: string): boolean {
  if (x === y) return true;
  const t = load();
  const cx = t.get(x);
  const cy = t.get(y);
  if (cx === undefined) return cy !== undefined && cy.includes(x);
  if (cx.includes(y)) return true;
  if (cy === undefined) return false;
  if (cy.includes(x)) return true;
  for (let i = 0; i < cx.length; i++) if (cy.includes(cx[i]!)) return true;
  return false;
}

/** All the canonical forms a given name may be a variant of, itself (normalised) included; empty for no name. */
export function canonicalGivenNames(name: string | null | undefined): Set<string> {
  const n = normaliseName(name ?? undefined);
  if (!n) return new Set();
  return new Set([n, ...canonicalsOfNormalised(n)]);
}

/** Whether two given names, as written, are the same name or variants of one another (either direction, or a shared canonical form). */
export function areNameVariants(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normaliseName(a ?? undefined);
  const y = normaliseName(b ?? undefined);
  if (!x || !y) return false;
  return areNormalisedVariants(x, y);
}

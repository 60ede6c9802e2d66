// Public linkage benchmarks with known truth, loaded as LinkRecords: FEBRL3
// and FEBRL4 (synthetic Australian people, Febrl/ANU) and Splink's fake_1000
// and historical_figures_with_errors_50k (MoJ). The files live in
// datasets/febrl and datasets/splink at the repo root (see their READMEs for
// origin and licence). Nothing here normalises beyond trimming, turning empty
// strings into null, writing FEBRL's YYYYMMDD dates as YYYY-MM-DD (null when
// not a real date) and dropping the few Splink dates that are not ISO: the
// linkage engine must cope with the data as published.
import { readFileSync } from 'node:fs';
import type { LinkRecord } from './types.ts';

export interface LinkageDataset {
  name: string;
  /** dedupe: every pair of records may match; link: only pairs from different `source`s */
  mode: 'dedupe' | 'link';
  records: LinkRecord[];
  /** record id -> the true person (cluster) it belongs to */
  clusterOf: Map<string, string>;
}

export const DATASET_NAMES = ['fake_1000', 'febrl4', 'febrl3', 'historical_50k'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export function loadDataset(name: DatasetName): LinkageDataset {
  switch (name) {
    case 'fake_1000': return loadFake1000();
    case 'febrl4': return loadFebrl4();
    case 'febrl3': return loadFebrl3();
    case 'historical_50k': return loadHistorical50k();
  }
}

/**
 * A small RFC 4180 CSV parser: fields separated by commas, optionally
 * double-quoted (a quoted field may contain commas, newlines and "" for a
 * quote), rows ended by LF or CRLF; a final newline is optional. With `trim`,
 * unquoted fields lose surrounding whitespace (FEBRL writes ", " between
 * values). Returns the rows as arrays of strings, header included.
 */
export function parseCsv(text: string, opts: { trim?: boolean } = {}): string[][] {
  const trim = opts.trim ?? false;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    // one field, starting at i
    let field: string;
    let j = i;
    if (trim) while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '"') {
      let value = '';
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) throw new Error(`unterminated quoted field at offset ${j}`);
        value += text.slice(k, q);
        if (text[q + 1] === '"') { value += '"'; k = q + 2; continue; }
        k = q + 1;
        break;
      }
      // allow (and drop) whitespace between the closing quote and the separator
      while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
      if (k < n && text[k] !== ',' && text[k] !== '\n' && text[k] !== '\r') {
        throw new Error(`unexpected character after quoted field at offset ${k}`);
      }
      field = value;
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === 44 /* , */ || c === 10 /* \n */ || c === 13 /* \r */) break;
        k++;
      }
      field = text.slice(i, k);
      if (trim) field = field.trim();
      i = k;
    }
    row.push(field);
    // the separator after the field
    if (i >= n) { rows.push(row); row = []; break; }
    const c = text[i];
    if (c === ',') {
      i++;
      if (i >= n) { row.push(''); rows.push(row); row = []; } // a trailing comma ends in an empty field
    } else {
      if (c === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** Rows as objects keyed by the header's column names; checks every row has the header's width. */
function readTable(relPath: string, opts: { trim?: boolean } = {}): Record<string, string>[] {
  const url = new URL(`../../../datasets/${relPath}`, import.meta.url);
  const rows = parseCsv(readFileSync(url, 'utf8'), opts);
  const header = rows[0];
  if (!header) throw new Error(`${relPath}: empty file`);
  const cols = header.map((h) => h.trim());
  const out: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '') continue; // a blank line
    if (row.length !== cols.length) {
      throw new Error(`${relPath}: row ${r + 1} has ${row.length} fields, the header ${cols.length}`);
    }
    const o: Record<string, string> = {};
    for (let c = 0; c < cols.length; c++) o[cols[c]!] = row[c]!;
    out.push(o);
  }
  return out;
}

/** Trimmed value, or null when empty. */
function val(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** Non-empty parts joined with `sep`, or null when none. */
function join(parts: (string | undefined)[], sep: string): string | null {
  const kept = parts.map(val).filter((p): p is string => p !== null);
  return kept.length ? kept.join(sep) : null;
}

/** FEBRL's YYYYMMDD as YYYY-MM-DD when it is a real calendar date, else null. */
export function febrlDate(v: string | undefined): string | null {
  const t = val(v);
  if (t === null || !/^\d{8}$/.test(t)) return null;
  const y = Number(t.slice(0, 4));
  const m = Number(t.slice(4, 6));
  const d = Number(t.slice(6, 8));
  if (y < 1 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > days) return null;
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}

/**
 * A Splink date as the LinkRecord contract wants it (YYYY, YYYY-MM or
 * YYYY-MM-DD), else null: historical_50k has a few BCE dates written like
 * '-0050-01-0', which no comparison could read.
 */
export function isoDate(v: string | undefined): string | null {
  const t = val(v);
  return t !== null && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(t) ? t : null;
}

/** The true person of a FEBRL rec_id: the N in rec-N-org / rec-N-dup-k. */
export function febrlCluster(recId: string): string {
  const m = /^rec-(\d+)-(?:org|dup-\d+)$/.exec(recId);
  if (!m) throw new Error(`unexpected FEBRL rec_id ${JSON.stringify(recId)}`);
  return m[1]!;
}

function febrlRecords(file: string, source: string | undefined, clusterOf: Map<string, string>): LinkRecord[] {
  return readTable(`febrl/${file}`, { trim: true }).map((r) => {
    const id = r.rec_id!;
    if (clusterOf.has(id)) throw new Error(`febrl/${file}: duplicate rec_id ${id}`);
    clusterOf.set(id, febrlCluster(id));
    const rec: LinkRecord = {
      id,
      given: val(r.given_name),
      family: val(r.surname),
      dob: febrlDate(r.date_of_birth),
      sex: null,
      nhsNumber: null,
      postcode: val(r.postcode),
      address: join([r.street_number, r.address_1, r.address_2], ' '),
      phone: null,
      otherId: val(r.soc_sec_id),
      place: join([r.suburb, r.state], ', '),
    };
    if (source !== undefined) rec.source = source;
    return rec;
  });
}

/** FEBRL4: link dataset4a (source 'a', 5,000 originals) to dataset4b (source 'b', one corrupted copy each). */
export function loadFebrl4(): LinkageDataset {
  const clusterOf = new Map<string, string>();
  const records = [...febrlRecords('dataset4a.csv', 'a', clusterOf), ...febrlRecords('dataset4b.csv', 'b', clusterOf)];
  return { name: 'febrl4', mode: 'link', records, clusterOf };
}

/** FEBRL3: deduplicate 5,000 records (2,000 originals, 3,000 duplicates). */
export function loadFebrl3(): LinkageDataset {
  const clusterOf = new Map<string, string>();
  const records = febrlRecords('dataset3.csv', undefined, clusterOf);
  return { name: 'febrl3', mode: 'dedupe', records, clusterOf };
}

function splinkTable(file: string, name: string, toRecord: (r: Record<string, string>) => LinkRecord): LinkageDataset {
  const clusterOf = new Map<string, string>();
  const records = readTable(`splink/${file}`).map((r) => {
    const rec = toRecord(r);
    const cluster = val(r.cluster);
    if (cluster === null) throw new Error(`splink/${file}: record ${rec.id} has no cluster`);
    if (clusterOf.has(rec.id)) throw new Error(`splink/${file}: duplicate unique_id ${rec.id}`);
    clusterOf.set(rec.id, cluster);
    return rec;
  });
  return { name, mode: 'dedupe', records, clusterOf };
}

/** Splink's fake_1000: deduplicate 1,000 records of 250 people (truth: column `cluster`). */
export function loadFake1000(): LinkageDataset {
  return splinkTable('fake_1000.csv', 'fake_1000', (r) => ({
    id: r.unique_id!.trim(),
    given: val(r.first_name),
    family: val(r.surname),
    dob: isoDate(r.dob),
    sex: null,
    nhsNumber: null,
    postcode: null,
    address: null,
    phone: null,
    otherId: val(r.email),
    place: val(r.city),
  }));
}

/** Splink's historical_figures_with_errors_50k: deduplicate 50,578 records of 5,156 people (truth: `cluster`). */
export function loadHistorical50k(): LinkageDataset {
  return splinkTable('historical_figures_with_errors_50k.csv', 'historical_50k', (r) => ({
    id: r.unique_id!.trim(),
    given: val(r.first_name),
    family: val(r.surname),
    dob: isoDate(r.dob),
    sex: val(r.gender),
    nhsNumber: null,
    postcode: val(r.postcode_fake),
    address: null,
    phone: null,
    otherId: null,
    place: val(r.birth_place),
  }));
}

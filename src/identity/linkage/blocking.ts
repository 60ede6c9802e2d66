// Blocking: which pairs are worth comparing at all. Several rules, each a key
// per record; two records are a candidate pair when any rule gives them the
// same key (the union). Each rule names the comparisons its key is built
// from, so training can leave those out (a blocked field agrees by design).
import type { LinkRecord } from './types.ts';

export interface BlockingRule {
  name: string;
  /** comparisons whose agreement this rule forces (excluded when training on its pairs) */
  uses: string[];
  /** the record's keys under this rule (none: the record is not blocked by it) */
  keys(r: LinkRecord): string[];
}

export interface CandidatePairs {
  /** record index pairs, i < j */
  pairs: Uint32Array;
  count: number;
  /** for each pair, a bit per rule that produced it */
  rules: Uint32Array;
  possiblePairs: number;
}

/** A block larger than this is too common a key to say anything (e.g. everyone born 1 Jan 1900). */
export const MAX_BLOCK = 400;

export function candidatePairs(
  records: LinkRecord[],
  rules: BlockingRule[],
  mode: 'dedupe' | 'link',
): CandidatePairs {
  const seen = new Map<number, number>(); // pair id -> index in output
  let pairs = new Uint32Array(1 << 16);
  let ruleBits = new Uint32Array(1 << 15);
  let count = 0;
  const n = records.length;
  const add = (i: number, j: number, bit: number) => {
    if (i === j) return;
    if (i > j) [i, j] = [j, i];
    if (mode === 'link' && records[i]!.source === records[j]!.source) return;
    const id = i * n + j; // exact up to n ≈ 9.4e7
    const at = seen.get(id);
    if (at !== undefined) {
      ruleBits[at]! |= bit;
      return;
    }
    if (count * 2 >= pairs.length) {
      const p = new Uint32Array(pairs.length * 2);
      p.set(pairs);
      pairs = p;
      const r = new Uint32Array(ruleBits.length * 2);
      r.set(ruleBits);
      ruleBits = r;
    }
    pairs[count * 2] = i;
    pairs[count * 2 + 1] = j;
    ruleBits[count] = bit;
    seen.set(id, count);
    count++;
  };

  rules.forEach((rule, ruleIndex) => {
    const bit = 1 << ruleIndex;
    const blocks = new Map<string, number[]>();
    records.forEach((r, i) => {
      for (const key of new Set(rule.keys(r))) {
        const list = blocks.get(key);
        if (list) list.push(i);
        else blocks.set(key, [i]);
      }
    });
    for (const members of blocks.values()) {
      if (members.length < 2 || members.length > MAX_BLOCK) continue;
      for (let a = 0; a < members.length; a++) {
        for (let b = a + 1; b < members.length; b++) add(members[a]!, members[b]!, bit);
      }
    }
  });

  const sources = new Map<string | undefined, number>();
  for (const r of records) sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
  const possiblePairs = mode === 'dedupe'
    ? (n * (n - 1)) / 2
    : ([...sources.values()].reduce((s, c) => s + c, 0) ** 2 - [...sources.values()].reduce((s, c) => s + c * c, 0)) / 2;
  return { pairs: pairs.subarray(0, count * 2), rules: ruleBits.subarray(0, count), count, possiblePairs };
}

// Clustering scored pairs into people without chaining: edges are taken
// strongest first, and two groups are joined only if no pair across them was
// compared and found clearly different (weight below `veto`), and they do not
// hold two different hard identifiers (NHS numbers). So A~B and B~C do not
// make A and C one person when A and C were compared and disagree.

export interface Edge {
  i: number;
  j: number;
  w: number;
  /** a reason these two can never be one person, whatever the weight (e.g. likely twins) */
  forbidden?: string | null;
}

export interface ClusterOptions {
  threshold: number;
  veto: number;
  /** a hard identifier per record (e.g. NHS number): two different ones never share a cluster */
  hardId?: (i: number) => string | null;
}

export function cluster(n: number, edges: Edge[], opts: ClusterOptions): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const ids: (Set<string> | null)[] = Array.from({ length: n }, (_, i) => {
    const id = opts.hardId?.(i);
    return id ? new Set([id]) : null;
  });
  const negative = new Map<number, Edge[]>();
  for (const e of edges) {
    if (e.w >= opts.veto && !e.forbidden) continue;
    for (const x of [e.i, e.j]) {
      const list = negative.get(x);
      if (list) list.push(e);
      else negative.set(x, [e]);
    }
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const conflict = (ra: number, rb: number): boolean => {
    const ia = ids[ra];
    const ib = ids[rb];
    if (ia && ib && [...ia].some((x) => !ib.has(x))) return true;
    const [small, other] = members[ra]!.length <= members[rb]!.length ? [ra, rb] : [rb, ra];
    for (const x of members[small]!) {
      for (const e of negative.get(x) ?? []) {
        if (find(e.i === x ? e.j : e.i) === other) return true;
      }
    }
    return false;
  };

  const strong = edges.filter((e) => e.w >= opts.threshold && !e.forbidden).sort((a, b) => b.w - a.w);
  for (const e of strong) {
    const ra = find(e.i);
    const rb = find(e.j);
    if (ra === rb || conflict(ra, rb)) continue;
    const [root, child] = members[ra]!.length >= members[rb]!.length ? [ra, rb] : [rb, ra];
    parent[child] = root;
    members[root]!.push(...members[child]!);
    members[child] = [];
    if (ids[child]) ids[root] = new Set([...(ids[root] ?? []), ...ids[child]]);
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

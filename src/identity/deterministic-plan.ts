// The deterministic linking decision, as a pure function: which new mentions
// join which existing person, which need a new person, and which existing
// people turn out to be one. Three facts link: the same NHS number; the same
// agency's own id for the person (its localId: the agency itself says "same
// person"); or the same normalised given name + family name + full date of
// birth. Two different NHS numbers are never joined, however the rest agrees.

import { personKey } from './person-keys.ts';

export interface NewMentionKeys {
  mentionId: number;
  nhsNumber: string | null;
  nameDobKey: string | null;
  localKey: string | null;
}

export interface ExistingKeys {
  personId: number;
  nhsNumber: string | null;
  nameDobKey: string | null;
  localKey: string | null;
}

export interface LinkReason {
  rule: 'nhs-number' | 'local-id' | 'name-dob' | 'new-person';
  /** The identifying values this mention shares with the person it joined. */
  shared: { nhsNumber?: string; localId?: string; nameDob?: string };
  /** Keys that matched someone it could not join because their NHS numbers differ. */
  refused?: string[];
}

export interface LinkPlan {
  /** mention id -> existing person id, or a group number for a person still to be created. */
  assign: Map<number, { personId: number } | { newGroup: number }>;
  reasons: Map<number, LinkReason>;
  newGroups: number;
  /** Existing people found to be one: `from` is absorbed into `into` (the lowest id). */
  merges: { from: number; into: number; because: string[] }[];
}

class Groups {
  private parent = new Map<string, string>();
  readonly nhs = new Map<string, Set<string>>();

  add(node: string, nhs: Iterable<string>): void {
    if (!this.parent.has(node)) {
      this.parent.set(node, node);
      this.nhs.set(node, new Set());
    }
    for (const n of nhs) this.nhs.get(this.find(node))!.add(n);
  }

  find(node: string): string {
    let root = node;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let cur = node;
    while (cur !== root) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  /** Join two groups unless that would put two different NHS numbers in one person. */
  union(a: string, b: string): 'joined' | 'same' | 'conflict' {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return 'same';
    const na = this.nhs.get(ra)!;
    const nb = this.nhs.get(rb)!;
    const all = new Set([...na, ...nb]);
    if (all.size > 1) return 'conflict';
    // Keep existing people as roots so the survivor is found quickly.
    const [root, child] = rb.startsWith('p') && !ra.startsWith('p') ? [rb, ra] : [ra, rb];
    this.parent.set(child, root);
    this.nhs.set(root, all);
    return 'joined';
  }
}

export function planLinks(
  mentions: NewMentionKeys[],
  existing: ExistingKeys[],
  personNhs: Map<number, Set<string>>,
): LinkPlan {
  const g = new Groups();
  const owners = new Map<string, string[]>();
  const own = (key: string, node: string) => {
    const list = owners.get(key);
    if (list) {
      if (!list.includes(node)) list.push(node);
    } else owners.set(key, [node]);
  };

  const sortedExisting = [...existing].sort((a, b) => a.personId - b.personId);
  for (const e of sortedExisting) {
    const node = `p${e.personId}`;
    g.add(node, personNhs.get(e.personId) ?? []);
    if (e.nhsNumber) own(personKey.nhs(e.nhsNumber), node);
    if (e.localKey) own(personKey.local(e.localKey), node);
    if (e.nameDobKey) own(personKey.nameDob(e.nameDobKey), node);
  }
  for (const m of mentions) g.add(`m${m.mentionId}`, m.nhsNumber ? [m.nhsNumber] : []);

  const reasons = new Map<number, LinkReason>();
  const mergeBecause = new Map<string, string[]>();
  const joinOwners = (m: NewMentionKeys, key: string): boolean => {
    const node = `m${m.mentionId}`;
    let joinedAny = false;
    for (const other of owners.get(key) ?? []) {
      const before = [g.find(node), g.find(other)];
      const r = g.union(node, other);
      if (r === 'conflict') (reasons.get(m.mentionId)!.refused ??= []).push(key);
      if (r !== 'conflict') joinedAny = true;
      if (r === 'joined' && before.every((x) => x.startsWith('p'))) {
        const list = mergeBecause.get(key) ?? [];
        list.push(...before);
        mergeBecause.set(key, list);
      }
    }
    own(key, node);
    return joinedAny;
  };

  // Strongest fact first (NHS number, then the agency's own id, then name and
  // date of birth), so a weaker fact cannot pull a mention elsewhere first.
  for (const m of mentions) {
    reasons.set(m.mentionId, { rule: 'new-person', shared: {} });
    if (m.nhsNumber && joinOwners(m, personKey.nhs(m.nhsNumber))) {
      const r = reasons.get(m.mentionId)!;
      r.rule = 'nhs-number';
      r.shared.nhsNumber = m.nhsNumber;
    }
  }
  for (const m of mentions) {
    if (m.localKey && joinOwners(m, personKey.local(m.localKey))) {
      const r = reasons.get(m.mentionId)!;
      if (r.rule === 'new-person') r.rule = 'local-id';
      r.shared.localId = m.localKey;
    }
  }
  for (const m of mentions) {
    if (m.nameDobKey && joinOwners(m, personKey.nameDob(m.nameDobKey))) {
      const r = reasons.get(m.mentionId)!;
      if (r.rule === 'new-person') r.rule = 'name-dob';
      r.shared.nameDob = m.nameDobKey;
    }
  }

  // Each group becomes its lowest-numbered existing person, or a new person.
  const personsInGroup = new Map<string, number[]>();
  for (const e of sortedExisting) {
    const root = g.find(`p${e.personId}`);
    const list = personsInGroup.get(root) ?? [];
    if (!list.includes(e.personId)) list.push(e.personId);
    personsInGroup.set(root, list);
  }
  const merges: LinkPlan['merges'] = [];
  for (const ids of personsInGroup.values()) {
    const [into, ...rest] = [...ids].sort((a, b) => a - b);
    for (const from of rest) {
      const because = [...mergeBecause.entries()]
        .filter(([, nodes]) => nodes.includes(`p${from}`))
        .map(([key]) => key);
      merges.push({ from, into: into!, because });
    }
  }

  const assign: LinkPlan['assign'] = new Map();
  const groupNumbers = new Map<string, number>();
  for (const m of mentions) {
    const root = g.find(`m${m.mentionId}`);
    const persons = personsInGroup.get(root);
    if (persons && persons.length) {
      assign.set(m.mentionId, { personId: Math.min(...persons) });
    } else {
      if (!groupNumbers.has(root)) groupNumbers.set(root, groupNumbers.size);
      assign.set(m.mentionId, { newGroup: groupNumbers.get(root)! });
    }
  }
  return { assign, reasons, newGroups: groupNumbers.size, merges };
}

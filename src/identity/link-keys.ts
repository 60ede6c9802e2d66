// The keys a mention is found by when linking: the blocking keys of the
// probabilistic model (each prefixed with its rule's name) and the sending
// agency's own id for the person. person_key holds the union of these over a
// person's current mentions, so finding the candidates for a new mention is an
// index probe per key, whatever the number of people stored.
import { standardBlockingRules } from './linkage/link.ts';
import type { LinkRecord } from './linkage/types.ts';

const rules = standardBlockingRules();

export const LOCAL_KEY_PREFIX = 'local:';

export interface KeyedIdentity {
  identity: LinkRecord;
  /** `agency|localId`: the sending agency's own id for the person */
  localKey: string | null;
}

export function linkKeysOf(m: KeyedIdentity): string[] {
  const out = new Set<string>();
  if (m.localKey) out.add(LOCAL_KEY_PREFIX + m.localKey);
  for (const rule of rules) for (const key of rule.keys(m.identity)) out.add(`${rule.name}:${key}`);
  return [...out];
}

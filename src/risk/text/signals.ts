// Reads the free-text fields of an agency record into signals (vocabulary.ts).
import type { EvidenceRecord } from '../../household/derive.ts';
import type { Signal } from './vocabulary.ts';

/**
 * Every signal in the record's words: narrative, description, complaint, reason, observations, explanation,
 * note (and any note inside the body). Pure and cached by record: the same record always gives the same
 * signals. Negated signals are returned with `negated: true` so a rule can say what it set aside.
 */
export function signalsIn(record: Pick<EvidenceRecord, 'source' | 'document'>): Signal[] {
  void record;
  throw new Error('signalsIn: not built yet (the text helper builds it)');
}

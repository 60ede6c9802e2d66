// Reads the free-text fields of an agency record into signals (vocabulary.ts).
import type { EvidenceRecord } from '../../household/derive.ts';
import { textFields } from './fields.ts';
import { readText } from './reader.ts';
import type { Attribution, Signal } from './vocabulary.ts';

type Readable = Pick<EvidenceRecord, 'source' | 'document'>;

/** Fields whose words are the reporter's own concern, so what they say is attributed to `reportedBy`. */
const REPORTED_FIELDS = new Set(['body.description', 'body.reason']);
const REPORTED_BY: Record<string, Attribution> = {
  child: 'child',
  parent: 'parent',
  relative: 'relative',
  neighbour: 'neighbour',
  'member-of-public': 'public',
  anonymous: 'public',
  professional: 'professional',
};

// The engine asks for the same record's signals on every day it re-evaluates a child, and a record read again
// from the database is a new object with the same words, so there are two caches: by document object, and by
// the source and its words (bounded, oldest dropped first).
const byDocument = new WeakMap<object, { source: string; signals: readonly Signal[] }>();
const byContent = new Map<string, readonly Signal[]>();
const CONTENT_CACHE_SIZE = 20_000;

// In the explanation field itself, an answer that starts by giving no mechanism is an absent explanation, however
// it goes on: "Unsure.", "Mum unsure", "Not known", "?", "N/K", "None given", "I don't know, he was fine at
// bedtime", "Not sure, did not see" (NICE CG89 1.2.1: "I don't know" is not an explanation).
const NO_ANSWER = /^(?:\W|mum|mom|mother|dad|father|parents?|carers?|child|is|was|were|states?|says?|said|reports?|i)*(?:unsure|not sure|unknown|not known|n\/?k|don'?t know|do not know|doesn'?t know|does not know|dunno|no idea|none|none given|nil|not given|no explanation|no account|can'?t say|cannot say|\?+)(?=\W|$)/i;

function read(record: Readable): readonly Signal[] {
  const document = record.document;
  const fields = textFields(document);
  if (fields.length === 0) return Object.freeze([]);
  const reportedBy = typeof document.body?.reportedBy === 'string' ? REPORTED_BY[document.body.reportedBy] : undefined;
  const people = Array.isArray(document.people) ? document.people : [];
  const contentKey = `${record.source}\u0000${reportedBy ?? ''}\u0000${people.map((p) => `${p.role}:${p.name?.given ?? ''}:${p.name?.family ?? ''}:${p.relationship ?? ''}`).join('|')}\u0000${fields.map((f) => `${f.field}\u0001${f.text}`).join('\u0000')}`;
  const cached = byContent.get(contentKey);
  if (cached) return cached;
  const signals: Signal[] = [];
  for (const { field, text } of fields) {
    const readings = readText(text, people);
    if (field === 'body.explanation' && NO_ANSWER.test(text.trim()) && !readings.some((r) => r.code === 'explanation-absent')) {
      readings.push({ code: 'explanation-absent', phrase: text.trim(), negated: false, attribution: undefined });
    }
    for (const reading of readings) {
      const fallback = REPORTED_FIELDS.has(field) && reportedBy !== undefined ? reportedBy : null;
      signals.push(Object.freeze({
        code: reading.code,
        source: record.source,
        field,
        phrase: reading.phrase,
        negated: reading.negated,
        attribution: reading.attribution === undefined ? fallback : reading.attribution,
      }));
    }
  }
  const frozen = Object.freeze(signals);
  if (byContent.size >= CONTENT_CACHE_SIZE) byContent.delete(byContent.keys().next().value!);
  byContent.set(contentKey, frozen);
  return frozen;
}

/**
 * Every signal in the record's words: narrative, description, complaint, reason, observations, explanation,
 * note (and any note inside the body). Pure and cached by record: the same record always gives the same
 * signals (the same array, frozen: copy it before changing it). A document is taken as immutable once read. Negated signals are returned with `negated: true` so a rule can say what it
 * set aside; context that is only queried, pending or a relative's ("?bleeding disorder", "awaiting tests for
 * OI", "mother has haemophilia") is negated too, since it must not lower a finding.
 */
export function signalsIn(record: Readable): Signal[] {
  const hit = byDocument.get(record.document);
  if (hit && hit.source === record.source) return hit.signals as Signal[];
  const signals = read(record);
  byDocument.set(record.document, { source: record.source, signals });
  return signals as Signal[];
}

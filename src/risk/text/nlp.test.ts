// Sentences as practitioners write them: abbreviations, queries and decimals do not end a sentence; a full stop
// and a capital after an ordinary word do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelLoadMs, sentencesOf } from './nlp.ts';

const split = (text: string) => sentencesOf(text).map((s) => text.slice(s.start, s.end));

test('clinical shorthand stays in its sentence', () => {
  assert.deepEqual(split('Bruises to L arm, ? fingertip marks. Seen by Dr. Shah.'), ['Bruises to L arm, ? fingertip marks.', 'Seen by Dr. Shah.']);
  assert.deepEqual(split('Weight below the 0.4th centile. Reweigh in 2/52.'), ['Weight below the 0.4th centile.', 'Reweigh in 2/52.']);
});

test('a word wink keeps with its full stop still ends the sentence before a capital', () => {
  assert.deepEqual(split('Dad waited before bringing him in. Officers took a statement.'), ['Dad waited before bringing him in.', 'Officers took a statement.']);
});

test('token offsets point into the original text, curly apostrophes included', () => {
  const text = 'Mum doesn’t know how it happened.';
  const [sentence] = sentencesOf(text);
  for (const t of sentence!.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(sentence!.tokens.some((t) => t.lower === "n't"));
  assert.ok((modelLoadMs() ?? 0) > 0);
});

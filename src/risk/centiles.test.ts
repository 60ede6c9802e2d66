// Centile spaces on the UK-WHO charts: the lines are 2/3 SD apart, so one line to the next is one space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CENTILE_LINES, spacesFallen, spacesOfConcern, zOfCentile } from './centiles.ts';

test('z-scores of centiles: the 50th is 0, the 2.3rd (the chart\'s "2nd" line) -2, symmetric', () => {
  assert.equal(Math.abs(zOfCentile(50)) < 1e-9, true);
  assert.equal(zOfCentile(2.275).toFixed(2), '-2.00');
  assert.equal((zOfCentile(91) + zOfCentile(9)).toFixed(9), '0.000000000');
});

test('each chart line is one space from the next; between lines in proportion; a rise is negative', () => {
  for (let i = 1; i < CENTILE_LINES.length; i++) {
    const s = spacesFallen(CENTILE_LINES[i]!, CENTILE_LINES[i - 1]!);
    assert.equal(s.toFixed(6), '1.000000', `${CENTILE_LINES[i]} to ${CENTILE_LINES[i - 1]}`);
  }
  const half = spacesFallen(50, 37);
  assert.ok(half > 0.4 && half < 0.6, `50th to 37th: ${half}`);
  assert.ok(spacesFallen(1, 0.1) > 1, 'below the lowest line, by z-score');
  assert.ok(spacesFallen(9, 50) < 0, 'a rise is negative');
});

test("NG75's thresholds by birthweight centile: 1 below the 9th, 2 from the 9th to the 91st, 3 above", () => {
  assert.equal(spacesOfConcern(8.9), 1);
  assert.equal(spacesOfConcern(9), 2);
  assert.equal(spacesOfConcern(91), 2);
  assert.equal(spacesOfConcern(91.1), 3);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './cluster.ts';

const same = (c: Int32Array, a: number, b: number) => c[a] === c[b];

test('strong edges join; weak ones do not', () => {
  const c = cluster(4, [{ i: 0, j: 1, w: 10 }, { i: 2, j: 3, w: 1 }], { threshold: 5, veto: -5 });
  assert.ok(same(c, 0, 1));
  assert.ok(!same(c, 2, 3));
});

test('no chaining: A~B and B~C do not join A and C when A and C were compared and clearly differ', () => {
  const edges = [{ i: 0, j: 1, w: 12 }, { i: 1, j: 2, w: 8 }, { i: 0, j: 2, w: -20 }];
  const c = cluster(3, edges, { threshold: 5, veto: -5 });
  assert.ok(same(c, 0, 1), 'the strongest link holds');
  assert.ok(!same(c, 1, 2) && !same(c, 0, 2), 'the weaker link that would chain A to C is refused');
});

test('A~B and B~C join all three when nothing says A and C differ', () => {
  const c = cluster(3, [{ i: 0, j: 1, w: 12 }, { i: 1, j: 2, w: 8 }], { threshold: 5, veto: -5 });
  assert.ok(same(c, 0, 2));
});

test('two different hard identifiers never share a cluster, however strong the link', () => {
  const nhs = ['A', null, 'B'];
  const edges = [{ i: 0, j: 1, w: 30 }, { i: 1, j: 2, w: 30 }];
  const c = cluster(3, edges, { threshold: 5, veto: -5, hardId: (i) => nhs[i]! });
  assert.ok(same(c, 0, 1));
  assert.ok(!same(c, 0, 2));
});

test('a forbidden pair (e.g. likely twins) never joins, directly or through a third record', () => {
  const edges = [{ i: 0, j: 1, w: 40, forbidden: 'likely twins' }, { i: 0, j: 2, w: 30 }, { i: 1, j: 2, w: 20 }];
  const c = cluster(3, edges, { threshold: 5, veto: -5 });
  assert.ok(!same(c, 0, 1));
  assert.ok(same(c, 0, 2), 'the strongest allowed link holds');
});

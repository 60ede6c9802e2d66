import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  febrlCluster, febrlDate, isoDate, loadFake1000, loadFebrl3, loadFebrl4, loadHistorical50k, parseCsv,
  type LinkageDataset,
} from './datasets.ts';
import { truePairCount } from './evaluation.ts';

const clusterCount = (ds: LinkageDataset) => new Set(ds.clusterOf.values()).size;
const byId = (ds: LinkageDataset, id: string) => {
  const r = ds.records.find((x) => x.id === id);
  assert.ok(r, `record ${id}`);
  return r;
};

test('parseCsv: quotes, escaped quotes, CRLF, trimming, empty and trailing fields', () => {
  assert.deepEqual(parseCsv('a,b,c\n1,"x, y",3\n'), [['a', 'b', 'c'], ['1', 'x, y', '3']]);
  assert.deepEqual(parseCsv('a,b\r\n"say ""hi""",\r\n"two\nlines",z'), [['a', 'b'], ['say "hi"', ''], ['two\nlines', 'z']]);
  assert.deepEqual(parseCsv('rec, given , , 19560409\n', { trim: true }), [['rec', 'given', '', '19560409']]);
  assert.deepEqual(parseCsv(' a , b '), [[' a ', ' b ']]);
  assert.deepEqual(parseCsv('a,'), [['a', '']]);
  assert.deepEqual(parseCsv(''), []);
  assert.throws(() => parseCsv('"open'));
});

test('febrlDate keeps only real calendar dates', () => {
  assert.equal(febrlDate('19560409'), '1956-04-09');
  assert.equal(febrlDate(' 20000229 '), '2000-02-29');
  assert.equal(febrlDate('19000229'), null); // 1900 was not a leap year
  assert.equal(febrlDate('19551192'), null);
  assert.equal(febrlDate('19390184'), null);
  assert.equal(febrlDate('19560431'), null);
  assert.equal(febrlDate(''), null);
  assert.equal(febrlDate('1956040'), null);
  assert.equal(isoDate('1855-01-01'), '1855-01-01');
  assert.equal(isoDate('1855'), '1855');
  assert.equal(isoDate('-0050-01-0'), null);
});

test('febrlCluster reads the N in rec-N-org / rec-N-dup-k', () => {
  assert.equal(febrlCluster('rec-1496-org'), '1496');
  assert.equal(febrlCluster('rec-552-dup-3'), '552');
  assert.throws(() => febrlCluster('1496'));
});

test('FEBRL4: 5,000 + 5,000 records in sources a and b, 5,000 true pairs', () => {
  const ds = loadFebrl4();
  assert.equal(ds.mode, 'link');
  assert.equal(ds.records.length, 10_000);
  assert.equal(ds.records.filter((r) => r.source === 'a').length, 5_000);
  assert.equal(ds.records.filter((r) => r.source === 'b').length, 5_000);
  assert.equal(clusterCount(ds), 5_000);
  assert.equal(truePairCount(ds), 5_000);
  assert.deepEqual(byId(ds, 'rec-1070-org'), {
    id: 'rec-1070-org', source: 'a', given: 'michaela', family: 'neumann', dob: '1915-11-11', sex: null,
    nhsNumber: null, postcode: '4223', address: '8 stanley street miami', phone: null, otherId: '5304218',
    place: 'winston hills, nsw',
  });
  // dataset4b: an empty surname becomes null
  const b = byId(ds, 'rec-561-dup-0');
  assert.equal(b.source, 'b');
  assert.equal(b.family, null);
  assert.equal(b.address, '3 light setreet pinehill');
  assert.equal(ds.clusterOf.get('rec-561-dup-0'), '561');
  // every value trimmed (dataset4a has CRLF line endings)
  for (const r of ds.records) {
    for (const v of Object.values(r)) if (typeof v === 'string') assert.equal(v, v.trim());
  }
});

test('FEBRL3: 5,000 records, 2,000 people, 6,538 true pairs', () => {
  const ds = loadFebrl3();
  assert.equal(ds.mode, 'dedupe');
  assert.equal(ds.records.length, 5_000);
  assert.equal(clusterCount(ds), 2_000);
  assert.equal(truePairCount(ds), 6_538);
  assert.ok(ds.records.every((r) => r.source === undefined));
  assert.ok(ds.records.every((r) => r.dob === null || /^\d{4}-\d{2}-\d{2}$/.test(r.dob!)));
  assert.equal(byId(ds, 'rec-552-dup-3').address, '177 pridhamstreet milton');
});

test('fake_1000: 1,000 records, 2,031 true pairs', () => {
  const ds = loadFake1000();
  assert.equal(ds.mode, 'dedupe');
  assert.equal(ds.records.length, 1_000);
  assert.equal(clusterCount(ds), 251); // clusters 0…250 (the shared README says 250 people)
  assert.equal(truePairCount(ds), 2_031);
  assert.deepEqual(byId(ds, '2'), {
    id: '2', given: 'Rob', family: 'Allen', dob: '1971-06-24', sex: null, nhsNumber: null, postcode: null,
    address: null, phone: null, otherId: 'roberta25@smith.net', place: 'London',
  });
  assert.equal(byId(ds, '0').place, null);
  assert.equal(ds.clusterOf.get('2'), '0');
});

test('historical_50k: 50,578 records, 5,156 clusters, 303,961 true pairs; quoted fields', () => {
  const ds = loadHistorical50k();
  assert.equal(ds.mode, 'dedupe');
  assert.equal(ds.records.length, 50_578);
  assert.equal(clusterCount(ds), 5_156);
  assert.equal(truePairCount(ds), 303_961);
  const r = byId(ds, 'Q100127000-1');
  assert.deepEqual(
    [r.given, r.family, r.dob, r.postcode, r.place, r.sex],
    ['arthur', 'englefield', '1855-01-01', 'ts19 0sh', 'stockton-on-tees', 'male'],
  );
  assert.equal(ds.clusterOf.get('Q100127000-1'), 'Q100127000');
  const q = byId(ds, 'Q106351049-6'); // birth_place is quoted: it holds a comma
  assert.equal(q.place, 'kingston upon hull, city of');
  assert.equal(q.dob, null);
  assert.equal(q.postcode, 'hu13 9hx');
  assert.ok(ds.records.every((x) => x.dob === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(x.dob!)));
});

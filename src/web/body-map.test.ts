// The body map: every site and side of the contract has a place, left and right fall on the right sides of
// the front and back views, and the SVG carries one titled, dated marker per injury, escaped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AGE_BANDS, BODY_SITES, FIGURE, SITE_NAMES, ageBand, agencyStyles, describeMapInjury, renderBodyMap, sitePoint, swatch, type MapInjury } from './body-map.ts';

const schema = JSON.parse(readFileSync(new URL('../records/agency-record.schema.json', import.meta.url), 'utf8')) as {
  $defs: { injury: { properties: { site: { enum: string[] }; side: { enum: string[] } } } };
};
const CONTRACT_SITES = schema.$defs.injury.properties.site.enum;
const CONTRACT_SIDES = schema.$defs.injury.properties.side.enum;

const injury = (over: Partial<MapInjury> = {}): MapInjury => ({
  date: '2007-04-09', agencyId: 'north-mid', agencyName: 'North Middlesex University Hospital', source: 'north-mid/ed-20070409', type: 'bruise', site: 'cheek', side: 'left', ...over,
});

describe('site geometry', () => {
  test('every site of the contract, and nothing else, has a place on the map', () => {
    assert.deepEqual([...SITE_NAMES].sort(), [...CONTRACT_SITES].sort());
    for (const site of CONTRACT_SITES) {
      for (const side of [undefined, ...CONTRACT_SIDES]) {
        const p = sitePoint(site, side);
        assert.ok(p.x >= 0 && p.x <= FIGURE.viewWidth && p.y >= 0 && p.y <= FIGURE.viewHeight, `${site} ${side}: ${p.x},${p.y}`);
        if (site === 'other') assert.equal(p.view, 'elsewhere');
        else {
          assert.equal(p.view, BODY_SITES[site as keyof typeof BODY_SITES].view);
          // On the figure it belongs to.
          const x0 = p.view === 'back' ? FIGURE.backOffset : 0;
          assert.ok(p.x >= x0 && p.x <= x0 + FIGURE.width, `${site} ${side} within its figure`);
        }
      }
    }
  });

  test("from the front the child's right is on the viewer's left; from the back, on the right", () => {
    const front = (side: string) => sitePoint('cheek', side).x;
    assert.ok(front('right') < 100 && front('left') > 100);
    const back = (side: string) => sitePoint('buttock', side).x - FIGURE.backOffset;
    assert.ok(back('left') < 100 && back('right') > 100);
    assert.equal(sitePoint('chest', 'midline').x, 100);
    assert.equal(sitePoint('spine').x, FIGURE.backOffset + 100);
  });

  test('a paired site with no side recorded is drawn on the right, marked as side unknown; an unpaired one in the middle', () => {
    assert.deepEqual(sitePoint('eyelid'), { ...sitePoint('eyelid', 'right'), sideKnown: false });
    assert.equal(sitePoint('eyelid', 'left').sideKnown, true);
    assert.deepEqual(sitePoint('chest'), { view: 'front', x: 100, y: BODY_SITES.chest.y, sideKnown: true });
  });

  test('a site outside the contract goes to the strip for injuries elsewhere, by its own words', () => {
    assert.equal(sitePoint('elbow', 'left').view, 'elsewhere');
    assert.equal(describeMapInjury({ type: 'burn', site: 'elbow', side: 'left' }), 'burn to left elbow');
    assert.equal(describeMapInjury({ type: 'head-injury', site: 'jaw-angle', count: 2 }), '2 × head injury to angle of the jaw');
  });
});

describe('agencies and ages', () => {
  test('each agency its own colour and shape, in the order given', () => {
    const ids = Array.from({ length: 32 }, (_, i) => ({ id: `a${i}`, name: `Agency ${i}` }));
    const styles = agencyStyles([...ids, ids[0]!]);
    assert.equal(styles.size, 32);
    assert.equal(new Set([...styles.values()].map((s) => `${s.colour}/${s.shape}`)).size, 32, 'no two alike');
    assert.equal(styles.get('a0')!.shape, 'circle');
    assert.notEqual(styles.get('a0')!.colour, styles.get('a1')!.colour);
    assert.notEqual(styles.get('a0')!.shape, styles.get('a1')!.shape, 'never colour alone');
  });

  test('age bands from the latest injury: recent ones larger and darker', () => {
    assert.equal(ageBand('2007-08-01', '2007-08-01').key, 'recent');
    assert.equal(ageBand('2007-07-04', '2007-08-01').key, 'recent');
    assert.equal(ageBand('2007-06-01', '2007-08-01').key, 'weeks');
    assert.equal(ageBand('2006-12-11', '2007-08-01').key, 'months');
    assert.equal(ageBand('2006-01-11', '2007-08-01').key, 'older');
    for (let i = 1; i < AGE_BANDS.length; i++) {
      assert.ok(AGE_BANDS[i]!.radius < AGE_BANDS[i - 1]!.radius && AGE_BANDS[i]!.opacity < AGE_BANDS[i - 1]!.opacity);
    }
  });
});

describe('renderBodyMap', () => {
  const injuries = [
    injury(),
    injury({ site: 'cheek', side: 'left' }),
    injury({ date: '2006-12-11', agencyId: 'gp-1', agencyName: 'Family GP practice', source: 'gp-1/c-0008', site: 'buttock', side: undefined }),
    injury({ date: '2007-06-01', site: 'other', side: undefined }),
  ];
  const styles = agencyStyles([{ id: 'gp-1', name: 'Family GP practice' }, { id: 'north-mid', name: 'North Middlesex University Hospital' }]);
  const svg = renderBodyMap(injuries, { styles });

  test('an image with a text alternative, both views, a marker per injury with its date and title', () => {
    assert.match(svg, /^<svg [^>]*role="img"[^>]*>/);
    assert.match(svg, /aria-label="Body map, front and back: 4 injuries recorded by 2 agencies from 11 December 2006 to 1 June 2007\./);
    assert.ok(svg.includes('>Front</text>') && svg.includes('>Back</text>'));
    const markers = svg.match(/class="tl-body-map__marker"/g) ?? [];
    assert.equal(markers.length, 4);
    assert.deepEqual([...svg.matchAll(/data-date="([^"]+)"/g)].map((m) => m[1]), ['2006-12-11', '2007-04-09', '2007-04-09', '2007-06-01'], 'earliest drawn first');
    assert.ok(svg.includes('<title>9 April 2007, North Middlesex University Hospital: bruise to left cheek (north-mid/ed-20070409)</title>'));
    assert.ok(svg.includes('<title>11 December 2006, Family GP practice: bruise to buttock (side not recorded) (gp-1/c-0008)</title>'));
    assert.ok(svg.includes(`fill="${styles.get('gp-1')!.colour}"`));
    assert.ok(svg.includes('stroke-dasharray="3 2"'), 'the unsided buttock is dashed');
    // Two injuries at one point are both visible.
    const cheeks = [...svg.matchAll(/<(?:circle|rect|path) ([^>]*)class="tl-body-map__marker" data-date="2007-04-09"/g)].map((m) => m[1]);
    assert.equal(cheeks.length, 2);
    assert.equal(new Set(cheeks).size, 2, cheeks.join(' '));
  });

  test('no inline style and no script: the content-security policy allows neither', () => {
    assert.ok(!/style=/i.test(svg));
    assert.ok(!/<script/i.test(svg));
    assert.ok(!/style=/i.test(swatch(styles.get('gp-1')!)));
  });

  test('text from records is escaped', () => {
    const hostile = renderBodyMap([injury({ agencyName: '<script>alert(1)</script>', source: '"><img src=x>', date: '2007-01-01' })], { styles });
    assert.ok(!hostile.includes('<script>') && !hostile.includes('<img'));
    assert.ok(hostile.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  test('no injuries: still an image, saying so', () => {
    assert.match(renderBodyMap([], { styles }), /aria-label="Body map, front and back: no injuries recorded in this period\."/);
  });
});

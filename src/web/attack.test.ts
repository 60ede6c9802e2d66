// Hostile text in every free-text field of a record: stored verbatim (a
// record is never bent), returned verbatim by the API, rendered inert in the
// pages, and never run as SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInUser, testApi } from '../../test/helpers/test-api.ts';
import { tableCounts } from '../../test/helpers/test-db.ts';

const PAYLOADS = [
  `Robert'); DROP TABLE record;--`,
  `<script>alert(document.cookie)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `' OR '1'='1`,
  `\${7*7}{{7*7}}`,
  `</td></tr></table><a href="javascript:alert(1)">x</a>`,
];

test('injection and script payloads in every text field are stored and returned verbatim and rendered inert', async () => {
  const api = await testApi();
  try {
    const auth = { authorization: `Bearer ${api.token}` };
    const gp = await signedInUser(api, { username: 'gp.doctor', agencyId: 'gp-1', roles: ['practitioner'] });
    for (const [i, p] of PAYLOADS.entries()) {
      const record = {
        format: 'agency-record/1', agency: 'gp-1', ref: `atk-${i}`, kind: 'attendance', occurredAt: '2024-03-04', certainty: 'documented',
        people: [
          { key: 'c', role: 'subject', name: { given: `Ann${'abcdef'[i]}`, family: `Target ${p}` }, dob: '2019-01-0' + (i + 1), relationship: p, localId: p,
            address: { lines: [p, "1 Road"], postcode: "N1 1AA" }, phone: p.slice(0, 32) },
          { key: 'm', role: 'parent', relationship: p, name: { given: p, family: 'Parent' } },
        ],
        body: { setting: 'gp', complaint: p, explanation: p, examinationNote: p, injuries: [{ type: 'bruise', site: 'shin' }] },
        narrative: p,
        author: { name: p, role: p },
        source: p,
      };
      const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: auth, payload: record });
      assert.equal(res.statusCode, 201, res.body);
      const stored = await api.db.kysely.selectFrom('record').select('document').where('ref', '=', `atk-${i}`).executeTakeFirstOrThrow();
      assert.deepEqual(stored.document, record, 'stored verbatim');

      const people = (await api.app.inject({ method: 'GET', url: '/api/people', headers: auth })).json().people as { id: number; mentions: string[] }[];
      const person = people.find((x) => x.mentions.includes(`gp-1/atk-${i}#c`))!;
      const chronology = (await api.app.inject({ method: 'GET', url: `/api/people/${person.id}/chronology`, headers: auth })).json();
      const entry = chronology.entries.find((e: { source: string }) => e.source === `gp-1/atk-${i}`);
      assert.equal(entry.narrative, p, 'returned verbatim');
      assert.ok(entry.others.some((o: { relationship?: string }) => o.relationship === p));

      const page = (await gp.get(`/people/${person.id}`)).body;
      if (p.includes('<')) assert.ok(page.includes('&lt;'), `payload ${i} is shown, escaped`);
      for (const raw of ['<script>alert', '<img src=x', 'javascript:alert(1)">', '</td></tr></table><a']) {
        assert.equal(page.includes(raw), false, `"${raw}" rendered live in the page for payload ${i}`);
      }
    }
    const counts = await tableCounts(api.db);
    assert.equal(counts.record, PAYLOADS.length, 'every table still there and holding what was sent');
  } finally {
    await api.close();
  }
});

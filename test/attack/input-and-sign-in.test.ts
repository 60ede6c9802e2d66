// Attacks on the front door: signing in (telling accounts apart by their
// refusals, locking a named person out, guessing spread over addresses) and
// what a sender can put in a body (nesting deep enough to crash a parser,
// bytes that are not UTF-8).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRE_SESSION_COOKIE } from '../../src/web/http-auth.ts';
import { ACCOUNT_HOLD, LOCKOUT } from '../../src/access/sign-in.ts';
import { totpNow } from '../../src/access/totp.ts';
import { readInput } from '../../src/cli/read-input.ts';
import { ingestInBatches } from '../../src/app/load.ts';
import { MAX_JSON_DEPTH } from '../../src/records/json-input.ts';
import { gpAttendance } from '../helpers/records.ts';
import { operator, tableCounts } from '../helpers/test-db.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../helpers/test-api.ts';

let api: TestApi;
let now = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => (now = new Date(now.getTime() + ms));
/** On by 31 seconds, so that the next security code is a new one (each is accepted once). */
const freshCode = (u: SignedIn) => totpNow(u.totpSecret, later(31_000));

before(async () => { api = await testApi({ clock: () => now }); });
after(async () => api.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let addresses = 0;
/** A browser at its own address (the per-address rate limit is real time; each test uses fresh addresses). */
async function browserAt(ip = `10.20.${Math.floor(++addresses / 250)}.${addresses % 250}`) {
  const res = await api.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: ip });
  const pre = (res.headers['set-cookie'] as string).split(';')[0]!.split('=')[1]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)![1]!;
  return {
    ip,
    signIn: (username: string, password: string, code: string) => api.app.inject({
      method: 'POST', url: '/sign-in', remoteAddress: ip, cookies: { [PRE_SESSION_COOKIE]: pre }, headers: FORM,
      payload: new URLSearchParams({ _csrf: csrf, username, password, code, next: '/' }).toString(),
    }),
  };
}

let people = 0;
const person = () => signedInUser(api, { username: `worker.${++people}`, agencyId: 'csc-1', roles: ['practitioner'], at: now });
/** What an attacker compares: status and page, without what differs on every page (the script nonce, the form's token) or the username typed. */
const answer = (res: { statusCode: number; body: string }, username: string) =>
  `${res.statusCode}\n${res.body.replaceAll(username, 'USERNAME').replace(/nonce="[^"]*"/g, '').replace(/name="_csrf" value="[^"]*"/g, '')}`;

async function guess(b: Awaited<ReturnType<typeof browserAt>>, username: string, times: number) {
  for (let i = 0; i < times; i++) await b.signIn(username, `wrong guess number ${i} here`, '123456');
}

describe('signing in', () => {
  test('attack: telling a locked account from an unknown username or a wrong password by its refusal is refused (one answer for all)', async () => {
    const u = await person();
    const attacker = await browserAt();
    await guess(attacker, u.username, LOCKOUT.failures);
    const locked = await attacker.signIn(u.username, u.password, freshCode(u));
    const attacker2 = await browserAt();
    const wrong = await attacker2.signIn(u.username, 'not the password at all', freshCode(u));
    const unknown = await attacker2.signIn('no.such.person', 'not the password at all', '123456');
    assert.equal(locked.statusCode, 401);
    assert.equal(answer(locked, u.username), answer(wrong, u.username), 'locked and wrong password say the same');
    assert.equal(answer(wrong, u.username), answer(unknown, 'no.such.person'), 'unknown and wrong password say the same');
    assert.doesNotMatch(locked.body, /locked until|this account/i);
  });

  test('attack: learning that an account is paused from the status, words or time of its refusal is refused', async () => {
    const u = await person();
    const paused = await browserAt();
    await guess(paused, u.username, LOCKOUT.failures);
    const other = await browserAt();
    const time = async (go: () => Promise<{ statusCode: number; body: string }>) => {
      const t = process.hrtime.bigint();
      const res = await go();
      return { res, ms: Number(process.hrtime.bigint() - t) / 1e6 };
    };
    const whilePaused = [];
    const wrongPassword = [];
    for (let i = 0; i < 4; i++) {
      whilePaused.push(await time(() => paused.signIn(u.username, `another guess ${i} here`, '123456')));
      wrongPassword.push(await time(() => other.signIn('no.such.person', `another guess ${i} here`, '123456')));
    }
    for (const { res } of whilePaused) assert.equal(answer(res, u.username), answer(wrongPassword[0]!.res, 'no.such.person'));
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // The password is hashed whether or not the account is paused or exists, so neither answers faster.
    assert.ok(median(whilePaused) > median(wrongPassword) / 3, `paused ${median(whilePaused)} ms vs unknown ${median(wrongPassword)} ms`);
  });

  test('attack: locking the account holder out by guessing from another address is refused: she signs in from hers', async () => {
    const u = await person();
    await guess(await browserAt(), u.username, LOCKOUT.failures * 2);
    const res = await (await browserAt()).signIn(u.username, u.password, freshCode(u));
    assert.equal(res.statusCode, 303, 'signed in');
  });

  test('attack: guessing on after the lockout is refused from the attacker\'s address even when the holder signs in meanwhile', async () => {
    const u = await person();
    const attacker = await browserAt();
    await guess(attacker, u.username, LOCKOUT.failures);
    assert.equal((await (await browserAt()).signIn(u.username, u.password, freshCode(u))).statusCode, 303, 'the holder signs in elsewhere');
    const stolen = await attacker.signIn(u.username, u.password, freshCode(u));
    assert.equal(stolen.statusCode, 401, 'even the right password and code are refused from the locked address');
    const refused = await api.db.kysely.selectFrom('audit').select('detail').where('action', '=', 'sign-in.refused').execute();
    assert.ok(refused.some((r) => (r.detail as { reason?: string; address?: string }).reason === 'locked-here' && (r.detail as { address?: string }).address === attacker.ip), 'audited with the address');
  });

  test('attack: spraying guesses across many usernames from one address is throttled and locks none of their holders out', async () => {
    const victims = [await person(), await person()];
    const sprayer = await browserAt();
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await sprayer.signIn(victims[i % 2]!.username, `spray guess ${i} here`, '222222')).statusCode);
    assert.deepEqual(codes.slice(10), [429, 429], 'the address is slowed down');
    for (const v of victims) assert.equal((await (await browserAt()).signIn(v.username, v.password, freshCode(v))).statusCode, 303, `${v.username} still signs in`);
  });

  test('attack: guessing one password from many addresses is held account-wide for new addresses, while the holder signs in from her usual one', async () => {
    const u = await person();
    const usual = await browserAt();
    assert.equal((await usual.signIn(u.username, u.password, freshCode(u))).statusCode, 303);
    for (let i = 0; i < ACCOUNT_HOLD.failures / LOCKOUT.failures; i++) await guess(await browserAt(), u.username, LOCKOUT.failures);
    const fresh = await browserAt();
    assert.equal((await fresh.signIn(u.username, u.password, freshCode(u))).statusCode, 401, 'a new address is held, even with the right password');
    assert.equal((await usual.signIn(u.username, u.password, freshCode(u))).statusCode, 303, 'the holder at her usual address is not');
  });

  test('attack: guessing round after round from fresh addresses is refused for ever longer (the account-wide hold doubles)', async () => {
    const u = await person();
    const round = async () => { for (let i = 0; i < ACCOUNT_HOLD.failures / LOCKOUT.failures; i++) await guess(await browserAt(), u.username, LOCKOUT.failures); };
    const heldFor = async () => {
      const row = await api.db.kysely.selectFrom('app_user').select('locked_until').where('username', '=', u.username).executeTakeFirstOrThrow();
      return (row.locked_until!.getTime() - now.getTime()) / 60_000;
    };
    await round();
    assert.equal(await heldFor(), ACCOUNT_HOLD.firstMinutes);
    later(ACCOUNT_HOLD.firstMinutes * 60_000);
    await round();
    assert.equal(await heldFor(), ACCOUNT_HOLD.firstMinutes * 2);
    const held = await (await browserAt()).signIn(u.username, u.password, freshCode(u));
    assert.equal(held.statusCode, 401, 'held: the right password from a new address is refused');
  });
});

const auth = () => ({ authorization: `Bearer ${api.token}` });
const JSON_TYPE = { 'content-type': 'application/json' };
const NDJSON_TYPE = { 'content-type': 'application/x-ndjson' };
const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);
/** A valid record's JSON with `value` (JSON text, or bytes) in place of its complaint. */
const recordWith = (value: string | Buffer): Buffer => {
  const [head, tail] = JSON.stringify(gpAttendance()).split('"cough"') as [string, string];
  return Buffer.concat([Buffer.from(head), typeof value === 'string' ? Buffer.from(value) : value, Buffer.from(tail)]);
};
const good = () => Buffer.from(JSON.stringify(gpAttendance()));
const lines = (...items: Buffer[]) => Buffer.concat(items.flatMap((b, i) => (i ? [Buffer.from('\n'), b] : [b])));
/** "café" as Latin-1 would send it: the é is the one byte 0xE9, which is not UTF-8. */
const LATIN1_CAFE = Buffer.concat([Buffer.from('"caf'), Buffer.from([0xe9]), Buffer.from('"')]);

/** Run the attack and check how many records it stored; when none, that no table ingest writes changed either. */
async function stores(expected: { record: number }, action: () => Promise<void>) {
  const was = await tableCounts(api.db);
  await action();
  const is = await tableCounts(api.db);
  if (expected.record === 0) assert.deepEqual(is, was, 'nothing stored');
  else assert.equal(is.record! - was.record!, expected.record, 'records stored');
}

interface Result { index: number; status: string; problems?: { code: string; message: string }[] }

describe('nesting', () => {
  test(`attack: a record nested 10,000 levels deep is refused with 400 "nested more than ${MAX_JSON_DEPTH} levels", nothing stored`, async () => {
    await stores({ record: 0 }, async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { ...auth(), ...JSON_TYPE }, payload: recordWith(DEEP) });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.equal(res.json().error, 'too-deep');
      assert.match(res.json().message, new RegExp(`nested more than ${MAX_JSON_DEPTH} levels`));
    });
  });

  test('attack: one NDJSON line nested 10,000 levels deep is refused as that line\'s 422 and the other lines are stored', async () => {
    await stores({ record: 2 }, async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/records/batch', headers: { ...auth(), ...NDJSON_TYPE }, payload: lines(good(), recordWith(DEEP), good()) });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const results = res.json().results as Result[];
      assert.deepEqual(results.map((r) => r.status), ['stored', 'refused', 'stored']);
      assert.equal(results[1]!.problems![0]!.code, 'too-deep');
      assert.match(results[1]!.problems![0]!.message, /line 2 is nested more than 64 levels/);
    });
  });

  test('attack: one item of a JSON-array batch nested 10,000 levels deep is refused as that item\'s 422 and the other items are stored', async () => {
    await stores({ record: 2 }, async () => {
      const body = Buffer.concat([Buffer.from('['), good(), Buffer.from(','), recordWith(DEEP), Buffer.from(','), good(), Buffer.from(']')]);
      const res = await api.app.inject({ method: 'POST', url: '/api/records/batch', headers: { ...auth(), ...JSON_TYPE }, payload: body });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const results = res.json().results as Result[];
      assert.deepEqual(results.map((r) => r.status), ['stored', 'refused', 'stored']);
      assert.equal(results[1]!.problems![0]!.code, 'too-deep');
    });
  });

  test('attack: a batch body that is one object nested 100,000 levels deep is refused with 400, not a crash', async () => {
    await stores({ record: 0 }, async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/records/batch', headers: { ...auth(), ...JSON_TYPE }, payload: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.equal(res.json().error, 'too-deep');
    });
  });

  test('attack: a file for `threadline ingest` with a record nested 10,000 levels deep is refused for that record by name and the rest are stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-deep-'));
    try {
      const file = join(dir, 'records.json');
      writeFileSync(file, Buffer.concat([Buffer.from('['), good(), Buffer.from(','), recordWith(DEEP), Buffer.from(']')]));
      await stores({ record: 1 }, async () => {
        const results = await ingestInBatches(api.repo, operator, readInput(file).items);
        assert.deepEqual(results.map((r) => r.status), ['stored', 'refused']);
        assert.equal(results[1]!.problems![0]!.code, 'too-deep');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('size', () => {
  test('attack: a record with 40,000 unknown keys is refused with a short list of problems, not megabytes of them', async () => {
    const record = gpAttendance() as unknown as { body: Record<string, unknown> };
    for (let i = 0; i < 40_000; i++) record.body[`k${i}`] = 1;
    await stores({ record: 0 }, async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { ...auth(), ...JSON_TYPE }, payload: JSON.stringify(record) });
      assert.equal(res.statusCode, 422);
      const problems = (res.json() as Result).problems!;
      assert.ok(problems.length <= 50, `${problems.length} problems`);
      assert.equal(problems.at(-1)!.code, 'too-many-problems');
      assert.ok(res.body.length < 20_000, `${res.body.length} bytes`);
    });
  });
});

describe('text that is not UTF-8', () => {
  test('attack: a record whose text is Latin-1 ("caf\\xE9") is refused with 400 naming the byte offset, nothing stored; a real U+FFFD is kept', async () => {
    const body = recordWith(LATIN1_CAFE);
    await stores({ record: 0 }, async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { ...auth(), ...JSON_TYPE }, payload: body });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.equal(res.json().error, 'not-utf8');
      assert.match(res.json().message, new RegExp(`offset ${body.indexOf(0xe9)} \\(0xE9\\)`));
    });
    const real = recordWith('"caf\uFFFD"');
    const sent = JSON.parse(real.toString('utf8'));
    const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { ...auth(), ...JSON_TYPE }, payload: real });
    assert.equal(res.statusCode, 201, 'a U+FFFD the sender really sent, as UTF-8, is text like any other');
    const stored = await api.db.kysely.selectFrom('record').select('document').where('ref', '=', sent.ref).executeTakeFirstOrThrow();
    assert.equal((stored.document as { body: { complaint: string } }).body.complaint, 'caf\uFFFD');
  });

  test('attack: an NDJSON line in Latin-1 is refused as that line\'s 422 naming the byte offset, and the other lines are stored', async () => {
    await stores({ record: 2 }, async () => {
      const res = await api.app.inject({ method: 'POST', url: '/api/records/batch', headers: { ...auth(), ...NDJSON_TYPE }, payload: lines(good(), recordWith(LATIN1_CAFE), good()) });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const results = res.json().results as Result[];
      assert.deepEqual(results.map((r) => r.status), ['stored', 'refused', 'stored']);
      assert.equal(results[1]!.problems![0]!.code, 'not-utf8');
      assert.match(results[1]!.problems![0]!.message, /line 2 is not valid UTF-8: the byte at offset \d+ of the body/);
    });
  });

  test('attack: a JSON-array batch holding a byte that is not UTF-8 is refused whole with 400, nothing stored', async () => {
    await stores({ record: 0 }, async () => {
      const body = Buffer.concat([Buffer.from('['), good(), Buffer.from(','), recordWith(LATIN1_CAFE), Buffer.from(']')]);
      const res = await api.app.inject({ method: 'POST', url: '/api/records/batch', headers: { ...auth(), ...JSON_TYPE }, payload: body });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.equal(res.json().error, 'not-utf8');
    });
  });

  for (const [what, bytes] of [['an overlong "/" (0xC0 0xAF)', [0xc0, 0xaf]], ['a surrogate encoded as UTF-8 (0xED 0xA0 0x80)', [0xed, 0xa0, 0x80]]] as const) {
    test(`attack: ${what} in a record, which lenient decoders let through, is refused with 400, nothing stored`, async () => {
      await stores({ record: 0 }, async () => {
        const res = await api.app.inject({ method: 'POST', url: '/api/records', headers: { ...auth(), ...JSON_TYPE }, payload: recordWith(Buffer.from([0x22, 0x61, ...bytes, 0x22])) });
        assert.equal(res.statusCode, 400, res.body.slice(0, 300));
        assert.equal(res.json().error, 'not-utf8');
      });
    });
  }

  test('attack: a record form post with Latin-1 %-escapes (caf%E9) is refused, nothing stored', async () => {
    const gp = await signedInUser(api, { username: 'gp.form.escapes', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    await stores({ record: 0 }, async () => {
      const fields = new URLSearchParams({ _csrf: gp.csrfToken, kind: 'concern', 'occurred-day': '1', 'occurred-month': '3', 'occurred-year': '2026',
        given: 'Cafe', family: 'Formtest', 'dob-day': '5', 'dob-month': '6', 'dob-year': '2018', 'concern-category': 'neglect', 'concern-description': 'CAFE' }).toString();
      const res = await api.app.inject({ method: 'POST', url: '/record', headers: { cookie: gp.cookie, ...FORM }, payload: fields.replace('CAFE', 'caf%E9') });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /not valid UTF-8/);
    });
  });

  test('attack: a record form post with raw bytes that are not UTF-8 is refused, nothing stored', async () => {
    const gp = await signedInUser(api, { username: 'gp.form.bytes', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    await stores({ record: 0 }, async () => {
      const fields = new URLSearchParams({ _csrf: gp.csrfToken, kind: 'concern', 'occurred-day': '1', 'occurred-month': '3', 'occurred-year': '2026',
        given: 'Cafe', family: 'Bytetest', 'dob-day': '5', 'dob-month': '6', 'dob-year': '2018', 'concern-category': 'neglect', 'concern-description': 'CAFE' }).toString();
      const [head, tail] = fields.split('CAFE') as [string, string];
      const res = await api.app.inject({ method: 'POST', url: '/record', headers: { cookie: gp.cookie, ...FORM }, payload: Buffer.concat([Buffer.from(head + 'caf'), Buffer.from([0xe9]), Buffer.from(tail)]) });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /not valid UTF-8/);
    });
  });

  test('attack: a file for `threadline ingest` in Latin-1 is refused naming the byte offset, nothing stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-latin1-'));
    try {
      const file = join(dir, 'records.json');
      const body = Buffer.concat([Buffer.from('['), good(), Buffer.from(','), recordWith(LATIN1_CAFE), Buffer.from(']')]);
      writeFileSync(file, body);
      await stores({ record: 0 }, async () => {
        assert.throws(() => readInput(file), new RegExp(`not valid UTF-8: the byte at offset ${body.indexOf(0xe9)} \\(0xE9\\)`));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

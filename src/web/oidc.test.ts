// OpenID Connect sign-in against a small identity provider run in the test
// (discovery, authorization, token and keys endpoints; RS256 ID tokens):
// an existing account signs in; a stranger, a replayed or tampered state,
// and a token signed by the wrong key are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { OidcClient } from '../access/oidc.ts';
import { SESSION_COOKIE } from './http-auth.ts';
import { buildServer } from './server.ts';
import { operator, testRepository, type TestDb } from '../../test/helpers/test-db.ts';
import type { Repository } from '../app/repository.ts';

const CLIENT = { id: 'threadline', secret: 'client-secret-for-tests' };
const REDIRECT = 'http://threadline.test/sign-in/oidc/callback';

let idp: FastifyInstance;
let issuer: string;
let signingKey: CryptoKey;
let wrongKey: CryptoKey;
let useWrongKey = false;
let subject = 'nurse-0001';
const codes = new Map<string, { challenge: string; nonce: string }>();

let db: TestDb;
let repo: Repository;
let app: FastifyInstance;

before(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  wrongKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  idp = Fastify();
  await idp.register(formbody);
  idp.get('/.well-known/openid-configuration', async () => ({
    issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
  }));
  idp.get('/jwks', async () => ({ keys: [jwk] }));
  // The person signs in at the issuer (not simulated): it sends the browser back with a code.
  idp.get('/authorize', async (request, reply) => {
    const q = request.query as Record<string, string>;
    assert.equal(q.code_challenge_method, 'S256');
    const code = randomBytes(16).toString('hex');
    codes.set(code, { challenge: q.code_challenge!, nonce: q.nonce! });
    return reply.redirect(`${q.redirect_uri}?code=${code}&state=${encodeURIComponent(q.state!)}&iss=${encodeURIComponent(issuer)}`, 302);
  });
  idp.post('/token', async (request, reply) => {
    const b = request.body as Record<string, string>;
    const pending = codes.get(b.code!);
    codes.delete(b.code!);
    const verified = pending && createHash('sha256').update(b.code_verifier ?? '').digest('base64url') === pending.challenge;
    if (!verified) return reply.code(400).send({ error: 'invalid_grant' });
    const idToken = await new SignJWT({ nonce: pending.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setSubject(subject).setAudience(CLIENT.id)
      .setIssuedAt().setExpirationTime('5m').sign(useWrongKey ? wrongKey : signingKey);
    return { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken };
  });
  await idp.listen({ port: 0, host: '127.0.0.1' });
  const address = idp.server.address() as { port: number };
  issuer = `http://127.0.0.1:${address.port}`;

  ({ db, repo } = await testRepository());
  await repo.createUser(operator, { username: 'ed.nurse', displayName: 'ED Nurse', agencyId: 'hosp-1', roles: ['practitioner'], oidcSubject: 'nurse-0001' });
  const oidc = new OidcClient({ issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUri: REDIRECT, allowHttp: true });
  app = await buildServer(repo, { logger: false, oidc });
});

after(async () => {
  await app?.close();
  await idp?.close();
  await db?.drop();
});

/** Start at Threadline, follow the issuer's redirect back, and present the callback as the browser would. */
async function roundTrip(tamper?: (callback: URL) => void) {
  const start = await app.inject({ method: 'GET', url: '/sign-in/oidc?next=/people' });
  assert.equal(start.statusCode, 303);
  const pendingCookie = ([] as string[]).concat(start.headers['set-cookie'] as string[]).find((c) => c.startsWith('__Host-threadline-oidc='))!;
  assert.match(pendingCookie, /HttpOnly/);
  const atIssuer = await fetch(String(start.headers.location), { redirect: 'manual' });
  const callback = new URL(atIssuer.headers.get('location')!);
  tamper?.(callback);
  return app.inject({ method: 'GET', url: `/sign-in/oidc/callback${callback.search}`, headers: { cookie: pendingCookie.split(';')[0]! } });
}

describe('OpenID Connect', () => {
  test('the sign-in page offers it', async () => {
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    assert.match(page.body, /Sign in with your organisation's account/);
  });

  test('an account with the subject the issuer vouches for is signed in', async () => {
    subject = 'nurse-0001';
    const res = await roundTrip();
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/people');
    const session = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(session, 'a session cookie');
    const home = await app.inject({ method: 'GET', url: '/', headers: { cookie: session.split(';')[0]! } });
    assert.equal(home.statusCode, 200);
    const audit = await db.kysely.selectFrom('audit').select(['actor', 'detail']).where('action', '=', 'sign-in').execute();
    assert.ok(audit.some((a) => a.actor === 'user:ed.nurse' && (a.detail as { method?: string }).method === 'oidc'));
  });

  test('someone the issuer knows but Threadline does not is refused', async () => {
    subject = 'stranger-9999';
    const res = await roundTrip();
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /no Threadline account/);
    subject = 'nurse-0001';
  });

  test('a changed state, a missing pending cookie and a token signed by another key are refused', async () => {
    const tampered = await roundTrip((u) => { u.searchParams.set('state', 'forged-state'); });
    assert.equal(tampered.statusCode, 401);
    const start = await app.inject({ method: 'GET', url: '/sign-in/oidc' });
    const atIssuer = await fetch(String(start.headers.location), { redirect: 'manual' });
    const noCookie = await app.inject({ method: 'GET', url: `/sign-in/oidc/callback${new URL(atIssuer.headers.get('location')!).search}` });
    assert.equal(noCookie.statusCode, 401);
    useWrongKey = true;
    try {
      const forged = await roundTrip();
      assert.equal(forged.statusCode, 401);
    } finally {
      useWrongKey = false;
    }
    for (const r of [tampered, noCookie]) assert.equal(([] as string[]).concat(r.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=`)), false);
  });
});

// Sign-in through OpenID Connect, for deployments whose staff already sign in
// somewhere (NHS CIS2, a council's Microsoft Entra ID): the issuer is
// configured, not built in. Authorization code flow with PKCE, state and
// nonce (RFC 9700, OAuth 2.0 security best current practice), by
// openid-client. The issuer's subject identifier finds the account; the
// issuer is trusted for the second factor. An account must exist first (made
// by an administrator with the person's subject): signing in at the issuer
// never creates a Threadline account, so never grants access by itself.
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** this server's callback, registered with the issuer: https://…/sign-in/oidc/callback */
  redirectUri: string;
  /** tests and a development issuer on http://localhost only */
  allowHttp?: boolean;
}

export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = env.THREADLINE_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const need = (name: string) => {
    const v = env[name]?.trim();
    if (!v) throw new Error(`${name} must be set when THREADLINE_OIDC_ISSUER is`);
    return v;
  };
  return { issuer, clientId: need('THREADLINE_OIDC_CLIENT_ID'), clientSecret: need('THREADLINE_OIDC_CLIENT_SECRET'), redirectUri: need('THREADLINE_OIDC_REDIRECT_URI') };
}

/** What the browser keeps (in an HttpOnly cookie) between leaving for the issuer and coming back. */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export class OidcClient {
  private config: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  private configuration(): Promise<client.Configuration> {
    // The ID token's signature is checked against the issuer's published keys too, not only trusted because it
    // came over TLS from the token endpoint (which OpenID Connect allows): a second line if TLS is intercepted.
    const execute = [client.enableNonRepudiationChecks, ...(this.settings.allowHttp ? [client.allowInsecureRequests] : [])];
    this.config ??= client.discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, { execute }).catch((e: unknown) => {
      this.config = null; // try discovery again next time
      throw e;
    });
    return this.config;
  }

  async start(next: string): Promise<{ url: URL; pending: OidcPending }> {
    const config = await this.configuration();
    const pending: OidcPending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri, scope: 'openid', response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
      state: pending.state, nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** The issuer and subject of the person who came back, after every check openid-client makes (signature, audience, nonce, state, PKCE). */
  async finish(callbackUrl: URL, pending: OidcPending): Promise<{ issuer: string; subject: string }> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims?.sub) throw new Error('the issuer sent no subject');
    return { issuer: String(claims.iss), subject: claims.sub };
  }
}

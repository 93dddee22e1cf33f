import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import type { RelyingParty } from './login-flow.ts';

/**
 * The baseline for token-endpoint throughput: oidc-provider with nothing of
 * ours around it. Its default in-memory adapter, one RS256 2048 key, the same
 * client registration, scopes, claims, PKCE and refresh-token policy as the
 * platform, and a plain node:http server.
 *
 * Its refresh tokens come from a real code flow. Instead of the devInteractions
 * HTML form, GET /interaction/:uid completes the interaction with oidc-provider's
 * interaction API: a `login` prompt signs in the fixed bench account, a
 * `consent` prompt grants exactly what is missing. So a login is just
 * following redirects from /auth to the callback.
 */

export interface BareProvider {
  origin: string;
  issuer: string;
  close(): Promise<void>;
}

const ACCOUNT_ID = 'bench-account';
const SCOPES = ['openid', 'offline_access', 'profile', 'phone', 'id_card'];

async function signingKey() {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function configuration(rp: RelyingParty, key: Awaited<ReturnType<typeof signingKey>>): Configuration {
  return {
    clients: [
      {
        client_id: rp.clientId,
        client_secret: rp.clientSecret,
        redirect_uris: [rp.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: rp.scope,
      },
    ],
    jwks: { keys: [key] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['name'],
      phone: ['phone_number', 'phone_number_verified'],
      id_card: ['id_type', 'id_number'],
    },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, name: '张三', phone_number: '+8613800000001', phone_number_verified: true, id_type: 'resident_id', id_number: '11010519491231002X' };
        },
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token') && client.clientAuthMethod !== 'none',
    rotateRefreshToken: true,
    // The platform's lifetimes (and no "default ttl" notices).
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 900, Session: 8 * 3600, Grant: 30 * 24 * 3600, RefreshToken: 7 * 24 * 3600 },
    features: { devInteractions: { enabled: false } },
  };
}

async function completeInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT_ID } }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'consent') {
    const clientId = String(details.params.client_id);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: ACCOUNT_ID, clientId });
    if (!grant) throw new Error('grant vanished');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  throw new Error(`unexpected prompt ${details.prompt.name}`);
}

/** Starts the bare provider on `port` (127.0.0.1); its issuer is the server's root. */
export async function startBareProvider(port: number, rp: RelyingParty): Promise<BareProvider> {
  const origin = `http://127.0.0.1:${port}`;
  const provider = new Provider(origin, configuration(rp, await signingKey()));
  const callback = provider.callback();

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
      completeInteraction(provider, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(error instanceof Error ? error.message : 'interaction failed');
      });
      return;
    }
    void callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    origin,
    issuer: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}


import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import type { RelyingParty } from './login-flow.ts';

/**
 * The baseline for token-endpoint throughput: oidc-provider with nothing of
 * ours around it. A plain in-memory adapter that keeps everything for the run
 * (oidc-provider's default one is an LRU of 1,000 entries: from ~50 refresh
 * chains on its tokens are evicted mid-run and grants fail with
 * invalid_grant), one RS256 2048 key, the same
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

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

/** oidc-provider's adapter interface over one Map per model, nothing evicted; an entry past its expiry reads as absent. */
class RunLongAdapter {
  private static readonly stores = new Map<string, Map<string, { payload: Payload; expiresAt: number }>>();
  private readonly store: Map<string, { payload: Payload; expiresAt: number }>;

  constructor(name: string) {
    this.store = RunLongAdapter.stores.get(name) ?? new Map<string, { payload: Payload; expiresAt: number }>();
    RunLongAdapter.stores.set(name, this.store);
  }

  async upsert(id: string, payload: Payload, expiresIn: number) {
    this.store.set(id, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
  }

  async find(id: string) {
    const entry = this.store.get(id);
    return entry && entry.expiresAt > Date.now() ? entry.payload : undefined;
  }

  async findByUid(uid: string) {
    for (const [id, entry] of this.store) if (entry.payload.uid === uid) return this.find(id);
    return undefined;
  }

  async findByUserCode(userCode: string) {
    for (const [id, entry] of this.store) if (entry.payload.userCode === userCode) return this.find(id);
    return undefined;
  }

  async consume(id: string) {
    const entry = this.store.get(id);
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    this.store.delete(id);
  }

  async revokeByGrantId(grantId: string) {
    for (const store of RunLongAdapter.stores.values()) for (const [id, entry] of store) if (entry.payload.grantId === grantId) store.delete(id);
  }
}

async function signingKey() {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/** oidc-provider's adapter: a class or a factory of one per model name. */
export type AdapterChoice = NonNullable<Configuration['adapter']>;

function configuration(rp: RelyingParty, key: Awaited<ReturnType<typeof signingKey>>, adapter: AdapterChoice): Configuration {
  return {
    adapter,
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

/**
 * Starts the bare provider on `port` (127.0.0.1); its issuer is the server's root. `adapter`: where
 * it keeps its models, everything in memory for the run by default.
 */
export async function startBareProvider(port: number, rp: RelyingParty, adapter: AdapterChoice = RunLongAdapter): Promise<BareProvider> {
  const origin = `http://127.0.0.1:${port}`;
  const provider = new Provider(origin, configuration(rp, await signingKey(), adapter));
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

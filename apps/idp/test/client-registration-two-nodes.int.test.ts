import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { composePlatform, type Platform } from '../src/compose.ts';
import { freePort, prepareTestEnvironment, type TestEnvironment } from './harness.ts';

/**
 * Each node keeps the client registrations it read (services/clients/
 * client-registration-cache.ts); a change made on one node must reach the
 * others through Redis pub/sub at once, not after the cache's minute. Two
 * platforms in this process share one PostgreSQL schema and one Redis key
 * prefix, as two nodes behind a load balancer do.
 */
const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
const title = missing.length ? `client registrations across two nodes — skipped: set ${missing.join(' and ')} (PostgreSQL + Redis)` : 'client registrations across two nodes (PostgreSQL + Redis)';

const CLIENT_ID = 'two-node-rp';

const registration = (redirectUri: string, enabled = true) => ({
  clientId: CLIENT_ID,
  clientName: '两节点测试业务系统',
  clientSecret: 'two-node-secret',
  enabled,
  metadata: { redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid' },
});

describe.skipIf(missing.length > 0)(title, () => {
  let environment: TestEnvironment;
  const nodes: { platform: Platform; url: string }[] = [];

  beforeAll(async () => {
    environment = await prepareTestEnvironment();
    for (const port of [environment.port, await freePort()]) {
      const platform = await composePlatform(loadConfig({ ...environment.env, PORT: String(port) }));
      await platform.app.listen({ host: '127.0.0.1', port });
      nodes.push({ platform, url: `http://127.0.0.1:${port}` });
    }
  });
  afterAll(async () => {
    for (const node of nodes) await node.platform.close();
    await environment?.cleanUp();
  });

  /** The authorization request's first answer on a node: 303 to the login page, or 400 for a redirect_uri not registered. */
  const authorize = async (node: { url: string }, redirectUri: string) => {
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGcSjtw-cM',
      code_challenge_method: 'S256',
    });
    const response = await fetch(`${node.url}/oidc/auth?${query.toString()}`, { redirect: 'manual', headers: { 'x-forwarded-for': '10.9.9.9' } });
    await response.arrayBuffer();
    return response.status;
  };

  it('a registration changed on node A is what node B uses for its next request', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    await a.platform.clients.upsert(registration('https://rp.example/old'));
    expect(await authorize(b, 'https://rp.example/old')).toBe(303);

    await a.platform.clients.upsert(registration('https://rp.example/new'));
    await vi.waitFor(async () => expect(await authorize(b, 'https://rp.example/old')).toBe(400));
    expect(await authorize(b, 'https://rp.example/new')).toBe(303);

    await a.platform.clients.upsert(registration('https://rp.example/new', false));
    await vi.waitFor(async () => expect(await authorize(b, 'https://rp.example/new')).toBe(400));
  });
});

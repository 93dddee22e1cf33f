import { createHash, randomBytes } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { QR_LOGIN_POLICY } from '../../apps/idp/src/services/qr-login/qr-login-policy.ts';
import type { RelyingParty } from './login-flow.ts';
import type { ServerProcess } from './server-process.ts';

/**
 * Memory of waiting 扫码登录 pages: `streams` status streams (SSE) held open
 * on one server process, each as a real browser's EventSource would be (its
 * own socket, the interaction cookie, the first `status` event received).
 * The per-address cap of the server is kept: streams come from as many
 * loopback addresses (127.0.0.x, 127.0.1.x, …) as the cap requires, and
 * every login interaction carries as many streams as its own cap allows.
 */

export interface SseMemoryResult {
  asked: number;
  /** Streams still open (pending) when RSS was read, their pages (login interaction + QR), the client addresses. */
  streams: number;
  pages: number;
  addresses: number;
  /** RSS before anything, with the pages made, with their streams open. */
  rssIdleMb: number;
  rssPreparedMb: number;
  rssOpenMb: number;
  /** What one open stream adds, what one page (interaction + QR) adds. */
  kbPerStream: number;
  kbPerPage: number;
  /** RSS for `asked` streams (two per page): measured when all were made, else idle + the costs above. */
  projectedRssMb: number;
  setupMs: number;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A request from `localAddress`, on its own connection, with its cookies (the name=value pairs of `jar`). */
function send(server: URL, localAddress: string, jar: Map<string, string>, path: string, init: { method?: string; json?: unknown } = {}): Promise<Answer> {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const headers: Record<string, string> = {};
  if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', origin: server.origin, 'content-length': String(Buffer.byteLength(body)) });
  return new Promise((resolve, reject) => {
    const req = request({ host: server.hostname, port: server.port, localAddress, path, method: init.method ?? (body ? 'POST' : 'GET'), headers, agent: false }, (res) => {
      for (const cookie of res.headers['set-cookie'] ?? []) {
        const [pair] = cookie.split(';');
        const index = pair!.indexOf('=');
        jar.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface OpenStream {
  isOpen(): boolean;
  close(): void;
}

/** Opens a status stream and resolves once its first `status` event arrived; the socket stays open. */
function openStream(server: URL, localAddress: string, jar: Map<string, string>, path: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: server.hostname, port: server.port, localAddress, path, headers: { accept: 'text/event-stream', cookie: [...jar].map(([n, v]) => `${n}=${v}`).join('; ') }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET ${path} → ${res.statusCode}`));
          return;
        }
        let seen = '';
        let ended = false;
        res.on('close', () => (ended = true));
        const onData = (chunk: Buffer) => {
          seen += chunk.toString();
          if (!seen.includes('event: status')) return;
          if (!seen.includes('"status":"pending"')) {
            reject(new Error(`GET ${path}: first status is not pending: ${seen.slice(0, 200)}`));
            return;
          }
          // From here on the client side only drains (heartbeats), holding as little as a waiting page would.
          res.off('data', onData);
          res.resume();
          resolve({ isOpen: () => !ended, close: () => req.destroy() });
        };
        res.on('data', onData);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The address of the `index`-th simulated client: 127.0.0.2, …, 127.0.0.254, 127.0.1.1, … */
function loopbackAddress(index: number): string {
  const third = Math.floor(index / 253);
  return `127.0.${third}.${(index % 253) + 2}`;
}

async function prepareInteraction(server: URL, rp: RelyingParty, localAddress: string) {
  const jar = new Map<string, string>();
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: rp.clientId,
    response_type: 'code',
    redirect_uri: rp.redirectUri,
    scope: 'openid',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('base64url'),
    nonce: randomBytes(8).toString('base64url'),
  });
  const auth = await send(server, localAddress, jar, `/oidc/auth?${query.toString()}`);
  const uid = /\/interaction\/([\w-]+)/.exec(String(auth.headers.location))?.[1];
  if (!uid) throw new Error(`/oidc/auth → ${auth.status} ${auth.headers.location ?? auth.body.slice(0, 200)}`);
  const qr = await send(server, localAddress, jar, `/interaction/${uid}/qr`, { json: {} });
  if (qr.status !== 201) throw new Error(`POST /interaction/:uid/qr → ${qr.status} ${qr.body.slice(0, 200)}`);
  return { jar, path: `/interaction/${uid}/qr/${(JSON.parse(qr.body) as { id: string }).id}/events` };
}

/** Runs `work` for 0…count-1, `parallel` at a time. */
async function inParallel(count: number, parallel: number, work: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/**
 * Two phases, both within a QR's 180 s (an expired QR ends its streams):
 * first the pages (login interaction + QR) for up to `prepareBudgetMs`, then
 * their streams. RSS is read after each, so a stream's own cost is told apart
 * from its page's; with fewer pages than asked for (a slow machine), the
 * total for `streams` is projected from the measured costs.
 */
export async function measureSseMemory(server: ServerProcess, rp: RelyingParty, streams: number, prepareBudgetMs: number, settleMs = 2000): Promise<SseMemoryResult> {
  const url = new URL(server.baseUrl);
  const perInteraction = QR_LOGIN_POLICY.streamsPerInteraction;
  const interactionsPerAddress = Math.floor(QR_LOGIN_POLICY.streamsPerIp / perInteraction);
  const addressOf = (interaction: number) => loopbackAddress(Math.floor(interaction / interactionsPerAddress));

  await sleep(settleMs);
  const rssIdleMb = server.rssMb();
  const began = performance.now();
  const pages: Awaited<ReturnType<typeof prepareInteraction>>[] = [];
  await inParallel(Math.ceil(streams / perInteraction), 12, async (index) => {
    if (performance.now() - began > prepareBudgetMs) return;
    pages[index] = await prepareInteraction(url, rp, addressOf(index));
  });
  const prepared = pages.filter(Boolean).length;
  await sleep(settleMs);
  const rssPreparedMb = server.rssMb();

  const open: OpenStream[] = [];
  try {
    await inParallel(prepared * perInteraction, 16, async (index) => {
      const interaction = Math.floor(index / perInteraction);
      const { jar, path } = pages[interaction]!;
      open.push(await openStream(url, addressOf(interaction), jar, path));
    });
    const setupMs = performance.now() - began;
    await sleep(settleMs);
    const rssOpenMb = server.rssMb();
    const stillOpen = open.filter((stream) => stream.isOpen()).length;
    for (const stream of open.splice(0)) stream.close();
    const kbPerStream = ((rssOpenMb - rssPreparedMb) * 1024) / stillOpen;
    const kbPerPage = ((rssPreparedMb - rssIdleMb) * 1024) / prepared;
    return {
      asked: streams,
      streams: stillOpen,
      pages: prepared,
      addresses: Math.ceil(prepared / interactionsPerAddress),
      rssIdleMb,
      rssPreparedMb,
      rssOpenMb,
      kbPerStream,
      kbPerPage,
      projectedRssMb: rssIdleMb + (streams * kbPerStream + (streams / perInteraction) * kbPerPage) / 1024,
      setupMs,
    };
  } finally {
    for (const stream of open) stream.close();
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createConnection } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, prepareTestEnvironment, type TestEnvironment } from './harness.ts';
import { pcQr } from './qr-helpers.ts';
import { discover, startLogin } from './relying-party.ts';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The server's JSON log lines as they come, so the test waits for what the server says it did instead of for time. */
class LogLines {
  private readonly lines: Record<string, unknown>[] = [];
  private readonly waiting: { match: (line: Record<string, unknown>) => boolean; resolve: () => void }[] = [];

  constructor(child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return;
      }
      this.lines.push(line);
      for (const waiter of [...this.waiting]) {
        if (!waiter.match(line)) continue;
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  until(match: (line: Record<string, unknown>) => boolean): Promise<void> {
    if (this.lines.some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ match, resolve }));
  }
}

let environment: TestEnvironment | undefined;
let server: ChildProcess | undefined;
afterEach(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await once(server, 'exit');
  }
  await environment?.cleanUp();
});

/** The platform as `npm start` runs it, its own process, resolved once it says it is listening. */
async function startServerProcess() {
  environment = await prepareTestEnvironment({ env: { UIA_LOG_LEVEL: 'info' } });
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/idp/src/main.ts'], { cwd: repositoryRoot, env: { ...process.env, ...environment.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  server = child;
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const logs = new LogLines(child);
  await logs.until((line) => typeof line.msg === 'string' && line.msg.startsWith('统一身份认证平台 (demo) at'));
  return { child, baseUrl: environment.baseUrl, exited, logs };
}

describe('SIGTERM', () => {
  it('ends the SSE streams with a retry hint, refuses new connections, finishes the request in flight, and exits 0', async () => {
    const { child, baseUrl, exited, logs } = await startServerProcess();

    // A PC showing a QR code, its status stream open.
    const pc = new Browser(baseUrl);
    const login = await startLogin(pc, await discover(baseUrl));
    const qr = await pcQr.create(pc, login.uid);
    const { events } = await pcQr.events(pc, login.uid, qr.body.id);
    expect(await events!.nextStatus()).toBe('pending');

    // A request in flight: its headers are in, its body not yet.
    const body = '{}';
    const inFlight = request(`${baseUrl}/api/captcha`, {
      method: 'POST',
      // Keep-alive, as a browser's connection: the server must still close it once the answer is out.
      agent: new Agent({ keepAlive: true }),
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), origin: baseUrl, 'x-forwarded-for': pc.ip },
    });
    const answered = once(inFlight, 'response') as Promise<[import('node:http').IncomingMessage]>;
    inFlight.write(body.slice(0, 1));
    await logs.until((line) => line.msg === 'incoming request' && (line.req as { path?: string } | undefined)?.path === '/api/captcha');

    child.kill('SIGTERM');

    expect(await events!.next()).toBeNull();
    expect(events!.retryMs).toBe(1000);
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();

    inFlight.end(body.slice(1));
    const [response] = await answered;
    let text = '';
    for await (const chunk of response) text += String(chunk);
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(text)).toHaveProperty('id');

    // 0, not the 1 of the hard stop that ends a shutdown taking longer than 9 s.
    expect(await exited).toEqual([0, null]);
  });

  it('ends the connections that owe no answer: one that sent nothing, one halfway through its headers, one idle after its answer', async () => {
    const { child, baseUrl, exited } = await startServerProcess();
    const { hostname, port } = new URL(baseUrl);
    const connect = async () => {
      const socket = createConnection({ host: hostname, port: Number(port) });
      await once(socket, 'connect');
      return { socket, closed: once(socket, 'close') };
    };
    const silent = await connect();
    const halfway = await connect();
    halfway.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n`);
    const answered = await connect();
    let reply = '';
    answered.socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    answered.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    while (!reply.includes('\r\n\r\n')) await once(answered.socket, 'data');
    expect(reply).toMatch(/^HTTP\/1\.1 200/);

    child.kill('SIGTERM');
    await Promise.all([silent.closed, halfway.closed, answered.closed]);
    // 0 and at once: before, the first two held the close until the hard stop at 9 s (exit 1).
    expect(await exited).toEqual([0, null]);
  });
});

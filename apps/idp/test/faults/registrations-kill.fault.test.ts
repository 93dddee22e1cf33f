import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Browser, freePort } from '../harness.ts';
import { newPerson } from '../registration-helpers.ts';
import { ThrowawayPostgres, ThrowawayRedis, until } from './throwaway-services.ts';

/**
 * issue 10 §4: the server process is killed (`kill -9`, no shutdown at all) while 200 people
 * register at once. Every registration the server acknowledged must be stored after the restart,
 * and no stored account may be half-written. The server runs as a child process, so it can be killed.
 */

const REGISTRATIONS = 200;
// Killed once this many were acknowledged: the rest are in flight (hashing, inserting, answering).
const ACKNOWLEDGED_BEFORE_KILL = 20;
// The dev SMS outbox lists its newest 100 messages, so codes are collected in batches smaller than that.
const SMS_BATCH = 50;

const mainModule = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
let postgres: ThrowawayPostgres;
let redis: ThrowawayRedis;
let dataDir: string;
let port: number;
let server: ChildProcess | null = null;
/** What the server logged at level error (an unexpected failure), shown when the test fails. */
const serverErrors: string[] = [];

function baseUrl() {
  return `http://127.0.0.1:${port}`;
}

async function startServer() {
  server = spawn(process.execPath, ['--import', 'tsx', mainModule], {
    env: {
      ...process.env,
      UIA_MODE: 'demo',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl(),
      DATA_DIR: dataDir,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      // Each registrant comes from its own address (X-Forwarded-For), as many people do: per-address budgets stay untouched.
      UIA_TRUST_PROXY: 'true',
      UIA_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => serverErrors.push(chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => serverErrors.push(chunk.toString()));
  await until(
    'the server to be ready',
    async () => {
      try {
        return (await fetch(`${baseUrl()}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    60_000,
  );
}

beforeAll(async () => {
  [postgres, redis] = await Promise.all([ThrowawayPostgres.create(), ThrowawayRedis.create()]);
  dataDir = mkdtempSync(join(tmpdir(), 'uia-fault-data-'));
  port = await freePort();
  await startServer();
}, 120_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await Promise.all([postgres?.destroy(), redis?.destroy()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Registrant {
  browser: Browser;
  person: ReturnType<typeof newPerson>;
  smsCode: string;
}

/** Sends the registration SMS of a batch of new people and reads their codes from the dev outbox. */
async function prepareBatch(size: number): Promise<Registrant[]> {
  const batch = Array.from({ length: size }, () => ({ browser: new Browser(baseUrl()), person: newPerson() }));
  await Promise.all(
    batch.map(async ({ browser, person }) => {
      const sent = await browser.json('/api/sms/send', { json: { phone: person.phone, purpose: 'register', ...(await browser.solvedCaptcha()) } });
      if (sent.status !== 200) throw new Error(`sms send failed: ${JSON.stringify(sent.body)}`);
    }),
  );
  const outbox = await batch[0]!.browser.sentSms();
  return batch.map(({ browser, person }) => {
    const code = outbox.find((message) => message.to === person.phone && message.code)?.code;
    if (!code) throw new Error('no registration code in the dev outbox');
    return { browser, person, smsCode: code };
  });
}

it(`keeps every acknowledged registration, none half-written, when the server is killed during ${REGISTRATIONS} concurrent registrations`, async () => {
  const registrants: Registrant[] = [];
  while (registrants.length < REGISTRATIONS) registrants.push(...(await prepareBatch(Math.min(SMS_BATCH, REGISTRATIONS - registrants.length))));

  const acknowledged: string[] = [];
  const refusedBeforeKill: { status: number; body: unknown }[] = [];
  let killed = false;
  const attempts = registrants.map(async ({ browser, person, smsCode }) => {
    try {
      const { status, body } = await browser.json('/api/register', { json: { ...person, smsCode, agreeTerms: true } });
      if (status === 201) acknowledged.push(person.username);
      else if (!killed) refusedBeforeKill.push({ status, body });
    } catch (error) {
      // After the kill, connections are reset: those registrations were never acknowledged.
      if (!killed) throw error;
    }
    if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL && !killed) {
      killed = true;
      server!.kill('SIGKILL');
    }
  });
  await Promise.all(attempts);
  expect(refusedBeforeKill, `server log: ${serverErrors.join('').slice(0, 4000)}`).toEqual([]);
  expect(killed).toBe(true);
  expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
  expect(acknowledged.length).toBeLessThan(REGISTRATIONS);

  await startServer();
  const attempted = registrants.map((r) => r.person.username);
  const stored = await postgres.query<{ username: string; complete: boolean }>(
    `select username, (password_hash is not null and name_cipher <> '' and id_number_cipher <> '' and id_number_index <> ''
       and phone_cipher is not null and phone_index is not null) as complete
     from accounts where username = any('{${attempted.join(',')}}'::text[])`,
  );
  const storedNames = new Set(stored.map((row) => row.username));
  expect(
    acknowledged.filter((username) => !storedNames.has(username)),
    'acknowledged registrations lost',
  ).toEqual([]);
  expect(
    stored.filter((row) => !row.complete),
    'half-written accounts',
  ).toEqual([]);

  // The restarted server serves: one more person registers.
  const [late] = await prepareBatch(1);
  const { status } = await late!.browser.json('/api/register', { json: { ...late!.person, smsCode: late!.smsCode, agreeTerms: true } });
  expect(status).toBe(201);
});

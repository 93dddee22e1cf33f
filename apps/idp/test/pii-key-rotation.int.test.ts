import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlAccountRepository } from '../src/adapters/sql/sql-account-repository.ts';
import { loadConfig } from '../src/config.ts';
import { composePlatform, type Platform } from '../src/compose.ts';
import { PII_CONTEXT } from '../src/services/accounts/account-profile.ts';
import { newAccountRecord } from '../src/services/accounts/new-account.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';
import { Browser, freePort, randomPhone, randomResidentId, withPg } from './harness.ts';
import { discover, passwordLogin } from './relying-party.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const keyA = randomBytes(32);
const keyB = randomBytes(32);
const RING_A = `a:${keyA.toString('base64')}`;
const RING_B_A = `b:${keyB.toString('base64')},${RING_A}`;
const RING_B = `b:${keyB.toString('base64')}`;
const blindIndexKey = randomBytes(32);

/**
 * `npm run pii:rotate` on the platform's own storage (SQLite, or a fresh
 * PostgreSQL schema when DATABASE_URL is set): accounts seeded under key A,
 * rotated to B in small batches with an interruption, then the platform
 * runs on B alone.
 */
describe('PII key rotation (npm run pii:rotate)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'uia-pii-rotation-'));
  const schema = `t_${randomBytes(4).toString('hex')}`;
  let databaseUrl: string | undefined;
  let port: number;
  const seeded: { id: string; name: string; idNumber: string; phone: string }[] = [];

  const env = (ring: string): Record<string, string> => ({
    UIA_MODE: 'demo',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    UIA_DATA_KEYS: ring,
    UIA_BLIND_INDEX_KEY: blindIndexKey.toString('base64'),
    UIA_COOKIE_SECRETS: 'rotation-test-cookie-secret-0123456789abcdef',
    UIA_TRUST_PROXY: 'true',
    UIA_LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });

  const startPlatform = async (ring: string): Promise<Platform> => {
    const platform = await composePlatform(loadConfig(env(ring)));
    await platform.app.listen({ host: '127.0.0.1', port });
    return platform;
  };

  const rotate = (ring: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'apps/idp/src/cli/rotate-pii-key.ts', ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env(ring) } });

  /** How many values of each encrypted column are under each key id. */
  const keyIdsIn = async (platform: Platform) => {
    const accounts = await platform.database.selectFrom('accounts').select(['name_cipher', 'id_number_cipher', 'phone_cipher']).execute();
    const clients = await platform.database.selectFrom('clients').select('secret_cipher').execute();
    const keys = await platform.database.selectFrom('signing_keys').select('private_jwk_cipher').execute();
    const values = [...accounts.flatMap((row) => [row.name_cipher, row.id_number_cipher, row.phone_cipher]), ...clients.map((row) => row.secret_cipher), ...keys.map((row) => row.private_jwk_cipher)];
    const counts: Record<string, number> = {};
    for (const value of values.filter((v): v is string => v !== null)) counts[value.split('.')[1]!] = (counts[value.split('.')[1]!] ?? 0) + 1;
    return counts;
  };

  beforeAll(async () => {
    port = await freePort();
    if (process.env.DATABASE_URL) {
      await withPg(process.env.DATABASE_URL, `create schema ${schema}`);
      const url = new URL(process.env.DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      databaseUrl = url.toString();
    }
    // Key A only: the demo seeds (accounts, clients, signing key) and seven more people.
    const platform = await startPlatform(RING_A);
    const cipher = new PiiCipher([{ id: 'a', key: keyA }], blindIndexKey);
    const accounts = new SqlAccountRepository(platform.database);
    for (let i = 0; i < 7; i += 1) {
      const person = { name: `轮换测试${i}`, idNumber: randomResidentId(), phone: randomPhone() };
      const record = newAccountRecord(cipher, { ...person, idType: 'resident_id', username: null, passwordHash: null, assuranceLevel: 'L2' });
      await accounts.create(record);
      seeded.push({ id: record.id, ...person });
    }
    await platform.close();
  });

  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.DATABASE_URL) await withPg(process.env.DATABASE_URL, `drop schema if exists ${schema} cascade`);
  });

  it('re-encrypts every value in batches, resumes after an interruption, and leaves the platform running on the new key alone', async () => {
    // The nodes run with the ring "B,A" while the rotation goes on.
    const running = await startPlatform(RING_B_A);
    try {
      const before = await keyIdsIn(running);
      expect(before.a).toBeGreaterThan(20);

      const first = await rotate(RING_B_A, '--batch-size', '3', '--max-batches', '1');
      expect(first.stdout).toContain('accounts: 3 rows checked, 3 re-encrypted');
      expect(first.stdout).toContain('stopped: 3 rows re-encrypted');
      const afterOneBatch = await keyIdsIn(running);
      expect(afterOneBatch.a).toBe(before.a! - 9);

      const rest = await rotate(RING_B_A, '--batch-size', '3');
      expect(rest.stdout).toMatch(/done: \d+ rows re-encrypted/);
      expect(await keyIdsIn(running)).toEqual({ b: before.a! + (before.b ?? 0) });

      // Idempotent: a further run finds nothing left to do.
      expect((await rotate(RING_B_A, '--batch-size', '3')).stdout).toContain('done: 0 rows re-encrypted');
    } finally {
      await running.close();
    }

    const onB = await startPlatform(RING_B);
    try {
      const cipher = new PiiCipher([{ id: 'b', key: keyB }], blindIndexKey);
      const accounts = new SqlAccountRepository(onB.database);
      for (const person of seeded) {
        const account = (await accounts.findById(person.id))!;
        expect(cipher.decrypt(account.nameCipher, PII_CONTEXT.name)).toBe(person.name);
        expect(cipher.decrypt(account.idNumberCipher, PII_CONTEXT.idNumber)).toBe(person.idNumber);
        expect(cipher.decrypt(account.phoneCipher!, PII_CONTEXT.phone)).toBe(person.phone);
      }
      // Signing keys, the client's secret and the demo citizen's data all read with key B alone.
      const baseUrl = `http://127.0.0.1:${port}`;
      const config = await discover(baseUrl);
      const { tokens } = await passwordLogin(new Browser(baseUrl), config, '13800000001', 'Demo@2026pw');
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      expect(userinfo).toMatchObject({ name: '张三', phone_number: '+8613800000001', id_number: '11010519491231002X' });
    } finally {
      await onB.close();
    }
  });

  it('refuses bad arguments with the usage line', async () => {
    await expect(rotate(RING_B, '--batch-size', '0')).rejects.toMatchObject({ stderr: expect.stringContaining('--batch-size: 应为 1–10000 的整数') });
    await expect(rotate(RING_B, '--batches', '1')).rejects.toMatchObject({ stderr: expect.stringContaining('usage: npm run pii:rotate') });
  });
});

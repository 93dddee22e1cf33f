// Console role assignments on SQLite and PostgreSQL: the bootstrap CLI (npm run admin -- grant-role)
// works only while nobody is security administrator, the one-role rule holds in the schema too,
// and each grant and revocation hands the audit log its actor, target and change.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type SqlDatabase } from '../src/adapters/sql/database.ts';
import { SqlAccountRepository } from '../src/adapters/sql/sql-account-repository.ts';
import { SqlConsoleRoleRepository } from '../src/adapters/sql/sql-console-role-repository.ts';
import { loadConfig } from '../src/config.ts';
import type { AuditEvent } from '../src/ports/audit-log.ts';
import { newAccountRecord } from '../src/services/accounts/new-account.ts';
import { ConsoleRoles } from '../src/services/console/console-roles.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';
import { prepareTestEnvironment, randomPhone, randomResidentId, type TestEnvironment } from './harness.ts';
import { testAuditTrail } from './support/test-audit-trail.ts';

const ADMIN_CLI = fileURLToPath(new URL('../src/cli/admin.ts', import.meta.url));
const run = promisify(execFile);

describe(`console roles in SQL (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let environment: TestEnvironment;
  let database: SqlDatabase;
  let cipher: PiiCipher;
  const people = {
    first: { phone: randomPhone(), idNumber: randomResidentId() },
    second: { phone: randomPhone(), idNumber: randomResidentId() },
    unverified: { phone: randomPhone(), idNumber: randomResidentId() },
  };
  const ids: Record<keyof typeof people, string> = { first: '', second: '', unverified: '' };

  /** The admin CLI as an operator runs it, against this test's database: exit code and output. */
  async function admin(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', ADMIN_CLI, ...args], { env: { ...process.env, ...environment.env } });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  }

  beforeAll(async () => {
    environment = await prepareTestEnvironment();
    const config = loadConfig(environment.env);
    database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateToLatest(database.db);
    cipher = new PiiCipher(config.dataKeys, config.blindIndexKey);
    const accounts = new SqlAccountRepository(database.db);
    for (const key of Object.keys(people) as (keyof typeof people)[]) {
      const record = newAccountRecord(cipher, {
        name: '测试人',
        idType: 'resident_id',
        ...people[key],
        username: null,
        passwordHash: null,
        assuranceLevel: key === 'unverified' ? 'L1' : 'L2',
      });
      await accounts.create(record);
      ids[key] = record.id;
    }
  });
  afterAll(async () => {
    await database.close();
    await environment.cleanUp();
  });

  it('grant-role bootstraps the first security administrator, then refuses; audited either way', async () => {
    expect(await admin('grant-role', people.first.phone, 'security')).toMatchObject({ code: 0, output: expect.stringContaining('安全管理员') });
    expect(await new SqlConsoleRoleRepository(database.db).find(ids.first)).toMatchObject({ role: 'security', grantedBy: null });
    const refused = await admin('grant-role', people.second.idNumber, 'audit');
    expect(refused).toMatchObject({ code: 1, output: expect.stringContaining('CONSOLE_BOOTSTRAP_CLOSED') });
    expect(await new SqlConsoleRoleRepository(database.db).find(ids.second)).toBeNull();
    const [last, before] = await (await testAuditTrail(database)).recent(2);
    expect(last).toMatchObject({ type: 'console.role.grant', outcome: 'failure', detail: { via: 'cli', reason: 'CONSOLE_BOOTSTRAP_CLOSED' } });
    expect(before).toMatchObject({ type: 'console.role.grant', outcome: 'success', detail: { via: 'cli' } });
  });

  it('grant-role refuses a wrong command line', async () => {
    expect(await admin('grant-role', people.second.phone, 'root')).toMatchObject({ code: 1, output: expect.stringContaining('usage') });
    expect(await admin('no-such-command')).toMatchObject({ code: 1, output: expect.stringContaining('grant-role') });
  });

  it('hands actor, target and the role before and after to the audit log; refuses an unverified person', async () => {
    const events: AuditEvent[] = [];
    const roles = new ConsoleRoles({
      roles: new SqlConsoleRoleRepository(database.db),
      accounts: new SqlAccountRepository(database.db),
      cipher,
      audit: { append: async (event) => void events.push(event), recent: async () => [] },
      now: Date.now,
    });
    const granter = { accountId: ids.first, role: 'security' as const, ip: '10.0.0.1' };
    await roles.grant(granter, people.second.idNumber, 'system');
    await roles.revoke(granter, ids.second);
    await expect(roles.grant(granter, people.unverified.phone, 'audit')).rejects.toMatchObject({ code: 'REALNAME_REQUIRED' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'console.role.grant',
        outcome: 'success',
        actor: { accountId: ids.first, role: 'security' },
        target: ids.second,
        changes: { role: { before: null, after: 'system' } },
      }),
      expect.objectContaining({ type: 'console.role.revoke', outcome: 'success', target: ids.second, changes: { role: { before: 'system', after: null } } }),
      expect.objectContaining({ type: 'console.role.grant', outcome: 'failure', target: ids.unverified, detail: { reason: 'REALNAME_REQUIRED' } }),
    ]);
    expect(JSON.stringify(events)).not.toContain(people.second.idNumber);
  });

  it('holds one role per person in the schema itself', async () => {
    const repository = new SqlConsoleRoleRepository(database.db);
    expect(await repository.insert({ accountId: ids.second, role: 'audit', grantedBy: ids.first, grantedAt: Date.now() })).toBe(true);
    expect(await repository.insert({ accountId: ids.second, role: 'system', grantedBy: ids.first, grantedAt: Date.now() })).toBe(false);
    await expect(database.db.insertInto('console_roles').values({ account_id: ids.second, role: 'system', granted_by: null, granted_at: 1 }).execute()).rejects.toThrow();
    await expect(database.db.insertInto('console_roles').values({ account_id: ids.unverified, role: 'root', granted_by: null, granted_at: 1 }).execute()).rejects.toThrow();
    expect(await repository.find(ids.second)).toMatchObject({ role: 'audit' });
  });
});

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type SqlDatabase } from '../src/adapters/sql/database.ts';
import { archiveAuditEvents, verifyAuditArchive } from '../src/adapters/sql/audit/audit-archive.ts';
import { SqlAuditLog } from '../src/adapters/sql/sql-audit-log.ts';
import { SqlSigningKeyStore } from '../src/adapters/sql/sql-signing-key-store.ts';
import { loadConfig } from '../src/config.ts';
import { loadSigningKeys } from '../src/oidc/signing-keys.ts';
import { consoleAuditRoutes } from '../src/routes/console/console-audit.ts';
import { AuditReview } from '../src/services/audit-review/audit-review.ts';
import { registerErrorHandling } from '../src/routes/error-handling.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';
import { auditCheckpointSigner } from '../src/oidc/audit-checkpoint-signer.ts';
import type { AuditCheckpointSigner } from '../src/ports/audit-log.ts';
import { prepareTestEnvironment, type TestEnvironment } from './harness.ts';

const postgres = Boolean(process.env.DATABASE_URL);
const CHECKPOINT_EVERY = 4;
const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// Event n is appended at minute n of this day.
const DAY_START = Date.parse('2026-01-01T00:00:00Z');
const minute = (n: number) => DAY_START + n * 60_000;

async function es256Key(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
}

interface ChainFixture {
  environment: TestEnvironment;
  database: SqlDatabase;
  trail: SqlAuditLog;
  signer: AuditCheckpointSigner;
}

const opened: ChainFixture[] = [];
afterEach(async () => {
  for (const fixture of opened.splice(0)) {
    await fixture.database.close();
    await fixture.environment.cleanUp();
  }
});

/** A fresh database (SQLite, or a PostgreSQL schema with DATABASE_URL) holding `events` chained audit events. */
async function chainOf(events: number): Promise<ChainFixture> {
  const environment = await prepareTestEnvironment();
  const database = openDatabase({ databaseUrl: environment.env.DATABASE_URL, dataDir: environment.env.DATA_DIR! });
  await migrateToLatest(database.db);
  // The platform's own keys, as the server and `npm run admin -- audit` load them.
  const config = loadConfig({ ...process.env, ...environment.env });
  const signer = auditCheckpointSigner(await loadSigningKeys(new SqlSigningKeyStore(database.db), new PiiCipher(config.dataKeys, config.blindIndexKey)));
  let appended = 0;
  const now = () => minute(appended);
  const trail = new SqlAuditLog(database.db, database.dialect, { signer, everyEvents: CHECKPOINT_EVERY, intervalMs: 24 * 3_600_000, now });
  const fixture = { environment, database, trail, signer };
  opened.push(fixture);
  for (let n = 1; n <= events; n += 1, appended += 1) {
    await trail.append({ type: n % 2 ? 'password_login' : 'logout', outcome: n % 3 ? 'success' : 'failure', accountId: `account-${n % 4}`, ip: `10.0.0.${n}`, detail: { n } });
  }
  return fixture;
}

/** What a database owner can do and the application cannot: change audit rows with the append-only triggers out of the way. */
async function asDatabaseOwner(database: SqlDatabase, ...statements: string[]) {
  if (database.dialect === 'postgres') {
    await sql.raw('alter table audit_events disable trigger user').execute(database.db);
    await sql.raw('alter table audit_checkpoints disable trigger user').execute(database.db);
    for (const statement of statements) await sql.raw(statement).execute(database.db);
    await sql.raw('alter table audit_events enable trigger user').execute(database.db);
    await sql.raw('alter table audit_checkpoints enable trigger user').execute(database.db);
    return;
  }
  for (const trigger of ['audit_events_no_update', 'audit_events_no_delete', 'audit_checkpoints_no_update', 'audit_checkpoints_no_delete']) {
    await sql.raw(`drop trigger ${trigger}`).execute(database.db);
  }
  for (const statement of statements) await sql.raw(statement).execute(database.db);
}

describe(`audit hash chain (${postgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('chains every event gaplessly, checkpoints every N, and verifies', async () => {
    const { trail, database } = await chainOf(10);
    expect(await trail.verify()).toEqual({ ok: true, checked: 10, checkpoints: 2, lastSeq: 10, archivedThroughSeq: 0 });
    const checkpoints = await database.db.selectFrom('audit_checkpoints').select('seq').orderBy('seq').execute();
    expect(checkpoints.map((row) => Number(row.seq))).toEqual([4, 8]);
  });

  it('stores and returns the console fields: actor, target, changes', async () => {
    const { trail } = await chainOf(0);
    await trail.append({
      type: 'console_client_disabled',
      outcome: 'success',
      actor: { accountId: 'admin-1', role: 'system' },
      target: 'edu-portal',
      changes: { enabled: { before: true, after: false } },
    });
    const [event] = await trail.recent(1);
    expect(event).toMatchObject({ seq: 1, actor: { accountId: 'admin-1', role: 'system' }, target: 'edu-portal', changes: { enabled: { before: true, after: false } } });
    expect((await trail.search({ actorAccountId: 'admin-1' }, { limit: 5 })).events).toHaveLength(1);
  });

  it('searches by filters, newest first, in keyset pages', async () => {
    const { trail } = await chainOf(10);
    const first = await trail.search({ type: 'password_login' }, { limit: 3 });
    expect(first.events.map((event) => event.seq)).toEqual([9, 7, 5]);
    const second = await trail.search({ type: 'password_login' }, { limit: 3, beforeSeq: first.nextBeforeSeq! });
    expect(second).toMatchObject({ nextBeforeSeq: null });
    expect(second.events.map((event) => event.seq)).toEqual([3, 1]);
    expect((await trail.search({ ip: '10.0.0.6', outcome: 'failure' }, { limit: 5 })).events.map((event) => event.seq)).toEqual([6]);
    expect((await trail.search({ accountId: 'account-1', type: 'logout' }, { limit: 5 })).events).toEqual([]);
  });

  it('refuses UPDATE and DELETE of audit rows and checkpoints from the application connection', async () => {
    const { database } = await chainOf(4);
    await expect(sql.raw(`update audit_events set ip = '10.9.9.9' where seq = 2`).execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql.raw('delete from audit_events where seq = 2').execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql.raw('delete from audit_checkpoints').execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql.raw(`update audit_checkpoints set hash = 'x'`).execute(database.db)).rejects.toThrow(/append-only/);
    expect(Number((await sql<{ n: number | string }>`select count(*) as n from audit_events`.execute(database.db)).rows[0]!.n)).toBe(4);
  });

  it('names the first edited row', async () => {
    const { trail, database } = await chainOf(10);
    await asDatabaseOwner(database, `update audit_events set ip = '10.9.9.9' where seq = 5`);
    expect(await trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'edited', checked: 4 });
  });

  it('names a deleted row, inside the chain and at its end', async () => {
    const inside = await chainOf(10);
    await asDatabaseOwner(inside.database, 'delete from audit_events where seq = 6');
    expect(await inside.trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 6, reason: 'missing' });

    const end = await chainOf(10);
    await asDatabaseOwner(end.database, 'delete from audit_events where seq = 10');
    expect(await end.trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 10, reason: 'missing' });
  });

  it('names reordered rows (two rows swapped)', async () => {
    const { trail, database } = await chainOf(10);
    await asDatabaseOwner(database, 'update audit_events set seq = -1 where seq = 3', 'update audit_events set seq = 3 where seq = 7', 'update audit_events set seq = 7 where seq = -1');
    expect(await trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'reordered' });
  });

  it('names a row whose edit was re-hashed, through the next link', async () => {
    const { trail, database } = await chainOf(10);
    const row = await database.db.selectFrom('audit_events').selectAll().where('seq', '=', 5).executeTakeFirstOrThrow();
    const { contentDigest, linkHash } = await import('../src/adapters/sql/audit/audit-chain-hash.ts');
    const rehashed = linkHash(row.prev_hash, contentDigest({ ...row, ip: '10.9.9.9' }));
    await asDatabaseOwner(database, `update audit_events set ip = '10.9.9.9', hash = '${rehashed}' where seq = 5`);
    expect(await trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 6, reason: 'missing' });
  });

  it('detects a checkpoint signed with another key, and a chain re-hashed under a checkpoint', async () => {
    const forged = await chainOf(10);
    const otherKey = auditCheckpointSigner([await es256Key('platform-key')]);
    const row = await forged.database.db.selectFrom('audit_events').select('hash').where('seq', '=', 4).executeTakeFirstOrThrow();
    const jws = await otherKey.sign({ kind: 'checkpoint', seq: 4, hash: row.hash, at: Date.now() });
    await asDatabaseOwner(forged.database, `update audit_checkpoints set jws = '${jws}' where seq = 4`);
    expect(await forged.trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'bad-checkpoint-signature' });

    // The owner rewrites event 7 and re-links every later event: the chain holds together, checkpoint 8 does not.
    const rewritten = await chainOf(10);
    const { contentDigest, linkHash } = await import('../src/adapters/sql/audit/audit-chain-hash.ts');
    const rows = await rewritten.database.db.selectFrom('audit_events').selectAll().where('seq', '>=', 7).orderBy('seq').execute();
    let prevHash = rows[0]!.prev_hash;
    const updates: string[] = [];
    for (const stored of rows) {
      const changed = { ...stored, ip: stored.seq === 7 ? '10.9.9.9' : stored.ip };
      const hash = linkHash(prevHash, contentDigest(changed));
      updates.push(`update audit_events set ip = '${changed.ip!}', prev_hash = '${prevHash}', hash = '${hash}' where seq = ${stored.seq}`);
      prevHash = hash;
    }
    await asDatabaseOwner(rewritten.database, ...updates);
    expect(await rewritten.trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 8, reason: 'checkpoint-mismatch' });
  });
});

describe(`audit archiving and the admin command (${postgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('archives the oldest events to a file the chain and the file both still verify with', async () => {
    const { trail, database, signer, environment } = await chainOf(10);
    const out = join(environment.env.DATA_DIR!, 'audit-archive.jsonl');
    // Event n was appended at minute n - 1: a cut at minute 5 archives events 1–5.
    expect(await archiveAuditEvents(database.db, signer, { cutAt: minute(5), out, now: minute(60) })).toMatchObject({ archived: 5, fromSeq: 1, throughSeq: 5 });
    expect(await trail.verify()).toEqual({ ok: true, checked: 5, checkpoints: 1, lastSeq: 10, archivedThroughSeq: 5 });
    expect(await verifyAuditArchive(out, signer)).toEqual({ ok: true, fromSeq: 1, throughSeq: 5, checked: 5 });
    await trail.append({ type: 'logout', outcome: 'success' });
    expect(await trail.verify()).toMatchObject({ ok: true, checked: 6, lastSeq: 11 });

    // Archived rows cannot be brought back into doubt: anything below the anchor is gone, anything above stays append-only.
    await expect(sql.raw('delete from audit_events where seq = 6').execute(database.db)).rejects.toThrow(/append-only/);
    const lines = readFileSync(out, 'utf8').split('\n');
    lines[3] = lines[3]!.replace('10.0.0.3', '10.0.0.99');
    writeFileSync(out, lines.join('\n'));
    expect(await verifyAuditArchive(out, signer)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'edited' });
  });

  it('a forged anchor does not let rows go unnoticed', async () => {
    const { trail, database, signer } = await chainOf(10);
    const other = auditCheckpointSigner([await es256Key('other')]);
    const row = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
    await database.db
      .insertInto('audit_anchors')
      .values({ seq: 3, hash: row.hash, at: minute(60), jws: await other.sign({ kind: 'anchor', seq: 3, hash: row.hash, at: minute(60) }) })
      .execute();
    await sql.raw('delete from audit_events where seq <= 3').execute(database.db);
    expect(await trail.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'bad-checkpoint-signature' });
    // A checkpoint's genuine signature is not an anchor's.
    const checkpoint = await database.db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    expect(await signer.verify(checkpoint.jws)).toMatchObject({ kind: 'checkpoint' });
  });

  it('`npm run admin -- audit verify` prints the report and exits 1 on a broken chain', async () => {
    const { database, environment } = await chainOf(6);
    const admin = (...args: string[]) => run('npx', ['tsx', 'apps/idp/src/cli/admin.ts', 'audit', ...args], { cwd: repoRoot, env: { ...process.env, ...environment.env } });
    expect(JSON.parse((await admin('verify')).stdout)).toMatchObject({ ok: true, checked: 6, checkpoints: 1 });
    await asDatabaseOwner(database, 'delete from audit_events where seq = 2');
    const failed = await admin('verify').then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(JSON.parse(failed!.stdout)).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'missing' });
  });
});

describe(`the audit administrator's console API (${postgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('searches in pages, exports CSV with a BOM, verifies, records each of these, and answers bad input with the error shape', async () => {
    const { trail, database } = await chainOf(6);
    await trail.append({
      type: 'console_client_disabled',
      outcome: 'success',
      actor: { accountId: 'admin-1', role: 'system' },
      target: '=edu-portal',
      changes: { name: { before: '教育门户', after: '教育门户, "新"' } },
    });
    const app = Fastify();
    registerErrorHandling(app, { platformName: '统一身份认证平台', demo: false });
    const findAccount = async (request: { kind: string; value: string }) => (request.kind === 'username' && request.value === 'zhangsan' ? { id: 'account-1' } : null);
    const review = new AuditReview({ trail, audit: trail, findAccount });
    await app.register(consoleAuditRoutes, { actorOf: () => ({ accountId: 'auditor-1', role: 'audit' }), review });
    try {
      const first = await app.inject({ url: '/api/console/audit/events?type=password_login&limit=2' });
      expect(first.statusCode).toBe(200);
      expect(first.json().events.map((event: { seq: number }) => event.seq)).toEqual([5, 3]);
      const second = await app.inject({ url: `/api/console/audit/events?type=password_login&limit=2&before=${first.json().nextBefore}` });
      expect(second.json()).toMatchObject({ events: [{ seq: 1, ip: '10.0.0.1', detail: { n: 1 } }], nextBefore: null });
      const byActor = await app.inject({ url: '/api/console/audit/events?actor=admin-1' });
      expect(byActor.json().events).toEqual([expect.objectContaining({ seq: 7, actor: { accountId: 'admin-1', role: 'system' }, target: '=edu-portal' })]);

      const csv = await app.inject({ url: '/api/console/audit/events.csv?actor=admin-1' });
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header, row, end] = csv.body.slice(1).split('\r\n');
      expect(header).toBe('seq,at,type,outcome,accountId,clientId,ip,actorAccountId,actorRole,target,detail,changes,userAgent,hash');
      // A formula-like value is defused; JSON with commas and quotes is one quoted cell.
      expect(row).toMatch(/^7,[^,]+,console_client_disabled,success,,,,admin-1,system,'=edu-portal,,"\{""name"":\{""before"":""教育门户"",""after"":""教育门户, \\""新\\""""\}\}",,[0-9a-f]{64}$/);
      expect(end).toBe('');

      // 按证件号码等查找: the identifier goes in the body and becomes the account id the search takes.
      const subject = await app.inject({ method: 'POST', url: '/api/console/audit/subject', payload: { kind: 'username', value: 'zhangsan' } });
      expect(subject.json()).toEqual({ accountId: 'account-1' });
      expect((await app.inject({ url: `/api/console/audit/events?account=${subject.json().accountId}&type=password_login` })).json().events.map((e: { seq: number }) => e.seq)).toEqual([5, 1]);
      const unknown = await app.inject({ method: 'POST', url: '/api/console/audit/subject', payload: { kind: 'username', value: 'nobody' } });
      expect(unknown.json().error.code).toBe('ACCOUNT_NOT_FOUND');

      // Each look at the trail is in the trail: who, which filters (no personal data), how many rows.
      const looks = (await app.inject({ url: '/api/console/audit/events?actor=auditor-1&limit=200' })).json().events;
      expect(looks.map((e: { type: string; outcome: string }) => `${e.type} ${e.outcome}`).reverse()).toEqual([
        'console.audit.search success',
        'console.audit.search success',
        'console.audit.search success',
        'console.audit.export success',
        'console.audit.subject_find success',
        'console.audit.search success',
        'console.audit.subject_find failure',
      ]);
      expect(looks[0]).toMatchObject({ actor: { accountId: 'auditor-1', role: 'audit' }, detail: { reason: 'ACCOUNT_NOT_FOUND', identifierKind: 'username' } });
      expect(looks[1]).toMatchObject({ detail: { accountId: 'account-1', type: 'password_login', rows: 2 } });
      expect(looks[2]).toMatchObject({ target: 'account-1', detail: { identifierKind: 'username' } });
      expect(looks[3]).toMatchObject({ detail: { actorAccountId: 'admin-1', rows: 1 } });
      expect(JSON.stringify(looks)).not.toContain('zhangsan');

      const total = 7 + looks.length + 1; // and the search just made
      expect((await app.inject({ method: 'POST', url: '/api/console/audit/verify', payload: {} })).json()).toMatchObject({ ok: true, checked: total });
      const [verified] = (await app.inject({ url: '/api/console/audit/events?type=console.audit.verify' })).json().events;
      expect(verified).toMatchObject({ seq: total + 1, detail: { ok: true, checked: total } });
      await asDatabaseOwner(database, 'delete from audit_events where seq = 4');
      expect((await app.inject({ method: 'POST', url: '/api/console/audit/verify', payload: {} })).json()).toEqual({ ok: false, checked: 3, firstBrokenSeq: 4, reason: 'missing' });

      for (const bad of ['limit=0', 'limit=lots', 'outcome=maybe', 'from=yesterday', 'colour=red']) {
        const answer = await app.inject({ url: `/api/console/audit/events?${bad}` });
        expect(answer.statusCode, bad).toBe(400);
        expect(answer.json().error.code, bad).toMatch(/^(FIELD_INVALID|FIELD_REQUIRED|UNKNOWN_FIELD)$/);
      }
      for (const bad of [{}, { kind: 'name', value: '张三' }, { kind: 'username', value: '' }, { kind: 'username', value: 'zhangsan', extra: 1 }]) {
        const answer = await app.inject({ method: 'POST', url: '/api/console/audit/subject', payload: bad });
        expect(answer.statusCode, JSON.stringify(bad)).toBe(400);
        expect(answer.json().error.code, JSON.stringify(bad)).toMatch(/^(FIELD_INVALID|FIELD_REQUIRED|UNKNOWN_FIELD)$/);
      }
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!postgres)('audit hash chain on several nodes (PostgreSQL)', () => {
  it('the application role of docs/audit.md can append and read, not change, delete or anchor', async () => {
    const { trail, database, environment, signer } = await chainOf(2);
    const url = new URL(environment.env.DATABASE_URL!);
    const schema = /search_path=(\w+)/.exec(url.searchParams.get('options')!)![1]!;
    const role = `uia_app_${schema}`;
    // The GRANTs docs/audit.md gives, in this test's schema.
    for (const statement of [
      `create role ${role} nologin`,
      `grant usage on schema ${schema} to ${role}`,
      `grant select, insert on ${schema}.audit_events, ${schema}.audit_checkpoints to ${role}`,
      `grant select, update on ${schema}.audit_chain_head to ${role}`,
      `grant select on ${schema}.audit_anchors to ${role}`,
    ]) {
      await sql.raw(statement).execute(database.db);
    }
    url.searchParams.set('options', `-c search_path=${schema} -c role=${role}`);
    const asApplication = openDatabase({ databaseUrl: url.toString(), dataDir: environment.env.DATA_DIR! });
    try {
      const appTrail = new SqlAuditLog(asApplication.db, asApplication.dialect, { signer, everyEvents: CHECKPOINT_EVERY, intervalMs: 24 * 3_600_000, now: Date.now });
      await appTrail.append({ type: 'password_login', outcome: 'success' });
      await appTrail.append({ type: 'password_login', outcome: 'success' });
      expect(await appTrail.verify()).toMatchObject({ ok: true, checked: 4, checkpoints: 1 });
      for (const statement of [
        'update audit_events set ip = null',
        'delete from audit_events',
        'truncate audit_events',
        'delete from audit_checkpoints',
        `insert into audit_anchors values (4, 'x', 0, 'x')`,
      ]) {
        await expect(sql.raw(statement).execute(asApplication.db)).rejects.toThrow(/permission denied/);
      }
      expect(await trail.verify()).toMatchObject({ ok: true, checked: 4 });
    } finally {
      await asApplication.close();
      await sql.raw(`drop owned by ${role}`).execute(database.db);
      await sql.raw(`drop role ${role}`).execute(database.db);
    }
  });

  it('keeps one gapless, verifiable chain while two nodes append at once', async () => {
    const { trail, environment, signer } = await chainOf(0);
    const secondNode = openDatabase({ databaseUrl: environment.env.DATABASE_URL, dataDir: environment.env.DATA_DIR! });
    try {
      const other = new SqlAuditLog(secondNode.db, secondNode.dialect, { signer, everyEvents: CHECKPOINT_EVERY, intervalMs: 24 * 3_600_000, now: Date.now });
      const appendMany = (node: SqlAuditLog, name: string) => Promise.all(Array.from({ length: 40 }, (_, n) => node.append({ type: 'password_login', outcome: 'success', detail: { node: name, n } })));
      await Promise.all([appendMany(trail, 'a'), appendMany(other, 'b')]);
      expect(await trail.verify()).toEqual({ ok: true, checked: 80, checkpoints: 20, lastSeq: 80, archivedThroughSeq: 0 });
    } finally {
      await secondNode.close();
    }
  });
});

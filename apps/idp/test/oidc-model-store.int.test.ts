// The durable oidc-provider models on SQLite, or on PostgreSQL with DATABASE_URL: the one read of a
// refresh grant that brings the token's Grant, Session and account along, and the one write that rotates the token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type SqlDatabase } from '../src/adapters/sql/database.ts';
import { SqlAccountRepository } from '../src/adapters/sql/sql-account-repository.ts';
import { SqlOidcModelStore } from '../src/adapters/sql/sql-oidc-model-store.ts';
import type { StoredAccount } from '../src/ports/account-repository.ts';
import type { OidcModelRecord } from '../src/ports/oidc-model-store.ts';
import { prepareTestEnvironment, type TestEnvironment } from './harness.ts';

const HOUR = 3_600_000;

function record(model: string, id: string, payload: Record<string, unknown>, fields: Partial<OidcModelRecord> = {}): OidcModelRecord {
  return { model, id, payload, grantId: null, uid: null, accountId: 'account-1', expiresAt: Date.now() + HOUR, ...fields };
}

describe(`oidc model store: a token read with its Grant, Session and account (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let environment: TestEnvironment;
  let database: SqlDatabase;
  let models: SqlOidcModelStore;
  beforeAll(async () => {
    environment = await prepareTestEnvironment({ externalStores: true });
    database = openDatabase({ databaseUrl: environment.env.DATABASE_URL, dataDir: environment.env.DATA_DIR! });
    await migrateToLatest(database.db);
    models = new SqlOidcModelStore(database.db, database.dialect);
    await models.upsert(record('Session', 'session-1', { uid: 'uid-1', accountId: 'account-1' }, { uid: 'uid-1' }));
    await models.upsert(record('Session', 'session-2', { uid: 'uid-2' }, { uid: 'uid-2', expiresAt: Date.now() - 1 }));
    await models.upsert(record('Grant', 'grant-1', { jti: 'grant-1' }));
    await models.upsert(record('Grant', 'grant-other', { jti: 'grant-other' }));
    await models.upsert(record('RefreshToken', 'bound', { sessionUid: 'uid-1', expiresWithSession: true }, { grantId: 'grant-1' }));
    await models.upsert(record('RefreshToken', 'offline', { grantId: 'grant-1' }, { grantId: 'grant-1' }));
    await models.upsert(record('RefreshToken', 'ended-session', { sessionUid: 'uid-2' }, { grantId: 'grant-1' }));
    await models.upsert(record('RefreshToken', 'revoked-grant', { sessionUid: 'uid-1' }, { grantId: 'grant-gone' }));
    await models.upsert(record('RefreshToken', 'expired', { sessionUid: 'uid-1' }, { grantId: 'grant-1', expiresAt: Date.now() - 1 }));
  });
  afterAll(async () => {
    await database?.close();
    await environment?.cleanUp();
  });

  it('finds the token, its Grant and the Session it is bound to in one read', async () => {
    const found = await models.findWithBindings('RefreshToken', 'bound');
    expect(found.token).toMatchObject({ model: 'RefreshToken', id: 'bound', grantId: 'grant-1', payload: { sessionUid: 'uid-1' } });
    expect(found.grant).toMatchObject({ model: 'Grant', id: 'grant-1', payload: { jti: 'grant-1' } });
    expect(found.session).toMatchObject({ model: 'Session', id: 'session-1', uid: 'uid-1' });
  });

  it("brings the token's person along: the account its accountId names (also an entity login's), or none", async () => {
    const unique = Math.random().toString(36).slice(2);
    const person: StoredAccount = {
      id: `person-${unique}`,
      username: `user-${unique}`,
      passwordHash: 'hash',
      nameCipher: 'name-cipher',
      idType: 'resident_id',
      idNumberCipher: 'id-number-cipher',
      idNumberIndex: `id-index-${unique}`,
      phoneCipher: null,
      phoneIndex: null,
      assuranceLevel: 'L2',
      status: 'disabled',
      credentialsChangedAt: 1_700_000_000_000,
      createdAt: 1_600_000_000_000,
      updatedAt: 1_650_000_000_000,
    };
    await new SqlAccountRepository(database.db).create(person);
    await models.upsert(record('RefreshToken', `of-${unique}`, { sessionUid: 'uid-1', accountId: `entity:e-1:${person.id}` }, { grantId: 'grant-1', accountId: person.id }));
    const found = await models.findWithBindings('RefreshToken', `of-${unique}`);
    expect(found.account).toEqual(person);
    expect(found).toMatchObject({ token: { id: `of-${unique}` }, grant: { id: 'grant-1' }, session: { uid: 'uid-1' } });
    // 'account-1', every other token's, is no account.
    expect((await models.findWithBindings('RefreshToken', 'bound')).account).toBeNull();
  });

  it('brings no Session for a token bound to none, and none that has expired', async () => {
    expect(await models.findWithBindings('RefreshToken', 'offline')).toMatchObject({ token: { id: 'offline' }, grant: { id: 'grant-1' }, session: null });
    expect(await models.findWithBindings('RefreshToken', 'ended-session')).toMatchObject({ token: { id: 'ended-session' }, grant: { id: 'grant-1' }, session: null });
  });

  it('brings no Grant once it is revoked, and nothing for a token that has expired, is consumed-and-gone or unknown', async () => {
    expect(await models.findWithBindings('RefreshToken', 'revoked-grant')).toMatchObject({ token: { id: 'revoked-grant' }, grant: null, session: { uid: 'uid-1' } });
    expect(await models.findWithBindings('RefreshToken', 'expired')).toEqual({ token: null, grant: null, session: null, account: null });
    expect(await models.findWithBindings('RefreshToken', 'unknown')).toEqual({ token: null, grant: null, session: null, account: null });
    await models.destroy('RefreshToken', 'offline');
    expect(await models.findWithBindings('RefreshToken', 'offline')).toEqual({ token: null, grant: null, session: null, account: null });
  });

  it('reads a token whose payload holds a lone surrogate a client sent (stored as U+FFFD)', async () => {
    await models.upsert(record('RefreshToken', 'odd-claims', { sessionUid: 'uid-1', claims: { userinfo: { ['k\udc00']: { value: 'v\ud800' } } } }, { grantId: 'grant-1' }));
    const found = await models.findWithBindings('RefreshToken', 'odd-claims');
    expect(found.token?.payload.claims).toEqual({ userinfo: { 'k\ufffd': { value: 'v\ufffd' } } });
    expect(found.session?.uid).toBe('uid-1');
  });

  it('rotates a token in one write: the old one consumed and its successor saved, or neither', async () => {
    await models.upsert(record('RefreshToken', 'rotating', { sessionUid: 'uid-1' }, { grantId: 'grant-1' }));
    const successor = record('RefreshToken', 'successor', { sessionUid: 'uid-1', rotations: 1 }, { grantId: 'grant-1' });
    // A successor the database refuses (no model): the old token is not consumed either.
    await expect(models.rotate({ model: 'RefreshToken', id: 'rotating', at: 1_700_000_000_000 }, { ...successor, model: null as never })).rejects.toThrow();
    expect((await models.find('RefreshToken', 'rotating'))?.payload.consumed).toBeUndefined();
    expect(await models.find('RefreshToken', 'successor')).toBeNull();

    await models.rotate({ model: 'RefreshToken', id: 'rotating', at: 1_700_000_000_000 }, successor);
    expect((await models.find('RefreshToken', 'rotating'))?.payload.consumed).toBe(1_700_000_000);
    expect(await models.find('RefreshToken', 'successor')).toMatchObject({ grantId: 'grant-1', payload: { rotations: 1 } });
  });

  it('rotates a token once: of two rotations at once, one stores its successor and the other nothing', async () => {
    await models.upsert(record('RefreshToken', 'raced', { sessionUid: 'uid-1' }, { grantId: 'grant-1' }));
    const successor = (id: string) => record('RefreshToken', id, { sessionUid: 'uid-1', rotations: 1 }, { grantId: 'grant-1' });
    const rotated = await Promise.all(['first', 'second'].map((id) => models.rotate({ model: 'RefreshToken', id: 'raced', at: Date.now() }, successor(id))));
    expect(rotated.sort()).toEqual([false, true]);
    expect([await models.find('RefreshToken', 'first'), await models.find('RefreshToken', 'second')].filter(Boolean)).toHaveLength(1);
    expect(await models.rotate({ model: 'RefreshToken', id: 'raced', at: Date.now() }, successor('third'))).toBe(false);
    expect(await models.rotate({ model: 'RefreshToken', id: 'unknown', at: Date.now() }, successor('fourth'))).toBe(false);
    expect(await models.find('RefreshToken', 'third')).toBeNull();
    expect(await models.find('RefreshToken', 'fourth')).toBeNull();
  });

  it('rotates tokens presented at once each on its own: a refused successor fails only its own rotation', async () => {
    const tokens = ['many-1', 'many-2', 'many-3', 'many-4'];
    for (const id of tokens) await models.upsert(record('RefreshToken', id, { sessionUid: 'uid-1' }, { grantId: 'grant-1' }));
    const successor = (id: string) => record('RefreshToken', `${id}-next`, { sessionUid: 'uid-1', rotations: 1 }, { grantId: 'grant-1' });
    const rotated = await Promise.allSettled(
      tokens.map((id) => models.rotate({ model: 'RefreshToken', id, at: 1_700_000_000_000 }, id === 'many-3' ? { ...successor(id), model: null as never } : successor(id))),
    );
    expect(rotated.map((result) => (result.status === 'fulfilled' ? result.value : 'refused'))).toEqual([true, true, 'refused', true]);
    for (const id of ['many-1', 'many-2', 'many-4']) {
      expect((await models.find('RefreshToken', id))?.payload.consumed).toBe(1_700_000_000);
      expect(await models.find('RefreshToken', `${id}-next`)).toMatchObject({ payload: { rotations: 1 } });
    }
    expect((await models.find('RefreshToken', 'many-3'))?.payload.consumed).toBeUndefined();
    expect(await models.find('RefreshToken', 'many-3-next')).toBeNull();
  });

  // oidc-provider saves the Session at the end of every request that loaded it, and may save the Grant: a request
  // in flight when the session is ended (退出, 全部退出, an administrator) would otherwise store them again.
  describe.each([
    ['one by one (退出 of one session)', (person: string) => Promise.all([models.destroy('Session', `session-${person}`), models.destroy('Grant', `grant-${person}`)])],
    ['for the person (全部退出, a password reset)', (person: string) => new SqlAccountRepository(database.db).inTransaction((writes) => writes.endAllSessions(person, Date.now()))],
  ])('a Session and Grant ended %s', (_how, end) => {
    it('stay ended: saving them again stores nothing, and no read finds them', async () => {
      const person = `person-${Math.random().toString(36).slice(2)}`;
      const session = record('Session', `session-${person}`, { uid: `uid-${person}` }, { uid: `uid-${person}`, accountId: person });
      const grant = record('Grant', `grant-${person}`, { jti: `grant-${person}` }, { accountId: person });
      await models.upsert(session);
      await models.upsert(grant);
      await models.upsert(record('RefreshToken', `token-${person}`, { sessionUid: `uid-${person}` }, { grantId: grant.id, accountId: person }));
      await end(person);
      await models.upsert(session);
      await models.upsert(grant);
      expect(await models.find('Session', session.id)).toBeNull();
      expect(await models.findByUid('Session', `uid-${person}`)).toBeNull();
      expect(await models.find('Grant', grant.id)).toBeNull();
      expect(await models.findByAccount('Session', person)).toEqual([]);
      expect(await models.findByAccount('Grant', person)).toEqual([]);
      expect(await models.findWithBindings('RefreshToken', `token-${person}`)).toMatchObject({ grant: null, session: null });
    });
  });

  it('finds a Session by its uid after oidc-provider gave it a new id at a new login (the old id ended)', async () => {
    const uid = 'uid-renamed';
    await models.upsert(record('Session', 'old-id', { uid }, { uid }));
    await models.destroy('Session', 'old-id');
    await models.upsert(record('Session', 'new-id', { uid, stepUp: true }, { uid }));
    expect(await models.findByUid('Session', uid)).toMatchObject({ id: 'new-id' });
    await models.upsert(record('RefreshToken', 'bound-to-renamed', { sessionUid: uid }, { grantId: 'grant-1' }));
    expect((await models.findWithBindings('RefreshToken', 'bound-to-renamed')).session).toMatchObject({ id: 'new-id' });
  });

  it('reports a consumed token as consumed, with its bindings, and consumes it only once', async () => {
    expect(await models.consume('RefreshToken', 'bound', 1_700_000_000_000)).toBe(true);
    expect(await models.consume('RefreshToken', 'bound', 1_700_000_000_001)).toBe(false);
    const found = await models.findWithBindings('RefreshToken', 'bound');
    expect(found.token?.payload.consumed).toBe(1_700_000_000);
    expect(found.grant?.id).toBe('grant-1');
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/adapters/sql/database.ts';
import { SqlSigningKeyStore } from '../src/adapters/sql/sql-signing-key-store.ts';
import { addSigningKey, loadSigningKeys, rotateSigningKeys } from '../src/oidc/signing-keys.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';
import { testAuditTrail } from './support/test-audit-trail.ts';

describe('signing keys', () => {
  const database = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'uia-keys-')) });
  const store = new SqlSigningKeyStore(database.db);
  const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
  afterAll(() => database.close());

  it('are generated on first start (RS256 first, then ES256), stored encrypted, and rotate together newest-first', async () => {
    await migrateToLatest(database.db);
    const [rsa, ec] = await loadSigningKeys(store, cipher);
    expect(rsa).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(ec).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect((await loadSigningKeys(store, cipher)).map((k) => k.kid)).toEqual([rsa!.kid, ec!.kid]);
    const stored = JSON.stringify(await store.list());
    expect(stored).not.toContain(String(rsa!.d));
    expect(stored).not.toContain(String(ec!.d));

    const audit = await testAuditTrail(database);
    const [newRsa, newEc] = await rotateSigningKeys(store, cipher, audit, { via: 'cli' });
    const keys = await loadSigningKeys(store, cipher);
    expect(keys.map((k) => k.kid)).toEqual([newRsa, rsa!.kid, newEc, ec!.kid]);
    expect(await audit.recent(1)).toMatchObject([{ type: 'signing_key.rotate', outcome: 'success', detail: { via: 'cli', algs: 'RS256 ES256', kids: `${newRsa} ${newEc}` } }]);
  });

  it('gives a platform that had an RS256 key only an ES256 key at its next start, the RS256 one kept', async () => {
    const other = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'uia-keys-')) });
    try {
      await migrateToLatest(other.db);
      const otherStore = new SqlSigningKeyStore(other.db);
      const rsaOnly = await addSigningKey(otherStore, cipher, 'RS256');
      const keys = await loadSigningKeys(otherStore, cipher);
      expect(keys.map((k) => [k.kid === rsaOnly, k.alg])).toEqual([
        [true, 'RS256'],
        [false, 'ES256'],
      ]);
    } finally {
      await other.close();
    }
  });
});

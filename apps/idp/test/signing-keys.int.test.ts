import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/adapters/sql/database.ts';
import { SqlSigningKeyStore } from '../src/adapters/sql/sql-signing-key-store.ts';
import { addSigningKey, loadSigningKeys } from '../src/oidc/signing-keys.ts';
import { PiiCipher } from '../src/services/personal-data/pii-cipher.ts';

describe('signing keys', () => {
  const database = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'uia-keys-')) });
  const store = new SqlSigningKeyStore(database.db);
  const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
  afterAll(() => database.close());

  it('are generated on first start, stored encrypted, and rotate newest-first', async () => {
    await migrateToLatest(database.db);
    const [first] = await loadSigningKeys(store, cipher);
    expect(first).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect((await loadSigningKeys(store, cipher)).map((k) => k.kid)).toEqual([first!.kid]);
    const stored = JSON.stringify(await store.list());
    expect(stored).not.toContain(String(first!.d));

    const kid = await addSigningKey(store, cipher);
    const keys = await loadSigningKeys(store, cipher);
    expect(keys.map((k) => k.kid)).toEqual([kid, first!.kid]);
  });
});

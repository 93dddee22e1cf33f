// Adds a new signing key; every node uses it as the active key after its next
// restart, while the older keys stay in the JWKS so issued tokens still verify.
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../adapters/sql/database.ts';
import { SqlSigningKeyStore } from '../adapters/sql/sql-signing-key-store.ts';
import { addSigningKey } from '../oidc/signing-keys.ts';
import { PiiCipher } from '../services/personal-data/pii-cipher.ts';

try {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  const kid = await addSigningKey(new SqlSigningKeyStore(database.db), new PiiCipher(config.dataKeys, config.blindIndexKey));
  await database.close();
  console.log(`新签名密钥已生成 / new signing key ${kid}; restart the platform nodes to sign with it.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

// Adds a new signing key for every algorithm (RS256, ES256); every node uses them as the
// active keys after its next restart, while the older keys stay in the JWKS so issued tokens
// still verify.
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../adapters/sql/database.ts';
import { SqlAuditLog } from '../adapters/sql/sql-audit-log.ts';
import { SqlSigningKeyStore } from '../adapters/sql/sql-signing-key-store.ts';
import { rotateSigningKeys } from '../oidc/signing-keys.ts';
import { PiiCipher } from '../services/personal-data/pii-cipher.ts';

try {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  const kids = await rotateSigningKeys(new SqlSigningKeyStore(database.db), new PiiCipher(config.dataKeys, config.blindIndexKey), new SqlAuditLog(database.db), { via: 'cli' });
  await database.close();
  console.log(`新签名密钥已生成 / new signing keys ${kids.join(', ')}; restart the platform nodes to sign with them.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

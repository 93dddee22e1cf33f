import type { Config } from '../../config.ts';
import { migrateToLatest, openDatabase } from '../../adapters/sql/database.ts';
import { SqlAuditLog } from '../../adapters/sql/sql-audit-log.ts';
import { SqlClientRepository } from '../../adapters/sql/sql-client-repository.ts';
import { SqlSigningKeyStore } from '../../adapters/sql/sql-signing-key-store.ts';
import { MemoryPubSub } from '../../adapters/pub-sub/memory-pub-sub.ts';
import { RedisPubSub } from '../../adapters/pub-sub/redis-pub-sub.ts';
import { auditCheckpointSigner } from '../../oidc/audit-checkpoint-signer.ts';
import { createClientMetadataValidator } from '../../oidc/client-rules.ts';
import { loadSigningKeys } from '../../oidc/signing-keys.ts';
import { ClientRegistrationCache } from '../../services/clients/client-registration-cache.ts';
import { ClientRegistry } from '../../services/clients/client-registry.ts';
import { PiiCipher } from '../../services/personal-data/pii-cipher.ts';

/**
 * What an admin command works with while the platform runs: its own
 * connections from the server's configuration, and the same chained audit
 * trail the nodes append to (its checkpoints signed with the platform's key).
 * Changes are announced on the platform's Redis (REDIS_URL / sentinel), so
 * every node drops its cached copy at once; with the in-process store there
 * is nobody to tell, and a running node sees the change when its cache entry
 * expires (a minute at most: services/clients/client-registration-cache.ts).
 */
export async function connectToPlatform(config: Config) {
  const onError = (error: Error) => console.error(`存储连接错误 / storage connection error: ${error.message}`);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    postgres: { statementTimeoutMs: config.storageTimeouts.statementMs, onConnectionError: onError },
  });
  try {
    await migrateToLatest(database.db);
    const redis = config.redisSentinel ?? config.redisUrl;
    const pubSub = redis ? new RedisPubSub(redis, config.redisPrefix, { commandTimeoutMs: config.storageTimeouts.redisCommandMs, onError }) : new MemoryPubSub();
    const cipher = new PiiCipher(config.dataKeys, config.blindIndexKey);
    const signingKeyStore = new SqlSigningKeyStore(database.db);
    const signer = auditCheckpointSigner(await loadSigningKeys(signingKeyStore, cipher));
    const audit = new SqlAuditLog(database.db, database.dialect, { signer, everyEvents: config.audit.checkpointEvery, intervalMs: config.audit.checkpointIntervalMs, now: Date.now });
    const clients = await ClientRegistrationCache.create(new SqlClientRepository(database.db, cipher), pubSub);
    const registry = new ClientRegistry({ clients, audit, validateWithProvider: createClientMetadataValidator(config.issuer) });
    return {
      config,
      database,
      cipher,
      signingKeyStore,
      signer,
      audit,
      registry,
      async close() {
        await pubSub.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export type PlatformConnection = Awaited<ReturnType<typeof connectToPlatform>>;

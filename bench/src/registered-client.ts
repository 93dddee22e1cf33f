import { openDatabase } from '../../apps/idp/src/adapters/sql/database.ts';
import { SqlClientRepository } from '../../apps/idp/src/adapters/sql/sql-client-repository.ts';
import { loadConfig } from '../../apps/idp/src/config.ts';
import { PiiCipher } from '../../apps/idp/src/services/personal-data/pii-cipher.ts';

/**
 * Registers a copy of relying party `sourceId` under another id and secret,
 * with `metadata` added, in a running demo server's SQLite database, as an
 * operator would (there is no registration API): the secret encrypted with the
 * data key the server generated in `dataDir`. The server reads a client it has
 * not seen from the table at its first request.
 */
export async function registerCopyOfClient(dataDir: string, sourceId: string, copy: { clientId: string; clientSecret: string; clientName: string }, metadata: Record<string, unknown>) {
  const config = loadConfig({ UIA_MODE: 'demo', DATA_DIR: dataDir });
  const database = openDatabase({ dataDir: config.dataDir });
  try {
    const clients = new SqlClientRepository(database.db, new PiiCipher(config.dataKeys, config.blindIndexKey));
    const source = await clients.find(sourceId);
    if (!source) throw new Error(`no client ${sourceId} to copy`);
    await clients.upsert({ ...source, ...copy, metadata: { ...source.metadata, ...metadata } });
  } finally {
    await database.close();
  }
}

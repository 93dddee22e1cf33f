import { openDatabase } from '../../apps/idp/src/adapters/sql/database.ts';
import { SqlClientRepository } from '../../apps/idp/src/adapters/sql/sql-client-repository.ts';
import { loadConfig } from '../../apps/idp/src/config.ts';
import type { ClientRecord } from '../../apps/idp/src/ports/client-repository.ts';
import { PiiCipher } from '../../apps/idp/src/services/personal-data/pii-cipher.ts';

/**
 * Registers a relying party in a running demo server's SQLite database, as an
 * operator would (there is no registration API): its secret encrypted with
 * the data key the server generated in `dataDir`. The server reads a client it
 * has not seen from the table at its first request.
 */
export async function registerClient(dataDir: string, client: ClientRecord) {
  const config = loadConfig({ UIA_MODE: 'demo', DATA_DIR: dataDir });
  const database = openDatabase({ dataDir: config.dataDir });
  try {
    await new SqlClientRepository(database.db, new PiiCipher(config.dataKeys, config.blindIndexKey)).upsert(client);
  } finally {
    await database.close();
  }
}

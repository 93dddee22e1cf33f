import { exportJWK, generateKeyPair } from 'jose';
import type { SqlDatabase } from '../../src/adapters/sql/database.ts';
import { SqlAuditLog } from '../../src/adapters/sql/sql-audit-log.ts';
import { auditCheckpointSigner } from '../../src/oidc/audit-checkpoint-signer.ts';

/** The chained audit trail on a test database, its checkpoints signed with a key of the test's own. */
export async function testAuditTrail(database: SqlDatabase, now: () => number = Date.now): Promise<SqlAuditLog> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signer = auditCheckpointSigner([{ ...(await exportJWK(privateKey)), kid: 'test-audit', alg: 'ES256', use: 'sig' }]);
  return new SqlAuditLog(database.db, database.dialect, { signer, everyEvents: 1000, intervalMs: 3_600_000, now });
}

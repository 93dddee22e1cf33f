// `npm run admin -- audit verify [--archive <file>]` and
// `npm run admin -- audit archive --before <YYYY-MM-DD> --out <file.jsonl>`
// (docs/audit.md). Both open their own connection from the server's
// configuration, so they run while the platform does.
import { parseArgs } from 'node:util';
import { archiveAuditEvents, verifyAuditArchive } from '../../adapters/sql/audit/audit-archive.ts';
import { migrateToLatest, openDatabase } from '../../adapters/sql/database.ts';
import { SqlAuditLog } from '../../adapters/sql/sql-audit-log.ts';
import { SqlSigningKeyStore } from '../../adapters/sql/sql-signing-key-store.ts';
import { loadConfig, type Config } from '../../config.ts';
import { auditCheckpointSigner } from '../../oidc/audit-checkpoint-signer.ts';
import { loadSigningKeys } from '../../oidc/signing-keys.ts';
import { PiiCipher } from '../../services/personal-data/pii-cipher.ts';
import type { AdminCommand } from './admin-command.ts';

const USAGE = 'audit verify [--archive <file.jsonl>] | audit archive --before <YYYY-MM-DD> --out <file.jsonl>';

/** The newest moment an archive may cut at: the retention period before now. */
export function retentionCut(now: Date, retentionMonths: number): number {
  const cut = new Date(now);
  cut.setUTCMonth(cut.getUTCMonth() - retentionMonths);
  return cut.getTime();
}

async function withAuditStorage<T>(config: Config, use: (storage: { database: ReturnType<typeof openDatabase>; signer: ReturnType<typeof auditCheckpointSigner> }) => Promise<T>): Promise<T> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const signer = auditCheckpointSigner(await loadSigningKeys(new SqlSigningKeyStore(database.db), new PiiCipher(config.dataKeys, config.blindIndexKey)));
    return await use({ database, signer });
  } finally {
    await database.close();
  }
}

const print = (report: object) => console.log(JSON.stringify(report, null, 2));

export const auditCommand: AdminCommand = {
  usage: USAGE,
  async run(args) {
    const [action, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: { archive: { type: 'string' }, before: { type: 'string' }, out: { type: 'string' } } });
    const config = loadConfig();
    if (action === 'verify') {
      const report = await withAuditStorage(config, async ({ database, signer }) => {
        if (values.archive) return verifyAuditArchive(values.archive, signer);
        return new SqlAuditLog(database.db, database.dialect, { signer, everyEvents: config.audit.checkpointEvery, intervalMs: config.audit.checkpointIntervalMs, now: Date.now }).verify();
      });
      print(report);
      return report.ok ? 0 : 1;
    }
    if (action === 'archive') {
      const before = values.before ? Date.parse(values.before) : Number.NaN;
      if (Number.isNaN(before) || !values.out) {
        console.error(`用法 / usage: npm run admin -- ${USAGE}`);
        return 2;
      }
      const now = new Date();
      const cutAt = Math.min(before, retentionCut(now, config.audit.retentionMonths));
      const outcome = await withAuditStorage(config, ({ database, signer }) => archiveAuditEvents(database.db, signer, { cutAt, out: values.out!, now: now.getTime() }));
      print({ ...outcome, cutAt: new Date(cutAt).toISOString(), retentionMonths: config.audit.retentionMonths });
      return 'reason' in outcome && outcome.reason === 'chain-broken' ? 1 : 0;
    }
    console.error(`用法 / usage: npm run admin -- ${USAGE}`);
    return 2;
  },
};

// `npm run admin -- audit verify [--archive <file>]` and
// `npm run admin -- audit archive --before <YYYY-MM-DD> --out <file.jsonl>`
// (docs/audit.md). Both open their own connection from the server's
// configuration, so they run while the platform does.
import { parseArgs } from 'node:util';
import { archiveAuditEvents, verifyAuditArchive } from '../../adapters/sql/audit/audit-archive.ts';
import { AdminUsageError, withConnection, type AdminCommand } from './admin-command.ts';

const USAGE = [
  'npm run admin -- audit verify [--archive <file.jsonl>]              校验审计日志（或归档文件）的完整性，损坏时退出码 1',
  'npm run admin -- audit archive --before <YYYY-MM-DD> --out <file>   归档保留期之前的审计记录',
].join('\n');

/** The newest moment an archive may cut at: the retention period before now. */
function retentionCut(now: Date, retentionMonths: number): number {
  const cut = new Date(now);
  cut.setUTCMonth(cut.getUTCMonth() - retentionMonths);
  return cut.getTime();
}

export const auditCommand: AdminCommand = {
  usage: USAGE,
  async run(args, { connect, print }) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({ args: rest, options: { archive: { type: 'string' }, before: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true, strict: true });
    const show = (report: object) => print(JSON.stringify(report, null, 2));
    if (action === 'verify' && positionals.length === 0) {
      const archive = values.archive;
      const report: { ok: boolean } = await withConnection(connect, ({ audit, signer }): Promise<{ ok: boolean }> => (archive ? verifyAuditArchive(archive, signer) : audit.verify()));
      show(report);
      return report.ok ? 0 : 1;
    }
    const before = values.before ? Date.parse(values.before) : Number.NaN;
    if (action === 'archive' && positionals.length === 0 && !Number.isNaN(before) && values.out) {
      const out = values.out;
      return withConnection(connect, async ({ config, database, signer }) => {
        const now = new Date();
        const cutAt = Math.min(before, retentionCut(now, config.audit.retentionMonths));
        const outcome = await archiveAuditEvents(database.db, signer, { cutAt, out, now: now.getTime() });
        show({ ...outcome, cutAt: new Date(cutAt).toISOString(), retentionMonths: config.audit.retentionMonths });
        return 'reason' in outcome && outcome.reason === 'chain-broken' ? 1 : 0;
      });
    }
    throw new AdminUsageError(USAGE);
  },
};

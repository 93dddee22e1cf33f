import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../schema.ts';

/** The `prev_hash` of the first event ever appended. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of one audit row that its hash covers, as the table holds them: all but the chain's own. */
export type ChainedAuditFields = Omit<AuditEventsTable, 'seq' | 'prev_hash' | 'hash'>;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA-256 over a JSON array of every stored field in a fixed order: JSON keeps
 * null apart from the empty string and cannot be shifted by a separator
 * hidden in a value. `detail` and `changes` are hashed as the stored text.
 */
export function contentDigest(row: ChainedAuditFields): string {
  return sha256Hex(
    JSON.stringify([row.id, Number(row.at), row.type, row.outcome, row.account_id, row.client_id, row.ip, row.user_agent, row.detail, row.actor_account_id, row.actor_role, row.target, row.changes]),
  );
}

/**
 * The link: SHA-256 of `<prev hash>:<content digest>` (ASCII), so PostgreSQL
 * can compute it inside the append statement with its own sha256() while the
 * application computes the content digest (see docs/audit.md).
 */
export function linkHash(prevHash: string, digest: string): string {
  return sha256Hex(`${prevHash}:${digest}`);
}

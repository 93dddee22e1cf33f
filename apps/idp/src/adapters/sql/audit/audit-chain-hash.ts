import { createHash } from 'node:crypto';

/** The `prev_hash` of the first event ever appended. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of one audit row that its hash covers, as the table holds them. */
export interface ChainedAuditFields {
  id: string;
  at: number;
  type: string;
  outcome: string;
  account_id: string | null;
  client_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
  actor_account_id: string | null;
  actor_role: string | null;
  target: string | null;
  changes: string | null;
}

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

import { sql, type Kysely } from 'kysely';
import { PII_CONTEXT } from '../../services/accounts/account-profile.ts';
import type { PiiCipher } from '../../services/personal-data/pii-cipher.ts';
import { SIGNING_KEY_CONTEXT } from '../../oidc/signing-keys.ts';
import { clientSecretContext } from './sql-client-repository.ts';
import type { Database } from './schema.ts';

/**
 * Every column the PII cipher writes, with its primary key and the context
 * each value was bound to. A new encrypted column must be added here, or a
 * key rotation leaves it on the old key (and dropping that key makes it unreadable).
 */
const ENCRYPTED_COLUMNS: { table: keyof Database; primaryKey: string; columns: { name: string; context: (id: string) => string }[] }[] = [
  {
    table: 'accounts',
    primaryKey: 'id',
    columns: [
      { name: 'name_cipher', context: () => PII_CONTEXT.name },
      { name: 'id_number_cipher', context: () => PII_CONTEXT.idNumber },
      { name: 'phone_cipher', context: () => PII_CONTEXT.phone },
    ],
  },
  { table: 'clients', primaryKey: 'client_id', columns: [{ name: 'secret_cipher', context: clientSecretContext }] },
  { table: 'signing_keys', primaryKey: 'kid', columns: [{ name: 'private_jwk_cipher', context: () => SIGNING_KEY_CONTEXT }] },
];

export interface RotationProgress {
  table: string;
  /** Rows of this table looked at so far, and how many of them had a value re-encrypted. */
  checked: number;
  reEncrypted: number;
}

export interface RotationOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** Stop after this many batches (all tables together); undefined: run to the end. */
  maxBatches?: number | undefined;
  /** Asked before each batch: true stops the run (Ctrl-C) after the batch in flight committed. */
  shouldStop?: () => boolean;
  onBatch?: (progress: RotationProgress) => void;
}

export interface RotationResult {
  tables: RotationProgress[];
  reEncrypted: number;
  /** False when the run stopped early (max batches, Ctrl-C): a rerun carries on. */
  complete: boolean;
}

/**
 * Re-encrypts every value written under an older key of the ring with the
 * current (first) key, table by table in primary-key order, one transaction
 * per batch. Idempotent: values already on the current key are left alone,
 * so a stopped run is resumed by running it again. Safe beside running nodes
 * that hold the same ring (they read both keys); each row is only overwritten
 * if it still holds the value that was read, so a concurrent change (a new
 * phone) is never replaced by the older value.
 */
export async function rotatePiiKey(db: Kysely<Database>, cipher: PiiCipher, options: RotationOptions): Promise<RotationResult> {
  const tables: RotationProgress[] = [];
  let batches = 0;
  const result = (complete: boolean): RotationResult => ({ tables, reEncrypted: tables.reduce((sum, table) => sum + table.reEncrypted, 0), complete });
  for (const spec of ENCRYPTED_COLUMNS) {
    const progress: RotationProgress = { table: spec.table, checked: 0, reEncrypted: 0 };
    tables.push(progress);
    let after: string | null = null;
    for (;;) {
      if ((options.maxBatches !== undefined && batches >= options.maxBatches) || options.shouldStop?.()) {
        return result(false);
      }
      const lastId: string | null = await db.transaction().execute(async (trx) => {
        const rows = await readBatch(
          trx,
          spec.table,
          spec.primaryKey,
          spec.columns.map((c) => c.name),
          after,
          options.batchSize,
        );
        for (const row of rows) {
          const id = String(row[spec.primaryKey]);
          let changed = false;
          for (const column of spec.columns) {
            const envelope = row[column.name];
            if (typeof envelope !== 'string' || cipher.isOnCurrentKey(envelope)) continue;
            const context = column.context(id);
            const next = cipher.encrypt(decryptOrExplain(cipher, envelope, context, `${spec.table}.${column.name} of ${spec.primaryKey}=${id}`), context);
            const { numAffectedRows } =
              await sql`update ${sql.table(spec.table)} set ${sql.ref(column.name)} = ${next} where ${sql.ref(spec.primaryKey)} = ${id} and ${sql.ref(column.name)} = ${envelope}`.execute(trx);
            // 0 rows: the value changed since it was read, and was written with the current key then.
            if (numAffectedRows !== undefined && numAffectedRows > 0n) changed = true;
          }
          if (changed) progress.reEncrypted += 1;
        }
        progress.checked += rows.length;
        return rows.length === 0 ? null : String(rows[rows.length - 1]![spec.primaryKey]);
      });
      if (lastId === null) break;
      batches += 1;
      after = lastId;
      options.onBatch?.({ ...progress });
    }
  }
  return result(true);
}

async function readBatch(db: Kysely<Database>, table: string, primaryKey: string, columns: string[], after: string | null, limit: number) {
  const selected = sql.join([primaryKey, ...columns].map((name) => sql.ref(name)));
  const where = after === null ? sql`` : sql`where ${sql.ref(primaryKey)} > ${after}`;
  const { rows } = await sql<Record<string, unknown>>`select ${selected} from ${sql.table(table)} ${where} order by ${sql.ref(primaryKey)} limit ${limit}`.execute(db);
  return rows;
}

/** Names the row and the key id it needs (never its content) when a value cannot be read. */
function decryptOrExplain(cipher: PiiCipher, envelope: string, context: string, where: string): string {
  try {
    return cipher.decrypt(envelope, context);
  } catch {
    throw new Error(
      `无法解密 ${where}（密钥 "${envelope.split('.')[1] ?? ''}"），请把该密钥留在 UIA_DATA_KEYS 中 / cannot decrypt ${where} (key id "${envelope.split('.')[1] ?? ''}"): keep that key in UIA_DATA_KEYS`,
    );
  }
}

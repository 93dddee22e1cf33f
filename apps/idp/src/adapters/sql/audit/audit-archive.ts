import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Kysely, Selectable } from 'kysely';
import type { AuditCheckpointSigner, AuditVerification } from '../../../ports/audit-log.ts';
import type { AuditEventsTable, Database } from '../schema.ts';
import { contentDigest, GENESIS_HASH, linkHash } from './audit-chain-hash.ts';
import { verifyAuditChain } from './audit-chain-verifier.ts';

const BATCH = 1000;

/** First line of an archive file: where its part of the chain starts. */
interface ArchiveHeader {
  archive: 'uia-audit-events';
  fromSeq: number;
  prevHash: string;
}

/** Last line: the signed anchor the database keeps in place of the archived rows. */
interface ArchiveAnchorLine {
  anchor: string;
}

export type ArchiveOutcome =
  | { archived: number; fromSeq: number; throughSeq: number; hash: string }
  | { archived: 0; reason: 'nothing-older-than-cut' }
  | { archived: 0; reason: 'chain-broken'; verification: AuditVerification };

/**
 * Moves the events older than `cutAt` — the longest run of the chain's
 * oldest events all older than it — to a JSON Lines file, then, in one
 * transaction, stores a signed anchor (the last archived seq and hash) and
 * deletes the archived rows and their checkpoints: the append-only triggers
 * let a DELETE through only for rows an anchor covers. The live chain then
 * verifies from the anchor; the file verifies on its own (verifyAuditArchive).
 * A broken chain is not archived: the evidence stays where it was found.
 */
export async function archiveAuditEvents(db: Kysely<Database>, signer: AuditCheckpointSigner, options: { cutAt: number; out: string; now: number }): Promise<ArchiveOutcome> {
  const verification = await verifyAuditChain(db, signer);
  if (!verification.ok) return { archived: 0, reason: 'chain-broken', verification };
  const fromSeq = verification.archivedThroughSeq + 1;
  const firstKept = await db.selectFrom('audit_events').select('seq').where('at', '>=', options.cutAt).orderBy('seq').limit(1).executeTakeFirst();
  const throughSeq = firstKept ? Number(firstKept.seq) - 1 : verification.lastSeq;
  if (throughSeq < fromSeq) return { archived: 0, reason: 'nothing-older-than-cut' };

  const first = await db.selectFrom('audit_events').select('prev_hash').where('seq', '=', fromSeq).executeTakeFirstOrThrow();
  const file = createWriteStream(options.out, { flags: 'wx' });
  const write = async (line: object) => {
    if (!file.write(`${JSON.stringify(line)}\n`)) await once(file, 'drain');
  };
  await write({ archive: 'uia-audit-events', fromSeq, prevHash: first.prev_hash } satisfies ArchiveHeader);
  let hash = first.prev_hash;
  for (let next = fromSeq; next <= throughSeq;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', next).where('seq', '<=', throughSeq).orderBy('seq').limit(BATCH).execute();
    for (const row of rows) await write(row);
    hash = rows[rows.length - 1]!.hash;
    next = Number(rows[rows.length - 1]!.seq) + 1;
  }
  const jws = await signer.sign({ kind: 'anchor', seq: throughSeq, hash, at: options.now });
  await write({ anchor: jws } satisfies ArchiveAnchorLine);
  file.end();
  await once(file, 'close');

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('audit_anchors').values({ seq: throughSeq, hash, at: options.now, jws }).execute();
    await trx.deleteFrom('audit_checkpoints').where('seq', '<=', throughSeq).execute();
    await trx.deleteFrom('audit_events').where('seq', '<=', throughSeq).execute();
  });
  return { archived: throughSeq - fromSeq + 1, fromSeq, throughSeq, hash };
}

export type ArchiveVerification =
  | { ok: true; fromSeq: number; throughSeq: number; checked: number }
  | { ok: false; checked: number; firstBrokenSeq: number | null; reason: 'not-an-archive' | 'edited' | 'missing' | 'reordered' | 'bad-anchor-signature' };

/** Re-walks an archive file's chain from its header to its signed anchor, one line at a time. */
export async function verifyAuditArchive(path: string, signer: AuditCheckpointSigner): Promise<ArchiveVerification> {
  let header: ArchiveHeader | null = null;
  let expectedSeq = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (firstBrokenSeq: number | null, reason: Extract<ArchiveVerification, { ok: false }>['reason']): ArchiveVerification => ({ ok: false, checked, firstBrokenSeq, reason });
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    const entry = JSON.parse(line) as Partial<ArchiveHeader & ArchiveAnchorLine & Selectable<AuditEventsTable>>;
    if (!header) {
      if (entry.archive !== 'uia-audit-events' || typeof entry.fromSeq !== 'number' || typeof entry.prevHash !== 'string') return broken(null, 'not-an-archive');
      header = entry as ArchiveHeader;
      expectedSeq = header.fromSeq;
      prevHash = header.prevHash;
      continue;
    }
    if (typeof entry.anchor === 'string') {
      const claims = await signer.verify(entry.anchor);
      const ok = claims?.kind === 'anchor' && claims.seq === expectedSeq - 1 && claims.hash === prevHash;
      return ok ? { ok: true, fromSeq: header.fromSeq, throughSeq: expectedSeq - 1, checked } : broken(expectedSeq - 1, 'bad-anchor-signature');
    }
    const row = entry as Selectable<AuditEventsTable>;
    if (Number(row.seq) !== expectedSeq) return broken(expectedSeq, Number(row.seq) > expectedSeq ? 'missing' : 'reordered');
    if (linkHash(row.prev_hash, contentDigest(row)) !== row.hash) return broken(expectedSeq, 'edited');
    if (row.prev_hash !== prevHash) return broken(expectedSeq, 'missing');
    prevHash = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  // No anchor line: the file was cut short, so its end cannot be vouched for.
  return broken(header ? expectedSeq : null, header ? 'missing' : 'not-an-archive');
}

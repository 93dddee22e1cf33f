import type { Kysely, Selectable } from 'kysely';
import type { AuditChainBreak, AuditCheckpointSigner, AuditVerification } from '../../../ports/audit-log.ts';
import type { AuditCheckpointsTable, Database } from '../schema.ts';
import { contentDigest, GENESIS_HASH, linkHash } from './audit-chain-hash.ts';

/** Rows read per query: verifying a million events holds one batch at a time. */
const BATCH = 1000;

/**
 * Walks the chain in seq order and stops at the first break: a seq absent, a
 * row whose content no longer gives its hash, a row not linked to the one
 * before it, a checkpoint whose signature or hash does not hold, or a chain
 * shorter than its head or its newest checkpoint says. After an archiving,
 * the chain starts where the newest signed anchor says.
 */
export async function verifyAuditChain(db: Kysely<Database>, signer: AuditCheckpointSigner): Promise<AuditVerification> {
  const anchor = await db.selectFrom('audit_anchors').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const anchored = anchor ? await signer.verify(anchor.jws) : null;
  if (anchor && (anchored?.kind !== 'anchor' || anchored.seq !== Number(anchor.seq))) {
    return { ok: false, checked: 0, firstBrokenSeq: Number(anchor.seq), reason: 'bad-checkpoint-signature' };
  }
  const start = anchored ? { seq: anchored.seq + 1, prevHash: anchored.hash } : { seq: 1, prevHash: GENESIS_HASH };
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().where('seq', '>=', start.seq).orderBy('seq').execute();
  let nextCheckpoint = 0;
  let checked = 0;
  let expectedSeq = start.seq;
  let prevHash = start.prevHash;
  const broken = (firstBrokenSeq: number, reason: AuditChainBreak): AuditVerification => ({ ok: false, checked, firstBrokenSeq, reason });

  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(BATCH).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(expectedSeq, 'missing');
      if (linkHash(row.prev_hash, contentDigest(row)) !== row.hash) return broken(seq, 'edited');
      if (row.prev_hash !== prevHash) return broken(seq, await whereThePredecessorWent(db, row.prev_hash));
      for (; nextCheckpoint < checkpoints.length && Number(checkpoints[nextCheckpoint]!.seq) === seq; nextCheckpoint += 1) {
        const problem = await checkpointProblem(signer, checkpoints[nextCheckpoint]!, row.hash);
        if (problem) return broken(seq, problem);
      }
      checked += 1;
      expectedSeq = seq + 1;
      prevHash = row.hash;
    }
    if (rows.length < BATCH) break;
  }

  // Events cut off the end leave no gap inside the chain; the head and the checkpoints still name them.
  const head = await db.selectFrom('audit_chain_head').select('seq').where('id', '=', 1).executeTakeFirst();
  const lastSeq = expectedSeq - 1;
  if (nextCheckpoint < checkpoints.length) {
    const beyond = checkpoints[nextCheckpoint]!;
    return broken(lastSeq + 1, (await signer.verify(beyond.jws))?.kind === 'checkpoint' ? 'missing' : 'bad-checkpoint-signature');
  }
  if (head && Number(head.seq) > lastSeq) return broken(lastSeq + 1, 'missing');
  return { ok: true, checked, checkpoints: checkpoints.length, lastSeq, archivedThroughSeq: start.seq - 1 };
}

async function checkpointProblem(signer: AuditCheckpointSigner, checkpoint: Selectable<AuditCheckpointsTable>, hash: string): Promise<AuditChainBreak | null> {
  const claims = await signer.verify(checkpoint.jws);
  if (claims?.kind !== 'checkpoint' || claims.seq !== Number(checkpoint.seq)) return 'bad-checkpoint-signature';
  return claims.hash === hash ? null : 'checkpoint-mismatch';
}

/** A row whose predecessor hash is another stored row's was moved; one whose predecessor is nowhere lost it. */
async function whereThePredecessorWent(db: Kysely<Database>, prevHash: string): Promise<AuditChainBreak> {
  const elsewhere = await db.selectFrom('audit_events').select('seq').where('hash', '=', prevHash).executeTakeFirst();
  return elsewhere ? 'reordered' : 'missing';
}

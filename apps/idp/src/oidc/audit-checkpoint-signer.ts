import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { AuditCheckpoint, AuditCheckpointSigner } from '../ports/audit-log.ts';

/** Its own `typ`, so a checkpoint can never pass for an ID token or any other JWT of the platform. */
export const AUDIT_CHECKPOINT_TYP = 'uia-audit-checkpoint+jws';
const SIGNING_ALG = 'ES256';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/**
 * Checkpoints are signed with the platform's own ES256 signing key (the
 * database holds it only encrypted under the data key, which lives in the
 * environment, not the database) and verified against every key the platform
 * still holds, so checkpoints signed before a key rotation keep verifying.
 */
export function auditCheckpointSigner(signingKeys: JWK[]): AuditCheckpointSigner {
  const active = signingKeys.find((key) => key.alg === SIGNING_ALG);
  if (!active?.kid) throw new Error(`no ${SIGNING_ALG} signing key for audit checkpoints`);
  const publicKeys = new Map(signingKeys.map((key) => [key.kid, Object.fromEntries(Object.entries(key).filter(([name]) => !(PRIVATE_MEMBERS as readonly string[]).includes(name))) as JWK]));
  const encoder = new TextEncoder();
  return {
    async sign(checkpoint: AuditCheckpoint) {
      const payload = encoder.encode(JSON.stringify({ kind: checkpoint.kind, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at }));
      return new CompactSign(payload).setProtectedHeader({ alg: SIGNING_ALG, kid: active.kid!, typ: AUDIT_CHECKPOINT_TYP }).sign(await importJWK(active, SIGNING_ALG));
    },
    async verify(jws: string) {
      try {
        const header = decodeProtectedHeader(jws);
        const key = header.kid ? publicKeys.get(header.kid) : undefined;
        if (!key || header.typ !== AUDIT_CHECKPOINT_TYP || !key.alg) return null;
        const { payload } = await compactVerify(jws, await importJWK(key, key.alg), { algorithms: [key.alg] });
        const claims = JSON.parse(new TextDecoder().decode(payload)) as AuditCheckpoint;
        return (claims.kind === 'checkpoint' || claims.kind === 'anchor') && typeof claims.seq === 'number' && typeof claims.hash === 'string' && typeof claims.at === 'number' ? claims : null;
      } catch {
        return null;
      }
    },
  };
}

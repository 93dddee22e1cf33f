import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { AuditEvent, AuditLog } from '../ports/audit-log.ts';
import type { SigningKeyStore } from '../ports/signing-key-store.ts';
import { AUDIT_EVENT_TYPES } from '../services/audit-event-types.ts';
import type { PiiCipher } from '../services/personal-data/pii-cipher.ts';

/**
 * The algorithms the platform holds a key for and signs ID tokens with, the
 * default first: RS256 is what a relying party gets unless it registered
 * `id_token_signed_response_alg` (OpenID Connect requires it as the default);
 * ES256 signs several times cheaper and its tokens are smaller.
 */
export const SIGNING_ALGS = ['RS256', 'ES256'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** The cipher context of a stored private key (also read by the PII key rotation). */
export const SIGNING_KEY_CONTEXT = 'signing_keys.private_jwk';

/** A new key for `alg`, stored encrypted. It becomes that algorithm's active key at the next start. */
export async function addSigningKey(store: SigningKeyStore, cipher: PiiCipher, alg: SigningAlg): Promise<string> {
  const { privateKey } = await generateKeyPair(alg, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  await store.add({ kid, alg, privateJwkCipher: cipher.encrypt(JSON.stringify({ ...jwk, kid, alg, use: 'sig' }), SIGNING_KEY_CONTEXT), createdAt: Date.now() });
  return kid;
}

/** Who rotated the keys: the CLI on the server, or an administrator in the console. */
export type SigningKeyRotationOrigin = { via: 'cli' } | { via: 'console'; actor: NonNullable<AuditEvent['actor']> };

/** keys:rotate: a new key for every algorithm, so none keeps signing with an old one; audited with the new key ids. */
export async function rotateSigningKeys(store: SigningKeyStore, cipher: PiiCipher, audit: AuditLog, origin: SigningKeyRotationOrigin): Promise<string[]> {
  const kids: string[] = [];
  for (const alg of SIGNING_ALGS) kids.push(await addSigningKey(store, cipher, alg));
  await audit.append({
    type: AUDIT_EVENT_TYPES.signingKeyRotate,
    outcome: 'success',
    actor: origin.via === 'console' ? origin.actor : null,
    target: kids.join(' '),
    detail: { via: origin.via, algs: SIGNING_ALGS.join(' '), kids: kids.join(' ') },
  });
  return kids;
}

/**
 * The provider's JWKS: by algorithm in SIGNING_ALGS order, each newest
 * (active: oidc-provider signs with the first key of an algorithm) first;
 * older keys stay published so tokens signed before a rotation still verify.
 * An algorithm without a key gets one — all of them on first start, ES256 on
 * the first start of a platform that had RS256 only.
 */
export async function loadSigningKeys(store: SigningKeyStore, cipher: PiiCipher): Promise<JWK[]> {
  let records = await store.list();
  const missing = SIGNING_ALGS.filter((alg) => !records.some((record) => record.alg === alg));
  if (missing.length > 0) {
    for (const alg of missing) await addSigningKey(store, cipher, alg);
    records = await store.list();
  }
  const rank = (alg: string) => SIGNING_ALGS.indexOf(alg as SigningAlg);
  // Array.sort is stable: within an algorithm the store's newest-first order stays.
  return records.sort((a, b) => rank(a.alg) - rank(b.alg)).map((record) => JSON.parse(cipher.decrypt(record.privateJwkCipher, SIGNING_KEY_CONTEXT)) as JWK);
}

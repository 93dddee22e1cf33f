import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SigningKeyStore } from '../ports/signing-key-store.ts';
import type { PiiCipher } from '../services/personal-data/pii-cipher.ts';

export const SIGNING_ALG = 'RS256';
/** The cipher context of a stored private key (also read by the PII key rotation). */
export const SIGNING_KEY_CONTEXT = 'signing_keys.private_jwk';

/** A new RS256 key, stored encrypted. It becomes the active key at the next start. */
export async function addSigningKey(store: SigningKeyStore, cipher: PiiCipher): Promise<string> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  await store.add({ kid, alg: SIGNING_ALG, privateJwkCipher: cipher.encrypt(JSON.stringify({ ...jwk, kid, alg: SIGNING_ALG, use: 'sig' }), SIGNING_KEY_CONTEXT), createdAt: Date.now() });
  return kid;
}

/**
 * The provider's JWKS, newest (active) first; older keys stay published so
 * tokens signed before a rotation still verify. Generated on first start.
 */
export async function loadSigningKeys(store: SigningKeyStore, cipher: PiiCipher): Promise<JWK[]> {
  let records = await store.list();
  if (records.length === 0) {
    await addSigningKey(store, cipher);
    records = await store.list();
  }
  return records.map((record) => JSON.parse(cipher.decrypt(record.privateJwkCipher, SIGNING_KEY_CONTEXT)) as JWK);
}

import type { Kysely } from 'kysely';
import type { SigningKeyRecord, SigningKeyStore } from '../../ports/signing-key-store.ts';
import type { Database } from './schema.ts';

export class SqlSigningKeyStore implements SigningKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<SigningKeyRecord[]> {
    const rows = await this.db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((row) => ({ kid: row.kid, alg: row.alg, privateJwkCipher: row.private_jwk_cipher, createdAt: Number(row.created_at) }));
  }

  async add(key: SigningKeyRecord) {
    await this.db.insertInto('signing_keys').values({ kid: key.kid, alg: key.alg, private_jwk_cipher: key.privateJwkCipher, created_at: key.createdAt }).execute();
  }
}

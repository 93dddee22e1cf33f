import type { Kysely } from 'kysely';
import type { ClientChanges, ClientRecord, ClientRepository } from '../../ports/client-repository.ts';
import type { Database } from './schema.ts';

/** The cipher context of a client's secret: bound to the client, so a secret copied to another client's row does not decrypt. */
export function clientSecretContext(clientId: string) {
  return `clients.secret:${clientId}`;
}

/** Client secrets are needed in clear by oidc-provider, so they are stored encrypted, not hashed. */
export class SqlClientRepository implements ClientRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secrets: { encrypt(plain: string, context: string): string; decrypt(cipher: string, context: string): string },
  ) {}

  async find(clientId: string): Promise<ClientRecord | null> {
    const row = await this.db.selectFrom('clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    if (!row) return null;
    return {
      clientId: row.client_id,
      clientName: row.client_name,
      clientSecret: row.secret_cipher ? this.secrets.decrypt(row.secret_cipher, clientSecretContext(row.client_id)) : null,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      enabled: Number(row.enabled) === 1,
    };
  }

  async listServices() {
    const rows = await this.db.selectFrom('clients').select(['client_id', 'client_name']).where('enabled', '=', 1).orderBy('client_name').execute();
    return rows.map((row) => ({ clientId: row.client_id, clientName: row.client_name }));
  }

  async list() {
    const rows = await this.db.selectFrom('clients').select(['client_id', 'client_name', 'metadata', 'enabled']).orderBy('client_name').orderBy('client_id').execute();
    return rows.map((row) => ({
      clientId: row.client_id,
      clientName: row.client_name,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      enabled: Number(row.enabled) === 1,
    }));
  }

  async delete(clientId: string) {
    const result = await this.db.deleteFrom('clients').where('client_id', '=', clientId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async upsert(client: ClientRecord) {
    const now = Date.now();
    const values = {
      client_name: client.clientName,
      secret_cipher: this.secretCipher(client.clientId, client.clientSecret),
      metadata: JSON.stringify(client.metadata),
      enabled: client.enabled ? 1 : 0,
      updated_at: now,
    };
    await this.db
      .insertInto('clients')
      .values({ client_id: client.clientId, created_at: now, ...values })
      .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
      .execute();
  }

  async change(clientId: string, changes: ClientChanges) {
    const result = await this.db
      .updateTable('clients')
      .set({ ...this.columns(clientId, changes), updated_at: Date.now() })
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The columns of the given fields only. */
  private columns(clientId: string, fields: ClientChanges) {
    return {
      ...(fields.clientName !== undefined ? { client_name: fields.clientName } : {}),
      ...(fields.clientSecret !== undefined ? { secret_cipher: this.secretCipher(clientId, fields.clientSecret) } : {}),
      ...(fields.metadata !== undefined ? { metadata: JSON.stringify(fields.metadata) } : {}),
      ...(fields.enabled !== undefined ? { enabled: fields.enabled ? 1 : 0 } : {}),
    };
  }

  private secretCipher(clientId: string, secret: string | null) {
    return secret ? this.secrets.encrypt(secret, clientSecretContext(clientId)) : null;
  }
}

import type { Kysely } from 'kysely';
import type { ClientRecord, ClientRepository } from '../../ports/client-repository.ts';
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
      secret_cipher: client.clientSecret ? this.secrets.encrypt(client.clientSecret, clientSecretContext(client.clientId)) : null,
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
}

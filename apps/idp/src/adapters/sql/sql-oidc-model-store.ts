import type { Kysely, Selectable } from 'kysely';
import type { OidcModelRecord, OidcModelStore } from '../../ports/oidc-model-store.ts';
import type { Database, OidcModelsTable } from './schema.ts';

function toRecord(row: Selectable<OidcModelsTable>): OidcModelRecord {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
  return {
    model: row.model,
    id: row.id,
    payload,
    grantId: row.grant_id,
    uid: row.uid,
    accountId: row.account_id,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

export class SqlOidcModelStore implements OidcModelStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(record: OidcModelRecord) {
    const values = {
      payload: JSON.stringify(record.payload),
      grant_id: record.grantId,
      uid: record.uid,
      account_id: record.accountId,
      expires_at: record.expiresAt,
      consumed_at: null,
    };
    await this.db
      .insertInto('oidc_models')
      .values({ model: record.model, id: record.id, ...values })
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values))
      .execute();
  }

  private live(model: string) {
    return this.db
      .selectFrom('oidc_models')
      .selectAll()
      .where('model', '=', model)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', Date.now())]));
  }

  async find(model: string, id: string) {
    const row = await this.live(model).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findByUid(model: string, uid: string) {
    const row = await this.live(model).where('uid', '=', uid).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findByAccount(model: string, accountId: string) {
    const rows = await this.live(model).where('account_id', '=', accountId).execute();
    return rows.map(toRecord);
  }

  async consume(model: string, id: string, at: number) {
    await this.db.updateTable('oidc_models').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).execute();
  }

  async destroy(model: string, id: string) {
    await this.db.deleteFrom('oidc_models').where('model', '=', model).where('id', '=', id).execute();
  }

  async revokeByGrantId(grantId: string) {
    await this.db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
  }

  async deleteExpired(now: number) {
    const result = await this.db.deleteFrom('oidc_models').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

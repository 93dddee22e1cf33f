import type { Kysely, Selectable } from 'kysely';
import type { AssuranceLevel } from '../../ports/account-repository.ts';
import type { AppSessionRepository, StoredAppSession } from '../../ports/app-session-repository.ts';
import type { AppSessionsTable, Database } from './schema.ts';

function toSession(row: Selectable<AppSessionsTable>): StoredAppSession {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    accountId: row.account_id,
    acr: row.acr as AssuranceLevel,
    amr: JSON.parse(row.amr) as string[],
    device: row.device,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export class SqlAppSessionRepository implements AppSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(session: StoredAppSession) {
    await this.db
      .insertInto('app_sessions')
      .values({
        id: session.id,
        token_hash: session.tokenHash,
        account_id: session.accountId,
        acr: session.acr,
        amr: JSON.stringify(session.amr),
        device: session.device,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        revoked_at: session.revokedAt,
      })
      .execute();
  }

  async findByTokenHash(tokenHash: string) {
    const row = await this.db.selectFrom('app_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async listLive(accountId: string, now: number) {
    const rows = await this.db
      .selectFrom('app_sessions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('expires_at', '>', now)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toSession);
  }

  async revoke(id: string, accountId: string, now: number) {
    const result = await this.db
      .updateTable('app_sessions')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('expires_at', '>', now)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

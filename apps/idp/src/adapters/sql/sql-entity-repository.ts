import type { Kysely, Selectable } from 'kysely';
import { DuplicateEntityError, type EntityRepository, type StoredAgentGrant, type StoredEntity } from '../../ports/entity-repository.ts';
import { isUniqueViolation, violatedColumn } from './database.ts';
import type { Database, EntitiesTable, EntityAgentsTable } from './schema.ts';

function toEntity(row: Selectable<EntitiesTable>): StoredEntity {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    accountName: row.account_name,
    legalRepAccountId: row.legal_rep_account_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toGrant(row: Selectable<EntityAgentsTable>): StoredAgentGrant {
  return {
    id: row.id,
    entityId: row.entity_id,
    accountId: row.account_id,
    services: row.services === null ? null : (JSON.parse(row.services) as string[]),
    expiresAt: Number(row.expires_at),
    grantedBy: row.granted_by,
    grantedAt: Number(row.granted_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

export class SqlEntityRepository implements EntityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string) {
    const row = await this.db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntity(row) : null;
  }

  async findByUscc(uscc: string) {
    const row = await this.db.selectFrom('entities').selectAll().where('uscc', '=', uscc).executeTakeFirst();
    return row ? toEntity(row) : null;
  }

  async findByAccountName(accountName: string) {
    const row = await this.db.selectFrom('entities').selectAll().where('account_name', '=', accountName).executeTakeFirst();
    return row ? toEntity(row) : null;
  }

  async create(entity: StoredEntity) {
    try {
      await this.db
        .insertInto('entities')
        .values({
          id: entity.id,
          uscc: entity.uscc,
          name: entity.name,
          account_name: entity.accountName,
          legal_rep_account_id: entity.legalRepAccountId,
          created_at: entity.createdAt,
          updated_at: entity.updatedAt,
        })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new DuplicateEntityError(violatedColumn(error).includes('account_name') ? 'accountName' : 'uscc');
    }
  }

  async takeOver(id: string, accountId: string, now: number) {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('entities').set({ legal_rep_account_id: accountId, updated_at: now }).where('id', '=', id).execute();
      await trx.updateTable('entity_agents').set({ revoked_at: now, revoked_by: accountId }).where('entity_id', '=', id).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
    });
  }

  async listByRepresentative(accountId: string) {
    const rows = await this.db.selectFrom('entities').selectAll().where('legal_rep_account_id', '=', accountId).orderBy('created_at').execute();
    return rows.map(toEntity);
  }

  async standingGrant(entityId: string, accountId: string) {
    const row = await this.standing().where('entity_id', '=', entityId).where('account_id', '=', accountId).executeTakeFirst();
    return row ? toGrant(row) : null;
  }

  async listStandingGrants(entityId: string) {
    const rows = await this.standing().where('entity_id', '=', entityId).orderBy('granted_at', 'desc').execute();
    return rows.map(toGrant);
  }

  async listStandingGrantsOf(accountId: string) {
    const rows = await this.db
      .selectFrom('entity_agents')
      .innerJoin('entities', 'entities.id', 'entity_agents.entity_id')
      .selectAll('entity_agents')
      .select([
        'entities.uscc as e_uscc',
        'entities.name as e_name',
        'entities.account_name as e_account_name',
        'entities.legal_rep_account_id as e_legal_rep',
        'entities.created_at as e_created_at',
        'entities.updated_at as e_updated_at',
      ])
      .where('entity_agents.account_id', '=', accountId)
      .where('entity_agents.revoked_at', 'is', null)
      .orderBy('entity_agents.granted_at', 'desc')
      .execute();
    return rows.map((row) => ({
      grant: toGrant(row),
      entity: toEntity({
        id: row.entity_id,
        uscc: row.e_uscc,
        name: row.e_name,
        account_name: row.e_account_name,
        legal_rep_account_id: row.e_legal_rep,
        created_at: row.e_created_at,
        updated_at: row.e_updated_at,
      }),
    }));
  }

  async grant(grant: StoredAgentGrant, limits: { maxCurrent: number; now: number }) {
    return this.db
      .transaction()
      .execute(async (trx) => {
        // Touching the entity row first serialises concurrent grants (and takeovers) of one entity
        // on PostgreSQL (row lock until commit); SQLite has one writer anyway. The cap holds, and
        // only the current representative's grant goes in.
        const touched = await trx.updateTable('entities').set({ updated_at: limits.now }).where('id', '=', grant.entityId).where('legal_rep_account_id', '=', grant.grantedBy).executeTakeFirst();
        if (Number(touched.numUpdatedRows) !== 1) throw new GrantRefused('not_representative');
        await trx
          .updateTable('entity_agents')
          .set({ revoked_at: limits.now, revoked_by: grant.grantedBy })
          .where('entity_id', '=', grant.entityId)
          .where('account_id', '=', grant.accountId)
          .where('revoked_at', 'is', null)
          .execute();
        const { current } = await trx
          .selectFrom('entity_agents')
          .select((eb) => eb.fn.countAll<number>().as('current'))
          .where('entity_id', '=', grant.entityId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', limits.now)
          .executeTakeFirstOrThrow();
        // Nothing of a refused attempt may stay: the replaced grant stands again.
        if (Number(current) >= limits.maxCurrent) throw new GrantRefused('limit_reached');
        await trx
          .insertInto('entity_agents')
          .values({
            id: grant.id,
            entity_id: grant.entityId,
            account_id: grant.accountId,
            services: grant.services === null ? null : JSON.stringify(grant.services),
            expires_at: grant.expiresAt,
            granted_by: grant.grantedBy,
            granted_at: grant.grantedAt,
            revoked_at: null,
            revoked_by: null,
          })
          .execute();
        return 'granted' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof GrantRefused) return error.reason;
        throw error;
      });
  }

  async revoke(entityId: string, grantId: string, by: string, now: number) {
    const result = await this.db
      .updateTable('entity_agents')
      .set({ revoked_at: now, revoked_by: by })
      .where('id', '=', grantId)
      .where('entity_id', '=', entityId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private standing() {
    return this.db.selectFrom('entity_agents').selectAll().where('revoked_at', 'is', null);
  }
}

/** Rolls a grant's transaction back: the entity has its fill of agents, or the granter lost the entity. */
class GrantRefused extends Error {
  constructor(readonly reason: 'limit_reached' | 'not_representative') {
    super(reason);
  }
}

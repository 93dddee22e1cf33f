import { DuplicateEntityError, type EntityRepository, type StoredAgentGrant, type StoredEntity } from '../../src/ports/entity-repository.ts';

/**
 * The entity repository over in-memory rows, for unit tests: reads and writes
 * as the SQL one behaves, without its locking and without the agent cap.
 */
export function memoryEntityRepository(initialEntities: StoredEntity[] = [], initialGrants: StoredAgentGrant[] = []) {
  const entities: StoredEntity[] = initialEntities.map((entity) => ({ ...entity }));
  const grants: StoredAgentGrant[] = initialGrants.map((grant) => ({ ...grant }));
  const standing = () => grants.filter((grant) => grant.revokedAt === null);
  const repository: EntityRepository = {
    findById: async (id) => entities.find((entity) => entity.id === id) ?? null,
    findByUscc: async (uscc) => entities.find((entity) => entity.uscc === uscc) ?? null,
    findByAccountName: async (name) => entities.find((entity) => entity.accountName === name) ?? null,
    create: async (entity) => {
      if (entities.some((e) => e.uscc === entity.uscc)) throw new DuplicateEntityError('uscc');
      if (entity.accountName && entities.some((e) => e.accountName === entity.accountName)) throw new DuplicateEntityError('accountName');
      entities.push({ ...entity });
    },
    takeOver: async (id, accountId, now) => {
      const entity = entities.find((e) => e.id === id)!;
      entity.legalRepAccountId = accountId;
      entity.updatedAt = now;
      for (const grant of standing().filter((g) => g.entityId === id && g.accountId === accountId)) {
        grant.revokedAt = now;
        grant.revokedBy = accountId;
      }
    },
    listByRepresentative: async (accountId) => entities.filter((entity) => entity.legalRepAccountId === accountId),
    standingGrant: async (entityId, accountId) => standing().find((g) => g.entityId === entityId && g.accountId === accountId) ?? null,
    listStandingGrants: async (entityId) => standing().filter((g) => g.entityId === entityId),
    listStandingGrantsOf: async (accountId) =>
      standing()
        .filter((g) => g.accountId === accountId)
        .map((g) => ({ grant: g, entity: entities.find((e) => e.id === g.entityId)! })),
    grant: async (grant) => {
      grants.push({ ...grant });
      return 'granted';
    },
    revoke: async (entityId, grantId, by, now) => {
      const grant = standing().find((g) => g.entityId === entityId && g.id === grantId);
      if (!grant) return false;
      grant.revokedAt = now;
      grant.revokedBy = by;
      return true;
    },
  };
  return { repository, entities, grants };
}

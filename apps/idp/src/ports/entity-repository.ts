/** A legal entity registered on the platform. USCC and name are public business data, stored in clear. */
export interface StoredEntity {
  id: string;
  uscc: string;
  name: string;
  /** 单位账号: an optional login name for the entity (username rules), lower-case. */
  accountName: string | null;
  legalRepAccountId: string;
  createdAt: number;
  updatedAt: number;
}

/** An agent (经办人) grant. Never changed in place except to revoke it. */
export interface StoredAgentGrant {
  id: string;
  entityId: string;
  accountId: string;
  /** Client ids the agent may act in; null = all business. */
  services: string[] | null;
  expiresAt: number;
  grantedBy: string;
  grantedAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

export class DuplicateEntityError extends Error {
  constructor(readonly field: 'uscc' | 'accountName') {
    super(`duplicate entity ${field}`);
  }
}

export interface EntityRepository {
  findById(id: string): Promise<StoredEntity | null>;
  findByUscc(uscc: string): Promise<StoredEntity | null>;
  findByAccountName(accountName: string): Promise<StoredEntity | null>;
  /** Throws DuplicateEntityError when the USCC or account name is taken (also under races). */
  create(entity: StoredEntity): Promise<void>;
  /**
   * The registry names a new legal representative: in one transaction the
   * entity moves to them (serialised with `grant`) and a standing agent grant
   * of theirs on it is revoked (they act as representative now).
   */
  takeOver(id: string, accountId: string, now: number): Promise<void>;
  listByRepresentative(accountId: string): Promise<StoredEntity[]>;
  /** The person's unrevoked grant for the entity (possibly expired), or null. */
  standingGrant(entityId: string, accountId: string): Promise<StoredAgentGrant | null>;
  /** Unrevoked grants of an entity, newest first. */
  listStandingGrants(entityId: string): Promise<StoredAgentGrant[]>;
  /** Unrevoked grants held by a person, with their entities. */
  listStandingGrantsOf(accountId: string): Promise<{ grant: StoredAgentGrant; entity: StoredEntity }[]>;
  /**
   * In one transaction, serialised per entity: unless `grant.grantedBy` is no
   * longer the entity's legal representative (a takeover got there first),
   * revokes the person's standing grant (a re-grant replaces it), then
   * inserts `grant` unless the entity already has `maxCurrent` other current
   * (unrevoked, unexpired at `now`) grants. Writes nothing unless 'granted'.
   */
  grant(grant: StoredAgentGrant, limits: { maxCurrent: number; now: number }): Promise<'granted' | 'limit_reached' | 'not_representative'>;
  /** Stamps the grant revoked; false when it is not an unrevoked grant of that entity. */
  revoke(entityId: string, grantId: string, by: string, now: number): Promise<boolean>;
}

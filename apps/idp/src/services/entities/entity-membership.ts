import { validateUscc, validateUsername } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { EntityRepository, StoredAgentGrant, StoredEntity } from '../../ports/entity-repository.ts';
import type { RepresentativeCheck } from './representative-check.ts';

export type EntityRole = 'legal_representative' | 'agent';

/** A person's current standing with an entity. */
export interface EntityStanding {
  entity: StoredEntity;
  role: EntityRole;
  /** The agent's grant; null for the legal representative. */
  grant: StoredAgentGrant | null;
}

/** An agent's grant covers the service (`clientId`), or every service when it names none. */
function grantCovers(grant: StoredAgentGrant, clientId: string | null): boolean {
  return grant.services === null || (clientId !== null && grant.services.includes(clientId));
}

/**
 * Who may act for which entity, decided afresh at every use (login, SSO,
 * userinfo, refresh): the legal representative always; an agent while the
 * grant is unrevoked, unexpired and covers the service.
 */
export class EntityMembership {
  constructor(
    private readonly entities: EntityRepository,
    /** Asks the registry again about a representative at login (see representative-check.ts). */
    private readonly representatives: RepresentativeCheck,
  ) {}

  /** ENTITY_LOGIN_UNAVAILABLE when there is no business registry to say who represents an entity. */
  requireEntityServices(): void {
    this.representatives.requireEntityServices();
  }

  /**
   * What 统一社会信用代码/单位账号 names, without looking it up: a USCC, an
   * account name, or — for 18 letters and digits that fail GB 32100 — the
   * validation code, so a typo is told before the captcha and password are spent.
   */
  static parseReference(reference: string): { uscc: string } | { accountName: string | null } {
    const typed = reference.trim();
    const uscc = validateUscc(typed);
    if (uscc.ok) return { uscc: uscc.value };
    if (typed.length === 18 && /^[0-9A-Za-z]+$/.test(typed)) throw new AppError(uscc.reason, { field: 'entity' });
    const name = validateUsername(typed);
    return { accountName: name.ok ? name.value : null };
  }

  /** The entity behind 统一社会信用代码 or 单位账号, or ENTITY_NOT_FOUND. */
  async resolve(reference: string): Promise<StoredEntity> {
    const parsed = EntityMembership.parseReference(reference);
    if ('uscc' in parsed) return this.found(await this.entities.findByUscc(parsed.uscc));
    return this.found(parsed.accountName ? await this.entities.findByAccountName(parsed.accountName) : null);
  }

  /** The person's standing with the entity for the service, or the reason they have none. */
  async standing(entityId: string, personId: string, clientId: string | null, now: number): Promise<EntityStanding> {
    const entity = await this.entities.findById(entityId);
    if (!entity) throw new AppError('ENTITY_NOT_FOUND', { field: 'entity' });
    if (entity.legalRepAccountId === personId) return { entity, role: 'legal_representative', grant: null };
    const grant = await this.entities.standingGrant(entityId, personId);
    if (!grant) throw new AppError('ENTITY_NOT_AUTHORIZED');
    if (grant.expiresAt <= now) throw new AppError('ENTITY_GRANT_EXPIRED');
    if (!grantCovers(grant, clientId)) throw new AppError('ENTITY_SERVICE_NOT_GRANTED');
    return { entity, role: 'agent', grant };
  }

  /**
   * `standing` for a login (法人登录 by account, 确认登录 of a QR): a
   * representative must also still be the registry's. Every later use of the
   * login (SSO, refresh) checks `standing` only.
   */
  async standingAtLogin(entityId: string, personId: string, clientId: string | null, now: number): Promise<EntityStanding> {
    const standing = await this.standing(entityId, personId, clientId, now);
    if (standing.role === 'legal_representative' && !(await this.representatives.stillRepresents(standing.entity, personId))) {
      throw new AppError('ENTITY_NOT_AUTHORIZED');
    }
    return standing;
  }

  /** Every entity the person may act for now (for `clientId` only, when given). */
  async entitiesOf(personId: string, now: number, clientId?: string): Promise<EntityStanding[]> {
    const [represented, grants] = await Promise.all([this.entities.listByRepresentative(personId), this.entities.listStandingGrantsOf(personId)]);
    const asAgent = grants
      .filter(({ grant, entity }) => grant.expiresAt > now && entity.legalRepAccountId !== personId && (clientId === undefined || grantCovers(grant, clientId)))
      .map(({ grant, entity }): EntityStanding => ({ entity, role: 'agent', grant }));
    return [...represented.map((entity): EntityStanding => ({ entity, role: 'legal_representative', grant: null })), ...asAgent];
  }

  private found(entity: StoredEntity | null): StoredEntity {
    if (!entity) throw new AppError('ENTITY_NOT_FOUND', { field: 'entity' });
    return entity;
  }
}

import { randomUUID } from 'node:crypto';
import { validateUscc, validateUsername } from '@uia/validators';
import type { RegisterEntityRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { BusinessRegistry, RegisteredEntity } from '../../ports/business-registry.ts';
import { DuplicateEntityError, type EntityRepository, type StoredEntity } from '../../ports/entity-repository.ts';
import type { SessionTerminator } from '../../ports/session-terminator.ts';
import { meetsLevel, readAccountProfile } from '../accounts/account-profile.ts';
import { auditedStep } from '../audited-step.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RATE_LIMITS, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { entityAccountId } from './acting-principal.ts';
import type { EntityRequestContext } from './entity-types.ts';
import type { RepresentativeCheck } from './representative-check.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** Names compare as the licence prints them: half- and full-width brackets alike, spaces ignored. */
function comparableName(name: string): string {
  return name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/**
 * 注册单位: a real-name person declares to be an entity's legal
 * representative; the BusinessRegistry decides. When the registry names a
 * new representative for an entity already registered, that person's
 * registration moves the entity to them.
 */
export class EntityRegistration {
  constructor(
    private readonly deps: {
      entities: EntityRepository;
      accounts: AccountRepository;
      cipher: PiiCipher;
      /** Null: no business registry, 注册单位 answers ENTITY_LOGIN_UNAVAILABLE. */
      registry: BusinessRegistry | null;
      /** Told the registry's fresh answer, so its cache agrees with a takeover at once. */
      representatives: RepresentativeCheck;
      /** A takeover logs the predecessor's entity logins out of the services (back-channel logout). */
      sessions: SessionTerminator;
      rateLimiter: RateLimiter;
      audit: AuditLog;
      now?: () => number;
    },
  ) {}

  async register(personId: string, input: RegisterEntityRequest, context: EntityRequestContext): Promise<StoredEntity> {
    const { registry } = this.deps;
    if (!registry) throw new AppError('ENTITY_LOGIN_UNAVAILABLE');
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.entityRegistered, ...context }, async (note) => {
      note.accountId = personId;
      // Each attempt asks the registry who represents a company: bounded per person.
      await this.deps.rateLimiter.hit(RATE_LIMITS.entityRegistrationsPerAccount, personId);
      const uscc = validateUscc(input.uscc);
      if (!uscc.ok) throw new AppError(uscc.reason, { field: 'uscc' });
      note.detail = { uscc: uscc.value };
      const accountName = this.accountName(input.accountName);
      const person = await this.realNamePerson(personId);
      const registered = await this.lookup(registry, uscc.value);
      await this.deps.representatives.remember(uscc.value, registered, person);
      if (comparableName(registered.name) !== comparableName(input.name)) throw new AppError('ENTITY_NAME_MISMATCH', { field: 'name' });
      const representative = registered.legalRepresentative;
      if (representative.idType !== person.idType || !representative.hasIdNumber(person.idNumber) || representative.name !== person.name) {
        throw new AppError('ENTITY_NOT_LEGAL_REPRESENTATIVE');
      }
      const now = (this.deps.now ?? Date.now)();
      const existing = await this.deps.entities.findByUscc(uscc.value);
      if (existing) {
        if (existing.legalRepAccountId === personId) throw new AppError('ENTITY_ALREADY_REGISTERED', { field: 'uscc' });
        // The predecessor's entity logins end with the takeover (findAccount finds no standing); their services hear it.
        const predecessor = entityAccountId(existing.id, existing.legalRepAccountId);
        const signedIn = (await this.deps.sessions.signedInServices(existing.legalRepAccountId)).filter((service) => service.sub === predecessor);
        await this.deps.entities.takeOver(existing.id, personId, now);
        await this.deps.sessions.announceSignedOut(signedIn);
        note.detail = { uscc: uscc.value, entityId: existing.id, representativeChanged: true };
        return { ...existing, legalRepAccountId: personId, updatedAt: now };
      }
      const entity: StoredEntity = {
        id: randomUUID(),
        uscc: uscc.value,
        name: registered.name,
        accountName,
        legalRepAccountId: personId,
        createdAt: now,
        updatedAt: now,
      };
      await this.deps.entities.create(entity).catch((error: unknown) => {
        if (!(error instanceof DuplicateEntityError)) throw error;
        throw error.field === 'accountName' ? new AppError('ENTITY_ACCOUNT_NAME_TAKEN', { field: 'accountName' }) : new AppError('ENTITY_ALREADY_REGISTERED', { field: 'uscc' });
      });
      note.detail = { uscc: uscc.value, entityId: entity.id };
      return entity;
    });
  }

  private accountName(raw: string | undefined): string | null {
    if (raw === undefined || raw.trim() === '') return null;
    const name = validateUsername(raw);
    if (!name.ok) throw new AppError(name.reason, { field: 'accountName' });
    // 法人登录 reads 18 letters and digits as a 统一社会信用代码 (EntityMembership.parseReference):
    // such an account name could never log in.
    if (/^[0-9a-z]{18}$/.test(name.value)) throw new AppError('USERNAME_LOOKS_LIKE_IDENTIFIER', { field: 'accountName' });
    return name.value;
  }

  private async realNamePerson(personId: string) {
    const account = await this.deps.accounts.findById(personId);
    if (!account || account.status !== 'active') throw new AppError('ACCOUNT_LOGIN_REQUIRED');
    if (!meetsLevel(account.assuranceLevel, 'L2')) throw new AppError('REALNAME_REQUIRED');
    return readAccountProfile(account, this.deps.cipher);
  }

  private async lookup(registry: BusinessRegistry, uscc: string): Promise<RegisteredEntity> {
    let registered: RegisteredEntity | null;
    try {
      registered = await registry.lookup(uscc);
    } catch {
      throw new AppError('ENTITY_REGISTRY_UNAVAILABLE', { details: { retryable: true } });
    }
    if (!registered) throw new AppError('ENTITY_NOT_IN_REGISTRY', { field: 'uscc' });
    return registered;
  }
}

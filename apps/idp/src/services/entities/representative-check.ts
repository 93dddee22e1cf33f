import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { BusinessRegistry, RegisteredEntity } from '../../ports/business-registry.ts';
import type { StoredEntity } from '../../ports/entity-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { IdType } from '@uia/validators';
import { idNumberIndex } from '../accounts/account-lookup.ts';
import { PII_CONTEXT } from '../accounts/account-profile.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** How long the registry's answer is trusted before it is asked again. */
const REGISTRY_ANSWER_SECONDS = 3600;

const key = (uscc: string) => `entity:representative:${uscc}`;

/**
 * The registry, not the platform, says who represents an entity: a
 * representative recorded at 注册单位 is asked about again (at most hourly)
 * when they log in for the entity or grant an agent, so a representative
 * the registry no longer names can start no new entity login and grant no
 * agent within the hour (their existing entity logins end when the new
 * representative registers the entity: findAccount then finds no standing).
 * The answer is cached for the person it was asked for, as their blind ID
 * index ("the registry names this person") or `not:` + index ("it names
 * someone else"): no personal data in the store. (The registry may give only
 * a keyed hash of the representative's ID number, so the platform cannot
 * compute the representative's own index; it checks the person it has.)
 * A registry that cannot be reached refuses (fail closed): who may act for
 * a company is not guessed.
 */
export class RepresentativeCheck {
  constructor(
    private readonly deps: {
      /** Null: no business registry (UIA_BUSINESS_REGISTRY=none), so no 法人 service at all. */
      registry: BusinessRegistry | null;
      accounts: AccountRepository;
      cipher: PiiCipher;
      store: KeyValueStore;
    },
  ) {}

  /**
   * Throws ENTITY_LOGIN_UNAVAILABLE when the platform has no business registry
   * (法人登录, 注册单位 and 经办人授权 are then off); callers check before spending anything.
   */
  requireEntityServices(): void {
    if (!this.deps.registry) throw new AppError('ENTITY_LOGIN_UNAVAILABLE');
  }

  /** True while the registry still names the person as the entity's legal representative. */
  async stillRepresents(entity: StoredEntity, personId: string): Promise<boolean> {
    const account = await this.deps.accounts.findById(personId);
    if (!account) return false;
    const cached = await this.deps.store.get(key(entity.uscc));
    // The cache names the representative, nobody (''), or who it is not: the last only answers for that person.
    if (cached !== null && !cached.startsWith('not:')) return cached === account.idNumberIndex;
    if (cached === `not:${account.idNumberIndex}`) return false;
    const { registry } = this.deps;
    if (!registry) throw new AppError('ENTITY_LOGIN_UNAVAILABLE');
    let registered: RegisteredEntity | null;
    try {
      registered = await registry.lookup(entity.uscc);
    } catch {
      throw new AppError('ENTITY_REGISTRY_UNAVAILABLE', { details: { retryable: true } });
    }
    const idNumber = this.deps.cipher.decrypt(account.idNumberCipher, PII_CONTEXT.idNumber);
    return this.remember(entity.uscc, registered, { idType: account.idType, idNumber });
  }

  /**
   * Keeps an answer the registry just gave elsewhere (注册单位 asks it itself)
   * for the person it was asked for, so a takeover is not contradicted by an
   * older cached answer. True when the registry names that person.
   */
  async remember(uscc: string, registered: RegisteredEntity | null, person: { idType: IdType; idNumber: string }): Promise<boolean> {
    const representative = registered?.legalRepresentative;
    const index = idNumberIndex(this.deps.cipher, person.idType, person.idNumber);
    const named = representative !== undefined && representative.idType === person.idType && representative.hasIdNumber(person.idNumber);
    await this.deps.store.set(key(uscc), representative === undefined ? '' : named ? index : `not:${index}`, REGISTRY_ANSWER_SECONDS);
    return named;
  }
}

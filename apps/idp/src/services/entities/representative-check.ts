import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { BusinessRegistry, RegisteredEntity } from '../../ports/business-registry.ts';
import type { StoredEntity } from '../../ports/entity-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { idNumberIndex } from '../accounts/account-lookup.ts';
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
 * The answer is cached as the representative's blind ID index: no personal
 * data in the store. A registry that cannot be reached refuses (fail closed):
 * who may act for a company is not guessed.
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
    if (!this.deps.registry) throw new AppError('ENTITY_LOGIN_UNAVAILABLE', { status: 403 });
  }

  /** True while the registry still names the person as the entity's legal representative. */
  async stillRepresents(entity: StoredEntity, personId: string): Promise<boolean> {
    const [account, registered] = await Promise.all([this.deps.accounts.findById(personId), this.registeredRepresentative(entity.uscc)]);
    return account !== null && registered !== null && account.idNumberIndex === registered;
  }

  /**
   * Keeps an answer the registry just gave elsewhere (注册单位 asks it itself),
   * so a takeover is not contradicted by an older cached answer.
   */
  async remember(uscc: string, registered: RegisteredEntity | null): Promise<void> {
    await this.deps.store.set(key(uscc), this.representativeIndex(registered) ?? '', REGISTRY_ANSWER_SECONDS);
  }

  /** The registry's representative of the USCC as a blind ID index, or null when the code is not registered any more. */
  private async registeredRepresentative(uscc: string): Promise<string | null> {
    const cached = await this.deps.store.get(key(uscc));
    if (cached !== null) return cached === '' ? null : cached;
    const { registry } = this.deps;
    if (!registry) throw new AppError('ENTITY_LOGIN_UNAVAILABLE', { status: 403 });
    let registered: RegisteredEntity | null;
    try {
      registered = await registry.lookup(uscc);
    } catch {
      throw new AppError('ENTITY_REGISTRY_UNAVAILABLE', { status: 503, details: { retryable: true } });
    }
    await this.remember(uscc, registered);
    return this.representativeIndex(registered);
  }

  private representativeIndex(registered: RegisteredEntity | null): string | null {
    const person = registered?.legalRepresentative;
    return person ? idNumberIndex(this.deps.cipher, person.idType, person.idNumber) : null;
  }
}

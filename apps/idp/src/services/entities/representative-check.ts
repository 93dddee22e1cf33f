import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { BusinessRegistry } from '../../ports/business-registry.ts';
import type { StoredEntity } from '../../ports/entity-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { idNumberIndex } from '../accounts/account-lookup.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** How long the registry's answer is trusted before it is asked again. */
const REGISTRY_ANSWER_SECONDS = 3600;

/**
 * The registry, not the platform, says who represents an entity: a
 * representative recorded at 注册单位 is asked about again (at most hourly)
 * when they log in for the entity or manage its agents, so a change of
 * representative in the registry ends the old one's powers within the hour.
 * The answer is cached as the representative's blind ID index: no personal
 * data in the store. A registry that cannot be reached refuses (fail closed):
 * who may act for a company is not guessed.
 */
export class RepresentativeCheck {
  constructor(
    private readonly deps: {
      registry: BusinessRegistry;
      accounts: AccountRepository;
      cipher: PiiCipher;
      store: KeyValueStore;
    },
  ) {}

  /** True while the registry still names the person as the entity's legal representative. */
  async stillRepresents(entity: StoredEntity, personId: string): Promise<boolean> {
    const [account, registered] = await Promise.all([this.deps.accounts.findById(personId), this.registeredRepresentative(entity.uscc)]);
    return account !== null && registered !== null && account.idNumberIndex === registered;
  }

  /** The registry's representative of the USCC as a blind ID index, or null when the code is not registered any more. */
  private async registeredRepresentative(uscc: string): Promise<string | null> {
    const key = `entity:representative:${uscc}`;
    const cached = await this.deps.store.get(key);
    if (cached !== null) return cached === '' ? null : cached;
    let answer: string | null;
    try {
      const registered = await this.deps.registry.lookup(uscc);
      answer = registered ? idNumberIndex(this.deps.cipher, registered.legalRepresentative.idType, registered.legalRepresentative.idNumber) : null;
    } catch {
      throw new AppError('ENTITY_REGISTRY_UNAVAILABLE', { status: 503, details: { retryable: true } });
    }
    await this.deps.store.set(key, answer ?? '', REGISTRY_ANSWER_SECONDS);
    return answer;
  }
}

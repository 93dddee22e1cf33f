import { maskIdNumber, maskName, maskPhone } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { ClientRepository } from '../../ports/client-repository.ts';
import { readAccountProfile } from '../accounts/account-profile.ts';
import type { EntityMembership } from '../entities/entity-membership.ts';
import { entityView } from '../entities/entity-views.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** What the user center shows the logged-in person about themselves: masked, as everywhere in UIs. */
export class UserCenter {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      clients: ClientRepository;
      membership: EntityMembership;
      cipher: PiiCipher;
      now?: () => number;
    },
  ) {}

  async me(personId: string) {
    const account = await this.deps.accounts.findById(personId);
    if (!account || account.status !== 'active') throw new AppError('ACCOUNT_LOGIN_REQUIRED');
    const profile = readAccountProfile(account, this.deps.cipher);
    return {
      person: {
        name: maskName(profile.name),
        idNumber: maskIdNumber(profile.idNumber),
        phone: profile.phone ? maskPhone(profile.phone) : null,
        assuranceLevel: profile.assuranceLevel,
      },
    };
  }

  /** Every entity the person may act for now (as representative, or by a current grant). */
  async entities(personId: string) {
    const [standings, services] = await Promise.all([this.deps.membership.entitiesOf(personId, (this.deps.now ?? Date.now)()), this.deps.clients.listServices()]);
    const names = new Map(services.map((service) => [service.clientId, service.clientName]));
    return { entities: standings.map((standing) => entityView(standing, names)) };
  }
}

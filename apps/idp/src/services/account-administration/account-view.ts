import type { AdminAccountView } from '@uia/schemas';
import { maskIdNumber, maskName, maskPhone } from '@uia/validators';
import type { StoredAccount } from '../../ports/account-repository.ts';
import type { AccountAuditHistory } from '../../ports/audit-log.ts';
import type { ClientRepository } from '../../ports/client-repository.ts';
import { readAccountProfile } from '../accounts/account-profile.ts';
import type { LoginThrottle, ThrottleState } from '../password-login/login-throttle.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { AccountSessions } from '../user-center/account-sessions.ts';
import type { UserCenter } from '../user-center/user-center.ts';
import { lastLogins } from './login-history.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** The audit event of an in-person check (L4): the record of the hall's reference number. */
export const IN_PERSON_CHECK_EVENT = AUDIT_EVENT_TYPES.consoleAccountInPersonCheck;

const LAST_LOGINS = 10;

/** A source waits now, or password login is paused for today: what 解锁 clears. */
export const isLocked = (state: ThrottleState, now: number) => state.paused || state.sources.some((source) => source.waitsUntil > now);

/**
 * An account as 安全管理员 sees it: personal data masked as in every UI, and
 * the person's sessions, services and entities as their own user center
 * lists them (AccountSessions, UserCenter).
 */
export class AdminAccountViews {
  constructor(
    private readonly deps: {
      cipher: PiiCipher;
      throttle: LoginThrottle;
      accountSessions: AccountSessions;
      userCenter: UserCenter;
      clients: ClientRepository;
      history: AccountAuditHistory;
      now: () => number;
    },
  ) {}

  async of(account: StoredAccount): Promise<AdminAccountView> {
    const { cipher, throttle, accountSessions, userCenter, clients, history } = this.deps;
    const profile = readAccountProfile(account, cipher);
    const [throttleState, sessions, { entities }, services, checks] = await Promise.all([
      throttle.state(account.id),
      accountSessions.list(account.id, null),
      userCenter.entities(account.id),
      clients.listServices(),
      history.eventsOfAccount(account.id, { types: [IN_PERSON_CHECK_EVENT], outcome: 'success', limit: 1 }),
    ]);
    const names = new Map(services.map((service) => [service.clientId, service.clientName]));
    const signedIn = new Map(sessions.browsers.flatMap((browser) => browser.services).map((service) => [service.id, service]));
    const check = checks[0];
    const now = this.deps.now();
    return {
      id: account.id,
      username: account.username,
      name: maskName(profile.name),
      idType: profile.idType,
      idNumber: maskIdNumber(profile.idNumber),
      phone: profile.phone ? maskPhone(profile.phone) : null,
      phoneBound: profile.phone !== null,
      assuranceLevel: account.assuranceLevel,
      status: account.status,
      registeredAt: new Date(account.createdAt).toISOString(),
      inPersonCheck: check && typeof check.detail?.reference === 'string' ? { reference: check.detail.reference, at: new Date(check.at).toISOString() } : null,
      throttle: {
        sources: throttleState.sources.map((source) => ({ ...source, waitsUntil: source.waitsUntil > now ? new Date(source.waitsUntil).toISOString() : null })),
        failuresToday: throttleState.failuresToday,
        paused: throttleState.paused,
        locked: isLocked(throttleState, now),
      },
      lastLogins: await lastLogins(history, account.id, names, LAST_LOGINS),
      browsers: sessions.browsers,
      apps: sessions.apps,
      services: [...signedIn.values()],
      entities,
    };
  }
}

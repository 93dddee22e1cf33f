import { ASSURANCE_LEVELS, type AccountLogin } from '@uia/schemas';
import type { AccountAuditHistory } from '../../ports/audit-log.ts';

/** The audit events that are a completed login, by the method the console names. */
const LOGIN_EVENTS = {
  'login.password': 'password',
  'login.qr': 'qr',
  'login.entity': 'entity',
  'app.login_face': 'app_face',
  'app.login_sms': 'app_sms',
} as const satisfies Record<string, AccountLogin['method']>;

const isLevel = (value: unknown): value is AccountLogin['acr'] & string => ASSURANCE_LEVELS.some((level) => level === value);

/** 最近登录: the account's newest successful logins, read back from the audit trail. */
export async function lastLogins(history: AccountAuditHistory, accountId: string, serviceNames: ReadonlyMap<string, string>, limit: number): Promise<AccountLogin[]> {
  const events = await history.eventsOfAccount(accountId, { types: Object.keys(LOGIN_EVENTS), outcome: 'success', limit });
  return events.map((event) => {
    const clientId = event.clientId ?? (typeof event.detail?.clientId === 'string' ? event.detail.clientId : null);
    const name = clientId ? serviceNames.get(clientId) : undefined;
    return {
      at: new Date(event.at).toISOString(),
      method: LOGIN_EVENTS[event.type as keyof typeof LOGIN_EVENTS],
      service: clientId && name ? { id: clientId, name } : null,
      acr: isLevel(event.detail?.acr) ? event.detail.acr : null,
    };
  });
}

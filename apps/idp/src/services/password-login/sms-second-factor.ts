import { maskPhone } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { PII_CONTEXT } from '../accounts/account-profile.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { SmsCodeService } from '../sms/sms-code-service.ts';
import type { LoginResult } from './index.ts';

/** The RFC 8176 method of a code sent by SMS to the account's bound phone. */
const SMS_METHOD = 'sms';

/** Two factors as RFC 8176 names them: password and an SMS code, or 扫码登录's face check on the app (face + mca). */
export function provesTwoFactors(amr: readonly string[]): boolean {
  const has = (method: string) => amr.includes(method);
  return (has('pwd') && has(SMS_METHOD)) || (has('face') && has('mca'));
}

const pendingKey = (interactionUid: string) => `login:second-factor:${interactionUid}`;

/**
 * The second login factor a relying party may require (client metadata
 * `uia_require_two_factors`): after a right password the login waits, bound
 * to its interaction, for the code sent to the account's bound phone; only
 * both make the login, with amr ["pwd", "sms"].
 */
export class SmsSecondFactor {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      smsCodes: SmsCodeService;
      store: KeyValueStore;
    },
  ) {}

  /** Holds the password's login for the interaction and sends the code; returns the masked phone and the code's timing. */
  async begin(interactionUid: string, passwordLogin: LoginResult, secondsLeft: number, context: { ip: string; userAgent?: string }) {
    const phone = await this.phoneOf(passwordLogin.accountId);
    await this.deps.store.set(pendingKey(interactionUid), JSON.stringify(passwordLogin), secondsLeft);
    // A code sent a moment ago (a second login tab) is the one to type: sending another would only be refused as too soon.
    const waiting = await this.deps.smsCodes.pending(phone, 'login');
    const sent = waiting && waiting.resendAfter > 0 ? waiting : await this.deps.smsCodes.send(phone, 'login', context);
    return { phone: maskPhone(phone), ...sent };
  }

  /** Sends the code again (within the SMS limits) for the login waiting in this interaction. */
  async resend(interactionUid: string, context: { ip: string; userAgent?: string }) {
    const pending = await this.pending(interactionUid);
    const phone = await this.phoneOf(pending.accountId);
    return { phone: maskPhone(phone), ...(await this.deps.smsCodes.send(phone, 'login', context)) };
  }

  /** The login with both factors, once the code is right; the code and the waiting login are used up. */
  async finish(interactionUid: string, smsCode: string): Promise<LoginResult> {
    const pending = await this.pending(interactionUid);
    await this.deps.smsCodes.redeem(await this.phoneOf(pending.accountId), 'login', smsCode);
    await this.deps.store.delete(pendingKey(interactionUid));
    return { ...pending, amr: [...new Set([...pending.amr, SMS_METHOD])] };
  }

  private async pending(interactionUid: string): Promise<LoginResult> {
    const raw = await this.deps.store.get(pendingKey(interactionUid));
    if (!raw) throw new AppError('SECOND_FACTOR_NOT_STARTED');
    return JSON.parse(raw) as LoginResult;
  }

  private async phoneOf(accountId: string): Promise<string> {
    const account = await this.deps.accounts.findById(accountId);
    if (!account?.phoneCipher) throw new AppError('SECOND_FACTOR_NO_PHONE');
    return this.deps.cipher.decrypt(account.phoneCipher, PII_CONTEXT.phone);
  }
}

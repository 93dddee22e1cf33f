import { maskPhone, normalizeIdentifier } from '@uia/validators';
import type { PasswordResetCompleteRequest, PasswordResetSendCodeRequest, PasswordResetStartRequest, PasswordResetVerifyCodeRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import type { SessionTerminator } from '../../ports/session-terminator.ts';
import type { SmsNotice } from '../../ports/sms-sender.ts';
import { PII_CONTEXT, readAccountProfile } from '../accounts/account-profile.ts';
import { accountNameIndexes, findAccountByIdentifier } from '../accounts/account-lookup.ts';
import { auditedStep, type AuditNote } from '../audited-step.ts';
import { formatBeijingMinute } from '../beijing-time.ts';
import type { CaptchaService } from '../captcha/captcha-service.ts';
import type { LoginThrottle } from '../password-login/login-throttle.ts';
import { SignOutEverywhere } from '../platform-sessions/sign-out-everywhere.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RATE_LIMITS, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { SmsCodeService } from '../sms/sms-code-service.ts';
import { ensurePasswordAllowed } from './ensure-password-allowed.ts';
import { matchesAccountIdNumber } from './match-id-number.ts';
import { RESET_POLICY } from './reset-policy.ts';
import { ResetTickets, type OpenTicket, type TicketCounter } from './reset-tickets.ts';
import { startAnswer } from './start-answer.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** Encryption contexts of what a reloaded page needs back (PiiCipher): never usable for another purpose. */
const RESUME_CONTEXT = { ticket: 'reset.resume.ticket', accountTyped: 'reset.resume.account_typed' } as const;

export interface ResetContext {
  ip: string;
  userAgent?: string;
  /** Value of the browser-binding cookie ('' when the browser sent none). */
  browserBinding: string;
}

/** What the wizard needs of SMS notices; failures are the sender's to record, never the reset's. */
export interface ResetNoticeSender {
  send(phone: string, notice: SmsNotice, params: Record<string, string>, context: { ip: string; userAgent?: string }): Promise<boolean>;
}

/**
 * 忘记密码 (manual 二.3): 1 填写账户名 → 2 验证身份 (证件号码 + 图形验证码 →
 * SMS code to the bound phone) → 3 设置新密码 → 4 完成. Each step answers
 * with a ticket for the next (see ResetTickets).
 *
 * Enumeration and linking: step 1 shows nothing of the bound phone that the
 * account name typed does not already say (start-answer.ts); an unknown
 * account name gets a ticket and the same answer as a real one, and fails at
 * the ID number with the very message a wrong ID number gets. The masked
 * phone comes with the code, once the ID number matched. One address may
 * look up only a few distinct account names an hour (docs/api.md explains
 * the trade-offs).
 */
export class PasswordReset {
  private readonly tickets: ResetTickets;
  private readonly signOut: SignOutEverywhere;

  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      hasher: PasswordHasher;
      captcha: CaptchaService;
      smsCodes: SmsCodeService;
      notices: ResetNoticeSender;
      sessions: SessionTerminator;
      rateLimiter: RateLimiter;
      /** A completed reset lifts the pause of password login (LoginThrottle). */
      throttle: Pick<LoginThrottle, 'passwordReset'>;
      store: KeyValueStore;
      audit: AuditLog;
      now?: () => number;
    },
  ) {
    this.tickets = new ResetTickets(deps.store, deps.now);
    this.signOut = new SignOutEverywhere(deps);
  }

  /** Step 1: 账户名 + 安全验证 → a ticket, whether a phone is bound, and its mask if the name typed was that phone. */
  async start(input: PasswordResetStartRequest, context: ResetContext) {
    return this.audited(AUDIT_EVENT_TYPES.passwordResetStart, context, async (note) => {
      const { rateLimiter, captcha, accounts, cipher } = this.deps;
      await rateLimiter.hit(RATE_LIMITS.resetStartPerIp, context.ip);
      await captcha.verify(input.captchaId, input.captchaAnswer, context);
      const accountName = normalizeIdentifier(input.account);
      const accountNameIndex = cipher.blindIndex('reset-account-name', `${accountName.kind}:${accountName.value}`);
      await rateLimiter.hitDistinct(RATE_LIMITS.resetNamesPerIp, context.ip, accountNameIndex);
      await rateLimiter.hit(RATE_LIMITS.resetStartPerAccountName, accountNameIndex);

      const { account } = await findAccountByIdentifier(accounts, cipher, input.account);
      const usable = account?.status === 'active' ? account : null;
      note.accountId = usable?.id ?? null;
      note.detail = { accountNameKind: accountName.kind, accountFound: usable !== null };
      const ticket = await this.tickets.issue(
        {
          step: 'verify_identity',
          accountId: usable?.id ?? null,
          identity: usable ? { idType: usable.idType, idNumberIndex: usable.idNumberIndex } : null,
          accountName: accountNameIndex,
          browser: ResetTickets.browserDigest(context.browserBinding),
          accountTypedCipher: cipher.encrypt(input.account.trim(), RESUME_CONTEXT.accountTyped),
        },
        RESET_POLICY.verifyIdentityTicketSeconds,
      );
      return { ticket, ...startAnswer(accountName, usable) };
    });
  }

  /** Step 2a: 前往找回 → 证件号码 + a fresh 图形验证码 → SMS code to the bound phone. */
  async sendCode(input: PasswordResetSendCodeRequest, context: ResetContext) {
    return this.audited(AUDIT_EVENT_TYPES.passwordResetSendCode, context, async (note) => {
      const { rateLimiter, captcha, smsCodes } = this.deps;
      const ticket = await this.tickets.open(input.ticket, 'verify_identity', context.browserBinding);
      note.accountId = ticket.state.accountId;
      await captcha.verify(input.captchaId, input.captchaAnswer, context);
      // Counted before the check, so requests sent in parallel cannot get more checks than allowed.
      await rateLimiter.hit(RATE_LIMITS.resetIdChecksPerAccountName, ticket.state.accountName);
      await this.countOrEnd(ticket, 'id-checks', RESET_POLICY.idChecksPerTicket);
      if (!matchesAccountIdNumber(this.deps.cipher, ticket.state.identity, input.idNumber)) {
        throw new AppError('RESET_IDENTITY_MISMATCH', { field: 'idNumber' });
      }
      const account = await this.accountOf(ticket);
      await rateLimiter.hit(RATE_LIMITS.resetCodesPerAccount, account.id);
      const phone = this.phoneOf(account);
      const sent = await smsCodes.send(phone, 'reset_password', context);
      await this.tickets.markCodeSent(ticket, this.deps.cipher.encrypt(input.ticket, RESUME_CONTEXT.ticket));
      // Shown only now: whoever got here named the account and its ID number, and the owner's phone got the code.
      return { ...sent, maskedPhone: maskPhone(phone) };
    });
  }

  /**
   * A reloaded page (or a second tab) of the browser that was sent a code:
   * the flow at 验证身份 with that code still waiting — its ticket, the
   * account name as typed, the masked phone and the seconds left — so the page
   * shows the countdown and takes the code already received. Nothing once the
   * code is used, expired or spent on wrong tries, or the ticket ended.
   */
  async resumeSentCode(context: ResetContext) {
    const nothing = { resumable: false as const };
    const sealed = context.browserBinding ? await this.tickets.sentFor(context.browserBinding) : null;
    if (!sealed) return nothing;
    const { cipher, smsCodes } = this.deps;
    const ticketValue = cipher.decrypt(sealed, RESUME_CONTEXT.ticket);
    const ticket = await this.tickets.open(ticketValue, 'verify_identity', context.browserBinding).catch((error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    });
    if (!ticket?.state.accountId || !(await this.tickets.codeSent(ticket))) return nothing;
    const account = await this.deps.accounts.findById(ticket.state.accountId);
    if (!account || account.status !== 'active' || !account.phoneCipher) return nothing;
    const phone = this.phoneOf(account);
    const code = await smsCodes.pending(phone, 'reset_password');
    if (!code) return nothing;
    return {
      resumable: true as const,
      ticket: ticketValue,
      account: cipher.decrypt(ticket.state.accountTypedCipher, RESUME_CONTEXT.accountTyped),
      maskedPhone: maskPhone(phone),
      ...code,
    };
  }

  /** Step 2b: the SMS code → a ticket for 设置新密码. */
  async verifyCode(input: PasswordResetVerifyCodeRequest, context: ResetContext) {
    return this.audited(AUDIT_EVENT_TYPES.passwordResetVerifyCode, context, async (note) => {
      const ticket = await this.tickets.open(input.ticket, 'verify_identity', context.browserBinding);
      if (!(await this.tickets.codeSent(ticket))) throw new AppError('RESET_CODE_NOT_SENT', { field: 'smsCode' });
      const account = await this.accountOf(ticket);
      note.accountId = account.id;
      const phone = this.phoneOf(account);
      // Both one-time and atomic: of two requests racing with the right code, one gets a ticket.
      await this.deps.smsCodes.redeem(phone, 'reset_password', input.smsCode);
      await this.tickets.consume(ticket);
      const next = await this.tickets.issue({ ...ticket.state, step: 'set_password' }, RESET_POLICY.setPasswordTicketSeconds);
      return { ticket: next };
    });
  }

  /**
   * Step 3: the new password. It replaces the old one and the person is signed
   * out everywhere (SignOutEverywhere); then the login throttle's pause is
   * lifted and an SMS notice goes out.
   */
  async complete(input: PasswordResetCompleteRequest, context: ResetContext) {
    return this.audited(AUDIT_EVENT_TYPES.passwordResetComplete, context, async (note) => {
      const { cipher, hasher, notices } = this.deps;
      const ticket = await this.tickets.open(input.ticket, 'set_password', context.browserBinding);
      const account = await this.accountOf(ticket);
      note.accountId = account.id;
      const profile = readAccountProfile(account, cipher);
      await this.countOrEnd(ticket, 'password-tries', RESET_POLICY.passwordTriesPerTicket);
      await ensurePasswordAllowed(this.deps, account, profile, input);

      await this.tickets.consume(ticket);
      const passwordHash = await hasher.hash(input.password);
      // After the hash: a login that read the old password while it was computed is older than the change.
      const now = this.now();
      const signedOut = await this.signOut.withCredentialChange(account.id, now, (writes) => writes.replacePassword(account.id, passwordHash, now, RESET_POLICY.passwordHistoryDepth - 1));
      await this.deps.throttle.passwordReset(account.id, accountNameIndexes(cipher, account), context);
      note.detail = { signedOutServices: signedOut.length };
      if (profile.phone) await notices.send(profile.phone, 'notice_password_reset', { time: formatBeijingMinute(now) }, context);
      return { done: true as const };
    });
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  /** Counts one attempt on the ticket; past `limit` the ticket is gone and the flow must start again. */
  private async countOrEnd(ticket: OpenTicket, counter: TicketCounter, limit: number) {
    if ((await this.tickets.count(ticket, counter)) > limit) {
      await this.tickets.consume(ticket).catch(() => undefined);
      throw new AppError('RESET_ATTEMPTS_EXCEEDED');
    }
  }

  private async accountOf(ticket: OpenTicket): Promise<StoredAccount> {
    // A ticket past the ID check always names a real account; one that vanished since ends the flow.
    const account = ticket.state.accountId ? await this.deps.accounts.findById(ticket.state.accountId) : null;
    if (!account || account.status !== 'active') throw new AppError('RESET_TICKET_INVALID');
    return account;
  }

  private phoneOf(account: StoredAccount): string {
    if (!account.phoneCipher) throw new AppError('RESET_NO_BOUND_PHONE');
    return this.deps.cipher.decrypt(account.phoneCipher, PII_CONTEXT.phone);
  }

  private audited<T>(type: string, context: ResetContext, step: (note: AuditNote) => Promise<T>): Promise<T> {
    return auditedStep(this.deps.audit, { type, ip: context.ip, userAgent: context.userAgent }, step);
  }
}

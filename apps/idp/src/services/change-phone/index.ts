import { maskPhone, validatePhone } from '@uia/validators';
import type { PhoneChangeFaceRequest, PhoneChangeNewSendRequest, PhoneChangeNewVerifyRequest, PhoneChangeOldVerifyRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import { DuplicateAccountError, type AccountRepository, type StoredAccount } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { FaceVerifier } from '../../ports/face-verifier.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { SmsNotice } from '../../ports/sms-sender.ts';
import { PII_CONTEXT, readAccountProfile } from '../accounts/account-profile.ts';
import { phoneIndex } from '../accounts/account-lookup.ts';
import type { AppSessionView } from '../app-sessions/app-session.ts';
import { auditedStep, type AuditNote } from '../audited-step.ts';
import type { CaptchaService } from '../captcha/captcha-service.ts';
import { checkFace, requireFaceVerifier } from '../face-check/check-face.ts';
import type { FaceChallenges } from '../face-check/face-challenges.ts';
import { requireFaceConsent } from '../face-check/face-consent.ts';
import { decodeFaceCapture } from '../face-check/face-frames.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { SmsCodeService } from '../sms/sms-code-service.ts';
import { CHANGE_PHONE_LIMITS } from './change-phone-policy.ts';
import { ChangePhoneTickets, type OpenChangePhoneTicket } from './change-phone-tickets.ts';
import { acceptableNewPhone } from './new-phone.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export interface ChangePhoneContext {
  ip: string;
  userAgent?: string;
}

/** What the flow needs of SMS notices; failures are the sender's to record, never the change's. */
export interface ChangePhoneNoticeSender {
  send(phone: string, notice: SmsNotice, params: Record<string, string>, context: ChangePhoneContext): Promise<boolean>;
}

/**
 * 换绑手机号 (我的 → 换绑手机号), for a logged-in app session:
 * 1. prove the person — an SMS code to the current phone, or a face check
 *    when that phone is lost — which earns a ticket (10 min, this session only);
 * 2. an SMS code to the new number (not the current one, not another account's);
 * 3. that code: the number is replaced (the old one is free again), sessions
 *    stay, the old phone gets a notice, `account.phone_changed` is audited.
 */
export class ChangePhone {
  private readonly tickets: ChangePhoneTickets;

  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      /** Null: no face verifier, so only the current phone's code opens 换绑. */
      faceVerifier: FaceVerifier | null;
      faceChallenges: FaceChallenges;
      captcha: CaptchaService;
      smsCodes: SmsCodeService;
      notices: ChangePhoneNoticeSender;
      rateLimiter: RateLimiter;
      store: KeyValueStore;
      audit: AuditLog;
      now?: () => number;
    },
  ) {
    this.tickets = new ChangePhoneTickets(deps.store, () => this.now());
  }

  /** 1a: a `change_phone` code to the current phone. */
  async sendOldPhoneCode(session: AppSessionView, context: ChangePhoneContext) {
    return this.audited(AUDIT_EVENT_TYPES.phoneChangeOldSend, session, context, async () => {
      const phone = this.currentPhone(await this.accountOf(session));
      const sent = await this.deps.smsCodes.send(phone, 'change_phone', context);
      return { maskedPhone: maskPhone(phone), ...sent };
    });
  }

  /**
   * 1a after a reload: the code already waiting at the current phone, if
   * any, so the page shows its countdown and takes it (no new send needed).
   */
  async oldPhoneCode(session: AppSessionView) {
    const phone = this.currentPhone(await this.accountOf(session));
    const code = await this.deps.smsCodes.pending(phone, 'change_phone');
    return { code: code ? { maskedPhone: maskPhone(phone), ...code } : null };
  }

  /** 1a: that code → a ticket. */
  async verifyOldPhone(session: AppSessionView, input: PhoneChangeOldVerifyRequest, context: ChangePhoneContext) {
    return this.audited(AUDIT_EVENT_TYPES.phoneChangeOldVerify, session, context, async (note) => {
      const account = await this.accountOf(session);
      await this.deps.smsCodes.redeem(this.currentPhone(account), 'change_phone', input.smsCode);
      note.detail.method = 'sms';
      return { ticket: await this.tickets.issue({ accountId: account.id, appSessionId: session.id, method: 'sms' }) };
    });
  }

  /** 1b (the old phone is lost): a face check (its challenge taken first) against the account's own ID number → a ticket. */
  async verifyFace(session: AppSessionView, input: PhoneChangeFaceRequest, context: ChangePhoneContext) {
    return this.audited(AUDIT_EVENT_TYPES.phoneChangeFace, session, context, async (note) => {
      const faceVerifier = requireFaceVerifier(this.deps.faceVerifier);
      requireFaceConsent(input.faceConsent);
      const capture = decodeFaceCapture(faceVerifier.capture, input);
      const challenge = await this.deps.faceChallenges.take(input.challengeId ?? '');
      const account = await this.accountOf(session);
      await this.deps.rateLimiter.hit(CHANGE_PHONE_LIMITS.facePerAccount, account.id);
      const { idType, idNumber, name } = readAccountProfile(account, this.deps.cipher);
      await checkFace(faceVerifier, { idType, idNumber, name }, capture, challenge);
      note.detail.method = 'face';
      return { ticket: await this.tickets.issue({ accountId: account.id, appSessionId: session.id, method: 'face' }) };
    });
  }

  /** 2: a `change_phone` code to the new number. */
  async sendNewPhoneCode(session: AppSessionView, input: PhoneChangeNewSendRequest, context: ChangePhoneContext) {
    return this.audited(AUDIT_EVENT_TYPES.phoneChangeNewSend, session, context, async (note) => {
      const ticket = await this.tickets.open(input.ticket, session.id);
      note.detail.method = ticket.state.method;
      await this.deps.captcha.verify(input.captchaId, input.captchaAnswer, context);
      const account = await this.accountOf(session);
      // Counted before the checks: this budget also bounds probing numbers for PHONE_TAKEN.
      await this.deps.rateLimiter.hit(CHANGE_PHONE_LIMITS.newCodesPerAccount, account.id);
      const newPhone = await acceptableNewPhone(this.deps, account, input.phone);
      const { resendAfter, expiresIn } = await this.deps.smsCodes.send(newPhone.phone, 'change_phone', context);
      await this.tickets.rememberNewPhone(ticket, newPhone.index);
      return { resendAfter, expiresIn };
    });
  }

  /** 3: the new number's code → the number is replaced. */
  async verifyNewPhone(session: AppSessionView, input: PhoneChangeNewVerifyRequest, context: ChangePhoneContext) {
    return this.audited(AUDIT_EVENT_TYPES.accountPhoneChanged, session, context, async (note) => {
      const ticket = await this.tickets.open(input.ticket, session.id);
      note.detail.method = ticket.state.method;
      const phone = this.codeRecipient(ticket, input.phone);
      await this.deps.smsCodes.redeem(phone, 'change_phone', input.smsCode);
      await this.tickets.consume(ticket);
      const account = await this.accountOf(session);
      const oldPhone = account.phoneCipher ? this.currentPhone(account) : null;
      note.detail.hadPhone = oldPhone !== null;
      await this.commit(account, phone);
      if (oldPhone) await this.deps.notices.send(oldPhone, 'notice_phone_changed', {}, context);
      return { maskedPhone: maskPhone(phone) };
    });
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  /** The number typed at step 3 must be the one step 2 sent the code to. */
  private codeRecipient(ticket: OpenChangePhoneTicket, raw: string): string {
    const parsed = validatePhone(raw);
    if (!parsed.ok) throw new AppError(parsed.reason, { field: 'phone' });
    if (ticket.state.newPhoneIndex !== phoneIndex(this.deps.cipher, parsed.value)) throw new AppError('SMS_CODE_EXPIRED', { field: 'smsCode' });
    return parsed.value;
  }

  /** Cipher and blind index in one statement; the unique index settles a race for the number. */
  private async commit(account: StoredAccount, phone: string) {
    const { cipher, accounts } = this.deps;
    try {
      await accounts.changePhone(account.id, { cipher: cipher.encrypt(phone, PII_CONTEXT.phone), index: phoneIndex(cipher, phone) }, this.now());
    } catch (error) {
      if (error instanceof DuplicateAccountError) throw new AppError('PHONE_TAKEN', { field: 'phone' });
      throw error;
    }
  }

  private async accountOf(session: AppSessionView): Promise<StoredAccount> {
    const account = await this.deps.accounts.findById(session.accountId);
    if (!account || account.status !== 'active') throw new AppError('APP_LOGIN_REQUIRED');
    return account;
  }

  private currentPhone(account: StoredAccount): string {
    if (!account.phoneCipher) throw new AppError('PHONE_CHANGE_NO_OLD_PHONE');
    return this.deps.cipher.decrypt(account.phoneCipher, PII_CONTEXT.phone);
  }

  private audited<T>(type: string, session: AppSessionView, context: ChangePhoneContext, step: (note: AuditNote) => Promise<T>) {
    return auditedStep(this.deps.audit, { type, ...context }, (note) => {
      note.accountId = session.accountId;
      note.detail = { appSessionId: session.id };
      return step(note);
    });
  }
}

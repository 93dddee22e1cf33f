import { maskPhone } from '@uia/validators';
import type { AppFaceLoginRequest, AppSmsLoginRequest, AppSmsLoginSendRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AccountRepository, AssuranceLevel, StoredAccount } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { FaceVerifier } from '../../ports/face-verifier.ts';
import type { IdentityRegistry } from '../../ports/identity-registry.ts';
import { loginAssurance, PII_CONTEXT } from '../accounts/account-profile.ts';
import { idNumberIndex } from '../accounts/account-lookup.ts';
import type { AppSessionValidityDays, AppSessionView } from '../app-sessions/app-session.ts';
import type { AppSessions } from '../app-sessions/app-sessions.ts';
import { describeDevice } from '../app-sessions/device-summary.ts';
import { auditedStep, type AuditNote } from '../audited-step.ts';
import type { CaptchaService } from '../captcha/captcha-service.ts';
import { checkFace, requireFaceVerifier } from '../face-check/check-face.ts';
import type { FaceChallenges } from '../face-check/face-challenges.ts';
import { requireFaceConsent } from '../face-check/face-consent.ts';
import { decodeFaceCapture } from '../face-check/face-frames.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { SmsCodeService } from '../sms/sms-code-service.ts';
import { APP_LOGIN_LIMITS, appSessionValidity } from './app-login-policy.ts';
import { personView, type PersonView } from './person-view.ts';
import { confirmRealName, validatePerson, type RealNamePerson } from './real-name.ts';
import { ensureActive, realPersonAccount } from './real-person-account.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export interface AppLoginContext {
  ip: string;
  userAgent?: string;
}

/** A logged-in app: the cookie's token (for the route only), its lifetime and what the app shows. */
export interface AppLoginResult {
  token: string;
  validityDays: AppSessionValidityDays;
  person: PersonView;
  session: AppSessionView;
}

/**
 * 手机App登录 (manual's 京通 login): 证件类型 + 姓名 + 证件号码 + 登录有效期, then
 * a face check (人脸识别, L3) or, as the lower-assurance alternative, an SMS
 * code to the bound phone (at most L2). Every attempt is audited without
 * personal data; the frames reach the face verifier and nothing else.
 */
export class AppLogin {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      /** Null: no 实名核验; the typed name must then be the account's own (see confirmRealName). */
      registry: IdentityRegistry | null;
      /** Null: no face login (SMS only, L2 at most). */
      faceVerifier: FaceVerifier | null;
      faceChallenges: FaceChallenges;
      captcha: CaptchaService;
      smsCodes: SmsCodeService;
      rateLimiter: RateLimiter;
      appSessions: AppSessions;
      audit: AuditLog;
      now?: () => number;
    },
  ) {}

  /**
   * 开始人脸识别: consent → 登录有效期 → formats → the challenge (one-time, taken
   * before anything costly) → limits → registry → face → account (created or
   * raised to L3) → session.
   */
  async faceLogin(input: AppFaceLoginRequest, context: AppLoginContext): Promise<AppLoginResult> {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.appLoginFace, ...context }, async (note) => {
      const faceVerifier = requireFaceVerifier(this.deps.faceVerifier);
      requireFaceConsent(input.faceConsent);
      const validityDays = appSessionValidity(input.validityDays);
      note.detail = { idType: input.idType, validityDays };
      const person = validatePerson(input);
      const capture = decodeFaceCapture(faceVerifier.capture, input);
      const challenge = await this.deps.faceChallenges.take(input.challengeId ?? '');
      await this.spendAttempt(person, context);
      await confirmRealName(this.deps.registry, person);
      await checkFace(faceVerifier, person, capture, challenge);
      const { account, created } = await realPersonAccount(this.deps, person, this.now());
      note.accountId = account.id;
      note.detail.accountCreated = created;
      return this.startSession(note, account, 'L3', ['face'], validityDays, context);
    });
  }

  /** 短信验证码登录, step 1: a code to the phone bound to the (registry-confirmed) person's account. */
  async sendSmsCode(input: AppSmsLoginSendRequest, context: AppLoginContext) {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.appLoginSmsSend, ...context }, async (note) => {
      note.detail = { idType: input.idType };
      const person = validatePerson(input);
      await this.deps.rateLimiter.hit(APP_LOGIN_LIMITS.perIp, context.ip);
      await this.deps.captcha.verify(input.captchaId, input.captchaAnswer, context);
      await this.spendIdNumberBudgets(person, context);
      await confirmRealName(this.deps.registry, person);
      const { account, phone } = await this.accountWithPhone(person);
      note.accountId = account.id;
      const sent = await this.deps.smsCodes.send(phone, 'login', context);
      return { maskedPhone: maskPhone(phone), ...sent };
    });
  }

  /** 短信验证码登录, step 2: the code (one-time, redeemed atomically) → a session at most L2. */
  async smsLogin(input: AppSmsLoginRequest, context: AppLoginContext): Promise<AppLoginResult> {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.appLoginSms, ...context }, async (note) => {
      const validityDays = appSessionValidity(input.validityDays);
      note.detail = { idType: input.idType, validityDays };
      const person = validatePerson(input);
      await this.spendAttempt(person, context);
      await confirmRealName(this.deps.registry, person);
      const { account, phone } = await this.accountWithPhone(person);
      note.accountId = account.id;
      await this.deps.smsCodes.redeem(phone, 'login', input.smsCode);
      return this.startSession(note, account, loginAssurance(account.assuranceLevel, 'L2'), ['sms'], validityDays, context);
    });
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  private idIndex(person: RealNamePerson) {
    return idNumberIndex(this.deps.cipher, person.idType, person.idNumber);
  }

  /** Counted before the checks, so parallel requests cannot get more checks than allowed. */
  private async spendAttempt(person: RealNamePerson, context: AppLoginContext) {
    await this.deps.rateLimiter.hit(APP_LOGIN_LIMITS.perIp, context.ip);
    await this.spendIdNumberBudgets(person, context);
  }

  private async spendIdNumberBudgets(person: RealNamePerson, context: AppLoginContext) {
    const idIndex = this.idIndex(person);
    await this.deps.rateLimiter.hit(APP_LOGIN_LIMITS.perIdNumberFromIp, `${idIndex}:${context.ip}`);
    await this.deps.rateLimiter.hit(APP_LOGIN_LIMITS.perIdNumber, idIndex);
  }

  private async accountWithPhone(person: RealNamePerson): Promise<{ account: StoredAccount; phone: string }> {
    const account = await this.deps.accounts.findByIdNumberIndex(this.idIndex(person));
    if (!account?.phoneCipher) throw new AppError('APP_NO_BOUND_PHONE');
    // With no registry to ask, the name must at least be the one the account was registered with.
    if (!this.deps.registry && this.deps.cipher.decrypt(account.nameCipher, PII_CONTEXT.name) !== person.name) {
      throw new AppError('REALNAME_MISMATCH', { field: 'name' });
    }
    ensureActive(account);
    return { account, phone: this.deps.cipher.decrypt(account.phoneCipher, PII_CONTEXT.phone) };
  }

  private async startSession(note: AuditNote, account: StoredAccount, acr: AssuranceLevel, amr: string[], validityDays: AppSessionValidityDays, context: AppLoginContext): Promise<AppLoginResult> {
    const { token, view } = await this.deps.appSessions.create(account.id, acr, amr, validityDays, describeDevice(context.userAgent));
    note.detail.acr = acr;
    note.detail.appSessionId = view.id;
    return { token, validityDays, person: personView(account, this.deps.cipher), session: view };
  }
}

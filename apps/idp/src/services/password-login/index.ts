import { maskIdNumber, maskPhone } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository, AssuranceLevel } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import { loginAssurance, meetsLevel } from '../accounts/account-profile.ts';
import { findAccountByIdentifier } from '../accounts/account-lookup.ts';
import type { CaptchaService } from '../captcha/captcha-service.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RATE_LIMITS, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { ensureAccountUsable } from './ensure-account-usable.ts';
import { ensurePasswordFresh } from './ensure-password-fresh.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { verifyPassword } from './verify-password.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export interface PasswordLoginInput {
  identifier: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface LoginContext {
  ip: string;
  userAgent?: string;
  /** The browser's device id (device cookie, or a fresh one the route sets after a successful login). */
  deviceId: string;
  clientId?: string;
  /** The level the relying party demands (acr_values), if any. */
  requiredAcr?: AssuranceLevel | null;
}

export interface LoginResult {
  accountId: string;
  acr: AssuranceLevel;
  amr: string[];
  /**
   * Epoch ms (service clock) at which the password was read to be checked: the login's time. A password
   * reset committed after it voids the login, even one that finishes later (the check, a second factor).
   */
  authenticatedAt: number;
}

/** The most a password proves (DESIGN.md §2): real-name, never real-person. */
const PASSWORD_PROVES: AssuranceLevel = 'L2';

/** A login below what the relying party demands would only meet the login prompt again: 扫码登录 is the way. */
function ensureReaches(acr: AssuranceLevel, required: AssuranceLevel | null | undefined) {
  if (required && !meetsLevel(acr, required)) throw new AppError('LOGIN_REQUIRES_QR');
}

/** Masked form of what was typed, so failed attempts can be investigated without clear personal data. */
function maskIdentifier(kind: string, value: string) {
  if (kind === 'phone') return maskPhone(value);
  if (kind === 'id_number') return maskIdNumber(value);
  return value.slice(0, 2) + '***';
}

/**
 * 账号登录: identifier (用户名/手机号/身份证号) + password + graphic captcha.
 * Each step throws its own AppError; every decision is audited.
 */
export class PasswordLogin {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      hasher: PasswordHasher;
      captcha: CaptchaService;
      rateLimiter: RateLimiter;
      throttle: LoginThrottle;
      audit: AuditLog;
      dummyHash: string;
      /** UIA_PASSWORD_MAX_AGE_DAYS (0: passwords never expire). */
      passwordMaxAgeDays?: number;
      now?: () => number;
    },
  ) {}

  async login(input: PasswordLoginInput, context: LoginContext): Promise<LoginResult> {
    let accountId: string | null = null;
    let identifierKind = 'unknown';
    let source: 'device' | 'address' | null = null;
    try {
      // Before the captcha and the password: no password can reach a level above PASSWORD_PROVES.
      ensureReaches(PASSWORD_PROVES, context.requiredAcr);
      await this.deps.rateLimiter.hit(RATE_LIMITS.loginPerIp, context.ip);
      await this.deps.captcha.verify(input.captchaId, input.captchaAnswer, context);
      const authenticatedAt = (this.deps.now ?? Date.now)();
      const { kind, account, nameIndex } = await findAccountByIdentifier(this.deps.accounts, this.deps.cipher, input.identifier);
      identifierKind = kind;
      accountId = account?.id ?? null;
      // A disabled account is refused before the throttle counts an attempt it would never settle.
      if (account) ensureAccountUsable(account);
      // Known and unknown names go through the same throttle, so its answers do not tell them apart.
      const subject = await this.deps.throttle.subject(nameIndex, account, context);
      source = subject.source.kind;
      const attempt = await this.deps.throttle.admit(subject, context);
      const verified = await verifyPassword(this.deps, account, input.password);
      if (!verified) throw await attempt.failed();
      await attempt.succeeded();
      // After the password was found right (so the answer tells a guesser nothing).
      ensurePasswordFresh(verified, (this.deps.now ?? Date.now)(), this.deps.passwordMaxAgeDays ?? 0);
      const result = { accountId: verified.id, acr: loginAssurance(verified.assuranceLevel, PASSWORD_PROVES), amr: ['pwd'], authenticatedAt };
      ensureReaches(result.acr, context.requiredAcr);
      await this.deps.throttle.ownerLoggedIn(verified.id, 'password', context);
      await this.audit('success', context, verified.id, { identifierKind: kind, acr: result.acr, source });
      return result;
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
      await this.audit('failure', context, accountId, {
        identifierKind,
        identifier: identifierKind === 'unknown' ? null : maskIdentifier(identifierKind, input.identifier.trim()),
        reason: code,
        source,
      });
      throw error;
    }
  }

  private audit(outcome: 'success' | 'failure', context: LoginContext, accountId: string | null, detail: Record<string, string | null>) {
    return this.deps.audit.append({
      type: AUDIT_EVENT_TYPES.loginPassword,
      outcome,
      accountId,
      clientId: context.clientId ?? null,
      ip: context.ip,
      userAgent: context.userAgent ?? null,
      detail,
    });
  }
}

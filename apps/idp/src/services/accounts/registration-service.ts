import { randomUUID } from 'node:crypto';
import {
  birthDateFromIdNumber,
  validateIdNumber,
  validateName,
  validatePassword,
  validatePhone,
  validateUsername,
  type IdType,
} from '@uia/validators';
import type { RegisterRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import { DuplicateAccountError, type AccountRepository } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { IdentityRegistry } from '../../ports/identity-registry.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { SmsCodeService } from '../sms/sms-code-service.ts';
import { PII_CONTEXT } from './account-profile.ts';
import { idNumberIndex, phoneIndex } from './account-lookup.ts';

const DUPLICATE_ERRORS = {
  username: new AppError('USERNAME_TAKEN', { status: 409, field: 'username' }),
  idNumber: new AppError('ID_NUMBER_TAKEN', { status: 409, field: 'idNumber' }),
  phone: new AppError('PHONE_TAKEN', { status: 409, field: 'phone' }),
};

function valid<T>(result: { ok: true; value: T } | { ok: false; reason: string }, field: string): T {
  if (!result.ok) throw new AppError(result.reason as never, { field });
  return result.value;
}

/**
 * 立即注册: a real-name personal account. Order matters: cheap format checks,
 * then the SMS code (proves the phone, so only its holder learns whether it
 * is taken), then uniqueness, then the identity registry, then one insert.
 */
export class RegistrationService {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      hasher: PasswordHasher;
      smsCodes: SmsCodeService;
      registry: IdentityRegistry;
      audit: AuditLog;
    },
  ) {}

  async register(input: RegisterRequest, context: { ip: string; userAgent?: string }) {
    const name = valid(validateName(input.name), 'name');
    const idType = input.idType as IdType;
    const idNumber = valid(validateIdNumber(idType, input.idNumber), 'idNumber');
    const phone = valid(validatePhone(input.phone), 'phone');
    const username = valid(validateUsername(input.username), 'username');
    valid(validatePassword(input.password, { username, phone, birthDate: birthDateFromIdNumber(idType, idNumber) ?? undefined }), 'password');
    if (input.agreeTerms !== true) throw new AppError('CONSENT_REQUIRED', { field: 'agreeTerms' });

    const { accounts, cipher, smsCodes, registry } = this.deps;
    await smsCodes.check(phone, 'register', input.smsCode);

    const idIndex = idNumberIndex(cipher, idType, idNumber);
    const phoneIdx = phoneIndex(cipher, phone);
    if (await accounts.findByUsername(username)) throw DUPLICATE_ERRORS.username;
    if (await accounts.findByIdNumberIndex(idIndex)) {
      await this.audit(context, 'failure', { reason: 'ID_NUMBER_TAKEN' });
      throw DUPLICATE_ERRORS.idNumber;
    }
    if (await accounts.findByPhoneIndex(phoneIdx)) throw DUPLICATE_ERRORS.phone;

    const verdict = await registry.verify({ name, idType, idNumber });
    if (verdict !== 'match') {
      await this.audit(context, 'failure', { reason: 'REALNAME_MISMATCH', verdict });
      throw new AppError('REALNAME_MISMATCH', { status: 422, field: 'name' });
    }

    if (!(await smsCodes.consume(phone, 'register'))) throw new AppError('SMS_CODE_EXPIRED', { field: 'smsCode' });
    const now = Date.now();
    const id = randomUUID();
    try {
      await accounts.create({
        id,
        username,
        passwordHash: await this.deps.hasher.hash(input.password),
        nameCipher: cipher.encrypt(name, PII_CONTEXT.name),
        idType,
        idNumberCipher: cipher.encrypt(idNumber, PII_CONTEXT.idNumber),
        idNumberIndex: idIndex,
        phoneCipher: cipher.encrypt(phone, PII_CONTEXT.phone),
        phoneIndex: phoneIdx,
        assuranceLevel: 'L2',
        status: 'active',
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (error instanceof DuplicateAccountError) throw DUPLICATE_ERRORS[error.field];
      throw error;
    }
    await this.audit(context, 'success', { idType, assuranceLevel: 'L2' }, id);
    return { accountId: id, username, assuranceLevel: 'L2' as const };
  }

  private audit(context: { ip: string; userAgent?: string }, outcome: 'success' | 'failure', detail: Record<string, string>, accountId?: string) {
    return this.deps.audit.append({ type: 'account.register', outcome, accountId: accountId ?? null, ip: context.ip, userAgent: context.userAgent ?? null, detail });
  }
}

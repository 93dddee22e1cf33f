import { birthDateFromIdNumber, validateIdNumber, validateName, validatePhone, validateUsername, type Validation } from '@uia/validators';
import { validateNewPassword } from '@uia/validators/common-passwords';
import type { RegisterRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import { VendorCallError } from '../../ports/vendor-call-error.ts';
import { DuplicateAccountError, type AccountRepository } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';
import { auditedStep, type AuditNote } from '../audited-step.ts';
import type { IdentityRegistry, RegistryVerdict } from '../../ports/identity-registry.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { SmsCodeService } from '../sms/sms-code-service.ts';
import { idNumberIndex, phoneIndex } from './account-lookup.ts';
import { newAccountRecord } from './new-account.ts';

const DUPLICATE_CODES = { username: 'USERNAME_TAKEN', idNumber: 'ID_NUMBER_TAKEN', phone: 'PHONE_TAKEN' } as const;
const duplicate = (field: keyof typeof DUPLICATE_CODES) => new AppError(DUPLICATE_CODES[field], { field });

function valid<T>(result: Validation<T>, field: string): T {
  if (!result.ok) throw new AppError(result.reason, { field });
  return result.value;
}

/**
 * 立即注册: a real-name personal account. Order matters: cheap format checks,
 * then the SMS code (proves the phone, so only its holder learns whether it
 * is taken), then uniqueness, then the identity registry, then one insert.
 * Without an identity registry (UIA_IDENTITY_PROVIDER=none) the name and ID
 * number are only format-checked and the account is L1 (未实名) until the
 * person raises it (face check in the app, or at a service hall).
 */
export class RegistrationService {
  constructor(
    private readonly deps: {
      accounts: AccountRepository;
      cipher: PiiCipher;
      hasher: PasswordHasher;
      smsCodes: SmsCodeService;
      /** Null: no 实名核验 available, accounts start at L1. */
      registry: IdentityRegistry | null;
      audit: AuditLog;
    },
  ) {}

  /** Every refusal is audited with its reason code (AppError), like the registration itself. */
  async register(input: RegisterRequest, context: { ip: string; userAgent?: string }) {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.accountRegister, ...context }, (note) => this.registerAccount(input, note));
  }

  private async registerAccount(input: RegisterRequest, note: AuditNote) {
    const name = valid(validateName(input.name), 'name');
    const idType = input.idType;
    const idNumber = valid(validateIdNumber(idType, input.idNumber), 'idNumber');
    const phone = valid(validatePhone(input.phone), 'phone');
    const username = valid(validateUsername(input.username), 'username');
    valid(validateNewPassword(input.password, { username, phone, birthDate: birthDateFromIdNumber(idType, idNumber) ?? undefined }), 'password');
    if (input.agreeTerms !== true) throw new AppError('CONSENT_REQUIRED', { field: 'agreeTerms' });

    const { accounts, cipher, smsCodes, registry } = this.deps;
    await smsCodes.check(phone, 'register', input.smsCode);

    const idIndex = idNumberIndex(cipher, idType, idNumber);
    const phoneIdx = phoneIndex(cipher, phone);
    if (await accounts.findByUsername(username)) throw duplicate('username');
    if (await accounts.findByIdNumberIndex(idIndex)) throw duplicate('idNumber');
    if (await accounts.findByPhoneIndex(phoneIdx)) throw duplicate('phone');

    if (registry) {
      let verdict: RegistryVerdict;
      try {
        verdict = await registry.verify({ name, idType, idNumber });
      } catch (error) {
        // The registry could not answer (outage, timeout, our credentials): the person may retry; the SMS code stays valid.
        // The audit names the vendor's failure kind and code for operators: never the person's data.
        if (error instanceof VendorCallError) note.detail = { vendorFailure: error.kind, vendorCode: error.vendorCode ?? '' };
        throw new AppError('REALNAME_UNAVAILABLE', { details: { retryable: true } });
      }
      if (verdict !== 'match') {
        note.detail = { verdict };
        throw new AppError('REALNAME_MISMATCH', { field: 'name' });
      }
    }
    const assuranceLevel = registry ? ('L2' as const) : ('L1' as const);

    if (!(await smsCodes.consume(phone, 'register'))) throw new AppError('SMS_CODE_EXPIRED', { field: 'smsCode' });
    const account = newAccountRecord(cipher, { name, idType, idNumber, phone, username, passwordHash: await this.deps.hasher.hash(input.password), assuranceLevel });
    try {
      await accounts.create(account);
    } catch (error) {
      if (error instanceof DuplicateAccountError) throw duplicate(error.field);
      throw error;
    }
    note.accountId = account.id;
    note.detail = { idType, assuranceLevel };
    return { accountId: account.id, username, assuranceLevel };
  }
}

import { isRealCalendarDate } from './birth-date.ts';
import { validateForeignPermanentResidenceNumber } from './foreign-permanent-residence.ts';
import { embeddedBirthDate, hasEighteenCharShape, validateHmtResidencePermitNumber, validateResidentIdNumber } from './gb11643-numbers.ts';
import { isIdType, type IdType } from './id-types.ts';
import { normalizeIdNumber } from './normalize-id.ts';
import { validatePassportNumber } from './passport.ts';
import { validateHkMacaoPermitNumber, validateTaiwanPermitNumber } from './travel-permits.ts';
import { fail, type Validation } from './validation.ts';

export interface IdNumberOptions {
  /** Reference time for "birth date not in the future"; defaults to the current time. */
  now?: Date;
}

// Generous for numbers typed with spaces between groups, small enough that
// pathological input is dismissed before any work is done on it.
const MAX_RAW_LENGTH = 64;

/**
 * Checks a document number for the chosen 证件类型; `value` is the
 * normalized number to store and compare. `idType` is a plain string because
 * it arrives from forms and requests; anything not in ID_TYPES is
 * ID_TYPE_INVALID.
 */
export function validateIdNumber(idType: IdType | (string & {}), raw: string, options: IdNumberOptions = {}): Validation<string> {
  if (!isIdType(idType)) return fail('ID_TYPE_INVALID');
  if (typeof raw !== 'string' || raw.length > MAX_RAW_LENGTH) return fail('ID_NUMBER_FORMAT');
  const id = normalizeIdNumber(raw);
  const now = options.now ?? new Date();
  switch (idType) {
    case 'resident_id':
      return validateResidentIdNumber(id, now);
    case 'hmt_residence_permit':
      return validateHmtResidencePermitNumber(id, now);
    case 'foreign_permanent_residence':
      return validateForeignPermanentResidenceNumber(id, now);
    case 'hk_macao_permit':
      return validateHkMacaoPermitNumber(id);
    case 'taiwan_permit':
      return validateTaiwanPermitNumber(id);
    case 'passport':
      return validatePassportNumber(id);
  }
}

const TYPES_WITH_BIRTH_DATE: ReadonlySet<string> = new Set<IdType>(['resident_id', 'hmt_residence_permit', 'foreign_permanent_residence']);

/**
 * The YYYYMMDD birth date embedded in an 18-character number (resident ID,
 * 港澳台居民居住证, 2023 永居证), so the password policy can forbid it;
 * null for documents that do not carry one or when the date is not real.
 */
export function birthDateFromIdNumber(idType: IdType | (string & {}), normalized: string): string | null {
  if (typeof idType !== 'string' || !TYPES_WITH_BIRTH_DATE.has(idType)) return null;
  if (typeof normalized !== 'string' || normalized.length > MAX_RAW_LENGTH) return null;
  // Normalizing again is harmless (idempotent) and spares callers a subtle precondition.
  const id = normalizeIdNumber(normalized);
  if (!hasEighteenCharShape(id)) return null;
  const date = embeddedBirthDate(id);
  return isRealCalendarDate(date) ? date : null;
}

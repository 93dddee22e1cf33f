export { REASON_CODES, type ReasonCode, type Validation } from './validation.ts';
export { ID_TYPES, idTypeLabel, isIdType, type IdType } from './id-types.ts';
export { normalizeIdNumber } from './normalize-id.ts';
export { computeResidentIdCheckChar, verifyResidentIdChecksum } from './checksum.ts';
export { validateIdNumber, birthDateFromIdNumber, type IdNumberOptions } from './id-number.ts';
export { isChinesePassportNumber } from './passport.ts';
export { computeUsccCheckChar, USCC_DEPARTMENT_CATEGORIES, validateUscc, verifyUsccChecksum } from './uscc.ts';
export { validateName } from './name.ts';
export { validatePhone } from './phone.ts';
export { validateUsername } from './username.ts';
export { PASSWORD_LENGTH, validatePassword, type PasswordContext } from './password.ts';
export {
  detectIdentifierKind,
  normalizeIdentifier,
  type IdentifierKind,
  type NormalizedIdentifier,
} from './identifier.ts';
export { maskIdNumber, maskName, maskPhone } from './mask.ts';

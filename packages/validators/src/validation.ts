/**
 * The result shape every validator returns. Validators never throw on bad
 * input: servers map `reason` to an HTTP error and UIs to an inline message,
 * both through the shared catalogue in @uia/i18n (the codes below are keys of
 * it; a test keeps the two in step without a runtime dependency).
 */
export const REASON_CODES = [
  'ID_TYPE_INVALID',
  'ID_NUMBER_FORMAT',
  'ID_NUMBER_CHECKSUM',
  'ID_NUMBER_BIRTHDATE',
  'ID_NUMBER_REGION',
  'NAME_INVALID',
  'PHONE_INVALID',
  'USERNAME_INVALID',
  'USERNAME_LOOKS_LIKE_IDENTIFIER',
  'PASSWORD_LENGTH',
  'PASSWORD_COMPLEXITY',
  'PASSWORD_INVALID_CHARACTERS',
  'PASSWORD_CONTAINS_PERSONAL',
  'PASSWORD_TOO_COMMON',
  'USCC_FORMAT',
  'USCC_STRUCTURE',
  'USCC_ORG_CODE',
  'USCC_CHECKSUM',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: ReasonCode };

export function ok<T>(value: T): Validation<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: ReasonCode): Validation<T> {
  return { ok: false, reason };
}

// 立即注册's fields and their client-side checks (the server checks them again:
// POST /api/register, apps/idp/src/routes/registration.ts).
import { formatMessage, ui, type ErrorCode } from '@uia/i18n';
import { birthDateFromIdNumber, validateIdNumber, validateName, validatePassword, validatePhone, validateUsername } from '@uia/validators';

const r = ui.register;

export interface Values {
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  captchaAnswer: string;
  smsCode: string;
  username: string;
  password: string;
  confirmPassword: string;
}
export type Field = keyof Values;
export type Errors = Partial<Record<Field | 'agreeTerms' | 'form', string>>;

/** Order of the form, used to focus the first field in error. */
export const FIELD_ORDER: (Field | 'agreeTerms')[] = ['name', 'idType', 'idNumber', 'phone', 'captchaAnswer', 'smsCode', 'username', 'password', 'confirmPassword', 'agreeTerms'];

/** Fields of POST /api/register the server may name in `error.field`. */
export const SERVER_FIELDS = new Set<string>(['name', 'idType', 'idNumber', 'phone', 'smsCode', 'username', 'password', 'agreeTerms']);

export const inputId = (field: Field | 'agreeTerms') => `reg-${field}`;

type Checked = { error?: string; value?: string };

/**
 * Client-side check of one field with the shared validators. Empty fields
 * are only an error when `requireFilled` (on submit), not on blur.
 */
export function check(field: Field, v: Values, requireFilled: boolean): Checked {
  const raw = v[field];
  const empty = field === 'password' || field === 'confirmPassword' ? raw === '' : raw.trim() === '';
  if (empty) return requireFilled ? { error: requiredMessage(field) } : {};

  switch (field) {
    case 'name':
      return verdict(validateName(raw));
    case 'idType':
      // A select of ID_TYPES; its rules are checked through the number.
      return { value: raw };
    case 'idNumber':
      return verdict(validateIdNumber(v.idType, raw));
    case 'phone':
      return verdict(validatePhone(raw));
    case 'captchaAnswer':
      return { value: raw.trim() };
    case 'smsCode':
      return /^\d{6}$/.test(raw.trim()) ? { value: raw.trim() } : { error: r.smsCodeRequired };
    case 'username':
      return verdict(validateUsername(raw));
    case 'password': {
      const id = validateIdNumber(v.idType, v.idNumber);
      const birthDate = id.ok ? birthDateFromIdNumber(v.idType, id.value) : null;
      return verdict(
        validatePassword(raw, {
          username: v.username.trim(),
          phone: v.phone.trim(),
          birthDate: birthDate ?? undefined,
        }),
      );
    }
    case 'confirmPassword':
      return raw === v.password ? { value: raw } : { error: formatMessage('PASSWORD_MISMATCH') };
  }
}

function verdict(result: { ok: true; value: string } | { ok: false; reason: ErrorCode }): Checked {
  return result.ok ? { value: result.value } : { error: formatMessage(result.reason) };
}

function requiredMessage(field: Field): string {
  switch (field) {
    case 'name':
      return r.namePlaceholder;
    case 'idType':
      return formatMessage('ID_TYPE_INVALID');
    case 'idNumber':
      return r.idNumberPlaceholder;
    case 'phone':
      return r.phonePlaceholder;
    case 'captchaAnswer':
      return r.captchaRequired;
    case 'smsCode':
      return r.smsCodeRequired;
    case 'username':
      return r.usernamePlaceholder;
    case 'password':
      return r.passwordPlaceholder;
    case 'confirmPassword':
      return r.confirmPasswordPlaceholder;
  }
}

export const EMPTY: Values = {
  name: '',
  idType: 'resident_id',
  idNumber: '',
  phone: '',
  captchaAnswer: '',
  smsCode: '',
  username: '',
  password: '',
  confirmPassword: '',
};

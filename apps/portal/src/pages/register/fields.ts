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
  smsCode: string;
  username: string;
  password: string;
  confirmPassword: string;
}
export type Field = keyof Values;
/** The form's controls: its fields, the captcha's answer (kept with its challenge) and the terms. */
export type Control = Field | 'captchaAnswer' | 'agreeTerms';
export type Errors = Partial<Record<Control | 'form', string>>;

/** Order of the form, used to focus the first field in error. */
export const FIELD_ORDER: Control[] = ['name', 'idType', 'idNumber', 'phone', 'captchaAnswer', 'smsCode', 'username', 'password', 'confirmPassword', 'agreeTerms'];

/** Fields of POST /api/register the server may name in `error.field`. */
export const SERVER_FIELDS = new Set<string>(['name', 'idType', 'idNumber', 'phone', 'smsCode', 'username', 'password', 'agreeTerms']);

export const inputId = (field: Control) => `reg-${field}`;

type Checked = { error?: string; value?: string };

/** What an empty field says on submit: mostly its placeholder (请输入…). */
const REQUIRED: Record<Field, string> = {
  name: r.namePlaceholder,
  idType: formatMessage('ID_TYPE_INVALID'),
  idNumber: r.idNumberPlaceholder,
  phone: r.phonePlaceholder,
  smsCode: r.smsCodeRequired,
  username: r.usernamePlaceholder,
  password: r.passwordPlaceholder,
  confirmPassword: r.confirmPasswordPlaceholder,
};

/**
 * Client-side check of one field with the shared validators. Empty fields
 * are only an error when `requireFilled` (on submit), not on blur.
 */
export function check(field: Field, v: Values, requireFilled: boolean): Checked {
  const raw = v[field];
  const empty = field === 'password' || field === 'confirmPassword' ? raw === '' : raw.trim() === '';
  if (empty) return requireFilled ? { error: REQUIRED[field] } : {};

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

export const EMPTY: Values = {
  name: '',
  idType: 'resident_id',
  idNumber: '',
  phone: '',
  smsCode: '',
  username: '',
  password: '',
  confirmPassword: '',
};

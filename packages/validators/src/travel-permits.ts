/**
 * Travel permits carry no check character, so only their shape is checked;
 * the identity registry confirms the holder. Input is normalized.
 */
import { fail, ok, type Validation } from './validation.ts';

/**
 * 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macao) followed by
 * 8 digits on the card issued since 2013; the older booklet appended two
 * more digits counting re-issues, and those numbers are still quoted on
 * records, so H/M + 10 digits is accepted as is.
 */
const HK_MACAO_PERMIT = /^[HM]\d{8}(?:\d{2})?$/;

export function validateHkMacaoPermitNumber(id: string): Validation<string> {
  return HK_MACAO_PERMIT.test(id) ? ok(id) : fail('ID_NUMBER_FORMAT');
}

/**
 * 台湾居民来往大陆通行证 (台胞证): 8 digits on the card issued since 2015
 * (the holder's lifelong number). The older booklet showed 10 digits (two
 * re-issue digits appended) and sometimes an issue letter in parentheses,
 * e.g. 12345678(B). We accept 8 or 10 digits with an optional letter, with
 * or without the parentheses, and store the letter without them
 * (12345678(B) → 12345678B) so one document has one spelling.
 */
const TAIWAN_PERMIT = /^(\d{8}(?:\d{2})?)(?:\(([A-Z])\)|([A-Z]))?$/;

export function validateTaiwanPermitNumber(id: string): Validation<string> {
  const match = TAIWAN_PERMIT.exec(id);
  if (!match) return fail('ID_NUMBER_FORMAT');
  const [, digits, bracketedLetter, bareLetter] = match;
  return ok(`${digits}${bracketedLetter ?? bareLetter ?? ''}`);
}

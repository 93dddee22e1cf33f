/**
 * The 证件类型 choices, in the order the registration and app-login forms
 * show them. `value` is what APIs and storage use; `label` is the on-screen
 * text from the manual.
 */
export const ID_TYPES = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'hk_macao_permit', label: '港澳居民来往内地通行证' },
  { value: 'taiwan_permit', label: '台湾居民来往大陆通行证' },
  { value: 'hmt_residence_permit', label: '港澳台居民居住证' },
  { value: 'foreign_permanent_residence', label: '外国人永久居留身份证' },
  { value: 'passport', label: '护照' },
] as const satisfies readonly { value: string; label: string }[];

export type IdType = (typeof ID_TYPES)[number]['value'];

export function isIdType(value: unknown): value is IdType {
  return typeof value === 'string' && ID_TYPES.some((t) => t.value === value);
}

export function idTypeLabel(idType: IdType): string {
  return ID_TYPES.find((t) => t.value === idType)?.label ?? idType;
}

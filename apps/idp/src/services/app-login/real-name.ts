import { validateIdNumber, validateName, type IdType, type Validation } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { IdentityRegistry, RegistryVerdict } from '../../ports/identity-registry.ts';

export interface RealNamePerson {
  name: string;
  idType: IdType;
  idNumber: string;
}

function valid<T>(result: Validation<T>, field: string): T {
  if (!result.ok) throw new AppError(result.reason, { field });
  return result.value;
}

/** 证件类型 + 姓名 + 证件号码 as typed, normalised; format errors name their field. */
export function validatePerson(input: { idType: IdType; name: string; idNumber: string }): RealNamePerson {
  return {
    name: valid(validateName(input.name), 'name'),
    idType: input.idType,
    idNumber: valid(validateIdNumber(input.idType, input.idNumber), 'idNumber'),
  };
}

/**
 * 实名核验: the registry must say the name belongs to the ID number. Without a
 * registry (UIA_IDENTITY_PROVIDER=none) nothing is confirmed here: the caller
 * matches the name against the account's own (an L1 account's name is as typed
 * at registration, so it raises nobody's level).
 */
export async function confirmRealName(registry: IdentityRegistry | null, person: RealNamePerson): Promise<void> {
  if (!registry) return;
  let verdict: RegistryVerdict;
  try {
    verdict = await registry.verify(person);
  } catch {
    throw new AppError('REALNAME_UNAVAILABLE');
  }
  if (verdict !== 'match') throw new AppError('REALNAME_MISMATCH', { field: 'name' });
}

import type { FindAccountRequest } from '@uia/schemas';
import { validateIdNumber, validatePhone, validateUsername, type Validation } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import { idNumberIndex, phoneIndex } from '../accounts/account-lookup.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

function valid<T>(validation: Validation<T>): T {
  if (!validation.ok) throw new AppError(validation.reason, { field: 'value' });
  return validation.value;
}

/**
 * One account by an exact identifier of the kind the administrator chose:
 * the value is checked for its kind's format first (a malformed one is
 * refused, never looked up), then found through its blind index (用户名 as
 * stored). There is no partial or fuzzy match over personal data.
 */
export async function findAccountExactly(accounts: AccountRepository, cipher: PiiCipher, request: FindAccountRequest, now: Date): Promise<StoredAccount | null> {
  switch (request.kind) {
    case 'id_number': {
      const idType = request.idType ?? 'resident_id';
      const idNumber = valid(validateIdNumber(idType, request.value, { now }));
      return accounts.findByIdNumberIndex(idNumberIndex(cipher, idType, idNumber));
    }
    case 'phone':
      return accounts.findByPhoneIndex(phoneIndex(cipher, valid(validatePhone(request.value))));
    case 'username':
      return accounts.findByUsername(valid(validateUsername(request.value)));
  }
}

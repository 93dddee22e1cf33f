import { validatePhone } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository, StoredAccount } from '../../ports/account-repository.ts';
import { phoneIndex } from '../accounts/account-lookup.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** The new number: a mainland mobile number, not the current one, not bound to another account. */
export async function acceptableNewPhone(deps: { accounts: AccountRepository; cipher: PiiCipher }, account: StoredAccount, raw: string): Promise<{ phone: string; index: string }> {
  const parsed = validatePhone(raw);
  if (!parsed.ok) throw new AppError(parsed.reason, { field: 'phone' });
  const index = phoneIndex(deps.cipher, parsed.value);
  if (index === account.phoneIndex) throw new AppError('PHONE_UNCHANGED', { field: 'phone' });
  const holder = await deps.accounts.findByPhoneIndex(index);
  if (holder) throw new AppError('PHONE_TAKEN', { field: 'phone' });
  return { phone: parsed.value, index };
}

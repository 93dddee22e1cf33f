import { AppError } from '../../errors.ts';
import { DuplicateAccountError, type AccountRepository, type StoredAccount } from '../../ports/account-repository.ts';
import { meetsLevel } from '../accounts/account-profile.ts';
import { idNumberIndex } from '../accounts/account-lookup.ts';
import { newAccountRecord } from '../accounts/new-account.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { RealNamePerson } from './real-name.ts';

export function ensureActive(account: StoredAccount): void {
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
}

/**
 * The account of a person who just passed a face check (实人, L3): their
 * existing account, raised to L3 if it was lower, or — at their first app
 * login — a new one with no username, no password and no phone, which they
 * can add later. Two first logins at once end with one account.
 */
export async function realPersonAccount(deps: { accounts: AccountRepository; cipher: PiiCipher }, person: RealNamePerson, now: number): Promise<{ account: StoredAccount; created: boolean }> {
  const existing = await deps.accounts.findByIdNumberIndex(idNumberIndex(deps.cipher, person.idType, person.idNumber));
  if (existing) {
    ensureActive(existing);
    if (meetsLevel(existing.assuranceLevel, 'L3')) return { account: existing, created: false };
    await deps.accounts.raiseAssuranceLevel(existing.id, 'L3', now);
    return { account: { ...existing, assuranceLevel: 'L3', updatedAt: now }, created: false };
  }
  const account = newAccountRecord(deps.cipher, { ...person, phone: null, username: null, passwordHash: null, assuranceLevel: 'L3' }, now);
  try {
    await deps.accounts.create(account);
  } catch (error) {
    if (error instanceof DuplicateAccountError && error.field === 'idNumber') return realPersonAccount(deps, person, now);
    throw error;
  }
  return { account, created: true };
}

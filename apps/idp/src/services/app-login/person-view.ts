import { maskIdNumber, maskName, maskPhone } from '@uia/validators';
import type { StoredAccount } from '../../ports/account-repository.ts';
import { readAccountProfile } from '../accounts/account-profile.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';

/** The person as the app shows them (我的): masked, never in clear. */
export interface PersonView {
  maskedName: string;
  maskedIdNumber: string;
  maskedPhone: string | null;
  assuranceLevel: StoredAccount['assuranceLevel'];
}

export function personView(account: StoredAccount, cipher: PiiCipher): PersonView {
  const profile = readAccountProfile(account, cipher);
  return {
    maskedName: maskName(profile.name),
    maskedIdNumber: maskIdNumber(profile.idNumber),
    maskedPhone: profile.phone === null ? null : maskPhone(profile.phone),
    assuranceLevel: account.assuranceLevel,
  };
}

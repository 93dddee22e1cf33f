import { maskPhone, type NormalizedIdentifier } from '@uia/validators';
import type { StoredAccount } from '../../ports/account-repository.ts';

export interface StartAnswer {
  /** False only for a real account without a bound phone (the portal explains the service-hall route). */
  phoneBound: boolean;
  /** The bound phone masked, only where it tells nothing new: the account name typed was that phone. */
  maskedPhone: string | null;
}

/**
 * What step 1 (填写账户名) shows of the bound phone. A masked phone shown for
 * a username or ID number could be compared with the mask of a phone number
 * someone already knows, linking the two without any SMS; so for those kinds
 * nothing of the phone is shown until step 2 has matched the ID number (the
 * send-code answer carries it). A typed phone number shows its own mask.
 * Nothing here depends on the account's phone, so an unknown name (null)
 * answers exactly like a real account with a bound phone.
 */
export function startAnswer(accountName: NormalizedIdentifier, account: StoredAccount | null): StartAnswer {
  return {
    phoneBound: account === null || account.phoneCipher !== null,
    maskedPhone: accountName.kind === 'phone' ? maskPhone(accountName.value) : null,
  };
}

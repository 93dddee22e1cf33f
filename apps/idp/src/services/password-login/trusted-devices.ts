import { createHash, randomBytes } from 'node:crypto';
import type { StoredAccount } from '../../ports/account-repository.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';

/**
 * The device cookie: a random opaque id a browser gets after a successful
 * password or QR login. The server keeps only a hash of it per account, so
 * "this browser has logged into this account before" can be answered while
 * a copy of the store gives nobody a usable cookie.
 */
export const DEVICE_COOKIE = { name: 'uia_device', maxAgeSeconds: 365 * 24 * 3600 } as const;

const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;

/** The browser's device id when it sent a well-formed one, else a fresh one (kept only if a login succeeds). */
export function deviceIdFrom(cookieValue: string | undefined): string {
  return cookieValue && DEVICE_ID.test(cookieValue) ? cookieValue : randomBytes(32).toString('base64url');
}

export function deviceHash(deviceId: string): string {
  return createHash('sha256').update(deviceId).digest('base64url');
}

/**
 * Each record holds when the owner logged in on the device (service clock):
 * a device counts only for logins after the account's last password reset,
 * so a reset (which ends every session) also ends every device's trust.
 */
export class TrustedDevices {
  constructor(private readonly store: KeyValueStore) {}

  private key(accountId: string, deviceId: string) {
    return `trusted-device:${accountId}:${deviceHash(deviceId)}`;
  }

  async isTrusted(account: Pick<StoredAccount, 'id' | 'credentialsChangedAt'>, deviceId: string): Promise<boolean> {
    const loggedInAt = await this.store.get(this.key(account.id, deviceId));
    return loggedInAt !== null && Number(loggedInAt) > (account.credentialsChangedAt ?? 0);
  }

  /** Remembers (or renews for another year) that the owner logged in on this device at `at`. */
  async remember(accountId: string, deviceId: string, at: number): Promise<void> {
    await this.store.set(this.key(accountId, deviceId), String(at), DEVICE_COOKIE.maxAgeSeconds);
  }
}

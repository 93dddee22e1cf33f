import { AppError } from '../../errors.ts';
import type { StoredAccount } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';
import { beijingDay } from '../beijing-time.ts';
import { deviceHash, TrustedDevices } from './trusted-devices.ts';

/**
 * 登录失败处理 (docs/architecture.md § 登录失败处理): wrong passwords are
 * counted per account name as typed and per source, where the source is a
 * trusted device of the account (device cookie) or else the client address.
 * A source gets `freeTries` wrong passwords, then waits before each further
 * try, longer each time. Per account and Beijing day, `accountDailyLimit`
 * wrong passwords from sources that are not a trusted device of the
 * account pause password login from such sources; 扫码登录 or a completed
 * 忘记密码 lifts that pause. Nothing here ever stops the owner's trusted device, 扫码登录,
 * 忘记密码 or the app.
 */
export const LOGIN_THROTTLE_POLICY = {
  freeTries: 5,
  /** The wait after the 5th, 6th, 7th … wrong password from one source; the last one repeats. */
  delaysSeconds: [60, 5 * 60, 15 * 60, 30 * 60, 60 * 60],
  /** A source's record lives this long after its last wrong password (store TTL, real time). */
  sourceMemorySeconds: 24 * 3600,
  accountDailyLimit: 50,
  /**
   * Wrong passwords from one address, whatever the names, within `addressMemorySeconds`:
   * from then on every captcha that address gets is the strict one (longer answer).
   */
  strictCaptchaAfter: 10,
  addressMemorySeconds: 3600,
} as const;

/** Concurrent attempts from one source: compare-and-set rounds before the attempt is refused. */
const CAS_ROUNDS = 5;

export interface ThrottleContext {
  ip: string;
  userAgent?: string;
  /** The browser's device id (device cookie), or a fresh one. */
  deviceId: string;
}

export interface ThrottleSubject {
  /** Keyed hash of the account name as typed: per-source counts never link one account's names to each other. */
  nameIndex: string;
  accountId: string | null;
  /** Keys the account's daily count; for a name no account has, the name, so both are answered alike. */
  accountKey: string;
  source: { kind: 'device' | 'address'; key: string };
}

interface SourceRecord {
  failures: number;
  /** Service-clock time before which this source may not try again (the test clock moves it). */
  blockedUntil: number;
}

function parseRecord(raw: string | null): SourceRecord {
  if (raw === null) return { failures: 0, blockedUntil: 0 };
  try {
    const parsed = JSON.parse(raw) as Partial<SourceRecord>;
    if (typeof parsed.failures === 'number' && typeof parsed.blockedUntil === 'number') return { failures: parsed.failures, blockedUntil: parsed.blockedUntil };
  } catch {
    // An unreadable record counts as none: the next failure writes a good one.
  }
  return { failures: 0, blockedUntil: 0 };
}

/** The wait that the `failures`-th wrong password starts (0 while free tries remain). */
export function delayAfter(failures: number): number {
  const { freeTries, delaysSeconds } = LOGIN_THROTTLE_POLICY;
  if (failures < freeTries) return 0;
  return delaysSeconds[Math.min(failures - freeTries, delaysSeconds.length - 1)]!;
}

/** A wait as people read it: 45秒, 5分钟, 1小时, 2小时30分钟. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))}秒`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}小时` : `${hours}小时${minutes % 60}分钟`;
}

/**
 * Addresses as sources: an IPv4 address (also IPv4-mapped IPv6) as it is,
 * an IPv6 address by its /64, which one subscriber usually holds whole.
 */
export function addressSource(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const address = ip.split('%')[0]!.toLowerCase();
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}

const addressKey = (ip: string) => `address:${addressSource(ip)}`;
const accountKey = (accountId: string) => `account:${accountId}`;
/** The source records an account's names collected (keys), so 解锁 in the console finds them without scanning the store. */
const accountSourcesKey = (accountId: string) => `login-failures:account-sources:${accountId}`;

/** What 安全管理员 sees of an account's throttle: no address, only how many sources wait and the daily pause. */
export interface ThrottleState {
  /** Sources (a trusted device, or an address) with wrong passwords on record, and until when each waits (epoch ms; 0 = not waiting). */
  sources: { kind: 'device' | 'address'; failures: number; waitsUntil: number }[];
  /** Wrong passwords from untrusted sources today (Beijing day). */
  failuresToday: number;
  /** Password login from untrusted sources is paused for the rest of today. */
  paused: boolean;
}

function throttled(waitSeconds: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(waitSeconds));
  return new AppError('LOGIN_THROTTLED', { field: 'password', params: { wait: formatWait(retryAfter) }, details: { retryAfter } });
}

function paused(secondsLeftToday: number): AppError {
  return new AppError('PASSWORD_LOGIN_PAUSED', { field: 'password', details: { retryAfter: secondsLeftToday } });
}

/** An attempt counted (provisionally, as a failure) before its password is checked. */
export interface AdmittedAttempt {
  /** The password was right: this source starts afresh. */
  succeeded(): Promise<void>;
  /** The password was wrong: the error to answer (remaining tries, or the wait that starts now). */
  failed(): Promise<AppError>;
}

export class LoginThrottle {
  private readonly devices: TrustedDevices;

  constructor(
    private readonly deps: {
      store: KeyValueStore;
      audit: AuditLog;
      now: () => number;
    },
  ) {
    this.devices = new TrustedDevices(deps.store);
  }

  private sourceKey(nameIndex: string, source: string) {
    return `login-failures:source:${nameIndex}:${source}`;
  }

  private addressFailuresKey(ip: string) {
    return `login-failures:${addressKey(ip)}`;
  }

  /**
   * Whether captchas for this address should be the strict kind: it sent
   * `strictCaptchaAfter` wrong passwords within the hour, across any names
   * (someone trying many accounts from one place). Owners on their trusted
   * device do not add to it.
   */
  async wantsStrictCaptcha(ip: string): Promise<boolean> {
    return Number((await this.deps.store.get(this.addressFailuresKey(ip))) ?? 0) >= LOGIN_THROTTLE_POLICY.strictCaptchaAfter;
  }

  private dayKey(accountKey: string, day: string) {
    return `login-failures:day:${accountKey}:${day}`;
  }

  /** Who is trying which name from where: the device counts as the source only if it is one of the account's. */
  async subject(nameIndex: string, account: Pick<StoredAccount, 'id' | 'credentialsChangedAt'> | null, context: ThrottleContext): Promise<ThrottleSubject> {
    const trusted = account !== null && (await this.devices.isTrusted(account, context.deviceId));
    const accountId = account?.id ?? null;
    return {
      nameIndex,
      accountId,
      accountKey: accountId ? accountKey(accountId) : `name:${nameIndex}`,
      source: trusted ? { kind: 'device', key: `device:${deviceHash(context.deviceId)}` } : { kind: 'address', key: addressKey(context.ip) },
    };
  }

  /**
   * Refuses the attempt while its source waits (LOGIN_THROTTLED) or, for a
   * source that is not a trusted device, once the account's password login
   * is paused for today (PASSWORD_LOGIN_PAUSED). Otherwise counts it as a
   * failure with the wait that failure would start, before the password is
   * checked, so parallel attempts from one source cannot outrun the count;
   * the daily count of attempts from untrusted sources is likewise taken
   * before the check (and given back for a right password), so no burst
   * gets past the limit.
   */
  async admit(subject: ThrottleSubject, context: ThrottleContext): Promise<AdmittedAttempt> {
    const { store, now } = this.deps;
    const at = now();
    const today = beijingDay(at);
    const dayKey = this.dayKey(subject.accountKey, today.day);
    const untrusted = subject.source.kind === 'address';
    const { accountDailyLimit } = LOGIN_THROTTLE_POLICY;
    // Read first, so a paused account's refusals neither count nor touch the source's record.
    if (untrusted && Number((await store.get(dayKey)) ?? 0) >= accountDailyLimit) throw paused(today.secondsLeft);
    const key = this.sourceKey(subject.nameIndex, subject.source.key);
    const next = await this.countSourceFailure(key, at);
    if (subject.accountId) await store.appendToList(accountSourcesKey(subject.accountId), key, LOGIN_THROTTLE_POLICY.sourceMemorySeconds);
    if (untrusted) {
      const failuresToday = await store.increment(dayKey, today.secondsLeft + 60);
      if (failuresToday === accountDailyLimit) {
        await this.audit(AUDIT_EVENT_TYPES.accountLocked, 'failure', subject.accountId, context, { scope: 'account', failuresToday, pausedSeconds: today.secondsLeft });
      }
      if (failuresToday > accountDailyLimit) throw paused(today.secondsLeft);
    }
    return this.attempt(subject, context, key, next, at, untrusted ? dayKey : null, today.secondsLeft);
  }

  /** Compare-and-set: the source's record with one more failure and the wait it starts; throws while the source waits. */
  private async countSourceFailure(key: string, at: number): Promise<SourceRecord> {
    const { store } = this.deps;
    for (let round = 0; round < CAS_ROUNDS; round += 1) {
      const raw = await store.get(key);
      const current = parseRecord(raw);
      if (current.blockedUntil > at) throw throttled((current.blockedUntil - at) / 1000);
      const failures = current.failures + 1;
      const next: SourceRecord = { failures, blockedUntil: at + delayAfter(failures) * 1000 };
      const value = JSON.stringify(next);
      const written = raw === null ? await store.setIfAbsent(key, value, LOGIN_THROTTLE_POLICY.sourceMemorySeconds) : await store.swap(key, raw, value, LOGIN_THROTTLE_POLICY.sourceMemorySeconds);
      if (written) return next;
    }
    // Others from this very source are being decided at this moment: this one waits its turn.
    throw throttled(1);
  }

  private attempt(subject: ThrottleSubject, context: ThrottleContext, key: string, next: SourceRecord, at: number, dayKey: string | null, secondsLeftToday: number): AdmittedAttempt {
    return {
      succeeded: async () => {
        await this.deps.store.delete(key);
        // The daily limit is for wrong passwords: a right one gives its count back.
        if (dayKey) await this.deps.store.increment(dayKey, secondsLeftToday + 60, -1);
      },
      failed: async () => {
        if (subject.source.kind === 'address') {
          await this.deps.store.increment(this.addressFailuresKey(context.ip), LOGIN_THROTTLE_POLICY.addressMemorySeconds);
        }
        const wait = delayAfter(next.failures);
        if (wait > 0) {
          await this.audit(AUDIT_EVENT_TYPES.accountLocked, 'failure', subject.accountId, context, { scope: 'source', source: subject.source.kind, failures: next.failures, waitSeconds: wait });
          return throttled((next.blockedUntil - at) / 1000);
        }
        const remaining = LOGIN_THROTTLE_POLICY.freeTries - next.failures;
        const nextWait = delayAfter(LOGIN_THROTTLE_POLICY.freeTries);
        return new AppError('CREDENTIALS_INVALID', {
          field: 'password',
          params: { remaining, wait: formatWait(nextWait) },
          details: { remainingTries: remaining, nextWaitSeconds: nextWait },
        });
      },
    };
  }

  /**
   * The owner logged in on this device (password or 扫码登录): it becomes (or
   * stays) a trusted device of the account. 扫码登录 proves the owner holds
   * the phone, so it also lifts today's pause of password login.
   */
  async ownerLoggedIn(accountId: string, via: 'password' | 'qr', context: ThrottleContext): Promise<void> {
    await this.devices.remember(accountId, context.deviceId, this.deps.now());
    if (via === 'qr') await this.lift(accountId, 'qr', context);
  }

  /**
   * 忘记密码 completed: the guessed password is gone, so today's pause is
   * lifted, and the resetting browser's address starts afresh for each of
   * the account's names (the owner who mistyped before resetting is not kept
   * waiting with the new password).
   */
  async passwordReset(accountId: string, nameIndexes: string[], context: Omit<ThrottleContext, 'deviceId'>): Promise<void> {
    await Promise.all(nameIndexes.map((nameIndex) => this.deps.store.delete(this.sourceKey(nameIndex, addressKey(context.ip)))));
    await this.lift(accountId, 'password_reset', context);
  }

  private async sourceKeysOf(accountId: string): Promise<string[]> {
    return [...new Set(await this.deps.store.readList(accountSourcesKey(accountId)))];
  }

  /** The account's throttle as 安全管理员 sees it (console 账号管理). */
  async state(accountId: string): Promise<ThrottleState> {
    const { store } = this.deps;
    const keys = await this.sourceKeysOf(accountId);
    const records = await Promise.all(keys.map(async (key) => ({ key, record: parseRecord(await store.get(key)) })));
    const failuresToday = Number((await store.get(this.dayKey(accountKey(accountId), beijingDay(this.deps.now()).day))) ?? 0);
    return {
      sources: records
        .filter(({ record }) => record.failures > 0)
        .map(({ key, record }) => ({ kind: key.includes(':device:') ? 'device' : 'address', failures: record.failures, waitsUntil: record.blockedUntil })),
      failuresToday,
      paused: failuresToday >= LOGIN_THROTTLE_POLICY.accountDailyLimit,
    };
  }

  /**
   * 解锁 by 安全管理员: every source of the account's names starts afresh and
   * today's pause is lifted. Returns the state before, for the audit.
   */
  async unlock(accountId: string, context: Omit<ThrottleContext, 'deviceId'>): Promise<ThrottleState> {
    const before = await this.state(accountId);
    await Promise.all((await this.sourceKeysOf(accountId)).map((key) => this.deps.store.delete(key)));
    await this.deps.store.delete(accountSourcesKey(accountId));
    await this.lift(accountId, 'console', context);
    return before;
  }

  private async lift(accountId: string, via: 'qr' | 'password_reset' | 'console', context: Omit<ThrottleContext, 'deviceId'>) {
    const dayKey = this.dayKey(accountKey(accountId), beijingDay(this.deps.now()).day);
    const failuresToday = Number((await this.deps.store.take(dayKey)) ?? 0);
    if (failuresToday >= LOGIN_THROTTLE_POLICY.accountDailyLimit) {
      await this.audit(AUDIT_EVENT_TYPES.accountUnlocked, 'success', accountId, context, { scope: 'account', via, failuresToday });
    }
  }

  private audit(type: string, outcome: 'success' | 'failure', accountId: string | null, context: Omit<ThrottleContext, 'deviceId'>, detail: Record<string, string | number>) {
    return this.deps.audit.append({ type, outcome, accountId, ip: context.ip, userAgent: context.userAgent ?? null, detail });
  }
}

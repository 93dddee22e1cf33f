import { randomBytes } from 'node:crypto';
import type { LoginType, QrStatus as QrStreamStatus } from '@uia/schemas';
import type { AssuranceLevel } from '../../ports/account-repository.ts';

/**
 * pending → scanned → confirmed → used, or → cancelled, or → expired (by the
 * service clock: pending and scanned at `expiresAt`, confirmed at `completeBy`).
 */
export type QrStatus = QrStreamStatus | 'used';

/** What the browser's event stream shows (the contract's QR_STATUSES): `used` reads as `confirmed` (its completion then says so). */
export type { QrStreamStatus };

/** One `status` event of the stream: once scanned, with the scanner's masked name, so the PC shows who it is. */
export interface QrStreamEvent {
  status: QrStreamStatus;
  person?: string;
}

/** The browser that asked, as the 确认登录 page shows it. */
export interface QrRequester {
  browser: string;
  os: string;
  ip: string;
  place: string;
}

/** The platform login a confirmed QR hands to oidc-provider. */
export interface QrLoginResult {
  /** The person who confirmed. */
  accountId: string;
  acr: AssuranceLevel;
  amr: string[];
  /** 法人登录: the entity the person chose to act for on the 确认登录 page. */
  entityId?: string;
}

export interface QrLoginRecord {
  id: string;
  /** The login interaction (and so the browser, by its interaction cookie) the QR belongs to. */
  interactionUid: string;
  clientId: string;
  /** The service that asks: the RP's name, or 统一身份认证平台 for the portal itself. */
  clientName: string;
  /** The lowest level the relying party demands (acr_values), or null. */
  requiredAcr: AssuranceLevel | null;
  /**
   * The interaction's `max_age` (seconds) and whether it asked `prompt=login`:
   * how recent the app login (its face or SMS check) must be at 确认登录.
   * Absent in records written before they existed: no demand.
   */
  maxAge?: number | null;
  promptLogin?: boolean;
  requester: QrRequester;
  /** 个人登录 or 法人登录 (the person then picks the entity when confirming). Absent in older records: personal. */
  loginType?: LoginType;
  /**
   * The relying party requires two login factors: 确认登录 only from an app
   * logged in by face (face + the phone's confirmation, `mca`); an app logged
   * in by SMS code has one factor, the phone, twice. Absent in older records: no demand.
   */
  twoFactors?: boolean;
  status: QrStatus;
  /** Epoch ms, by the service clock. */
  requestedAt: number;
  expiresAt: number;
  /**
   * The app session that scanned the QR: its person owns the QR from then on
   * (`person`: their masked name, shown on the PC). After 确认登录 it is the
   * confirming session, which must still be live at completion.
   */
  scannedBy: { accountId: string; appSessionId: string; person?: string } | null;
  /** Set by 确认登录. */
  login: QrLoginResult | null;
  completeBy: number | null;
  /** When 确认登录 happened (epoch ms): the login's time (`auth_time`). */
  confirmedAt?: number | null;
}

/** 128 random bits, base64url: the QR's id and the last segment of its URL. */
export function newQrId(): string {
  return randomBytes(16).toString('base64url');
}

/** When the record's current state expires, or null for a final state. */
export function deadlineOf(record: QrLoginRecord): number | null {
  if (record.status === 'pending' || record.status === 'scanned') return record.expiresAt;
  if (record.status === 'confirmed') return record.completeBy;
  return null;
}

/** The record as the clock sees it: past its deadline it is expired, whatever was last written. */
export function atTime(record: QrLoginRecord, now: number): QrLoginRecord {
  const deadline = deadlineOf(record);
  return deadline !== null && now >= deadline ? { ...record, status: 'expired' } : record;
}

const STREAM_FINAL: ReadonlySet<QrStreamStatus> = new Set(['confirmed', 'cancelled', 'expired']);

/** A record gone from the store (past its retention) reads as expired. */
export function streamStatus(record: QrLoginRecord | null): QrStreamStatus {
  if (!record) return 'expired';
  return record.status === 'used' ? 'confirmed' : record.status;
}

/** The stream's event for the record: who scanned it, while scanned or confirmed. */
export function streamEvent(record: QrLoginRecord | null): QrStreamEvent {
  const status = streamStatus(record);
  const person = status === 'scanned' || status === 'confirmed' ? record?.scannedBy?.person : undefined;
  return person ? { status, person } : { status };
}

/** After these the stream has nothing more to say. */
export function endsStream(status: QrStreamStatus): boolean {
  return STREAM_FINAL.has(status);
}

import { AppError } from '../../errors.ts';
import type { AppSessionView } from '../app-sessions/app-session.ts';
import { meetsLevel } from '../accounts/account-profile.ts';
import { appLoginTooOld } from './qr-freshness.ts';
import { QR_LOGIN_POLICY } from './qr-login-policy.ts';
import type { QrLoginRecord, QrLoginResult } from './qr-login-record.ts';

/**
 * The state machine's rules, one function per event. Each takes the record
 * as the clock sees it and answers the next record, null when it already is
 * in that state (a retried request), or throws the reason it cannot move.
 */

/** A QR that is no longer pending or scanned: which error a phone or browser sees. */
function unusable(record: QrLoginRecord): AppError {
  return record.status === 'confirmed' || record.status === 'used' ? new AppError('QR_ALREADY_USED') : new AppError('QR_EXPIRED');
}

/**
 * 扫一扫: the first app session binds the QR to its person (`person`: their
 * masked name, for the PC); that person may scan again (e.g. another device).
 */
export function scanned(record: QrLoginRecord, session: AppSessionView, person: string): QrLoginRecord | null {
  const scannedBy = { accountId: session.accountId, appSessionId: session.id, person };
  if (record.status === 'pending') return { ...record, status: 'scanned', scannedBy };
  if (record.status !== 'scanned') throw unusable(record);
  if (record.scannedBy?.accountId !== session.accountId) throw new AppError('QR_TAKEN_BY_OTHER');
  if (record.scannedBy.appSessionId === session.id && record.scannedBy.person === person) return null;
  return { ...record, scannedBy };
}

/** Confirm and cancel come from the app session that scanned last, and only while the QR is scanned. */
function ensureScannedBy(record: QrLoginRecord, session: AppSessionView) {
  if (record.status === 'pending') throw new AppError('QR_NOT_SCANNED');
  if (record.status !== 'scanned') throw unusable(record);
  if (record.scannedBy?.accountId !== session.accountId) throw new AppError('QR_TAKEN_BY_OTHER');
  if (record.scannedBy.appSessionId !== session.id) throw new AppError('QR_NOT_SCANNED');
}

/** RFC 8176 `face`: the app login checked the person's face (人脸识别). */
const FACE_CHECKED = 'face';

const bySameSession = (record: QrLoginRecord, session: AppSessionView) => record.scannedBy?.appSessionId === session.id;

/**
 * 确认登录 at `now`: the login must reach what the relying party demands (its
 * level; a face login when it requires two factors), and the app login must be
 * as recent as it demands (max_age, prompt=login), or
 * the phone is told to log in again (face check); the QR then stays scanned.
 */
export function confirmed(record: QrLoginRecord, session: AppSessionView, login: QrLoginResult, now: number): QrLoginRecord | null {
  if (record.status === 'confirmed' && bySameSession(record, session)) return null;
  ensureScannedBy(record, session);
  if (record.requiredAcr && !meetsLevel(login.acr, record.requiredAcr)) {
    throw new AppError('QR_ASSURANCE_TOO_LOW', { details: { requiredAcr: record.requiredAcr } });
  }
  if (record.twoFactors && !login.amr.includes(FACE_CHECKED)) throw new AppError('QR_FACE_REQUIRED');
  if (appLoginTooOld(record, session, now)) throw new AppError('QR_REAUTH_REQUIRED');
  return { ...record, status: 'confirmed', login, confirmedAt: now, completeBy: now + QR_LOGIN_POLICY.completeSeconds * 1000 };
}

/** 取消 on the phone. */
export function cancelled(record: QrLoginRecord, session: AppSessionView): QrLoginRecord | null {
  if (record.status === 'cancelled' && bySameSession(record, session)) return null;
  ensureScannedBy(record, session);
  return { ...record, status: 'cancelled' };
}

/** 刷新 made a newer QR for the interaction: this one is dead, whatever its state (a confirmed one included). */
export function superseded(record: QrLoginRecord): QrLoginRecord | null {
  if (record.status === 'pending' || record.status === 'scanned' || record.status === 'confirmed') return { ...record, status: 'expired' };
  return null;
}

/** The browser that shows the QR collects the confirmed login, once. Another interaction's QR is unknown here. */
export function used(record: QrLoginRecord, interactionUid: string): QrLoginRecord {
  if (record.interactionUid !== interactionUid) throw new AppError('QR_EXPIRED');
  if (record.status === 'confirmed') return { ...record, status: 'used' };
  if (record.status === 'pending' || record.status === 'scanned') throw new AppError('QR_NOT_CONFIRMED');
  throw unusable(record);
}

import { api } from '@uia/web';
import {
  APP_API_PATHS,
  APP_LOGIN_VALIDITY_DAYS,
  APP_QR_PATHS,
  pathOf,
  type AppFaceLoginRequest,
  type AppSmsLoginRequest,
  type AppSmsLoginSendRequest,
  type FaceChallenge,
  type SessionListItem as ListedSession,
  type LoginResult,
  type MaskedSmsCodeSent,
  type Me,
  type PhoneChangeNewSendRequest,
  type PhoneChangeNewSendResponse,
  type PhoneChangeNewVerifyRequest,
  type PhoneChangeNewVerifyResponse,
  type PhoneChangeOldCodeResponse,
  type PhoneChangeOldVerifyRequest,
  type PhoneChangeTicketResponse,
  type QrCancelResponse,
  type QrConfirmRequest,
  type QrConfirmResponse,
  type QrDetails,
  type ValidityDays,
} from '@uia/schemas';

// The client core (ApiError, the JSON calls, /api/site, /api/captcha) is @uia/web's; paths and bodies are the @uia/schemas contract.
const { get, post } = api;

export type { FaceAction, FaceCaptureKind, FaceChallenge, LoginResult, Me, Person, QrDetails, QrEntity, ValidityDays } from '@uia/schemas';

/** A session 我的 lists: one of `me.sessions`, or (an empty list) the current session itself, whose methods are known. */
export type SessionListItem = Omit<ListedSession, 'device'> & { device: string | null; amr?: string[] };
export const VALIDITY_DAYS: readonly ValidityDays[] = APP_LOGIN_VALIDITY_DAYS;

export type Identity = Pick<AppSmsLoginSendRequest, 'idType' | 'name' | 'idNumber'>;

/** What a face check sends: the challenge it was captured for and the frames, or (video) no frames and the clip as a data URL. */
export type FaceCaptureResult = Required<Pick<AppFaceLoginRequest, 'challengeId' | 'frames'>> & Pick<AppFaceLoginRequest, 'video'>;

export const endpoints = {
  // 人脸识别 (login and 换绑): the server-chosen prompts, one-time
  faceChallenge: () => post<FaceChallenge>(APP_API_PATHS.faceChallenge),

  // 登录
  loginFace: (body: Identity & FaceCaptureResult & { validityDays: ValidityDays; faceConsent: true }) => post<LoginResult>(APP_API_PATHS.loginFace, body),
  loginSmsSend: (body: AppSmsLoginSendRequest) => post<MaskedSmsCodeSent>(APP_API_PATHS.loginSmsSend, body),
  loginSms: (body: AppSmsLoginRequest & { validityDays: ValidityDays }) => post<LoginResult>(APP_API_PATHS.loginSms, body),

  // 我的
  me: () => get<Me>(APP_API_PATHS.me),
  logout: () => post<void>(APP_API_PATHS.logout),
  revokeSession: (id: string) => post<void>(pathOf(APP_API_PATHS.revokeSession, { id })),

  // 扫码登录
  /** Marks the QR scanned by this person and answers what it asks (again on a reload: the same person may scan twice). */
  qrScan: (id: string) => post<QrDetails>(pathOf(APP_QR_PATHS.scan, { id })),
  /** An entity QR sends the chosen entity; a personal QR sends nothing (as before). */
  qrConfirm: (id: string, body?: QrConfirmRequest) => post<QrConfirmResponse>(pathOf(APP_QR_PATHS.confirm, { id }), body),
  qrCancel: (id: string) => post<QrCancelResponse>(pathOf(APP_QR_PATHS.cancel, { id })),

  // 换绑手机号
  phoneOldSend: () => post<MaskedSmsCodeSent>(APP_API_PATHS.phoneOldSend),
  phoneOldCode: () => get<PhoneChangeOldCodeResponse>(APP_API_PATHS.phoneOldCode),
  phoneOldVerify: (body: PhoneChangeOldVerifyRequest) => post<PhoneChangeTicketResponse>(APP_API_PATHS.phoneOldVerify, body),
  phoneFace: (body: FaceCaptureResult & { faceConsent: true }) => post<PhoneChangeTicketResponse>(APP_API_PATHS.phoneFace, body),
  phoneNewSend: (body: PhoneChangeNewSendRequest) => post<PhoneChangeNewSendResponse>(APP_API_PATHS.phoneNewSend, body),
  phoneNewVerify: (body: PhoneChangeNewVerifyRequest) => post<PhoneChangeNewVerifyResponse>(APP_API_PATHS.phoneNewVerify, body),
};

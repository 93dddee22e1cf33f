/**
 * The audit event types, in one list: `<domain>.<action>`, snake_case.
 * Each is described (when, outcomes, detail keys) in docs/audit-events.md;
 * the audit administrator searches by these names, so a renamed type is a
 * change of the audit trail's contract.
 */
export const AUDIT_EVENT_TYPES = {
  loginPassword: 'login.password',
  loginQr: 'login.qr',
  loginEntity: 'login.entity',
  qrLoginScan: 'qr_login.scan',
  qrLoginConfirm: 'qr_login.confirm',
  qrLoginCancel: 'qr_login.cancel',
  appLoginFace: 'app.login_face',
  appLoginSmsSend: 'app.login_sms_send',
  appLoginSms: 'app.login_sms',
  appLogout: 'app.logout',
  appSessionRevoke: 'app.session_revoke',
  accountRegister: 'account.register',
  accountPhoneChanged: 'account.phone_changed',
  /** Password login stopped for a source (a wait starts) or for the account today (daily pause). */
  accountLocked: 'account.locked',
  /** Today's pause lifted (扫码登录, 忘记密码). */
  accountUnlocked: 'account.unlocked',
  passwordResetStart: 'password_reset.start',
  passwordResetSendCode: 'password_reset.send_code',
  passwordResetVerifyCode: 'password_reset.verify_code',
  passwordResetComplete: 'password_reset.complete',
  phoneChangeOldSend: 'phone_change.old_send',
  phoneChangeOldVerify: 'phone_change.old_verify',
  phoneChangeFace: 'phone_change.face',
  phoneChangeNewSend: 'phone_change.new_send',
  smsSend: 'sms.send',
  captchaVerify: 'captcha.verify',
  rateLimitHit: 'rate_limit.hit',
  sessionEnd: 'session.end',
  sessionEndOthers: 'session.end_others',
  /** The platform session ended through OIDC end_session (RP-initiated logout, 退出登录). */
  sessionLogout: 'session.logout',
  userCenterLogout: 'user_center.logout',
  oidcConsent: 'oidc.consent',
  clientAuth: 'client.auth',
  tokenRefresh: 'token.refresh',
  /** A consumed authorization code or refresh token presented again: its grant is revoked. */
  tokenReplay: 'token.replay',
  tokenRevoke: 'token.revoke',
  signingKeyRotate: 'signing_key.rotate',
  entityRegistered: 'entity.registered',
  entityAgentGranted: 'entity.agent_granted',
  entityAgentRevoked: 'entity.agent_revoked',
  // 运维管理控制台 (every action names its actor and role; docs/audit-events.md).
  consoleLogin: 'console.login',
  consoleRoleGrant: 'console.role.grant',
  consoleRoleRevoke: 'console.role.revoke',
  consoleAccountFind: 'console.account.find',
  consoleAccountView: 'console.account.view',
  consoleAccountUnlock: 'console.account.unlock',
  consoleAccountDisable: 'console.account.disable',
  consoleAccountEnable: 'console.account.enable',
  consoleAccountEndSessions: 'console.account.end_sessions',
  consoleAccountInPersonCheck: 'console.account.in_person_check',
  consoleAuditSearch: 'console.audit.search',
  consoleAuditExport: 'console.audit.export',
  consoleAuditVerify: 'console.audit.verify',
  consoleAuditSubject: 'console.audit.subject_find',
  clientRegister: 'client.register',
  clientUpdate: 'client.update',
  clientEnable: 'client.enable',
  clientDisable: 'client.disable',
  clientDelete: 'client.delete',
  clientRotateSecret: 'client.rotate_secret',
} as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[keyof typeof AUDIT_EVENT_TYPES];

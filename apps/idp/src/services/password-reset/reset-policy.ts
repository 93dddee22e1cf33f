/** 忘记密码's fixed rules (DESIGN.md §5: one-time tokens everywhere). */
export const RESET_POLICY = {
  /** Step 2 (验证身份) must be finished within this time after step 1. */
  verifyIdentityTicketSeconds: 15 * 60,
  /** Step 3 (设置新密码) must be finished within this time after the SMS code. */
  setPasswordTicketSeconds: 10 * 60,
  /** ID-number checks (each one a 获取验证码) on one ticket before the flow must start again. */
  idChecksPerTicket: 5,
  /** New-password submissions on one ticket (each costs up to three Argon2id verifications). */
  passwordTriesPerTicket: 5,
  /** A new password must differ from this many most recent ones (the current one included). */
  passwordHistoryDepth: 3,
  /** The cookie that binds a flow to the browser that started it. */
  browserCookie: 'uia_reset',
  browserCookieSeconds: 30 * 60,
} as const;

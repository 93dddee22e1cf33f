/** 忘记密码's fixed rules (DESIGN.md §5: one-time tokens everywhere). */
export const RESET_POLICY = {
  /** Step 2 (验证身份) must be finished within this time after step 1. */
  verifyIdentityTicketSeconds: 15 * 60,
  /** Step 3 (设置新密码) must be finished within this time after the SMS code. */
  setPasswordTicketSeconds: 10 * 60,
  /** Wrong ID numbers on one ticket before the flow must start again. */
  idMismatchesPerTicket: 5,
  /** A new password must differ from this many most recent ones (the current one included). */
  passwordHistoryDepth: 3,
  /** The cookie that binds a flow to the browser that started it. */
  browserCookie: 'uia_reset',
  browserCookieSeconds: 30 * 60,
} as const;

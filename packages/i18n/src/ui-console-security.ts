/** 安全管理员's pages: 账号管理 and 角色管理. Part of the one catalogue: `ui.console.security`. */
export const consoleSecurityUi = {} as const;

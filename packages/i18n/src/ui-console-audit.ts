/** 审计管理员's page: 审计日志 (search, export, 完整性校验). Part of the one catalogue: `ui.console.audit`. */
export const consoleAuditUi = {} as const;

/** 系统管理员's pages: 依赖方管理 (the relying-party registry). Part of the one catalogue: `ui.console.system`. */
export const consoleSystemUi = {} as const;

import { fillTemplate, ui } from '@uia/i18n';
import { CONSOLE_PATHS, CONSOLE_ROLE_NAMES, type DemoAdministrator } from '@uia/schemas';

/** 管理控制台 /console/ 演示管理员：系统管理员 sysadmin（手机号 …）、…，密码均为 …: on the portal's and the console's demo banner. */
export function DemoAdministrators({ administrators }: { administrators: readonly DemoAdministrator[] }) {
  const first = administrators[0];
  if (!first) return null;
  const list = administrators.map(({ role, username, phone }) => fillTemplate(ui.demoAdministrator, { roleName: CONSOLE_ROLE_NAMES[role], username, phone })).join('、');
  return <span className="demo-account demo-administrators">{fillTemplate(ui.demoAdministrators, { path: CONSOLE_PATHS.page, list, password: first.password })}</span>;
}

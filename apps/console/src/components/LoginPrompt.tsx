import { ui } from '@uia/i18n';
import { CONSOLE_LOGIN_PATHS } from '@uia/schemas';

const c = ui.console;

/** Without a console session: what the console is for, how one logs in (two factors), and 登录管理控制台. */
export function LoginPrompt() {
  return (
    <main id="main" className="console-main console-login">
      <section className="panel" aria-labelledby="console-login-title">
        <h1 id="console-login-title" className="panel-title">
          {c.loginHeading}
        </h1>
        <p>{c.loginText}</p>
        <a className="button button-primary" href={CONSOLE_LOGIN_PATHS.start}>
          {c.loginButton}
        </a>
      </section>
    </main>
  );
}

import { ui } from '@uia/i18n';
import { Link } from '../components/Link.tsx';
import { loginPath } from '../router.ts';

/** 忘记密码: the wizard ships in a later release; say so honestly. */
export function ForgotPasswordPage({ uid }: { uid: string | null }) {
  return (
    <section className="panel narrow-panel" aria-labelledby="forgot-title">
      <h1 id="forgot-title" className="panel-title">
        {ui.forgot.heading}
      </h1>
      <div className="notice" role="status">
        <p className="notice-text">{ui.forgot.unavailable}</p>
        <p className="notice-hint">{ui.forgot.unavailableHint}</p>
      </div>
      <p className="panel-actions">
        <Link to={loginPath(uid)} className="button button-primary">
          {ui.forgot.backToLogin}
        </Link>
      </p>
    </section>
  );
}

import type { ReactNode } from 'react';
import { Link } from '@uia/web';
import { loginPath } from '../router.ts';

/** The head of a panel page (立即注册, 忘记密码): its title, and the way back to the login while one is useful. */
export function PanelHead({ id, title, backPrompt, backLabel, uid }: { id: string; title: string; backPrompt: ReactNode; backLabel: string; uid: string | null }) {
  return (
    <div className="panel-head">
      <h1 id={id} className="panel-title">
        {title}
      </h1>
      {backPrompt && (
        <p className="panel-head-aside">
          {backPrompt}
          <Link to={loginPath(uid)}>{backLabel}</Link>
        </p>
      )}
    </div>
  );
}

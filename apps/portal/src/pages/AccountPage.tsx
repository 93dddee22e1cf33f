import { useState } from 'react';
import { ui } from '@uia/i18n';
import { errorMessage } from '@uia/web';
import type { PlatformFeatures } from '@uia/schemas';
import { endpoints, leaveIfLoggedOut, type AccountPerson } from '../api.ts';
import { Entities } from '../components/account/Entities.tsx';
import { LoadState } from '../components/account/LoadState.tsx';
import { Profile } from '../components/account/Profile.tsx';
import { Sessions } from '../components/account/Sessions.tsx';
import { useLoad } from '../components/account/useLoad.ts';
import { fill } from '../text.ts';

const a = ui.account;

const loadMe = () => endpoints.accountMe();

/** 用户中心 (/account): the logged-in person, 我的单位, 注册单位, for a representative 管理经办人, and 登录设备与会话. */
export function AccountPage({ features }: { features: PlatformFeatures }) {
  const [me, reloadMe] = useLoad(loadMe);

  return (
    <div className="container account-page">
      {me.kind === 'ready' ? (
        <>
          <AccountHead person={me.data.person} />
          <Profile person={me.data.person} features={features} />
          {features.entityServices && <Entities />}
          <Sessions />
        </>
      ) : (
        <section className="panel account-panel" aria-labelledby="account-title">
          <h1 id="account-title" className="panel-title">
            {a.heading}
          </h1>
          <LoadState state={me} onRetry={reloadMe} />
        </section>
      )}
    </div>
  );
}

/** The page's heading with 欢迎 and 退出登录. */
function AccountHead({ person }: { person: AccountPerson }) {
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function logout() {
    setLeaving(true);
    setError(null);
    try {
      const { redirectTo } = await endpoints.accountLogout();
      window.location.assign(redirectTo);
    } catch (e: unknown) {
      if (leaveIfLoggedOut(e)) return;
      setLeaving(false);
      setError(errorMessage(e));
    }
  }

  return (
    <div className="account-head">
      <div>
        <h1 className="account-title">{a.heading}</h1>
        <p className="account-welcome">{fill(a.welcome, { name: person.name })}</p>
      </div>
      <button type="button" className="button button-outline" onClick={() => void logout()} disabled={leaving} aria-busy={leaving}>
        {leaving ? a.loggingOut : a.logout}
      </button>
      {error && (
        <p className="alert alert-error account-head-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

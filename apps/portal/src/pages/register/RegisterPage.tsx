import { useState } from 'react';
import { ui } from '@uia/i18n';
import type { PlatformFeatures } from '@uia/schemas';
import { Link, raiseLevelHint } from '@uia/web';
import { PanelHead } from '../../components/PanelHead.tsx';
import { SuccessIcon } from '../../components/StatusIcons.tsx';
import { useFocusOnShow } from '../../components/useFocusOnShow.ts';
import { loginPath } from '../../router.ts';
import { fill } from '../../text.ts';
import { RegisterForm, type Registered } from './RegisterForm.tsx';

const r = ui.register;

/** 立即注册 (manual 二.2): the form, then the new account's username and a way to log in. */
export function RegisterPage({ uid, features }: { uid: string | null; features: PlatformFeatures }) {
  const [registered, setRegistered] = useState<Registered | null>(null);

  return (
    <section className="panel register-panel" aria-labelledby="register-title">
      <PanelHead id="register-title" title={r.heading} backPrompt={!registered && r.haveAccount} backLabel={r.backToLogin} uid={uid} />
      {registered ? <RegisterSuccess registered={registered} uid={uid} features={features} /> : <RegisterForm onDone={setRegistered} features={features} />}
    </section>
  );
}

function RegisterSuccess({ registered, uid, features }: { registered: Registered; uid: string | null; features: PlatformFeatures }) {
  const { username } = registered;
  const button = useFocusOnShow<HTMLAnchorElement>();
  return (
    <div className="register-success" role="status">
      <SuccessIcon />
      <p className="success-title">{r.successTitle}</p>
      <p className="success-username">{fill(r.successUsername, { username })}</p>
      <p className="success-hint">{r.successHint}</p>
      {registered.assuranceLevel === 'L1' && (
        <p className="alert alert-info" data-testid="register-unverified">
          {fill(r.successLevel, { level: ui.realName.unverified })}
          {raiseLevelHint(features)}
        </p>
      )}
      <Link ref={button} to={loginPath(uid)} className="button button-primary button-wide">
        {r.goLogin}
      </Link>
    </div>
  );
}

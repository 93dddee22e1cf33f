import { Link } from '@uia/web';
import { WarningIcon } from '../../components/StatusIcons.tsx';
import { useFocusOnShow } from '../../components/useFocusOnShow.ts';
import { loginPath } from '../../router.ts';
import { fill } from '../../text.ts';
import { f } from './flow.tsx';

/** 2 验证身份 without a bound phone: no online reset; say what to do instead, and offer a way out. */
export function Step2NoPhone({ account, uid, onChangeAccount }: { account: string; uid: string | null; onChangeAccount: () => void }) {
  const heading = useFocusOnShow<HTMLHeadingElement>();
  return (
    <div className="outcome outcome-warning">
      <WarningIcon />
      <h2 ref={heading} className="outcome-title" tabIndex={-1}>
        {f.noPhoneTitle}
      </h2>
      <p className="outcome-account">{fill(f.accountShown, { account })}</p>
      <p className="outcome-text">{f.noPhoneText}</p>
      <p className="outcome-text outcome-strong">{f.serviceHall}</p>
      <div className="outcome-actions">
        <Link to={loginPath(uid)} className="button button-primary button-wide">
          {f.backToLogin}
        </Link>
        <button type="button" className="button button-outline button-wide" onClick={onChangeAccount}>
          {f.changeAccount}
        </button>
      </div>
    </div>
  );
}

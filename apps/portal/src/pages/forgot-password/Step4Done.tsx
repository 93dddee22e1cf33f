import { Link } from '@uia/web';
import { SuccessIcon } from '../../components/StatusIcons.tsx';
import { useFocusOnShow } from '../../components/useFocusOnShow.ts';
import { loginPath } from '../../router.ts';
import { f } from './flow.tsx';

/** 4 完成: the new password is set; back to the login. */
export function Step4Done({ uid }: { uid: string | null }) {
  const button = useFocusOnShow<HTMLAnchorElement>();
  return (
    <div className="outcome" role="status">
      <SuccessIcon />
      <p className="outcome-title">{f.successTitle}</p>
      <p className="outcome-text">{f.successText}</p>
      <div className="outcome-actions">
        <Link ref={button} to={loginPath(uid)} className="button button-primary button-wide">
          {f.backToLogin}
        </Link>
      </div>
    </div>
  );
}

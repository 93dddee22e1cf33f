import { Link } from '@uia/web';
import { WarningIcon } from '../../components/StatusIcons.tsx';
import { useFocusOnShow } from '../../components/useFocusOnShow.ts';
import { loginPath } from '../../router.ts';
import { f, id } from './flow.tsx';

/** An answer that ends the flow at any step (ticket gone, other browser, too many attempts): 重新开始. */
export function FlowError({ message, uid, onRestart }: { message: string; uid: string | null; onRestart: () => void }) {
  const button = useFocusOnShow<HTMLButtonElement>();
  return (
    <div className="outcome outcome-warning">
      <WarningIcon />
      <p className="outcome-title">{f.flowErrorTitle}</p>
      <p id={id('flow-error')} className="outcome-text" role="alert">
        {message}
      </p>
      <div className="outcome-actions">
        <button ref={button} type="button" className="button button-primary button-wide" onClick={onRestart} aria-describedby={id('flow-error')}>
          {f.restart}
        </button>
        <Link to={loginPath(uid)} className="button button-outline button-wide">
          {f.backToLogin}
        </Link>
      </div>
    </div>
  );
}

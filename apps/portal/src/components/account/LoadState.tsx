import { ui } from '@uia/i18n';
import type { Loaded } from './useLoad.ts';

const a = ui.account;

/** What a load shows until it is ready: loading, or its error with 重新加载. */
export function LoadState({ state, onRetry }: { state: Exclude<Loaded<unknown>, { kind: 'ready' }>; onRetry: () => void }) {
  if (state.kind === 'loading') {
    return (
      <p className="account-muted" role="status">
        {a.loading}
      </p>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {state.message}
      <button type="button" className="link-button account-retry" onClick={onRetry}>
        {a.retry}
      </button>
    </div>
  );
}

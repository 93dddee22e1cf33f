import { ui } from '@uia/i18n';
import type { Loaded } from '@uia/web';

const c = ui.console;

/** What a load shows until it is ready: 正在加载, or its error with 重试. */
export function LoadState({ state, onRetry }: { state: Exclude<Loaded<unknown>, { kind: 'ready' }>; onRetry: () => void }) {
  if (state.kind === 'loading') {
    return (
      <p className="muted" role="status">
        {c.loading}
      </p>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {state.message}
      <button type="button" className="link-button" onClick={onRetry}>
        {c.retry}
      </button>
    </div>
  );
}

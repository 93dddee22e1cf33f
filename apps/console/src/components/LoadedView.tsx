import type { ReactNode } from 'react';
import { ui } from '@uia/i18n';
import type { Loaded } from './useLoaded.ts';

/** 正在加载…, the error message, or the loaded data's view. */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.state === 'loading') return <p className="muted">{ui.console.loading}</p>;
  if (loaded.state === 'failed')
    return (
      <p className="notice notice-error" role="alert">
        {loaded.message}
      </p>
    );
  return <>{children(loaded.data)}</>;
}

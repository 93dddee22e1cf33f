import { useEffect, useState } from 'react';
import { ui } from '@uia/i18n';
import { CARE_MODE_KEY, careModeCookie } from './care-mode-boot.ts';

export type DisplayMode = 'standard' | 'care';

function currentMode(): DisplayMode {
  return document.documentElement.getAttribute('data-mode') === 'care' ? 'care' : 'standard';
}

function applyMode(mode: DisplayMode): void {
  document.documentElement.setAttribute('data-mode', mode);
  window.dispatchEvent(new Event(MODE_EVENT));
}

/** Fired on this window when the mode changes (the other tabs get `storage`). */
const MODE_EVENT = 'uia-display-mode';

/** The page's display mode, following the switch in this tab and in the platform's other tabs. */
export function useDisplayMode(): DisplayMode {
  const [mode, setMode] = useState<DisplayMode>(currentMode);
  useEffect(() => {
    const follow = () => setMode(currentMode());
    const fromOtherTab = (event: StorageEvent) => {
      if (event.key !== CARE_MODE_KEY) return;
      applyMode(event.newValue === 'on' ? 'care' : 'standard');
    };
    window.addEventListener(MODE_EVENT, follow);
    window.addEventListener('storage', fromOtherTab);
    return () => {
      window.removeEventListener(MODE_EVENT, follow);
      window.removeEventListener('storage', fromOtherTab);
    };
  }, []);
  return mode;
}

/**
 * The header's 关怀模式 switch (适老化): larger text and controls, stronger
 * contrast, a simpler one-column page. A toggle button (aria-pressed), so its
 * name stays 关怀模式 whichever mode is on; remembered in this browser (also
 * in a cookie, for the pages the server renders itself).
 */
export function CareModeSwitch({ className }: { className: string }) {
  const mode = useDisplayMode();
  const care = mode === 'care';
  function toggle() {
    const next: DisplayMode = care ? 'standard' : 'care';
    try {
      window.localStorage.setItem(CARE_MODE_KEY, next === 'care' ? 'on' : 'off');
    } catch {
      /* storage disabled: the mode lasts for this page */
    }
    document.cookie = careModeCookie(next === 'care', window.location.protocol === 'https:');
    applyMode(next);
  }
  return (
    <button type="button" className={className} aria-pressed={care} title={care ? ui.care.switchOffTitle : ui.care.switchOnTitle} onClick={toggle}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 21s-7.5-4.6-9.3-9.6C1.6 8.2 3.6 5 6.9 5c2 0 3.6 1.1 5.1 3 1.5-1.9 3.1-3 5.1-3 3.3 0 5.3 3.2 4.2 6.4C19.5 16.4 12 21 12 21z" />
      </svg>
      {ui.care.switchLabel}
    </button>
  );
}

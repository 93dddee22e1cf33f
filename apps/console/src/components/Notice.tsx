import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

export type NoticeTone = 'success' | 'error';
type Announce = (tone: NoticeTone, message: string) => void;

const NoticeContext = createContext<Announce>(() => undefined);

/**
 * The result of the last action, one per page: a live region (status for
 * results, alert for errors) that also takes the focus, so a keyboard or
 * screen-reader user lands on what happened after pressing a button.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ tone: NoticeTone; message: string; id: number } | null>(null);
  const region = useRef<HTMLDivElement>(null);
  const announce = useCallback<Announce>((tone, message) => {
    setNotice((previous) => ({ tone, message, id: (previous?.id ?? 0) + 1 }));
    // After React has rendered the message.
    window.requestAnimationFrame(() => region.current?.focus());
  }, []);
  return (
    <NoticeContext.Provider value={announce}>
      <div ref={region} tabIndex={-1} className={`notice notice-${notice?.tone ?? 'success'}`} role={notice?.tone === 'error' ? 'alert' : 'status'} hidden={!notice}>
        {notice?.message}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(NoticeContext);
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ui } from '@uia/i18n';
import { ApiError, useSiteInfo, type SiteInfo } from '@uia/web';
import { endpoints, type LoginResult, type Me } from './api.ts';

// ---- the site (GET /api/site): platform name, demo mode and which features are on ----

export type Site = SiteInfo;

const SiteContext = createContext<Site>({
  platformName: ui.site.defaultPlatformName,
  demo: false,
  features: { realName: true, faceCheck: true, entityServices: true, ipRegion: true },
  companionApp: { name: ui.companionApp.defaultName, webUrl: '/app/' },
});

export function useSite(): Site {
  return useContext(SiteContext);
}

export function SiteProvider({ children }: { children: ReactNode }) {
  const site = useSiteInfo();
  return <SiteContext.Provider value={site}>{children}</SiteContext.Provider>;
}

// ---- the app session (GET /app/api/me) ----

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'loggedIn'; me: Me }
  /** The server could not be asked (offline, 5xx): neither logged in nor out. */
  | { status: 'unknown'; message: string };

export interface Auth {
  state: AuthState;
  /** Asks the server again (after a login, a revoke, a phone change). */
  refresh: () => Promise<void>;
  /** A login answer: logged in now; the full `me` follows. */
  loggedIn: (result: LoginResult) => void;
  /** The server said APP_LOGIN_REQUIRED (session expired or revoked elsewhere). */
  loggedOut: () => void;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const me = await endpoints.me();
      if (mine === generation.current) setState({ status: 'loggedIn', me: { ...me, sessions: Array.isArray(me.sessions) ? me.sessions : [] } });
    } catch (error: unknown) {
      if (mine !== generation.current) return;
      // 401 APP_LOGIN_REQUIRED: logged out. (404: a server without the app API yet.)
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) setState({ status: 'anonymous' });
      else setState({ status: 'unknown', message: error instanceof ApiError ? error.message : ui.site.serverError });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const loggedIn = useCallback(
    (result: LoginResult) => {
      generation.current++;
      setState({ status: 'loggedIn', me: { ...result, sessions: [] } });
      void refresh();
    },
    [refresh],
  );

  const loggedOut = useCallback(() => {
    generation.current++;
    setState({ status: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ state, refresh, loggedIn, loggedOut }), [state, refresh, loggedIn, loggedOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

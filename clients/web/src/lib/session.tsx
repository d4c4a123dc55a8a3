import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../gql/graphql';

/** Who is signed in. The access token lives in memory and in sessionStorage (this tab only). */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  companyId?: string | null;
  fullName: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  user: SessionUser;
}

const STORAGE_KEY = 'busline.session';

/** The session this tab stored, its access token still good or not. */
function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** Keeps the session for this tab's reloads; a browser refusing site storage keeps it in memory only. */
function keep(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused: signed in until the tab reloads.
  }
}

const stored = load();
/** The current token for links that run outside React (Authorization header, graphql-ws). */
let current: Session | null = stored && stored.expiresAt > Date.now() ? stored : null;
export const currentAccessToken = () => current?.accessToken;
/**
 * A stored session whose 15-minute access token ran out before the tab was reloaded: its refresh token still opens
 * the account for 30 days, so it is renewed (or forgotten and ended) before the tab shows anyone signed in or out.
 */
const storedExpired = current ? null : stored;

interface SessionContextValue {
  session: Session | null;
  /** The stored session to renew before the app starts (SessionRefresher does), if any. */
  expired: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(current);
  const [expired, setExpired] = useState<Session | null>(storedExpired);
  const signIn = useCallback((next: Session) => {
    current = next;
    keep(next);
    setExpired(null);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    current = null;
    keep(null);
    setExpired(null);
    setSession(null);
  }, []);
  // An expired access token is as good as none: it is dropped rather than sent with requests that fail, and the
  // session waits for its renewal (SessionRefresher, whose renewal has failed until now) as a reloaded tab's does.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      () => {
        current = null;
        setSession(null);
        setExpired(session);
      },
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session]);
  const value = useMemo(() => ({ session, expired, signIn, signOut }), [session, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

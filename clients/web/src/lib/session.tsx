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

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    return session && session.expiresAt > Date.now() ? session : null;
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

/** The current token for links that run outside React (Authorization header, graphql-ws). */
let current: Session | null = load();
export const currentAccessToken = () => current?.accessToken;

interface SessionContextValue {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(current);
  const signIn = useCallback((next: Session) => {
    current = next;
    keep(next);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    current = null;
    keep(null);
    setSession(null);
  }, []);
  // An expired access token is as good as none: drop it rather than send requests that fail.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(signOut, Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

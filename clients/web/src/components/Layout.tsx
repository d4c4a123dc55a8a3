import { useApolloClient, useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { graphql } from '../gql';
import { Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';

const LOGOUT = graphql(`
  mutation SignOut($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

const NAV: Record<string, { to: string; label: string }[]> = {
  PASSENGER: [
    { to: '/', label: 'Book a trip' },
    { to: '/bookings', label: 'My bookings' },
  ],
  DRIVER: [{ to: '/driver', label: 'Boarding' }],
  COMPANY_ADMIN: [
    { to: '/company', label: 'Network' },
    { to: '/company/dashboard', label: 'Dashboard' },
    { to: '/driver', label: 'Boarding' },
  ],
  PLATFORM_ADMIN: [
    { to: '/company', label: 'Network' },
    { to: '/company/dashboard', label: 'Dashboard' },
    { to: '/admin/messages', label: 'Messages' },
  ],
};

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { path } = useLocation();
  const client = useApolloClient();
  const [logout] = useMutation(LOGOUT);
  const links = session ? (NAV[session.user.role] ?? []) : [{ to: '/', label: 'Book a trip' }];

  async function leave() {
    const refreshToken = session?.refreshToken;
    if (refreshToken) await logout({ variables: { refreshToken } }).catch(() => undefined);
    signOut();
    await client.clearStore().catch(() => undefined);
    navigate('/signin', { replace: true });
  }

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Busline home">
          <span className="logo" aria-hidden>
            <svg viewBox="0 0 32 32" width="28" height="28">
              <rect width="32" height="32" rx="8" fill="currentColor" />
              <path d="M8 9h16v11H8z" fill="white" />
              <path d="M8 14h16" stroke="currentColor" strokeWidth="1.5" />
              <circle cx="12" cy="23" r="2" fill="white" />
              <circle cx="20" cy="23" r="2" fill="white" />
            </svg>
          </span>
          Busline
        </Link>
        <nav className="nav">
          {links.map((link) => (
            <Link key={link.to} to={link.to} className={path === link.to ? 'active' : ''}>
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="account">
          {session ? (
            <>
              <span className="who" title={session.user.email}>
                {session.user.fullName}
              </span>
              <button type="button" className="button ghost small" onClick={() => void leave()}>
                Sign out
              </button>
            </>
          ) : (
            <Link to={`/signin?next=${encodeURIComponent(path)}`} className="button small">
              Sign in
            </Link>
          )}
        </div>
      </header>
      <main>{children}</main>
      <footer className="footer muted small">Busline · Kigali · Prices in Rwandan francs · Times in Kigali time</footer>
    </div>
  );
}

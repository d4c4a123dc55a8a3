import { useApolloClient, useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { graphql } from '../gql';
import { setLanguage, toLanguage, useT } from '../i18n';
import { LanguageOptions } from './LanguageOptions';
import { Link, navigate, useLocation } from '../lib/router';
import { useRevokeSession } from '../lib/revoke-session';
import { useSession } from '../lib/session';

// The signed-in user's language follows them to other devices and to their notifications.
const SAVE_LANGUAGE = graphql(`
  mutation SaveLanguage($language: String!) {
    updateProfile(input: { language: $language }) {
      language
    }
  }
`);

/** Each role's links; `label` is a key of the common namespace (or `namespace:key` of another). */
const NAV: Record<string, { to: string; label: string }[]> = {
  PASSENGER: [
    { to: '/', label: 'nav.book' },
    { to: '/bookings', label: 'nav.bookings' },
  ],
  DRIVER: [{ to: '/driver', label: 'nav.boarding' }],
  COUNTER_AGENT: [
    { to: '/counter', label: 'counter:nav.sell' },
    { to: '/counter/shift', label: 'counter:nav.shift' },
  ],
  COMPANY_ADMIN: [
    { to: '/company', label: 'nav.network' },
    { to: '/company/dashboard', label: 'nav.dashboard' },
    { to: '/driver', label: 'nav.boarding' },
    { to: '/counter', label: 'counter:nav.sell' },
  ],
  PLATFORM_ADMIN: [
    { to: '/company', label: 'nav.network' },
    { to: '/company/dashboard', label: 'nav.dashboard' },
    { to: '/admin/messages', label: 'nav.messages' },
  ],
};

/**
 * The language menu: switches at once and remembers the choice in this browser; a signed-in user's profile
 * is updated too (a failure there keeps the switch: the profile is only where the choice is remembered).
 */
function LanguageSwitcher() {
  const { t, language } = useT();
  const { session } = useSession();
  const [save] = useMutation(SAVE_LANGUAGE);
  async function choose(value: string) {
    const next = toLanguage(value);
    if (!next) return;
    await setLanguage(next);
    if (session) await save({ variables: { language: next } }).catch(() => undefined);
  }
  return (
    <label className="language">
      <span className="sr-only">{t('language')}</span>
      <select
        data-testid="language-switcher"
        aria-label={t('language')}
        value={language}
        onChange={(event) => void choose(event.target.value)}
      >
        <LanguageOptions />
      </select>
    </label>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { path } = useLocation();
  const client = useApolloClient();
  const revoke = useRevokeSession();
  const { t } = useT();
  const links = session ? (NAV[session.user.role] ?? []) : [{ to: '/', label: 'nav.book' }];

  // The tab forgets the user before the server hears of it: on a connection that hangs, Sign out still signs out.
  async function leave() {
    const refreshToken = session?.refreshToken;
    signOut();
    await client.clearStore().catch(() => undefined);
    if (refreshToken) revoke(refreshToken);
    navigate('/signin', { replace: true });
  }

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t('homeLabel')}>
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
              {t(link.label)}
            </Link>
          ))}
        </nav>
        <div className="account">
          <LanguageSwitcher />
          {session ? (
            <>
              <Link to="/account" className="who" title={`${session.user.email} · ${t('nav.account')}`}>
                {session.user.fullName}
              </Link>
              <button type="button" className="button ghost small" onClick={() => void leave()}>
                {t('signOut')}
              </button>
            </>
          ) : (
            <Link to={`/signin?next=${encodeURIComponent(path)}`} className="button small">
              {t('signIn')}
            </Link>
          )}
        </div>
      </header>
      <main>{children}</main>
      <footer className="footer muted small">{t('footer')}</footer>
    </div>
  );
}

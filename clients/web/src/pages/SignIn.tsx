import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { ErrorNote } from '../components/feedback';
import { Link, navigate, pathOnThisSite, useLocation } from '../lib/router';
import { useRevokeSession } from '../lib/revoke-session';
import { useSession } from '../lib/session';
import { offersDemoAccounts } from '../lib/config';
import { homeFor } from '../lib/home';
import { applyProfileLanguage, useT } from '../i18n';

const LOGIN = graphql(`
  mutation SignIn($email: String!, $password: String!, $deviceToken: String) {
    login(email: $email, password: $password, deviceToken: $deviceToken) {
      accessToken
      refreshToken
      expiresIn
      deviceToken
      user {
        id
        email
        role
        companyId
      }
    }
  }
`);

// The profile lives in the user subgraph, which answers only signed-in callers: ask once the token exists.
// Its language becomes the app's (src/i18n/index.ts).
const PROFILE = graphql(`
  query SignedInProfile {
    me {
      id
      profile {
        fullName
        language
      }
    }
  }
`);

/**
 * The device token of this browser's last sign-in (localStorage: it outlives the tab and the session). Sent with
 * every sign-in: the account it belongs to is throttled on this device alone, so others failing to sign in to it
 * (behind the same mobile network address, say) never lock this browser out; the server ignores another account's.
 */
const DEVICE_KEY = 'busline.device';
function deviceToken(): string | null {
  try {
    return localStorage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
}
function rememberDevice(token: string | null | undefined) {
  try {
    if (token) localStorage.setItem(DEVICE_KEY, token);
  } catch {
    // Storage refused (private mode): sign-ins are throttled by address as before.
  }
}

/** `label` is a key of the signin namespace. */
const DEMO_ACCOUNTS = [
  { label: 'demo.passenger', email: 'passenger@busline.test', password: 'Passenger-demo-2026' },
  { label: 'demo.driver', email: 'driver@volcano.busline.test', password: 'Driver-demo-2026' },
  { label: 'demo.companyAdmin', email: 'ops@volcano.busline.test', password: 'Company-demo-2026' },
  { label: 'demo.counterAgent', email: 'agent@busline.test', password: 'Agent-demo-2026' },
  { label: 'demo.platformAdmin', email: 'admin@busline.test', password: 'Admin-demo-2026' },
];

export function SignInPage() {
  const { session, signIn } = useSession();
  const { query } = useLocation();
  const { t } = useT('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const client = useApolloClient();
  const [login, { loading, error }] = useMutation(LOGIN);
  const revoke = useRevokeSession();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await login({ variables: { email: email.trim(), password, deviceToken: deviceToken() } }).catch(
      () => undefined,
    );
    const payload = result?.data?.login;
    if (!payload) return;
    rememberDevice(payload.deviceToken);
    const { user } = payload;
    const profile = await client
      .query({
        query: PROFILE,
        fetchPolicy: 'network-only',
        context: { headers: { authorization: `Bearer ${payload.accessToken}` } },
      })
      .catch(() => undefined);
    await applyProfileLanguage(profile?.data?.me?.profile.language);
    // Whoever was signed in on this tab (a shared phone, say) is replaced: their sign-in is ended, not left working.
    if (session) revoke(session.refreshToken);
    signIn({
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      expiresAt: Date.now() + payload.expiresIn * 1000,
      user: {
        id: user.id,
        email: user.email,
        role: user.role,
        companyId: user.companyId,
        fullName: profile?.data?.me?.profile.fullName ?? user.email.split('@')[0]!,
      },
    });
    navigate(pathOnThisSite(query.get('next')) ?? homeFor(user.role), { replace: true });
  }

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-label={t('title')}>
        <h1>{t('welcome')}</h1>
        <p className="muted">{t('intro')}</p>
        <label>
          {t('email')}
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && <ErrorNote error={error} />}
        <button className="button primary wide" type="submit" disabled={loading}>
          {loading ? t('signingIn') : t('title')}
        </button>
        <Link to="/reset-password">{t('forgot')}</Link>
        {offersDemoAccounts && (
          <div className="demo-accounts">
            <span className="muted small">{t('demo.title')}</span>
            <div className="chips">
              {DEMO_ACCOUNTS.map((account) => (
                <button
                  key={account.email}
                  type="button"
                  className="chip"
                  onClick={() => {
                    setEmail(account.email);
                    setPassword(account.password);
                  }}
                >
                  {t(account.label)}
                </button>
              ))}
            </div>
          </div>
        )}
      </form>
    </div>
  );
}

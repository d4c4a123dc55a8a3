import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { ErrorNote } from '../components/feedback';
import { navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { homeFor } from '../lib/home';
import { applyProfileLanguage } from '../i18n';

const LOGIN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      expiresIn
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

const DEMO_ACCOUNTS = [
  { label: 'Passenger', email: 'passenger@busline.test', password: 'Passenger-demo-2026' },
  { label: 'Driver', email: 'driver@volcano.busline.test', password: 'Driver-demo-2026' },
  { label: 'Company admin', email: 'ops@volcano.busline.test', password: 'Company-demo-2026' },
  { label: 'Platform admin', email: 'admin@busline.test', password: 'Admin-demo-2026' },
];

export function SignInPage() {
  const { signIn } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const client = useApolloClient();
  const [login, { loading, error }] = useMutation(LOGIN);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await login({ variables: { email: email.trim(), password } }).catch(() => undefined);
    const payload = result?.data?.login;
    if (!payload) return;
    const { user } = payload;
    const profile = await client
      .query({
        query: PROFILE,
        fetchPolicy: 'network-only',
        context: { headers: { authorization: `Bearer ${payload.accessToken}` } },
      })
      .catch(() => undefined);
    await applyProfileLanguage(profile?.data?.me?.profile.language);
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
    const next = query.get('next');
    navigate(next && next.startsWith('/') ? next : homeFor(user.role), { replace: true });
  }

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-label="Sign in">
        <h1>Welcome back</h1>
        <p className="muted">Sign in to book seats, board passengers or run your fleet.</p>
        <label>
          Email
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
          Password
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
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
        <div className="demo-accounts">
          <span className="muted small">Demo accounts</span>
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
                {account.label}
              </button>
            ))}
          </div>
        </div>
      </form>
    </div>
  );
}

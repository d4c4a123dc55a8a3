import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { ErrorNote } from '../components/feedback';
import { Link } from '../lib/router';
import { useT } from '../i18n';

const REQUEST_RESET = graphql(`
  mutation RequestPasswordReset($email: String!, $language: String) {
    requestPasswordReset(email: $email, language: $language)
  }
`);

const RESET = graphql(`
  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) {
    resetPassword(email: $email, code: $code, newPassword: $newPassword)
  }
`);

/**
 * A new password for someone who cannot sign in: a code e-mailed to the account's address, then the code with the
 * new password, which signs out every device signed in to the account (whoever else had the password included).
 */
export function ResetPasswordPage() {
  const { t, language } = useT('signin');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [sent, setSent] = useState(false);
  const [done, setDone] = useState(false);
  const [request, asked] = useMutation(REQUEST_RESET);
  const [reset, resetting] = useMutation(RESET);

  async function send(event: FormEvent) {
    event.preventDefault();
    // The e-mail in the page's language.
    const result = await request({ variables: { email: email.trim(), language } }).catch(() => undefined);
    if (result?.data?.requestPasswordReset) setSent(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await reset({ variables: { email: email.trim(), code: code.trim(), newPassword } }).catch(
      () => undefined,
    );
    if (!result?.data?.resetPassword) return;
    setNewPassword('');
    setDone(true);
  }

  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>{t('reset.title')}</h1>
        <p className="muted">{t('reset.intro')}</p>
        {done ? (
          <p role="status" className="note ok">
            {t('reset.done')}
          </p>
        ) : (
          <>
            <form onSubmit={send} aria-label={t('reset.send')}>
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
              {asked.error && <ErrorNote error={asked.error} />}
              {sent && (
                <p role="status" className="note ok">
                  {t('reset.sent')}
                </p>
              )}
              <button className="button wide" type="submit" disabled={asked.loading}>
                {t('reset.send')}
              </button>
            </form>
            {sent && (
              <form onSubmit={submit} aria-label={t('reset.submit')}>
                <label>
                  {t('reset.code')}
                  <input
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    required
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                  />
                </label>
                <label>
                  {t('reset.newPassword')}
                  <input
                    name="newPassword"
                    type="password"
                    autoComplete="new-password"
                    required
                    minLength={10}
                    value={newPassword}
                    onChange={(e) => setNewPassword(e.target.value)}
                  />
                </label>
                {resetting.error && <ErrorNote error={resetting.error} />}
                <button className="button primary wide" type="submit" disabled={resetting.loading}>
                  {t('reset.submit')}
                </button>
              </form>
            )}
          </>
        )}
        <Link to="/signin">{t('reset.signIn')}</Link>
      </div>
    </div>
  );
}

import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { ErrorNote } from '../components/feedback';
import { useSession } from '../lib/session';
import { useT } from '../i18n';

const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!, $refreshToken: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword, refreshToken: $refreshToken)
  }
`);

/**
 * The signed-in user's account: a new password, which ends every other sign-in of theirs (another phone, or
 * someone who learned the password) while this one goes on.
 */
export function AccountPage() {
  const { session } = useSession();
  const { t } = useT('signin');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);
  const [change, { loading, error }] = useMutation(CHANGE_PASSWORD);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!session) return;
    setChanged(false);
    const result = await change({
      variables: { currentPassword, newPassword, refreshToken: session.refreshToken },
    }).catch(() => undefined);
    if (!result?.data?.changePassword) return;
    setCurrentPassword('');
    setNewPassword('');
    setChanged(true);
  }

  return (
    <div className="page narrow">
      <h1>{t('account.title')}</h1>
      <form className="card" onSubmit={submit} aria-label={t('account.changePassword')}>
        <h2>{t('account.changePassword')}</h2>
        <p className="muted">{t('account.intro')}</p>
        <label>
          {t('account.currentPassword')}
          <input
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
        </label>
        <label>
          {t('account.newPassword')}
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
        {error && <ErrorNote error={error} />}
        {changed && (
          <p role="status" className="note ok">
            {t('account.changed')}
          </p>
        )}
        <button className="button primary" type="submit" disabled={loading}>
          {t('account.submit')}
        </button>
      </form>
    </div>
  );
}

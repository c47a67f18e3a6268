import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../../api/operations';
import { problemText } from '../../components/Feedback';
import { TextField } from '../../components/FormFields';
import { AccountCard } from './AccountCard';

/**
 * "Forgot password?": the desk answers alike for any address, so the screen says the same either way:
 * a link is on its way if the address has an account.
 */
export function ForgotPassword() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await desk.requestPasswordReset({ email: email.trim() });
      setSent(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AccountCard title={t('account.forgotTitle')}>
      {sent ? (
        <Alert color="teal" role="status">
          {t('account.forgotSent', { email: email.trim() })}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('account.forgotHint')}
            </Text>
            {error ? (
              <Alert color="red" role="alert">
                {problemText(error, t)}
              </Alert>
            ) : null}
            <TextField
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={setEmail}
              data-autofocus
            />
            <Button type="submit" loading={busy}>
              {t('account.forgotSubmit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/" size="sm" ta="center">
        {t('account.backToSignIn')}
      </Anchor>
    </AccountCard>
  );
}

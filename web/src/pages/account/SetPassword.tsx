import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem } from '../../api/client';
import { problemText } from '../../components/Feedback';
import { useSessionActions } from '../../session';
import { AccountCard } from './AccountCard';

/** The secret of a mailed link rides in the address's fragment, which the browser never sends anywhere. */
const tokenOfLink = () => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

/** Where an invitation or a reset link leads: the person chooses a password and is signed in. */
export function SetPassword() {
  const { t } = useTranslation();
  const session = useSessionActions();
  const navigate = useNavigate();
  const [token] = useState(tokenOfLink);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [code, setCode] = useState('');
  const [asksCode, setAsksCode] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = repeated.length > 0 && repeated !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await session.setPasswordWithLink(token, password, asksCode ? code.trim() : undefined);
      navigate('/', { replace: true });
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.code === 'second_factor_required' && !asksCode) {
        setAsksCode(true);
        return;
      }
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiProblem ? error.forField(field) : undefined);

  return (
    <AccountCard title={t('account.setTitle')}>
      {token ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('account.setHint')}
            </Text>
            {error && !fieldError('password') ? (
              <Alert color="red" role="alert">
                {problemText(error, t)}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('account.newPassword')}
              description={t('account.passwordRule')}
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fieldError('password')}
              data-autofocus
            />
            <PasswordInput
              label={t('account.repeatPassword')}
              autoComplete="new-password"
              required
              value={repeated}
              onChange={(event) => setRepeated(event.currentTarget.value)}
              error={mismatch ? t('account.mismatch') : undefined}
            />
            {asksCode ? (
              <TextInput
                label={t('signIn.code')}
                description={t('signIn.codeHint')}
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(event) => setCode(event.currentTarget.value)}
                autoFocus
              />
            ) : null}
            <Button type="submit" loading={busy} disabled={mismatch}>
              {t('account.setSubmit')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Alert color="red" role="alert">
          {t('account.noToken')}
        </Alert>
      )}
      <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
        {t('account.askAgain')}
      </Anchor>
    </AccountCard>
  );
}

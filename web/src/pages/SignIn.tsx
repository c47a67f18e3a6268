import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../api/client';
import { desk } from '../api/operations';
import { problemText } from '../components/Feedback';
import { TextField } from '../components/FormFields';
import { useSessionActions } from '../session';
import { AccountCard } from './account/AccountCard';

export function SignIn() {
  const { t } = useTranslation();
  const session = useSessionActions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  /** The account has an authenticator: the desk asked for its code after the password. */
  const [asksCode, setAsksCode] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const methods = useQuery({ queryKey: ['sign-in-methods'], queryFn: () => desk.getSignInMethods() });
  /** Single sign-on came back refused: the desk names why in the address. */
  const [signOnError] = useState(() => new URLSearchParams(window.location.search).get('signInError'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(email.trim(), password, asksCode ? code.trim() : undefined);
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

  return (
    <AccountCard title={t('signIn.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('signIn.hint')}
          </Text>
          {error ? (
            <Alert color="red" role="alert">
              {problemText(error, t)}
            </Alert>
          ) : signOnError ? (
            <Alert color="red" role="alert">
              {t(`signIn.ssoErrors.${signOnError}`, { defaultValue: t('signIn.ssoErrors.sso_failed') })}
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
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          {asksCode ? (
            <TextInput
              label={t('signIn.code')}
              description={t('signIn.codeHint')}
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              data-autofocus
              autoFocus
            />
          ) : null}
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
          {methods.data?.singleSignOn ? (
            <Button component="a" href="/api/v1/auth/oidc/start" variant="default">
              {t('signIn.singleSignOn', { name: methods.data.singleSignOn.name })}
            </Button>
          ) : null}
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('signIn.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AccountCard>
  );
}

import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../api/operations';
import { problemText } from '../components/Feedback';
import { TextField } from '../components/FormFields';
import { useSessionActions } from '../session';
import { AccountCard } from './account/AccountCard';
import { SecondFactorCodeField, useSignInSteps } from './account/signInSteps';

export function SignIn() {
  const { t } = useTranslation();
  const session = useSessionActions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const steps = useSignInSteps((code) => session.signIn(email.trim(), password, code));
  const methods = useQuery({ queryKey: ['sign-in-methods'], queryFn: () => desk.getSignInMethods() });
  /** Single sign-on came back refused: the desk names why in the address. */
  const [signOnError] = useState(() => new URLSearchParams(window.location.search).get('signInError'));

  return (
    <AccountCard title={t('signIn.title')}>
      <form onSubmit={steps.submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('signIn.hint')}
          </Text>
          {steps.error ? (
            <Alert color="red" role="alert">
              {problemText(steps.error, t)}
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
          {steps.asksCode ? <SecondFactorCodeField value={steps.code} onChange={steps.setCode} /> : null}
          <Button type="submit" loading={steps.busy}>
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

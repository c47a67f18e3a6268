import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem } from '../../api/client';
import { problemText } from '../../components/Feedback';
import { useSessionActions } from '../../session';
import { AccountCard } from './AccountCard';
import { SecondFactorCodeField, useSignInSteps } from './signInSteps';

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
  const mismatch = repeated.length > 0 && repeated !== password;

  const steps = useSignInSteps(async (code) => {
    if (mismatch) return;
    await session.setPasswordWithLink(token, password, code);
    navigate('/', { replace: true });
  });
  const fieldError = (field: string) =>
    steps.error instanceof ApiProblem ? steps.error.forField(field) : undefined;

  return (
    <AccountCard title={t('account.setTitle')}>
      {token ? (
        <form onSubmit={steps.submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('account.setHint')}
            </Text>
            {steps.error && !fieldError('password') ? (
              <Alert color="red" role="alert">
                {problemText(steps.error, t)}
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
            {steps.asksCode ? <SecondFactorCodeField value={steps.code} onChange={steps.setCode} /> : null}
            <Button type="submit" loading={steps.busy} disabled={mismatch}>
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

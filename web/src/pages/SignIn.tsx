import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { problemText } from '../components/Feedback';
import { TextField } from '../components/FormFields';
import { LanguageSwitch } from '../components/Layout';
import { switchLanguage } from '../i18n';
import { useSessionActions } from '../session';

export function SignIn() {
  const { t } = useTranslation();
  const session = useSessionActions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(email.trim(), password);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} component="main">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={2} size="h3">
                {t('signIn.title')}
              </Title>
              <LanguageSwitch
                onChange={(language) => {
                  setApiLanguage(language);
                  void switchLanguage(language);
                }}
              />
            </Group>
            <Text size="sm" c="dimmed">
              {t('signIn.hint')}
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
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

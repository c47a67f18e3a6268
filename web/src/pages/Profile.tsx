import { Button, Paper, PasswordInput, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, patch, post } from '../api/client';
import type { Language } from '../api/types';
import { ProblemAlert } from '../components/Feedback';
import { useSessionActions, useSignedIn } from '../session';

export function Profile() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const session = useSessionActions();
  const language = useMutation({
    mutationFn: (value: Language) => patch('/me', { language: value }),
    onSuccess: (_, value) => {
      session.adoptLanguage(value);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const password = useMutation({
    mutationFn: () => post('/me/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      notifications.show({ color: 'green', message: t('profile.passwordChanged') });
    },
  });
  const problem = password.error instanceof ApiProblem ? password.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    password.mutate();
  };
  return (
    <Stack maw={560}>
      <Title order={1} size="h2">
        {t('profile.title')}
      </Title>
      <Paper withBorder p="md">
        <Text fw={600}>{principal.name}</Text>
        <Text size="sm" c="dimmed">
          {principal.email}
        </Text>
      </Paper>
      <Select
        label={t('profile.language')}
        data={[
          { value: 'ru', label: 'Русский' },
          { value: 'en', label: 'English' },
        ]}
        value={principal.language}
        onChange={(value) => value && language.mutate(value as Language)}
        allowDeselect={false}
      />
      {language.error ? <ProblemAlert error={language.error} /> : null}
      <Paper withBorder p="md" component="section" aria-labelledby="password-title">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h5" id="password-title">
              {t('profile.password')}
            </Title>
            <PasswordInput
              label={t('profile.currentPassword')}
              autoComplete="current-password"
              value={currentPassword}
              onChange={(event) => setCurrent(event.currentTarget.value)}
              error={problem?.forField('currentPassword')}
            />
            <PasswordInput
              label={t('profile.newPassword')}
              description={t('profile.passwordHint')}
              autoComplete="new-password"
              value={newPassword}
              onChange={(event) => setNew(event.currentTarget.value)}
              error={problem?.forField('newPassword')}
            />
            {password.error && !problem?.forField('currentPassword') && !problem?.forField('newPassword') ? (
              <ProblemAlert error={password.error} />
            ) : null}
            <Button type="submit" loading={password.isPending} w="fit-content">
              {t('profile.changePassword')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

import type { Language } from '@contract/constants';
import { AGENT_MAIL_CHOICES, type AgentMailChoice } from '@contract/constants';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { desk } from '../api/operations';
import { Loaded, ProblemAlert } from '../components/Feedback';
import { moscowDateTime } from '../format';
import { useSessionActions, useSignedIn } from '../session';
import { OwnSessions } from './OwnSessions';
import { OwnTokens } from './OwnTokens';
import { TwoFactor } from './TwoFactor';

export function Profile() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const session = useSessionActions();
  const language = useMutation({
    mutationFn: (value: Language) => desk.updateProfile({ language: value }),
    onSuccess: (_, value) => {
      session.adoptLanguage(value);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const password = useMutation({
    mutationFn: () => desk.changePassword({ currentPassword, newPassword }),
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
      {principal.type === 'contact' ? <TelegramBinding contactId={principal.id} /> : <MailNotices />}
      <TwoFactor />
      <OwnSessions />
      <OwnTokens />
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

/** Which notices a support person gets by mail as well as in the bell; each choice is saved as it is made. */
function MailNotices() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['notification-settings'],
    queryFn: () => desk.getNotificationSettings(),
  });
  const choose = useMutation({
    mutationFn: (mail: Partial<Record<AgentMailChoice, boolean>>) =>
      desk.updateNotificationSettings({ mail }),
    onSuccess: (saved) => {
      client.setQueryData(['notification-settings'], saved);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mail-notices-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="mail-notices-title">
          {t('profile.mailNotices')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('profile.mailNoticesHint')}
        </Text>
        <Loaded query={settings} rows={3}>
          {(data) => (
            <Stack gap={6}>
              {AGENT_MAIL_CHOICES.map((choice) => (
                <Checkbox
                  key={choice}
                  label={t(`profile.mailChoice.${choice}`)}
                  checked={data.mail[choice]}
                  onChange={(event) => choose.mutate({ [choice]: event.currentTarget.checked })}
                />
              ))}
            </Stack>
          )}
        </Loaded>
        {choose.error ? <ProblemAlert error={choose.error} /> : null}
      </Stack>
    </Paper>
  );
}

/** The contact's Telegram binding: the bot speaks for whoever shared this contact's phone, until unbound here. */
function TelegramBinding({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const binding = useQuery({
    queryKey: ['telegram', contactId],
    queryFn: () => desk.getTelegramBinding(contactId),
  });
  const unbind = useMutation({
    mutationFn: () => desk.unbindTelegram(contactId),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['telegram', contactId] }),
  });
  const link = useMutation({ mutationFn: () => desk.createTelegramLink(contactId) });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="telegram-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="telegram-title">
          {t('profile.telegram')}
        </Title>
        <Loaded query={binding} rows={1}>
          {(data) =>
            data.linked ? (
              <Group justify="space-between">
                <Text size="sm">{t('profile.telegramLinked', { at: moscowDateTime(data.linkedAt) })}</Text>
                <Button
                  size="xs"
                  variant="light"
                  color="red.9"
                  onClick={() => unbind.mutate()}
                  loading={unbind.isPending}
                >
                  {t('profile.telegramUnbind')}
                </Button>
              </Group>
            ) : data.botName ? (
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('profile.telegramByLink', { bot: `@${data.botName}` })}</Text>
                {link.data ? (
                  <Anchor href={link.data.url} target="_blank" rel="noreferrer" data-testid="telegram-link">
                    {t('profile.telegramOpen', { bot: `@${link.data.botName}` })}
                  </Anchor>
                ) : (
                  <Button size="xs" variant="light" onClick={() => link.mutate()} loading={link.isPending}>
                    {t('profile.telegramGetLink')}
                  </Button>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('profile.telegramNotLinked')}
              </Text>
            )
          }
        </Loaded>
        {unbind.error ? <ProblemAlert error={unbind.error} /> : null}
        {link.error ? <ProblemAlert error={link.error} /> : null}
      </Stack>
    </Paper>
  );
}

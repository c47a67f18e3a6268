import { Center, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { setApiLanguage } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { switchLanguage } from '../../i18n';

/** The small card the sign-in, forgot-password and set-password screens share, with the language switch. */
export function AccountCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} component="main">
        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h3">
              {title}
            </Title>
            <LanguageSwitch
              onChange={(language) => {
                setApiLanguage(language);
                void switchLanguage(language);
              }}
            />
          </Group>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { Loaded, ProblemAlert } from '../components/Feedback';
import { moscowDateTime } from '../format';

/** Where the person is signed in, and signing out the others (a lost laptop, a shared computer). */
export function OwnSessions() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: ['own-sessions'], queryFn: () => desk.listOwnSessions() });
  const refresh = () => void client.invalidateQueries({ queryKey: ['own-sessions'] });
  const endOne = useMutation({
    mutationFn: (sessionId: string) => desk.endOwnSession(sessionId),
    onSuccess: refresh,
  });
  const endOthers = useMutation({ mutationFn: () => desk.endOtherSessions(), onSuccess: refresh });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sessions-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5" id="sessions-title">
          {t('profile.sessions')}
        </Title>
        <Button size="xs" variant="light" onClick={() => endOthers.mutate()} loading={endOthers.isPending}>
          {t('profile.endOtherSessions')}
        </Button>
      </Group>
      {endOne.error || endOthers.error ? <ProblemAlert error={endOne.error ?? endOthers.error} /> : null}
      <Loaded query={sessions} rows={2}>
        {(list) => (
          <Stack gap="xs" data-testid="own-sessions">
            {list.map((session) => (
              <Group key={session.id} justify="space-between" wrap="nowrap">
                <Stack gap={0} miw={0}>
                  <Text size="sm" lineClamp={1} title={session.userAgent ?? undefined}>
                    {session.userAgent ?? t('profile.unknownDevice')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('profile.sessionSeen', {
                      at: moscowDateTime(session.lastSeenAt),
                      since: moscowDateTime(session.createdAt),
                      ip: session.ip ?? '—',
                    })}
                  </Text>
                </Stack>
                {session.current ? (
                  <Badge variant="outline" color="teal.9">
                    {t('profile.thisSession')}
                  </Badge>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => endOne.mutate(session.id)}>
                    {t('profile.endSession')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Loaded>
    </Paper>
  );
}

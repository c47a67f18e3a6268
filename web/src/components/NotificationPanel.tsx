import { Anchor, Button, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../api/operations';
import { moscowDateTime } from '../format';

/**
 * The bell's list of the latest notices, each leading to its request, around the bell itself. Loaded
 * when the reader first reaches for the bell: the header of every page does without its popover code.
 * Whether it is open is the bell's: a click before this code arrived is not lost.
 */
export function NotificationPanel({
  unread,
  opened,
  onDismiss,
  children,
}: {
  unread: number;
  opened: boolean;
  onDismiss: () => void;
  children: ReactElement;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const latest = useQuery({
    queryKey: ['notifications', 'list'],
    queryFn: () => desk.listNotifications(),
  });
  const readAll = useMutation({
    mutationFn: () => desk.markNotificationsRead({ all: true }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <Popover
      width={380}
      position="bottom-end"
      shadow="md"
      opened={opened}
      onDismiss={onDismiss}
      trapFocus
      returnFocus
    >
      <Popover.Target>{children}</Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('bell.title')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => readAll.mutate()}>
            {t('bell.readAll')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={360}>
          <Stack gap="xs" data-testid="notification-list">
            {(latest.data ?? []).length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('bell.empty')}
              </Text>
            ) : null}
            {(latest.data ?? []).map((notice) => (
              <div key={notice.id} data-unread={notice.readAt === null}>
                {notice.ticketId ? (
                  <Anchor
                    component={Link}
                    to={`/requests/${notice.ticketId}`}
                    size="sm"
                    fw={notice.readAt ? 400 : 600}
                  >
                    {notice.text}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={notice.readAt ? 400 : 600}>
                    {notice.text}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {moscowDateTime(notice.createdAt)}
                </Text>
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

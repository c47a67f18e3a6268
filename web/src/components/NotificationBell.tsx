import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../api/operations';
import { moscowDateTime } from '../format';

/**
 * The bell in the header: how many notices are unread, and the latest ones, each leading to its
 * request. The live feed refreshes both as notices arrive or are read elsewhere.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const unread = useQuery({
    queryKey: ['notifications', 'count'],
    queryFn: () => desk.countUnreadNotifications(),
  });
  const latest = useQuery({
    queryKey: ['notifications', 'list'],
    queryFn: () => desk.listNotifications(),
  });
  const readAll = useMutation({
    mutationFn: () => desk.markNotificationsRead({ all: true }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const count = unread.data?.unread ?? 0;
  return (
    <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} color="red.9">
      <Popover width={380} position="bottom-end" shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t('bell.label', { count })}
            data-testid="notification-bell"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">
              <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
            </svg>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{t('bell.title')}</Text>
            <Button
              size="compact-xs"
              variant="subtle"
              disabled={count === 0}
              onClick={() => readAll.mutate()}
            >
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
    </Indicator>
  );
}

import { ActionIcon, Indicator } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';

const loadPanel = async () => ({ default: (await import('./NotificationPanel')).NotificationPanel });
const NotificationPanel = lazy(loadPanel);

/**
 * The bell in the header: how many notices are unread; the latest ones open from it. The live feed
 * refreshes the count as notices arrive or are read elsewhere. The list's code is fetched when the
 * pointer or the keyboard reaches the bell, and mounted around it at the first click.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery({
    queryKey: ['notifications', 'count'],
    queryFn: () => desk.countUnreadNotifications(),
  });
  const [opened, setOpened] = useState(false);
  const [everOpened, setEverOpened] = useState(false);
  const count = unread.data?.unread ?? 0;
  const bell = (
    <ActionIcon
      variant="subtle"
      size="lg"
      aria-label={t('bell.label', { count })}
      data-testid="notification-bell"
      onPointerEnter={() => void loadPanel()}
      onFocus={() => void loadPanel()}
      onClick={() => {
        setEverOpened(true);
        setOpened((now) => !now);
      }}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
    </ActionIcon>
  );
  return (
    <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} color="red.9">
      {everOpened ? (
        <Suspense fallback={bell}>
          <NotificationPanel unread={count} opened={opened} onDismiss={() => setOpened(false)}>
            {bell}
          </NotificationPanel>
        </Suspense>
      ) : (
        bell
      )}
    </Indicator>
  );
}

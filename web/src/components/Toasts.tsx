import { useNotifications } from '@mantine/notifications';
import { lazy, Suspense, useRef } from 'react';

const Notifications = lazy(async () => ({ default: (await import('./ToastHost')).ToastHost }));

/**
 * Where toasts appear. Their code (transitions, swipe to dismiss) comes with the first toast shown:
 * until then the toast waits in the notifications' store, and most visits never show one.
 */
export function Toasts() {
  const { notifications, queue } = useNotifications();
  const wanted = useRef(false);
  if (notifications.length + queue.length > 0) wanted.current = true;
  if (!wanted.current) return null;
  return (
    <Suspense fallback={null}>
      <Notifications />
    </Suspense>
  );
}

import { Notifications } from '@mantine/notifications';

/** Mantine's toasts in the page's top right corner, fetched by Toasts when the first one is shown. */
export function ToastHost() {
  return <Notifications position="top-right" />;
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An event's name in the i18n catalog: its dot would read as a nested key. */
export const eventLabelKey = (event: string) => `webhooks.events.${event.replace('.', '_')}`;

const STATE_COLORS = { pending: 'yellow', delivered: 'green', failed: 'red' } as const;

export function DeliveryState({
  state,
  status,
}: {
  state: keyof typeof STATE_COLORS;
  status: number | null;
}) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {t(`webhooks.states.${state}`)}
      {status === null ? '' : ` · ${status}`}
    </Badge>
  );
}

import type { Countdown as CountdownState } from '@contract/tickets';
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserNow } from '../clock';
import { duration, moscowDateTime } from '../format';

/**
 * The response countdown. The server gives the clock time left and whether the clock runs now; the
 * screen ticks it down while it runs and holds it still outside support hours (nights, weekends,
 * holidays), so it never shows a wall-clock countdown the policy does not count.
 */
export function Countdown({
  countdown,
  dueAt,
  respondedAt,
  fetchedAt,
}: {
  countdown: CountdownState | null;
  dueAt: string;
  respondedAt: string | null;
  fetchedAt: number;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => browserNow().getTime());
  useEffect(() => {
    if (!countdown?.running) return;
    const timer = setInterval(() => setNow(browserNow().getTime()), 1000);
    return () => clearInterval(timer);
  }, [countdown?.running]);

  if (!countdown) {
    return (
      <Text size="sm" c="dimmed" data-testid="countdown">
        {t('sla.responded', { at: moscowDateTime(respondedAt) })}
      </Text>
    );
  }
  const remaining = countdown.running
    ? countdown.remainingMs - Math.max(0, now - fetchedAt)
    : countdown.remainingMs;
  const overdue = remaining <= 0;
  const warning = !overdue && countdown.used >= 0.75;
  return (
    <Tooltip label={`${t('sla.dueAt')}: ${moscowDateTime(dueAt)}`}>
      <Group gap={6} wrap="nowrap" data-testid="countdown">
        <Text size="sm" fw={500} c={overdue ? 'red.9' : warning ? 'orange.9' : undefined}>
          {overdue
            ? t('sla.overdue', { time: duration(remaining) })
            : t('sla.remaining', { time: duration(remaining) })}
        </Text>
        {overdue ? (
          <Badge color="red.9" size="sm">
            {t('sla.breached')}
          </Badge>
        ) : warning ? (
          <Badge color="orange.9" size="sm">
            {t('sla.warning')}
          </Badge>
        ) : null}
        {!countdown.running && !overdue ? (
          <Text size="xs" c="dimmed">
            ({t('sla.paused')})
          </Text>
        ) : null}
      </Group>
    </Tooltip>
  );
}

import type { Status } from '@contract/constants';
import type { Countdown as CountdownState } from '@contract/tickets';
import { Badge, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserNow } from '../clock';
import { duration, moscowDateTime } from '../format';
import { Hint } from './Hint';

/**
 * The response countdown. The server gives the clock time left and whether the clock runs now; the
 * screen ticks it down while it runs and holds it still outside support hours (nights, weekends,
 * holidays), so it never shows a wall-clock countdown the policy does not count.
 */
export function Countdown({
  countdown,
  dueAt,
  outcome,
  fetchedAt,
}: {
  countdown: CountdownState | null;
  dueAt: string;
  /** How the deadline ended, shown where the server gives no countdown: support owes nothing now. */
  outcome: SlaOutcome;
  fetchedAt: number;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => browserNow().getTime());
  useEffect(() => {
    if (!countdown?.running) return;
    const timer = setInterval(() => setNow(browserNow().getTime()), 1000);
    return () => clearInterval(timer);
  }, [countdown?.running]);

  if (!countdown) return <Outcome outcome={outcome} />;
  const remaining = countdown.running
    ? countdown.remainingMs - Math.max(0, now - fetchedAt)
    : countdown.remainingMs;
  const overdue = remaining <= 0;
  const warning = !overdue && countdown.used >= 0.75;
  return (
    <Hint label={`${t('sla.dueAt')}: ${moscowDateTime(dueAt)}`}>
      <Group gap={6} data-testid="countdown">
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
    </Hint>
  );
}

export interface SlaOutcome {
  respondedAt: string | null;
  breached: boolean;
  status: Status;
  resolvedAt: string | null;
  closedAt: string | null;
}

/** A deadline that no longer runs: answered on time or late, or how the request ended unanswered. */
function Outcome({ outcome }: { outcome: SlaOutcome }) {
  const { t } = useTranslation();
  const { respondedAt, breached, status } = outcome;
  const endedAt = outcome.resolvedAt ?? outcome.closedAt;
  const text = respondedAt
    ? t(breached ? 'sla.respondedLate' : 'sla.respondedOnTime', { at: moscowDateTime(respondedAt) })
    : t('sla.endedUnanswered', { status: t(`statuses.${status}`), at: moscowDateTime(endedAt) });
  return (
    <Text size="sm" c={breached ? 'red.9' : 'dimmed'} data-testid="countdown">
      {text}
    </Text>
  );
}

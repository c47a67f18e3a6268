import type { Level, Severity, Status } from '@contract/constants';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { moscowDateTime } from '../format';
import { Hint } from './Hint';

/** A badge shows its whole word: a table column grows rather than cut it. */
const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'red.9',
  high: 'orange.4',
  medium: 'yellow.3',
  low: 'gray.3',
};
const STATUS_COLOR: Record<Status, string> = {
  new: 'blue.9',
  in_progress: 'cyan.9',
  waiting_for_customer: 'grape.9',
  resolved: 'green.9',
  closed: 'gray.7',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="filled">
      {t(`severities.${severity}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="outline">
      {t(`statuses.${status}`)}
    </Badge>
  );
}

/** The customer has the latest public word: support owes an answer since that moment. */
export function AwaitingBadge({ since }: { since: string | null }) {
  const { t } = useTranslation();
  if (!since) return null;
  return (
    <Hint label={t('requests.awaitingSince', { at: moscowDateTime(since) })}>
      <Badge color="red.9" variant="outline" data-testid="awaiting-support">
        {t('requests.awaiting')}
      </Badge>
    </Hint>
  );
}

export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Badge color={level === 'extended' ? 'violet' : 'blue'} variant="dot">
      {t(`levels.${level}`)}
    </Badge>
  );
}

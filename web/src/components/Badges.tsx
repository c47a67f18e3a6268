import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Level, Severity, Status } from '../api/types';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};
const STATUS_COLOR: Record<Status, string> = {
  new: 'blue',
  in_progress: 'cyan',
  waiting_for_customer: 'grape',
  resolved: 'green',
  closed: 'gray',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="light">
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

export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Badge color={level === 'extended' ? 'violet' : 'blue'} variant="dot">
      {t(`levels.${level}`)}
    </Badge>
  );
}

import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { policyAt, usePolicies } from '../api/hooks';
import { type Level, type ResponseRule, SEVERITIES } from '../api/types';
import { LoadingRows, ProblemAlert } from '../components/Feedback';
import { calendarDay } from '../format';

/** The support policy in force today, rendered from the policy version the desk enforces. */
export function PolicyPage() {
  const { t } = useTranslation();
  const policies = usePolicies();
  if (policies.isPending) return <LoadingRows rows={8} />;
  if (policies.isError) return <ProblemAlert error={policies.error} onRetry={() => policies.refetch()} />;
  const policy = policyAt(policies.data, new Date());
  if (!policy) return <ProblemAlert error={null} />;
  const rule = (value: ResponseRule) =>
    value.workingDays !== undefined
      ? t('policy.workingDays', { count: value.workingDays })
      : value.clock === 'daily'
        ? t('policy.hoursDaily', { count: value.hours })
        : t('policy.hoursBusiness', { count: value.hours });
  const levels: Level[] = ['standard', 'extended'];
  const autoCloseDays =
    policy.autoClose.workingDays ?? Math.round((policy.autoClose.hours ?? 0) / (policy.workingDayHours || 9));
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('policy.title')}
      </Title>
      <Text c="dimmed" data-testid="policy-version">
        {t('policy.version', { name: policy.name, from: calendarDay(policy.effectiveFrom) })}
      </Text>
      <Title order={2} size="h4">
        {t('policy.responseTimes')}
      </Title>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('requests.severity')}</Table.Th>
            {levels.map((level) => (
              <Table.Th key={level}>{t(`levels.${level}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SEVERITIES.map((severity) => (
            <Table.Tr key={severity}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {t(`severities.${severity}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`severityDefinitions.${severity}`)}
                </Text>
              </Table.Td>
              {levels.map((level) => (
                <Table.Td key={level}>{rule(policy.response[level][severity])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Text size="sm">{t('policy.workingTime')}</Text>
          <Text size="sm">{t('policy.autoClose', { days: autoCloseDays })}</Text>
        </Stack>
      </Paper>
      <Title order={2} size="h4">
        {t('policy.channels')}
      </Title>
      <Table withTableBorder>
        <Table.Tbody>
          {Object.entries(policy.channels).map(([channel, hours]) => (
            <Table.Tr key={channel}>
              <Table.Td>{t(`channels.${channel}`)}</Table.Td>
              <Table.Td>{t(`policy.channelHours.${hours}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

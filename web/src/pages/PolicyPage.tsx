import { LEVELS, SEVERITIES } from '@contract/constants';
import { policyInForce } from '@contract/moscowTime';
import type { PolicyChange, ResponseRule } from '@contract/sla';
import { List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usePolicies } from '../api/hooks';
import { desk } from '../api/operations';
import { browserNow } from '../clock';
import { Loaded, LoadingRows, ProblemAlert } from '../components/Feedback';
import { ScrollRegion } from '../components/ScrollRegion';
import { calendarDay } from '../format';

/** The support policy in force today, rendered from the policy version the desk enforces. */
export function PolicyPage() {
  const { t } = useTranslation();
  const policies = usePolicies();
  if (policies.isPending) return <LoadingRows rows={8} />;
  if (policies.isError) return <ProblemAlert error={policies.error} onRetry={() => policies.refetch()} />;
  const policy = policies.data.length > 0 ? policyInForce(policies.data, browserNow()) : undefined;
  if (!policy) return <ProblemAlert error={null} />;
  const rule = (value: ResponseRule) =>
    'workingDays' in value
      ? t('policy.workingDays', { count: value.workingDays })
      : value.clock === 'daily'
        ? t('policy.hoursDaily', { count: value.hours })
        : t('policy.hoursBusiness', { count: value.hours });
  const autoCloseDays =
    'workingDays' in policy.autoClose
      ? policy.autoClose.workingDays
      : Math.round(policy.autoClose.hours / policy.workingDayHours);
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
      <ScrollRegion>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.severity')}</Table.Th>
              {LEVELS.map((level) => (
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
                {LEVELS.map((level) => (
                  <Table.Td key={level}>{rule(policy.response[level][severity])}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Text size="sm">{t('policy.workingTime')}</Text>
          <Text size="sm">{t('policy.autoClose', { days: autoCloseDays })}</Text>
        </Stack>
      </Paper>
      <Title order={2} size="h4">
        {t('policy.channels')}
      </Title>
      <ScrollRegion>
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
      </ScrollRegion>
      <PolicyHistory rule={rule} />
    </Stack>
  );
}

/** §6.2: every version with its effective date and, in words, what it changed from the one before. */
function PolicyHistory({ rule }: { rule: (value: ResponseRule) => string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['policy-history'],
    queryFn: () => desk.policyHistory(),
  });
  const describe = (change: PolicyChange) => {
    if (change.kind === 'response') {
      return `${t(`severities.${change.severity}`)} (${t(`levels.${change.level}`)}): ${rule(change.from as ResponseRule)} → ${rule(change.to as ResponseRule)}`;
    }
    if (change.kind === 'follow_up') {
      const target = (value: unknown) => (value ? rule(value as ResponseRule) : t('policy.noFollowUp'));
      return `${t('policy.followUpRule')}, ${t(`severities.${change.severity}`)} (${t(`levels.${change.level}`)}): ${target(change.from)} → ${target(change.to)}`;
    }
    if (change.kind === 'auto_close')
      return `${t('policy.autoCloseRule')}: ${rule(change.from as ResponseRule)} → ${rule(change.to as ResponseRule)}`;
    if (change.kind === 'channel') {
      return `${t(`channels.${change.channel}`)}: ${t(`policy.channelHours.${change.from}`)} → ${t(`policy.channelHours.${change.to}`)}`;
    }
    return `${t('policy.workingDayRule')}: ${change.from} → ${change.to}`;
  };
  return (
    <>
      <Title order={2} size="h4">
        {t('policy.history')}
      </Title>
      <Loaded query={history} rows={2}>
        {(versions) => (
          <Stack gap="sm">
            {[...versions].reverse().map((version, index, newestFirst) => (
              <Paper key={version.id} withBorder p="sm" data-testid="policy-history">
                <Text fw={600} size="sm">
                  {t('policy.version', { name: version.name, from: calendarDay(version.effectiveFrom) })}
                </Text>
                {index === newestFirst.length - 1 ? (
                  <Text size="sm" c="dimmed">
                    {t('policy.first')}
                  </Text>
                ) : version.changes.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('policy.noChanges')}
                  </Text>
                ) : (
                  <List size="sm">
                    {version.changes.map((change) => (
                      <List.Item key={describe(change)}>{describe(change)}</List.Item>
                    ))}
                  </List>
                )}
              </Paper>
            ))}
          </Stack>
        )}
      </Loaded>
    </>
  );
}

import { desk } from '../api/operations';
import { browserNow } from '../clock';
import '@mantine/charts/styles.css';
import { moscowDate } from '@contract/moscowTime';
import { BarChart } from '@mantine/charts';
import { Group, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { PerformanceReports } from './PerformanceReports';
import { Downloads } from './ReportDownloads';

interface SlaRow {
  month: string;
  level: string;
  severity: string;
  organization: string;
  total: number;
  onTime: number;
  late: number;
  pending: number;
  onTimeShare: number | null;
  medianResponseHours: number | null;
  p90ResponseHours: number | null;
}

type Row = Record<string, string | number | null>;

function thisYear() {
  const year = moscowDate(browserNow()).slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const useReport = <Data,>(name: string, period: { from: string; to: string }) =>
  useQuery({
    queryKey: ['report', name, period],
    queryFn: () => desk.report<Data>(name, period),
  });

/** SLA compliance, backlog, channels and certificate use, for a period, with charts and downloads. */
export function Reports() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(thisYear);
  const sla = useReport<SlaRow[]>('sla', period);
  const backlog = useReport<Row[]>('backlog', period);
  const channels = useReport<Row[]>('channels', period);
  const certificates = useReport<Row[]>('certificates', period);
  const time = useReport<Row[]>('time', period);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports.title')}
      </Title>
      <Group>
        <TextInput
          type="date"
          label={t('reports.from')}
          value={period.from}
          onChange={(event) => setPeriod({ ...period, from: event.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={period.to}
          onChange={(event) => setPeriod({ ...period, to: event.currentTarget.value })}
        />
      </Group>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('reports.sla')}
          </Title>
          <Downloads report="sla" period={period} />
        </Group>
        <Loaded query={sla} rows={4}>
          {(rows) => {
            const months = [...new Set(rows.map((row) => row.month))].map((month) => {
              const of = rows.filter((row) => row.month === month);
              const sum = (key: 'onTime' | 'late' | 'pending') =>
                of.reduce((total, row) => total + row[key], 0);
              return { month, onTime: sum('onTime'), late: sum('late'), pending: sum('pending') };
            });
            return (
              <Stack>
                {months.length > 0 ? (
                  <BarChart
                    h={240}
                    data={months}
                    dataKey="month"
                    type="stacked"
                    series={[
                      { name: 'onTime', label: t('reports.onTime'), color: 'green.8' },
                      { name: 'late', label: t('reports.late'), color: 'red.8' },
                      { name: 'pending', label: t('reports.pending'), color: 'gray.5' },
                    ]}
                    withLegend
                  />
                ) : null}
                <DataTable
                  empty={t('reports.empty')}
                  headers={[
                    t('reports.month'),
                    t('customers.level'),
                    t('requests.severity'),
                    t('console.customer'),
                    t('reports.onTime'),
                    t('reports.late'),
                    t('reports.pending'),
                    t('reports.median'),
                    t('reports.p90'),
                  ]}
                  rows={rows.map((row) => ({
                    key: `${row.month}${row.level}${row.severity}${row.organization}`,
                    cells: [
                      row.month,
                      t(`levels.${row.level}`),
                      t(`severities.${row.severity}`),
                      row.organization,
                      row.onTime,
                      row.late,
                      row.pending,
                      row.medianResponseHours ?? t('common.none'),
                      row.p90ResponseHours ?? t('common.none'),
                    ],
                  }))}
                />
              </Stack>
            );
          }}
        </Loaded>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('reports.backlog')}
            </Title>
            <Downloads report="backlog" period={period} />
          </Group>
          <Loaded query={backlog} rows={3}>
            {(rows) => (
              <DataTable
                minWidth={360}
                empty={t('reports.empty')}
                headers={[t('requests.status'), t('reports.age'), t('reports.count')]}
                rows={rows.map((row) => ({
                  key: `${row.status}${row.age}`,
                  cells: [t(`statuses.${row.status}`), t(`reports.ages.${row.age}`), row.count],
                }))}
              />
            )}
          </Loaded>
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('reports.channels')}
            </Title>
            <Downloads report="channels" period={period} />
          </Group>
          <Loaded query={channels} rows={3}>
            {(rows) => (
              <DataTable
                minWidth={360}
                empty={t('reports.empty')}
                headers={[t('reports.month'), t('ticket.channel'), t('reports.count')]}
                rows={rows.map((row) => ({
                  key: `${row.month}${row.channel}`,
                  cells: [row.month, t(`channels.${row.channel}`), row.count],
                }))}
              />
            )}
          </Loaded>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('reports.certificates')}
          </Title>
          <Downloads report="certificates" period={period} />
        </Group>
        <Loaded query={certificates} rows={3}>
          {(rows) => (
            <DataTable
              empty={t('reports.empty')}
              headers={[
                t('customers.certificates'),
                t('console.customer'),
                t('customers.level'),
                t('customers.validTo'),
                t('customers.coveredInstances'),
                t('ticket.contact'),
                t('reports.count'),
              ]}
              rows={rows.map((row, index) => ({
                key: `${row.certificate}${row.contact}${index}`,
                cells: [
                  row.certificate,
                  row.organization,
                  t(`levels.${row.level}`),
                  row.validTo,
                  `${row.instancesCovered}/${row.maxInstances}`,
                  row.contact ?? t('common.none'),
                  row.requests,
                  row.organizationDownloads,
                ],
              }))}
            />
          )}
        </Loaded>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('tools.timeReport')}
          </Title>
          <Downloads report="time" period={period} />
        </Group>
        <Loaded query={time} rows={3}>
          {(rows) => (
            <DataTable
              empty={t('reports.empty')}
              headers={[
                t('reports.month'),
                t('console.customer'),
                t('customers.certificates'),
                t('tools.agent'),
                t('tools.entries'),
                t('tools.hours'),
                t('tools.billableHours'),
              ]}
              rows={rows.map((row) => ({
                key: `${row.month}${row.organization}${row.certificate}${row.agent}`,
                cells: [
                  row.month,
                  row.organization,
                  row.certificate,
                  row.agent,
                  row.entries,
                  row.hours,
                  row.billableHours,
                ],
              }))}
            />
          )}
        </Loaded>
      </Paper>
      <PerformanceReports period={period} />
    </Stack>
  );
}

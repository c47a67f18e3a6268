import { desk } from '../api/operations';
import { browserNow } from '../clock';
import '@mantine/charts/styles.css';
import { moscowDate } from '@contract/moscowTime';
import { BarChart } from '@mantine/charts';
import { Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../components/DateField';
import { PerformanceReports } from './PerformanceReports';
import { type Period, ReportPanel } from './ReportPanel';

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

function thisYear() {
  const year = moscowDate(browserNow()).slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Every report for a period, each as the server's table with its downloads; the SLA report with its chart. */
export function Reports() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(thisYear);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports.title')}
      </Title>
      <Group>
        <DateField
          label={t('reports.from')}
          value={period.from}
          onChange={(from) => setPeriod({ ...period, from })}
        />
        <DateField
          label={t('reports.to')}
          value={period.to}
          onChange={(to) => setPeriod({ ...period, to })}
        />
      </Group>
      <ReportPanel report="sla" period={period} title={t('reports.sla')}>
        <SlaChart period={period} />
      </ReportPanel>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ReportPanel report="backlog" period={period} title={t('reports.backlog')} />
        <ReportPanel report="channels" period={period} title={t('reports.channels')} />
      </SimpleGrid>
      <ReportPanel report="certificates" period={period} title={t('reports.certificates')} />
      <ReportPanel report="time" period={period} title={t('tools.timeReport')} />
      <PerformanceReports period={period} />
    </Stack>
  );
}

/** Requests answered on time, late and still within time, by month: drawn from the SLA report's rows. */
function SlaChart({ period }: { period: Period }) {
  const { t } = useTranslation();
  const sla = useQuery({
    queryKey: ['report', 'sla', period],
    queryFn: () => desk.report<SlaRow[]>('sla', period),
  });
  const rows = sla.data ?? [];
  const months = [...new Set(rows.map((row) => row.month))].map((month) => {
    const of = rows.filter((row) => row.month === month);
    const sum = (key: 'onTime' | 'late' | 'pending') => of.reduce((total, row) => total + row[key], 0);
    return { month, onTime: sum('onTime'), late: sum('late'), pending: sum('pending') };
  });
  if (months.length === 0) return null;
  return (
    <BarChart
      h={240}
      mb="md"
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
  );
}

import { Group, Paper, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { Downloads } from './ReportDownloads';

type Row = Record<string, string | number | null>;
type Period = { from: string; to: string };

/** One report the server computes, as a table with its downloads; the columns are named as it names them. */
function ReportTable({
  report,
  period,
  title,
  columns,
}: {
  report: string;
  period: Period;
  title: string;
  columns: { field: string; label: string; values?: string }[];
}) {
  const { t } = useTranslation();
  const rows = useQuery({
    queryKey: ['report', report, period],
    queryFn: () => desk.report<Row[]>(report, period),
  });
  return (
    <Paper withBorder p="md" data-testid={`report-${report}`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Downloads report={report} period={period} />
      </Group>
      <Loaded query={rows} rows={3}>
        {(data) => (
          <DataTable
            empty={t('reports.empty')}
            headers={columns.map((column) => column.label)}
            rows={data.map((row, index) => ({
              key: `${index}`,
              cells: columns.map((column) => {
                const value = row[column.field] ?? null;
                if (value === null) return t('common.none');
                return column.values ? t(`${column.values}.${value}`) : value;
              }),
            }))}
          />
        )}
      </Loaded>
    </Paper>
  );
}

/**
 * What a manager asks: each agent's month, time to resolution, the requests suggested pages spared,
 * and the customers' ratings over time.
 */
export function PerformanceReports({ period }: { period: Period }) {
  const { t } = useTranslation();
  const column = (field: string) => ({ field, label: t(`reports.columns.${field}`) });
  return (
    <>
      <ReportTable
        report="agents"
        period={period}
        title={t('reports.agents')}
        columns={[
          'month',
          'agent',
          'replies',
          'responses',
          'respondedOnTime',
          'hours',
          'rated',
          'averageScore',
        ].map(column)}
      />
      <ReportTable
        report="resolution"
        period={period}
        title={t('reports.resolution')}
        columns={[
          column('month'),
          { ...column('level'), values: 'levels' },
          { ...column('severity'), values: 'severities' },
          ...['resolved', 'medianResolutionHours', 'p90ResolutionHours'].map(column),
        ]}
      />
      <ReportTable
        report="deflection"
        period={period}
        title={t('reports.deflection')}
        columns={['month', 'page', 'opened', 'filed', 'notFiled', 'deflectedShare'].map(column)}
      />
      <ReportTable
        report="satisfaction"
        period={period}
        title={t('reports.satisfaction')}
        columns={[
          'month',
          'agent',
          'organization',
          'asked',
          'rated',
          'averageScore',
          'score1',
          'score2',
          'score3',
          'score4',
          'score5',
        ].map(column)}
      />
    </>
  );
}

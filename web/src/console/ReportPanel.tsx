import { Group, Paper, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { Downloads } from './ReportDownloads';

export type Period = { from: string; to: string };

/**
 * One report: its title, its downloads, anything drawn from it (a chart) and its table as the server
 * writes it for the reader: the same columns under the same names as the CSV and XLSX files, in the
 * reader's language, dates as they write them.
 */
export function ReportPanel({
  report,
  period,
  title,
  children,
}: {
  report: string;
  period: Period;
  title: string;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const table = useQuery({
    queryKey: ['report', report, 'table', period, i18n.language],
    queryFn: () => desk.reportTable(report, period),
  });
  return (
    <Paper withBorder p="md" data-testid={`report-${report}`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Downloads report={report} period={period} />
      </Group>
      {children}
      <Loaded query={table} rows={3}>
        {(data) => (
          <DataTable
            minWidth={0}
            empty={t('reports.empty')}
            headers={data.headers}
            rows={data.rows.map((cells, index) => ({
              key: index,
              cells: cells.map((cell, column) =>
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                cell === null ? t('common.none') : <Cell key={column} value={cell} />,
              ),
            }))}
          />
        )}
      </Loaded>
    </Paper>
  );
}

/** A code (a month, a certificate's number) is kept on one line; words wrap as the column needs. */
function Cell({ value }: { value: string | number }) {
  const code = typeof value === 'number' || /^[\p{L}\d.,:-]{1,20}$/u.test(value);
  return code ? <span style={{ whiteSpace: 'nowrap' }}>{value}</span> : value;
}

import { Anchor, Group } from '@mantine/core';
import { query } from '../api/client';

/** Links to the same report as CSV and XLSX (the server names the file). */
export function Downloads({ report, period }: { report: string; period: { from: string; to: string } }) {
  return (
    <Group gap="sm">
      {(['csv', 'xlsx'] as const).map((format) => (
        <Anchor key={format} size="sm" href={`/api/v1/reports/${report}${query({ ...period, format })}`}>
          {format.toUpperCase()}
        </Anchor>
      ))}
    </Group>
  );
}

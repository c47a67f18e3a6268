import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from './Feedback';
import { ScrollRegion } from './ScrollRegion';

export interface DataRow {
  key: string | number;
  cells: ReactNode[];
}

/**
 * A striped table of records, at least `minWidth` wide, that scrolls sideways within itself on a narrow
 * screen, or its empty state in words.
 */
export function DataTable({
  headers,
  rows,
  empty,
  minWidth = 760,
}: {
  headers: string[];
  rows: DataRow[];
  empty: string;
  minWidth?: number;
}) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  const table = (
    <Table striped miw={minWidth} horizontalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          {headers.map((header, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
            <Table.Th key={index}>{header}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            {row.cells.map((cell, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
              <Table.Td key={column}>{cell}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return <ScrollRegion>{table}</ScrollRegion>;
}

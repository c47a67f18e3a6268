import type { Column } from 'drizzle-orm';

/**
 * Reads rows of a query over one table, as the driver answers them under the columns' own names, into
 * the schema's types. Drizzle's own mapping finds each field's decoder again for every value of every
 * row; a page of the queue is fifty rows of thirty columns, read hundreds of times a second, so the
 * busiest lists find their decoders once, here.
 */
export function columnReader<Row>(columns: Record<string, Column>): (raw: Record<string, unknown>) => Row {
  const fields = Object.entries(columns).map(([key, column]) => ({ key, name: column.name, column }));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const { key, name, column } of fields) {
      const value = raw[name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as Row;
  };
}

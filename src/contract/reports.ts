/**
 * Compliance and SLA reports for a period.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { calendarDate } from './fields.js';

export const reportQuery = z
  .object({
    from: calendarDate,
    to: calendarDate,
    format: z
      .enum(['json', 'table', 'csv', 'xlsx'])
      .default('json')
      .describe(
        'json: the rows with their codes; table: the headers and values as the reader reads them, the same the CSV and XLSX files hold',
      ),
    separator: z
      .enum([';', ','])
      .optional()
      .describe(
        "The CSV separator; by default ';' for a Russian reader (as Russian Excel expects), ',' otherwise",
      ),
  })
  .refine((query) => query.from <= query.to, { error: 'validation.period_order', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuery>;

/** A report as its reader reads it: the columns' names and the values in their language. */
export const reportTableSchema = z
  .object({
    headers: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'ReportTable' });
export type ReportTable = z.output<typeof reportTableSchema>;

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
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    separator: z
      .enum([';', ','])
      .optional()
      .describe(
        "The CSV separator; by default ';' for a Russian reader (as Russian Excel expects), ',' otherwise",
      ),
  })
  .refine((query) => query.from <= query.to, { error: 'validation.period_order', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuery>;

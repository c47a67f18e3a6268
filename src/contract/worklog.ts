/** Time spent on requests (трудозатраты): entries and their report. Shared by the server's routes and by the web. */
import { z } from 'zod';
import { calendarDate, id, instant, text } from './fields.js';

export const WORKLOG_MAX_MINUTES = 24 * 60;

export const worklogInput = z
  .object({
    minutes: z.int().min(1).max(WORKLOG_MAX_MINUTES),
    note: text(2000),
    billable: z.boolean().default(true),
    workedOn: calendarDate
      .optional()
      .describe('The Moscow day the work was done; today when absent, never later'),
  })
  .strict();
export type WorklogInput = z.infer<typeof worklogInput>;

export const worklogEntrySchema = z
  .object({
    id,
    ticketId: id,
    agentId: id,
    agentName: z.string(),
    workedOn: calendarDate,
    minutes: z.int(),
    note: z.string(),
    billable: z.boolean(),
    remoteSessionId: id.nullable().describe('Logged by itself from a remote session'),
    createdAt: instant,
  })
  .meta({ id: 'WorklogEntry' });
export type WorklogEntry = z.output<typeof worklogEntrySchema>;

export const worklogSchema = z
  .object({
    entries: z.array(worklogEntrySchema),
    totalMinutes: z.int(),
    billableMinutes: z.int(),
  })
  .meta({ id: 'Worklog' });
export type Worklog = z.output<typeof worklogSchema>;

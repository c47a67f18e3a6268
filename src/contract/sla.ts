/**
 * The support policy in force, its versions, and response deadlines with their explanation.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { CLOCK_KINDS } from '../domain/calendar/intervalClock.js';
import { dayKind } from './calendar.js';
import { calendarDate, clockKind, instant, level, severity, text } from './fields.js';

export const deadlineInput = z.object({
  level,
  severity,
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Registration instant, ISO 8601 with offset; now when absent'),
  explain: z.boolean().default(false),
});
export type DeadlineInput = z.infer<typeof deadlineInput>;

export const policyDuration = z.union([
  z.object({ clock: clockKind, hours: z.number().positive().max(10_000) }).strict(),
  z.object({ clock: z.literal('business'), workingDays: z.number().positive().max(1_000) }).strict(),
]);
const severityMatrix = z.object({
  critical: policyDuration,
  high: policyDuration,
  medium: policyDuration,
  low: policyDuration,
});

export const policyInput = z.object({
  name: text(300),
  effectiveFrom: calendarDate,
  workingDayHours: z.number().positive().max(24).default(9),
  response: z.object({ standard: severityMatrix, extended: severityMatrix }),
  followUp: z
    .object({ standard: severityMatrix.partial().optional(), extended: severityMatrix.partial().optional() })
    .optional()
    .describe(
      "Targets for support's reply to a customer's later message, by level and severity; none where absent",
    ),
  autoClose: policyDuration,
  channels: z.object({
    portal: z.enum(['always', ...CLOCK_KINDS]),
    email: z.enum(['always', ...CLOCK_KINDS]),
    telegram: z.enum(['always', ...CLOCK_KINDS]),
    api: z.enum(['always', ...CLOCK_KINDS]),
  }),
});
export type PolicyInput = z.infer<typeof policyInput>;

export const policySchema = policyInput.extend({ id: calendarDate }).meta({ id: 'PolicyVersion' });
export type PolicyVersion = z.output<typeof policySchema>;

export const deadlineSchema = z
  .object({
    dueAt: instant,
    registeredAt: instant,
    policyId: calendarDate,
    explanation: z
      .object({
        lines: z.array(z.string()).describe("The explanation in the reader's language, line by line"),
        clock: clockKind,
        durationMs: z.number(),
        countingStartsAt: instant,
        stretches: z.array(
          z.object({
            date: calendarDate,
            from: z.string(),
            to: z.string(),
            countedMs: z.number(),
            shortened: z.boolean(),
          }),
        ),
        skippedDays: z.array(
          z.object({
            date: calendarDate,
            kind: dayKind,
            name: z.string().nullable(),
            nameEn: z.string().nullable(),
            transferredFrom: calendarDate.nullable(),
          }),
        ),
      })
      .nullable(),
  })
  .meta({ id: 'Deadline' });
export type Deadline = z.output<typeof deadlineSchema>;

export type ResponseRule = z.output<typeof policyDuration>;

/** One rule a policy version changed from the one before (see domain/sla/policyDiff.ts). */
export const policyChangeSchema = z.object({
  kind: z.enum(['response', 'follow_up', 'auto_close', 'channel', 'working_day_hours']),
  level: level.optional(),
  severity: severity.optional(),
  channel: z.string().optional(),
  from: z.union([policyDuration, z.string(), z.number()]).nullable().describe('null: the rule was not set'),
  to: z
    .union([policyDuration, z.string(), z.number()])
    .nullable()
    .describe('null: the rule is no longer set'),
});
export type PolicyChange = z.output<typeof policyChangeSchema>;

export const policyHistoryEntrySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    effectiveFrom: calendarDate,
    changes: z.array(policyChangeSchema),
  })
  .meta({ id: 'PolicyHistoryEntry' });
export type PolicyHistoryEntry = z.output<typeof policyHistoryEntrySchema>;

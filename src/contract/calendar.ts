/**
 * The production calendar the business clock runs on, and the desk's own overrides.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { DAY_TYPES } from '../domain/calendar/productionCalendar.js';
import { calendarDate, instant } from './fields.js';

const calendarDay = z
  .object({
    date: calendarDate,
    type: z.enum(DAY_TYPES),
    name: z.string().max(200).optional(),
    nameEn: z.string().max(200).optional(),
    transferredFrom: calendarDate.optional(),
    transferredTo: calendarDate.optional(),
  })
  .strict();

/** A production-calendar file, in the format the desk ships (src/domain/calendar/data). */
export const calendarFileInput = z.object({
  country: z.string().max(8).optional(),
  timezone: z.string().max(64).optional(),
  about: z.string().max(4000).optional(),
  source: z.string().max(4000).optional(),
  years: z
    .record(
      z.string().regex(/^(19|20|21)\d{2}$/, { error: 'validation.calendar_year' }),
      z.object({
        publishedOn: z.string().max(32).optional(),
        sourceCommit: z.string().max(64).optional(),
        days: z.array(calendarDay).max(366),
      }),
    )
    .refine((years) => Object.keys(years).length > 0, { error: 'validation.calendar_years_empty' }),
});
export type CalendarFileInput = z.infer<typeof calendarFileInput>;

/** How a file's year compares with the year loaded now, day by day; `new` when none is loaded. */
export const calendarYearImportSchema = z
  .object({
    year: z.int(),
    days: z.int().describe("the number of days the file's year lists"),
    state: z.enum(['new', 'unchanged', 'changed']),
    added: z.array(calendarDay).describe('days the loaded year does not list'),
    removed: z.array(calendarDay).describe('days the loaded year lists and the file does not'),
    changed: z.array(z.object({ date: calendarDate, before: calendarDay, after: calendarDay })),
  })
  .meta({ id: 'CalendarYearImport' });
export type CalendarYearImport = z.output<typeof calendarYearImportSchema>;

export const calendarImportQuery = z.object({
  replace: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('replace years already loaded that the file changes, having seen the preview'),
});

export const calendarOverrideInput = z.object({
  type: z
    .enum(DAY_TYPES)
    .describe('holiday or dayOff: not worked; workday: worked in full; short: worked, shortened'),
  name: z.string().trim().max(200).optional(),
});
export type CalendarOverrideInput = z.infer<typeof calendarOverrideInput>;

export const dayKind = z.enum(['regular', 'weekend', 'holiday', 'dayOff', 'short', 'workday']);

export const calendarDaySchema = z
  .object({
    date: calendarDate,
    weekday: z.int().min(1).max(7),
    working: z.boolean(),
    shortened: z.boolean(),
    kind: dayKind,
    name: z.string().nullable(),
    nameEn: z.string().nullable(),
    transferredFrom: calendarDate.nullable(),
    source: z.enum(['rule', 'official', 'override', 'fallback']),
    hours: z.object({ opensAt: z.string(), closesAt: z.string() }).nullable(),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDay = z.output<typeof calendarDaySchema>;

export const monthSchema = z
  .object({
    month: z.string(),
    source: z.enum(['shipped', 'imported', 'fallback']),
    days: z.array(calendarDaySchema),
    totals: z.object({ workingDays: z.int(), deskHours: z.number(), normHours40: z.int() }),
  })
  .meta({ id: 'CalendarMonth' });
export type CalendarMonth = z.output<typeof monthSchema>;

export const overrideSchema = z
  .object({
    date: calendarDate,
    type: z.string(),
    name: z.string().nullable(),
    createdAt: instant,
    createdBy: z.string(),
  })
  .meta({ id: 'CalendarOverride' });
export type CalendarOverride = z.output<typeof overrideSchema>;

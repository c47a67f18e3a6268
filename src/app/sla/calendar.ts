import { asc, eq } from 'drizzle-orm';
import type { CalendarFileInput, CalendarOverrideInput } from '../../contract/calendar.js';
import type { Queryable } from '../../db/database.js';
import { calendarOverrides, calendarYears } from '../../db/schema.js';
import {
  calendarYearChanges,
  checkCalendarYear,
  hasChanges,
  missingYears,
} from '../../domain/calendar/calendarFile.js';
import { CalendarRangeError } from '../../domain/calendar/intervalClock.js';
import type { CalendarDay } from '../../domain/calendar/productionCalendar.js';
import { SHIPPED_CALENDAR, calendarYears as shippedYears } from '../../domain/calendar/shippedCalendar.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, actorLabel, requireAdmin } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { bumpSlaRevision } from './slaData.js';

const MINUTE_MS = 60_000;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** A month of the working calendar: every day, its hours and why, with the month's totals. */
export async function calendarMonth(ctx: AppContext, _actor: Actor, month: string) {
  const { calendar, yearSources } = await ctx.sla.load(ctx.db);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const days = [];
  try {
    for (let day = 1; day <= daysInMonth; day += 1) {
      const info = calendar.day(`${month}-${String(day).padStart(2, '0')}`);
      const hours = calendar.hoursOf(info);
      days.push({
        date: info.date,
        weekday: info.weekday,
        working: info.working,
        shortened: info.shortened,
        kind: info.kind,
        name: info.name ?? null,
        nameEn: info.nameEn ?? null,
        transferredFrom: info.transferredFrom ?? null,
        source: info.source,
        hours: hours ? { opensAt: hhmm(hours.opensAt), closesAt: hhmm(hours.closesAt) } : null,
      });
    }
  } catch (error) {
    if (error instanceof CalendarRangeError) {
      throw new AppError('invalid', 'calendar_year_missing', 'month', { year: error.year });
    }
    throw error;
  }
  const workingDays = days.filter((day) => day.working);
  const deskMinutes = workingDays.reduce((sum, day) => {
    const hours = calendar.hoursOf(calendar.day(day.date));
    return sum + (hours ? (hours.closesAt - hours.opensAt) / MINUTE_MS : 0);
  }, 0);
  return {
    month,
    source: yearSources.get(year) ?? ('fallback' as const),
    days,
    totals: {
      workingDays: workingDays.length,
      deskHours: deskMinutes / 60,
      /** The Labour Code norm: 8 hours a working day, one less on a shortened day. */
      normHours40: workingDays.reduce((sum, day) => sum + (day.shortened ? 7 : 8), 0),
    },
  };
}

/** The years the calendar holds and where each came from. */
export async function listCalendarYears(ctx: AppContext, _actor: Actor) {
  const { calendar, yearSources } = await ctx.sla.load(ctx.db);
  const years = [];
  for (let year = calendar.firstYear; year <= calendar.lastYear; year += 1) {
    years.push({ year, source: yearSources.get(year) ?? ('fallback' as const) });
  }
  return years;
}

type YearImportState = 'new' | 'unchanged' | 'changed';

/**
 * What importing a calendar file would do, year by year, against what is loaded now (an imported
 * year, or the shipped one): every year checked first, and the result must leave no year missing.
 */
async function plannedImport(ctx: AppContext, tx: Queryable, file: CalendarFileInput) {
  const years = Object.entries(file.years).map(([year, data]) => ({ year: Number(year), ...data }));
  for (const { year, days } of years) {
    const [problem] = checkCalendarYear(year, days as CalendarDay[]);
    if (problem) throw new AppError('invalid', problem.code, problem.field, problem.params);
  }
  const { yearSources } = await ctx.sla.load(tx);
  const gaps = missingYears([...yearSources.keys(), ...years.map((entry) => entry.year)]);
  if (gaps.length > 0)
    throw new AppError('invalid', 'years_not_contiguous', 'years', { years: gaps.join(', ') });
  const shipped = shippedYears(SHIPPED_CALENDAR);
  return Promise.all(
    years.map(async ({ year, days, publishedOn }) => {
      const [stored] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year));
      const loaded = (stored?.days as CalendarDay[] | undefined) ?? shipped.get(year);
      const changes = calendarYearChanges(loaded ?? [], days as CalendarDay[]);
      const state: YearImportState = !loaded ? 'new' : hasChanges(changes) ? 'changed' : 'unchanged';
      return {
        year,
        days: days as CalendarDay[],
        publishedOn: publishedOn ?? null,
        source: stored ? ('imported' as const) : loaded ? ('shipped' as const) : null,
        state,
        changes,
      };
    }),
  );
}

const reported = (plan: Awaited<ReturnType<typeof plannedImport>>) =>
  plan.map(({ year, days, state, changes }) => ({ year, days: days.length, state, ...changes }));

/** What an import would change in the loaded years, stored nowhere: the step before confirming. */
export async function previewCalendarImport(ctx: AppContext, actor: Actor, file: CalendarFileInput) {
  requireAdmin(actor);
  return reported(await ctx.db.transaction((tx) => plannedImport(ctx, tx, file)));
}

/**
 * Loads corrected or new years of the production calendar; each replaces that year wholesale. A year
 * already loaded is replaced only when the caller confirms (`replace`), having seen the preview: a
 * silent replacement would move every open request's deadline without anyone having read why.
 * A year identical to the loaded one is left as it is.
 */
export async function importCalendar(
  ctx: AppContext,
  actor: Actor,
  file: CalendarFileInput,
  options: { replace: boolean },
) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const plan = await plannedImport(ctx, tx, file);
    const replaced = plan.filter((year) => year.state === 'changed');
    if (replaced.length > 0 && !options.replace) {
      throw new AppError('conflict', 'calendar_year_loaded', 'years', {
        years: replaced.map((year) => year.year).join(', '),
      });
    }
    for (const { year, days, publishedOn, source, state, changes } of plan) {
      if (state === 'unchanged') continue;
      const values = {
        days,
        publishedOn,
        source: file.source ?? null,
        importedAt: now,
        importedBy: actorLabel(actor),
      };
      await tx
        .insert(calendarYears)
        .values({ year, ...values })
        .onConflictDoUpdate({ target: calendarYears.year, set: values });
      await recordAudit(tx, actor, now, {
        entity: 'calendar_year',
        entityId: String(year),
        action: state === 'new' ? 'create' : 'update',
        organizationId: null,
        before: source ? { source } : null,
        after: {
          days: days.length,
          source: 'imported',
          publishedOn,
          added: changes.added.map((day) => `${day.date} ${day.type}`),
          removed: changes.removed.map((day) => `${day.date} ${day.type}`),
          changed: changes.changed.map((day) => `${day.date} ${day.before.type} -> ${day.after.type}`),
        },
      });
    }
    if (plan.some((year) => year.state !== 'unchanged')) await bumpSlaRevision(tx);
    return reported(plan);
  });
  ctx.sla.invalidate();
  return result;
}

export async function listCalendarOverrides(ctx: AppContext, _actor: Actor) {
  const rows = await ctx.db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
  return rows.map((row) => ({
    date: row.date,
    type: row.type,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  }));
}

/** Sets one day apart from the official calendar (a company day off, a working Saturday). */
export async function setCalendarOverride(
  ctx: AppContext,
  actor: Actor,
  date: string,
  input: CalendarOverrideInput,
) {
  requireAdmin(actor);
  const year = Number(date.slice(0, 4));
  const [problem] = checkCalendarYear(year, [{ date, type: input.type }]);
  if (problem) throw new AppError('invalid', problem.code, 'type', problem.params);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const { calendar } = await ctx.sla.load(tx);
    if (year < calendar.firstYear || year > calendar.lastYear) {
      throw new AppError('invalid', 'calendar_year_missing', 'date', { year });
    }
    const [existing] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date));
    const values = {
      type: input.type,
      name: input.name ?? null,
      createdAt: now,
      createdBy: actorLabel(actor),
    };
    await tx
      .insert(calendarOverrides)
      .values({ date, ...values })
      .onConflictDoUpdate({ target: calendarOverrides.date, set: values });
    await bumpSlaRevision(tx);
    await recordAudit(tx, actor, now, {
      entity: 'calendar_override',
      entityId: date,
      action: existing ? 'update' : 'create',
      organizationId: null,
      before: existing ? { type: existing.type, name: existing.name } : null,
      after: { type: input.type, name: input.name ?? null },
    });
    return {
      date,
      type: input.type,
      name: input.name ?? null,
      createdAt: now.toISOString(),
      createdBy: values.createdBy,
    };
  });
  ctx.sla.invalidate();
  return result;
}

export async function removeCalendarOverride(ctx: AppContext, actor: Actor, date: string): Promise<void> {
  requireAdmin(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [removed] = await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
    if (!removed) throw new AppError('not_found', 'override_not_found', 'date', { value: date });
    await bumpSlaRevision(tx);
    await recordAudit(tx, actor, now, {
      entity: 'calendar_override',
      entityId: date,
      action: 'delete',
      organizationId: null,
      before: { type: removed.type, name: removed.name },
      after: null,
    });
  });
  ctx.sla.invalidate();
}

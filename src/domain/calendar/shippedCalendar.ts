import shipped from './data/ru-production-calendar.json' with { type: 'json' };
import type { CalendarDay, ProductionCalendarFile } from './productionCalendar.js';
import { STANDARD_WORKING_HOURS, WorkingCalendar } from './workingCalendar.js';

/** The Russian production calendar the desk ships (see data/README.md for its source). */
export const SHIPPED_CALENDAR = shipped as ProductionCalendarFile;

export function calendarYears(file: ProductionCalendarFile): Map<number, CalendarDay[]> {
  return new Map(Object.entries(file.years).map(([year, data]) => [Number(year), data.days]));
}

/** The shipped calendar with standard hours and no overrides. */
export function shippedWorkingCalendar(options: { weekdayFallback?: boolean } = {}): WorkingCalendar {
  return new WorkingCalendar({
    years: calendarYears(SHIPPED_CALENDAR),
    overrides: [],
    hours: STANDARD_WORKING_HOURS,
    weekdayFallback: options.weekdayFallback ?? false,
  });
}

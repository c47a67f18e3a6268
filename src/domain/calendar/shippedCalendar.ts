import shipped from './data/ru-production-calendar.json' with { type: 'json' };
import type { CalendarDay, ProductionCalendarFile } from './productionCalendar.js';

/** The Russian production calendar the desk ships (see data/README.md for its source). */
export const SHIPPED_CALENDAR = shipped as ProductionCalendarFile;

export function calendarYears(file: ProductionCalendarFile): Map<number, CalendarDay[]> {
  return new Map(Object.entries(file.years).map(([year, data]) => [Number(year), data.days]));
}

import { isCalendarDate } from './moscowTime.js';
import { type CalendarDay, isoWeekday } from './productionCalendar.js';

export type CalendarFileProblem = {
  field: string;
  code:
    | 'date_outside_year'
    | 'date_repeated'
    | 'workday_not_weekend'
    | 'day_off_not_weekday'
    | 'years_not_contiguous';
  params?: Record<string, string | number>;
};

/**
 * What is wrong with one year of an imported production calendar: each date in that year, once,
 * and each type where it can mean something (a transferred working day on a weekend, a transferred
 * day off on a weekday). `field` names the offending entry as `years.<year>.days.<index>`.
 */
export function checkCalendarYear(year: number, days: readonly CalendarDay[]): CalendarFileProblem[] {
  const problems: CalendarFileProblem[] = [];
  const seen = new Set<string>();
  days.forEach((day, index) => {
    const field = `years.${year}.days.${index}`;
    if (!isCalendarDate(day.date) || !day.date.startsWith(`${year}-`)) {
      problems.push({ field: `${field}.date`, code: 'date_outside_year', params: { value: day.date, year } });
      return;
    }
    if (seen.has(day.date))
      problems.push({ field: `${field}.date`, code: 'date_repeated', params: { value: day.date } });
    seen.add(day.date);
    const weekend = isoWeekday(day.date) >= 6;
    if (day.type === 'workday' && !weekend) {
      problems.push({ field: `${field}.type`, code: 'workday_not_weekend', params: { value: day.date } });
    }
    if (day.type === 'dayOff' && weekend) {
      problems.push({ field: `${field}.type`, code: 'day_off_not_weekday', params: { value: day.date } });
    }
  });
  return problems;
}

/** The years missing between the first and the last, which would leave the calendar with a hole. */
export function missingYears(years: Iterable<number>): number[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const missing: number[] = [];
  for (let index = 1; index < sorted.length; index += 1) {
    for (let year = (sorted[index - 1] as number) + 1; year < (sorted[index] as number); year += 1)
      missing.push(year);
  }
  return missing;
}

/** How one day of a loaded year would change: its entry before and after the import. */
export interface CalendarDayChange {
  date: string;
  before: CalendarDay;
  after: CalendarDay;
}

/** What importing a year would do to the year already loaded: the days it adds, drops and alters. */
export interface CalendarYearChanges {
  added: CalendarDay[];
  removed: CalendarDay[];
  changed: CalendarDayChange[];
}

const sameDay = (a: CalendarDay, b: CalendarDay) =>
  a.type === b.type &&
  (a.name ?? null) === (b.name ?? null) &&
  (a.nameEn ?? null) === (b.nameEn ?? null) &&
  (a.transferredFrom ?? null) === (b.transferredFrom ?? null) &&
  (a.transferredTo ?? null) === (b.transferredTo ?? null);

/** The differences between a loaded year's days and an imported one's, each list in date order. */
export function calendarYearChanges(
  loaded: readonly CalendarDay[],
  imported: readonly CalendarDay[],
): CalendarYearChanges {
  const before = new Map(loaded.map((day) => [day.date, day]));
  const after = new Map(imported.map((day) => [day.date, day]));
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  const changed: CalendarDayChange[] = [];
  for (const [date, day] of after) {
    const old = before.get(date);
    if (old && !sameDay(old, day)) changed.push({ date, before: old, after: day });
  }
  return {
    added: imported.filter((day) => !before.has(day.date)).sort(byDate),
    removed: loaded.filter((day) => !after.has(day.date)).sort(byDate),
    changed: changed.sort(byDate),
  };
}

export const hasChanges = (changes: CalendarYearChanges) =>
  changes.added.length + changes.removed.length + changes.changed.length > 0;

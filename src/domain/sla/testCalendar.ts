import { calendarYears, SHIPPED_CALENDAR } from '../calendar/shippedCalendar.js';
import { STANDARD_WORKING_HOURS, WorkingCalendar } from '../calendar/workingCalendar.js';

/** The shipped calendar with standard hours and no overrides, as tests and the benchmark use it. */
export function shippedWorkingCalendar(options: { weekdayFallback?: boolean } = {}): WorkingCalendar {
  return new WorkingCalendar({
    years: calendarYears(SHIPPED_CALENDAR),
    overrides: [],
    hours: STANDARD_WORKING_HOURS,
    weekdayFallback: options.weekdayFallback ?? false,
  });
}

import type { CalendarDate } from '../calendar/moscowTime.js';

/**
 * A validity period of whole Moscow days, both ends inclusive. An open end (null) means the
 * period never ends, as with a perpetual license.
 */
export interface ValidityPeriod {
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
}

export type PeriodPosition = 'before' | 'within' | 'after';

/** Where a Moscow day falls relative to a period; YYYY-MM-DD strings order like the days they name. */
export function positionInPeriod(period: ValidityPeriod, day: CalendarDate): PeriodPosition {
  if (day < period.validFrom) return 'before';
  if (period.validTo !== null && day > period.validTo) return 'after';
  return 'within';
}

export function isPeriodOrdered(period: ValidityPeriod): boolean {
  return period.validTo === null || period.validFrom <= period.validTo;
}

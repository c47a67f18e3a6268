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

/** A period as people speak of it on a given day: not yet begun, in force, or over. */
export const VALIDITY_STATUSES = ['upcoming', 'active', 'expired'] as const;
export type ValidityStatus = (typeof VALIDITY_STATUSES)[number];

const STATUS_OF_POSITION: Record<PeriodPosition, ValidityStatus> = {
  before: 'upcoming',
  within: 'active',
  after: 'expired',
};

export const validityStatusOn = (period: ValidityPeriod, day: CalendarDate): ValidityStatus =>
  STATUS_OF_POSITION[positionInPeriod(period, day)];

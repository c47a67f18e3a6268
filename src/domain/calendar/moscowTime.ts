/**
 * Moscow has kept UTC+3 all year since 26 October 2014, and every date the desk deals with
 * (licenses, certificates, the production calendar from 2024) is later than that, so a fixed
 * offset is exact and keeps the domain free of time-zone databases.
 */
export const MOSCOW_OFFSET_MINUTES = 180;

const MINUTE_MS = 60_000;

/** A calendar day written as YYYY-MM-DD. */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Moscow calendar day that contains the instant. */
export function moscowDate(instant: Date): CalendarDate {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MINUTES * MINUTE_MS).toISOString().slice(0, 10);
}

/** The instant at which a Moscow calendar day begins (00:00 MSK). */
export function startOfMoscowDay(date: CalendarDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - MOSCOW_OFFSET_MINUTES * MINUTE_MS);
}

/** True for a real calendar day in YYYY-MM-DD form (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  const parsed = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return parsed.toISOString().slice(0, 10) === value;
}

/** The offset as ISO 8601 writes it, for a Moscow wall-clock time typed by a person. */
export const MOSCOW_OFFSET = '+03:00';

/** The Moscow wall-clock time of an instant to the minute, YYYY-MM-DDTHH:MM (a datetime-local field). */
export function moscowDateTimeLocal(instant: Date): string {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MINUTES * MINUTE_MS).toISOString().slice(0, 16);
}

/** The instant a Moscow wall-clock time YYYY-MM-DDTHH:MM names, as ISO 8601 with the Moscow offset. */
export const moscowLocalToIso = (local: string): string => `${local}:00${MOSCOW_OFFSET}`;

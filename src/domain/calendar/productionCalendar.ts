import type { CalendarDate } from './moscowTime.js';

export const DAY_TYPES = ['holiday', 'dayOff', 'short', 'workday'] as const;
/**
 * How a day differs from the plain rule (Monday to Friday working, weekends off):
 * `holiday` and `dayOff` are not worked, `short` is worked one hour less, `workday` is a weekend day worked.
 */
export type DayType = (typeof DAY_TYPES)[number];

export interface CalendarDay {
  date: CalendarDate;
  type: DayType;
  name?: string | undefined;
  nameEn?: string | undefined;
  transferredFrom?: CalendarDate | undefined;
  transferredTo?: CalendarDate | undefined;
}

export interface CalendarYear {
  publishedOn?: string | undefined;
  sourceCommit?: string | undefined;
  days: CalendarDay[];
}

/** The production-calendar file format, shipped and imported alike. */
export interface ProductionCalendarFile {
  country?: string | undefined;
  timezone?: string | undefined;
  source?: string | undefined;
  years: Record<string, CalendarYear>;
}

/** A day an administrator set apart from the official calendar: a company day off, a working Saturday. */
export interface CalendarOverride extends CalendarDay {
  reason?: string | undefined;
}

export type DayKind = 'regular' | 'weekend' | DayType;

/** What one Moscow day is for the business clock, and why. */
export interface DayInfo {
  date: CalendarDate;
  weekday: number;
  working: boolean;
  shortened: boolean;
  kind: DayKind;
  name?: string | undefined;
  nameEn?: string | undefined;
  transferredFrom?: CalendarDate | undefined;
  source: 'rule' | 'official' | 'override' | 'fallback';
}

/** ISO weekday, Monday = 1 ... Sunday = 7. */
export function isoWeekday(date: CalendarDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The day as the plain rule has it, before the calendar says otherwise. */
export function plainDay(date: CalendarDate, source: DayInfo['source'] = 'rule'): DayInfo {
  const weekday = isoWeekday(date);
  const working = weekday <= 5;
  return { date, weekday, working, shortened: false, kind: working ? 'regular' : 'weekend', source };
}

/** The day as a calendar entry (official or override) makes it. */
export function dayFromEntry(entry: CalendarDay, source: 'official' | 'override'): DayInfo {
  const weekday = isoWeekday(entry.date);
  const working = entry.type === 'short' || entry.type === 'workday';
  return {
    date: entry.date,
    weekday,
    working,
    shortened: entry.type === 'short',
    kind: entry.type,
    name: entry.name,
    nameEn: entry.nameEn,
    transferredFrom: entry.transferredFrom,
    source,
  };
}

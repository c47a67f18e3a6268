import { CalendarRangeError, type ClockInterval, IntervalClock } from './intervalClock.js';
import { type CalendarDate, startOfMoscowDay } from './moscowTime.js';
import {
  type CalendarDay,
  type CalendarOverride,
  type DayInfo,
  dayFromEntry,
  plainDay,
} from './productionCalendar.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Working hours as minutes after local midnight; shortened pre-holiday days end `shortenedBy` earlier. */
export interface WorkingHours {
  opensAt: number;
  closesAt: number;
  /** 60 by the Labour Code; 0 works shortened days in full (the policy calls this a calendar setting). */
  shortenedBy: number;
}

export const STANDARD_WORKING_HOURS: WorkingHours = { opensAt: 9 * 60, closesAt: 18 * 60, shortenedBy: 60 };

export interface CalendarSource {
  /** The official days of each loaded year (shipped, or imported to replace the shipped). */
  years: ReadonlyMap<number, readonly CalendarDay[]>;
  /** Days an administrator set apart; they win over the official calendar. */
  overrides: readonly CalendarOverride[];
  hours: WorkingHours;
  /**
   * Opt-in: treat years that are not loaded (a gap, the year before the first and two years after
   * the last) as plain Monday-to-Friday years. Off by default: an unloaded year is an error.
   */
  weekdayFallback: boolean;
}

/**
 * The Moscow working calendar over a contiguous run of years, with its two clocks precomputed.
 * Build it once per change of the calendar data; every question after that is cheap.
 */
export class WorkingCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Years made up by the weekday fallback, so that the caller can warn about them. */
  readonly synthesizedYears: readonly number[];
  readonly hours: WorkingHours;
  readonly business: IntervalClock;
  readonly daily: IntervalClock;
  private readonly days = new Map<CalendarDate, DayInfo>();

  constructor(source: CalendarSource) {
    const loaded = [...source.years.keys()].sort((a, b) => a - b);
    const first = loaded[0];
    const last = loaded.at(-1);
    if (first === undefined || last === undefined)
      throw new Error('a working calendar needs at least one year');
    this.hours = source.hours;
    this.firstYear = source.weekdayFallback ? first - 1 : first;
    this.lastYear = source.weekdayFallback ? last + 2 : last;
    const synthesized: number[] = [];
    for (let year = this.firstYear; year <= this.lastYear; year += 1) {
      if (source.years.has(year)) continue;
      if (!source.weekdayFallback) throw new CalendarRangeError(year);
      synthesized.push(year);
    }
    this.synthesizedYears = synthesized;

    const entries = new Map<CalendarDate, DayInfo>();
    for (const days of source.years.values()) {
      for (const day of days) entries.set(day.date, dayFromEntry(day, 'official'));
    }
    for (const override of source.overrides) entries.set(override.date, dayFromEntry(override, 'override'));

    const businessIntervals: ClockInterval[] = [];
    const dailyIntervals: ClockInterval[] = [];
    const rangeStart = startOfMoscowDay(`${this.firstYear}-01-01`).getTime();
    const rangeEnd = startOfMoscowDay(`${this.lastYear + 1}-01-01`).getTime();
    for (let dayStart = rangeStart; dayStart < rangeEnd; dayStart += DAY_MS) {
      const date = new Date(dayStart + DAY_MS / 2).toISOString().slice(0, 10);
      const year = Number(date.slice(0, 4));
      const fallback = synthesized.includes(year);
      const info = entries.get(date) ?? plainDay(date, fallback ? 'fallback' : 'rule');
      this.days.set(date, info);
      const hours = this.hoursOf(info);
      if (hours) {
        businessIntervals.push({ opensAt: dayStart + hours.opensAt, closesAt: dayStart + hours.closesAt });
      }
      dailyIntervals.push({
        opensAt: dayStart + source.hours.opensAt * MINUTE_MS,
        closesAt: dayStart + source.hours.closesAt * MINUTE_MS,
      });
    }
    this.business = new IntervalClock('business', businessIntervals, rangeStart, rangeEnd);
    this.daily = new IntervalClock('daily', dailyIntervals, rangeStart, rangeEnd);
  }

  clock(kind: 'business' | 'daily'): IntervalClock {
    return kind === 'business' ? this.business : this.daily;
  }

  /** What a Moscow day is; an error naming the year when the calendar does not hold it. */
  day(date: CalendarDate): DayInfo {
    const info = this.days.get(date);
    if (!info) throw new CalendarRangeError(Number(date.slice(0, 4)));
    return info;
  }

  /** Business hours of a day as ms after Moscow midnight, or null for a day off. */
  hoursOf(info: DayInfo): { opensAt: number; closesAt: number } | null {
    if (!info.working) return null;
    const closesAt = this.hours.closesAt - (info.shortened ? this.hours.shortenedBy : 0);
    if (closesAt <= this.hours.opensAt) return null;
    return { opensAt: this.hours.opensAt * MINUTE_MS, closesAt: closesAt * MINUTE_MS };
  }
}

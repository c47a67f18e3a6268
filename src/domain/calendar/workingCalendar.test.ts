import { describe, expect, it } from 'vitest';
import { CalendarRangeError } from './intervalClock.js';
import { calendarYears, SHIPPED_CALENDAR } from './shippedCalendar.js';
import { STANDARD_WORKING_HOURS, WorkingCalendar } from './workingCalendar.js';

const msk = (local: string) => new Date(`${local.replace(' ', 'T')}+03:00`).getTime();
const HOUR = 3_600_000;

function calendarWith(options: Partial<ConstructorParameters<typeof WorkingCalendar>[0]> = {}) {
  return new WorkingCalendar({
    years: calendarYears(SHIPPED_CALENDAR),
    overrides: [],
    hours: STANDARD_WORKING_HOURS,
    weekdayFallback: false,
    ...options,
  });
}

describe('WorkingCalendar', () => {
  const calendar = calendarWith();

  it('matches the official yearly totals of working days and hours for a 40-hour week', () => {
    const totals: Record<number, [number, number]> = {
      2024: [248, 1979],
      2025: [247, 1972],
      2026: [247, 1972],
      2027: [247, 1972],
    };
    for (const [year, [days, hours]] of Object.entries(totals)) {
      const start = msk(`${year}-01-01 00:00:00`);
      const end = msk(`${Number(year) + 1}-01-01 00:00:00`) - 1;
      // 40 hours a week is 8 a day: the business clock's 9 (09:00-18:00) includes the lunch hour.
      const worked = calendar.business.elapsed(start, end) + 1;
      const workingDays = calendar.business.stretches(start, end).length;
      expect(workingDays, `days in ${year}`).toBe(days);
      expect(Math.round((worked - workingDays * HOUR) / HOUR), `hours in ${year}`).toBe(hours);
    }
  });

  it('describes a day and why it is or is not worked', () => {
    expect(calendar.day('2026-11-04')).toMatchObject({
      working: false,
      kind: 'holiday',
      nameEn: 'Unity Day',
    });
    expect(calendar.day('2026-11-03')).toMatchObject({ working: true, shortened: true, kind: 'short' });
    expect(calendar.day('2026-12-31')).toMatchObject({
      working: false,
      kind: 'dayOff',
      transferredFrom: '2026-01-04',
    });
    expect(calendar.day('2024-04-27')).toMatchObject({ working: true, kind: 'workday', weekday: 6 });
    expect(calendar.day('2026-11-28')).toMatchObject({ working: false, kind: 'weekend', source: 'rule' });
  });

  it('names the missing year instead of guessing, for an instant or a deadline beyond the loaded years', () => {
    expect(() => calendar.day('2028-01-10')).toThrow(new CalendarRangeError(2028));
    expect(() => calendar.business.deadline(msk('2023-12-29 10:00:00'), HOUR)).toThrow(
      'the production calendar for 2023 is not loaded',
    );
    expect(() => calendar.business.deadline(msk('2027-12-30 10:00:00'), 40 * HOUR)).toThrow(
      'the production calendar for 2028 is not loaded',
    );
  });

  it('refuses a gap in the loaded years unless the weekday fallback is on', () => {
    const years = calendarYears(SHIPPED_CALENDAR);
    years.delete(2025);
    expect(() => calendarWith({ years })).toThrow(new CalendarRangeError(2025));
    const fallback = calendarWith({ years, weekdayFallback: true });
    expect(fallback.synthesizedYears).toEqual([2023, 2025, 2028, 2029]);
    expect(fallback.day('2025-01-01')).toMatchObject({ working: true, source: 'fallback' });
    expect(fallback.business.deadline(msk('2028-12-29 17:00:00'), 2 * HOUR)).toBe(msk('2029-01-01 10:00:00'));
  });

  it('lets an administrator override a day: a company day off and a working Saturday', () => {
    const adjusted = calendarWith({
      overrides: [
        { date: '2026-11-25', type: 'dayOff', name: 'Корпоративный выходной' },
        { date: '2026-11-28', type: 'workday', name: 'Рабочая суббота' },
      ],
    });
    expect(adjusted.day('2026-11-25')).toMatchObject({ working: false, source: 'override' });
    expect(adjusted.business.deadline(msk('2026-11-24 17:00:00'), 10 * HOUR)).toBe(
      msk('2026-11-26 18:00:00'),
    );
    expect(adjusted.business.deadline(msk('2026-11-27 17:00:00'), 2 * HOUR)).toBe(msk('2026-11-28 10:00:00'));
  });

  it('works shortened days in full when the setting is off', () => {
    const full = calendarWith({ hours: { ...STANDARD_WORKING_HOURS, shortenedBy: 0 } });
    expect(full.business.deadline(msk('2026-11-03 16:00:00'), 2 * HOUR)).toBe(msk('2026-11-03 18:00:00'));
    expect(calendar.business.deadline(msk('2026-11-03 16:00:00'), 2 * HOUR)).toBe(msk('2026-11-05 10:00:00'));
    expect(full.business.deadline(msk('2026-11-03 16:00:00'), HOUR + HOUR / 2)).toBe(
      msk('2026-11-03 17:30:00'),
    );
    expect(calendar.business.deadline(msk('2026-11-03 16:00:00'), HOUR + HOUR / 2)).toBe(
      msk('2026-11-05 09:30:00'),
    );
  });

  it('refuses a duration that is not positive', () => {
    expect(() => calendar.business.deadline(msk('2026-11-24 10:00:00'), 0)).toThrow(RangeError);
  });
});

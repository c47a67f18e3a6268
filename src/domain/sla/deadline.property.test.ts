import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR, shippedWorkingCalendar } from '../calendar/shippedCalendar.js';
import { LEVELS } from '../entitlement/entitlement.js';
import { responseDeadline } from './deadline.js';
import { DEFAULT_POLICY, durationMs, SEVERITIES } from './policy.js';

/**
 * A deliberately naive oracle: it reads the calendar file as it is and walks the clock forward a
 * minute at a time (a second at a time at the ragged ends), asking of each minute whether it is worked.
 */
const officialDays = new Map(
  Object.values(SHIPPED_CALENDAR.years).flatMap((year) =>
    year.days.map((day) => [day.date, day.type] as const),
  ),
);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function runsAt(clock: 'business' | 'daily', instant: number): boolean {
  const local = new Date(instant + 3 * 3_600_000);
  const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (clock === 'daily') return minuteOfDay >= 9 * 60 && minuteOfDay < 18 * 60;
  const date = local.toISOString().slice(0, 10);
  const type = officialDays.get(date);
  const weekday = local.getUTCDay();
  const working =
    type === 'workday' || type === 'short' || (type === undefined && weekday >= 1 && weekday <= 5);
  if (!working) return false;
  const closes = type === 'short' ? 17 * 60 : 18 * 60;
  return minuteOfDay >= 9 * 60 && minuteOfDay < closes;
}

function oracleDeadline(clock: 'business' | 'daily', start: number, duration: number): number {
  let remaining = duration;
  let instant = start;
  while (remaining > 0) {
    const step = instant % MINUTE === 0 && remaining >= MINUTE ? MINUTE : SECOND;
    if (runsAt(clock, instant)) remaining -= step;
    instant += step;
  }
  return instant;
}

const calendar = shippedWorkingCalendar();
const cells = LEVELS.flatMap((level) => SEVERITIES.map((severity) => ({ level, severity })));
const FROM = Date.parse('2026-01-01T00:00:00+03:00');
const TO = Date.parse('2027-12-01T00:00:00+03:00');

describe('deadlines against the naive minute-walking oracle (property)', () => {
  it('agree to the second on random instants over two years, in all 8 cells', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cells),
        fc.integer({ min: FROM / SECOND, max: TO / SECOND }),
        ({ level, severity }, startSeconds) => {
          const start = startSeconds * SECOND;
          const rule = DEFAULT_POLICY.response[level][severity];
          const expected = oracleDeadline(rule.clock, start, durationMs(DEFAULT_POLICY, rule));
          const actual = responseDeadline(calendar, DEFAULT_POLICY, level, severity, new Date(start));
          expect(actual.toISOString()).toBe(new Date(expected).toISOString());
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('count back exactly the duration between registration and deadline, and none of it after', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cells),
        fc.integer({ min: FROM, max: TO }),
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        ({ level, severity }, start, later) => {
          const rule = DEFAULT_POLICY.response[level][severity];
          const clock = calendar.clock(rule.clock);
          const duration = durationMs(DEFAULT_POLICY, rule);
          const due = clock.deadline(start, duration);
          expect(clock.elapsed(start, due)).toBe(duration);
          expect(clock.remaining(start, due)).toBe(duration);
          const at = start + later;
          expect(clock.remaining(at, due)).toBe(duration - clock.elapsed(start, at));
          expect(clock.deadline(start, duration - 1)).toBeLessThan(due);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

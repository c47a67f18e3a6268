import { describe, expect, it } from 'vitest';
import {
  isCalendarDate,
  moscowDate,
  moscowDateTimeLocal,
  moscowLocalToIso,
  startOfMoscowDay,
} from './moscowTime.js';

describe('Moscow time', () => {
  it('puts 21:00 UTC on the next Moscow day', () => {
    expect(moscowDate(new Date('2026-03-07T20:59:59.999Z'))).toBe('2026-03-07');
    expect(moscowDate(new Date('2026-03-07T21:00:00Z'))).toBe('2026-03-08');
  });

  it('starts a Moscow day at 21:00 UTC of the day before', () => {
    expect(startOfMoscowDay('2026-01-01').toISOString()).toBe('2025-12-31T21:00:00.000Z');
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });
});

describe('Moscow wall-clock times typed by a person', () => {
  it('shows an instant as the Moscow minute and reads it back to the same instant', () => {
    const instant = new Date('2026-03-05T21:30:00Z');
    expect(moscowDateTimeLocal(instant)).toBe('2026-03-06T00:30');
    expect(new Date(moscowLocalToIso(moscowDateTimeLocal(instant))).getTime()).toBe(instant.getTime());
  });
});

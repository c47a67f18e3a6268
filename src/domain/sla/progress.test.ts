import { describe, expect, it } from 'vitest';
import { shippedWorkingCalendar } from '../calendar/shippedCalendar.js';
import { DEFAULT_POLICY } from './policy.js';
import { isChannelOpen, slaProgress } from './progress.js';

const calendar = shippedWorkingCalendar();
const msk = (local: string) => Date.parse(`${local.replace(' ', 'T')}+03:00`);
const HOUR = 3_600_000;

describe('slaProgress', () => {
  const registered = msk('2026-11-27 17:00:00');
  const due = msk('2026-11-30 16:00:00');

  it('counts only clock time: a weekend in between uses none of the allowance', () => {
    expect(slaProgress(calendar.business, registered, due, msk('2026-11-29 12:00:00'))).toEqual({
      elapsedMs: HOUR,
      remainingMs: 7 * HOUR,
      used: 1 / 8,
      breached: false,
      running: false,
    });
  });

  it('reaches the 75% warning point after six of eight hours', () => {
    const progress = slaProgress(calendar.business, registered, due, msk('2026-11-30 14:00:00'));
    expect(progress.used).toBe(0.75);
    expect(progress.remainingMs).toBe(2 * HOUR);
    expect(progress.running).toBe(true);
  });

  it('goes negative once the deadline has passed', () => {
    const progress = slaProgress(calendar.business, registered, due, msk('2026-12-01 10:00:00'));
    expect(progress).toMatchObject({ remainingMs: -3 * HOUR, breached: true });
    expect(progress.used).toBeCloseTo(11 / 8);
  });
});

describe('isChannelOpen', () => {
  it('keeps the portal and e-mail open at any time', () => {
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'portal', msk('2027-01-01 03:00:00'))).toBe(true);
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'email', msk('2026-11-28 23:59:59'))).toBe(true);
  });

  it('serves the Telegram bot on working days 09:00-18:00 only, shortened days included', () => {
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'telegram', msk('2026-11-24 09:00:00'))).toBe(true);
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'telegram', msk('2026-11-24 17:59:59'))).toBe(true);
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'telegram', msk('2026-11-24 18:00:00'))).toBe(false);
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'telegram', msk('2026-11-28 12:00:00'))).toBe(false);
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'telegram', msk('2026-11-04 12:00:00'))).toBe(false);
    expect(isChannelOpen(calendar, DEFAULT_POLICY, 'telegram', msk('2026-11-03 17:30:00'))).toBe(false);
  });
});

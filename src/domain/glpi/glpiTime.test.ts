import { describe, expect, it } from 'vitest';
import { glpiInstant, isTimeZone } from './glpiTime.js';

describe('reading the times GLPI wrote', () => {
  it('reads a wall clock in the zone GLPI ran in, across the New Year', () => {
    expect(glpiInstant('2025-12-31 23:30:00', 'UTC')?.toISOString()).toBe('2025-12-31T23:30:00.000Z');
    expect(glpiInstant('2026-01-01 01:15:00', 'Europe/Moscow')?.toISOString()).toBe(
      '2025-12-31T22:15:00.000Z',
    );
  });

  it('knows the offsets a zone had in the past and its daylight saving time', () => {
    // Moscow kept UTC+4 from 2011 to 2014.
    expect(glpiInstant('2013-06-01 12:00:00', 'Europe/Moscow')?.toISOString()).toBe(
      '2013-06-01T08:00:00.000Z',
    );
    expect(glpiInstant('2025-07-01 12:00:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2025-07-01T10:00:00.000Z',
    );
    expect(glpiInstant('2025-01-01 12:00:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2025-01-01T11:00:00.000Z',
    );
  });

  it('reads an empty or zero time as never', () => {
    expect(glpiInstant(null, 'UTC')).toBeNull();
    expect(glpiInstant('0000-00-00 00:00:00', 'UTC')).toBeNull();
  });

  it('knows a zone from a misspelt one', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Europe/Moskva')).toBe(false);
  });
});

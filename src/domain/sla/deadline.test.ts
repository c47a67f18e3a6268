import { describe, expect, it } from 'vitest';
import { shippedWorkingCalendar } from '../calendar/shippedCalendar.js';
import type { Level } from '../entitlement/entitlement.js';
import { explainResponseDeadline, responseDeadline } from './deadline.js';
import { DEFAULT_POLICY, type Severity } from './policy.js';

const calendar = shippedWorkingCalendar();
const msk = (local: string) => new Date(`${local.replace(' ', 'T')}+03:00`);

type Cell = `${Level}/${Severity}`;
const CELLS: Cell[] = [
  'standard/critical',
  'standard/high',
  'standard/medium',
  'standard/low',
  'extended/critical',
  'extended/high',
  'extended/medium',
  'extended/low',
];

/**
 * Expected deadlines worked out by hand from the production calendar, Moscow wall-clock time.
 * Columns follow CELLS: Standard 8h, 12h, 2 working days (18h), 4 working days (36h) of the business
 * clock; Extended 4h, 8h, 12h of the daily clock, and 2 working days (18h) of the business clock.
 */
const TABLE: [string, string, string[]][] = [
  [
    'exactly 09:00 on a working day',
    '2026-11-24 09:00:00',
    [
      '2026-11-24 17:00:00',
      '2026-11-25 12:00:00',
      '2026-11-25 18:00:00',
      '2026-11-27 18:00:00',
      '2026-11-24 13:00:00',
      '2026-11-24 17:00:00',
      '2026-11-25 12:00:00',
      '2026-11-25 18:00:00',
    ],
  ],
  [
    'exactly 18:00: counting starts the next morning',
    '2026-11-24 18:00:00',
    [
      '2026-11-25 17:00:00',
      '2026-11-26 12:00:00',
      '2026-11-26 18:00:00',
      '2026-11-30 18:00:00',
      '2026-11-25 13:00:00',
      '2026-11-25 17:00:00',
      '2026-11-26 12:00:00',
      '2026-11-26 18:00:00',
    ],
  ],
  [
    '17:59:59: one second counts today',
    '2026-11-24 17:59:59',
    [
      '2026-11-25 16:59:59',
      '2026-11-26 11:59:59',
      '2026-11-26 17:59:59',
      '2026-11-30 17:59:59',
      '2026-11-25 12:59:59',
      '2026-11-25 16:59:59',
      '2026-11-26 11:59:59',
      '2026-11-26 17:59:59',
    ],
  ],
  [
    'a Friday evening: the business clock skips the weekend, the daily clock runs on it',
    '2026-11-27 17:00:00',
    [
      '2026-11-30 16:00:00',
      '2026-12-01 11:00:00',
      '2026-12-01 17:00:00',
      '2026-12-03 17:00:00',
      '2026-11-28 12:00:00',
      '2026-11-28 16:00:00',
      '2026-11-29 11:00:00',
      '2026-12-01 17:00:00',
    ],
  ],
  [
    'a shortened pre-holiday day (until 17:00) before Unity Day',
    '2026-11-03 10:00:00',
    [
      '2026-11-05 10:00:00',
      '2026-11-05 14:00:00',
      '2026-11-06 11:00:00',
      '2026-11-10 11:00:00',
      '2026-11-03 14:00:00',
      '2026-11-03 18:00:00',
      '2026-11-04 13:00:00',
      '2026-11-06 11:00:00',
    ],
  ],
  [
    'after the shortened close: the business clock has stopped, the daily one has not',
    '2026-11-03 17:30:00',
    [
      '2026-11-05 17:00:00',
      '2026-11-06 12:00:00',
      '2026-11-06 18:00:00',
      '2026-11-10 18:00:00',
      '2026-11-04 12:30:00',
      '2026-11-04 16:30:00',
      '2026-11-05 11:30:00',
      '2026-11-06 18:00:00',
    ],
  ],
  [
    'the New Year holidays from a working 30 December',
    '2026-12-30 15:00:00',
    [
      '2027-01-11 14:00:00',
      '2027-01-11 18:00:00',
      '2027-01-12 15:00:00',
      '2027-01-14 15:00:00',
      '2026-12-31 10:00:00',
      '2026-12-31 14:00:00',
      '2026-12-31 18:00:00',
      '2027-01-12 15:00:00',
    ],
  ],
  [
    'the New Year holidays from 31 December, a transferred day off',
    '2026-12-31 17:30:00',
    [
      '2027-01-11 17:00:00',
      '2027-01-12 12:00:00',
      '2027-01-12 18:00:00',
      '2027-01-14 18:00:00',
      '2027-01-01 12:30:00',
      '2027-01-01 16:30:00',
      '2027-01-02 11:30:00',
      '2027-01-12 18:00:00',
    ],
  ],
  [
    'a transferred working Saturday, then days off through 1 May',
    '2024-04-26 17:00:00',
    [
      '2024-04-27 16:00:00',
      '2024-05-02 11:00:00',
      '2024-05-02 17:00:00',
      '2024-05-06 17:00:00',
      '2024-04-27 12:00:00',
      '2024-04-27 16:00:00',
      '2024-04-28 11:00:00',
      '2024-05-02 17:00:00',
    ],
  ],
  [
    'a working Saturday that is also shortened',
    '2027-02-19 17:00:00',
    [
      '2027-02-20 16:00:00',
      '2027-02-24 12:00:00',
      '2027-02-24 18:00:00',
      '2027-02-26 18:00:00',
      '2027-02-20 12:00:00',
      '2027-02-20 16:00:00',
      '2027-02-21 11:00:00',
      '2027-02-24 18:00:00',
    ],
  ],
  [
    'a start inside a weekend',
    '2026-11-28 12:00:00',
    [
      '2026-11-30 17:00:00',
      '2026-12-01 12:00:00',
      '2026-12-01 18:00:00',
      '2026-12-03 18:00:00',
      '2026-11-28 16:00:00',
      '2026-11-29 11:00:00',
      '2026-11-29 15:00:00',
      '2026-12-01 18:00:00',
    ],
  ],
  [
    'a start at 08:59 on a holiday',
    '2026-11-04 08:59:00',
    [
      '2026-11-05 17:00:00',
      '2026-11-06 12:00:00',
      '2026-11-06 18:00:00',
      '2026-11-10 18:00:00',
      '2026-11-04 13:00:00',
      '2026-11-04 17:00:00',
      '2026-11-05 12:00:00',
      '2026-11-06 18:00:00',
    ],
  ],
];

describe('response deadlines at the edges, every cell of the matrix', () => {
  for (const [label, registered, expected] of TABLE) {
    describe(`${label} (${registered} MSK)`, () => {
      CELLS.forEach((cell, index) => {
        it(cell, () => {
          const [level, severity] = cell.split('/') as [Level, Severity];
          const due = responseDeadline(calendar, DEFAULT_POLICY, level, severity, msk(registered));
          expect(due.toISOString()).toBe(msk(expected[index] ?? '').toISOString());
        });
      });
    });
  }

  it('answers the policy example: Extended critical at 17:30 on 31 December is 12:30 on 1 January', () => {
    const due = responseDeadline(
      calendar,
      DEFAULT_POLICY,
      'extended',
      'critical',
      msk('2026-12-31 17:30:00'),
    );
    expect(due.toISOString()).toBe('2027-01-01T09:30:00.000Z');
  });

  it('counts fractions of a second: 8 hours from 10:00:00.250 end a quarter second into the next morning', () => {
    const due = responseDeadline(
      calendar,
      DEFAULT_POLICY,
      'standard',
      'critical',
      new Date('2026-11-24T07:00:00.250Z'),
    );
    expect(due.toISOString()).toBe(msk('2026-11-25 09:00:00.250').toISOString());
  });
});

describe('explanation of a deadline', () => {
  it('lists the stretches counted and the days skipped with their reasons', () => {
    const explanation = explainResponseDeadline(
      calendar,
      DEFAULT_POLICY,
      'standard',
      'high',
      msk('2026-11-03 16:00:00'),
    );
    expect(explanation.clock).toBe('business');
    expect(explanation.durationMs).toBe(12 * 3_600_000);
    expect(explanation.dueAt.toISOString()).toBe(msk('2026-11-06 11:00:00').toISOString());
    expect(explanation.stretches.map((stretch) => [stretch.date, stretch.from, stretch.to])).toEqual([
      ['2026-11-03', '16:00:00', '17:00:00'],
      ['2026-11-05', '09:00:00', '18:00:00'],
      ['2026-11-06', '09:00:00', '11:00:00'],
    ]);
    expect(explanation.skippedDays.map((day) => [day.date, day.kind, day.nameEn])).toEqual([
      ['2026-11-04', 'holiday', 'Unity Day'],
    ]);
    expect(explanation.shortenedDays.map((day) => day.date)).toEqual(['2026-11-03']);
  });

  it('says when counting starts later than registration, and skips weekends by name', () => {
    const explanation = explainResponseDeadline(
      calendar,
      DEFAULT_POLICY,
      'extended',
      'low',
      msk('2026-11-28 12:00:00'),
    );
    expect(explanation.countingStartsAt.toISOString()).toBe(msk('2026-11-30 09:00:00').toISOString());
    expect(explanation.skippedDays.map((day) => [day.date, day.kind])).toEqual([
      ['2026-11-28', 'weekend'],
      ['2026-11-29', 'weekend'],
    ]);
  });

  it('skips nothing on the daily clock, which runs on holidays too', () => {
    const explanation = explainResponseDeadline(
      calendar,
      DEFAULT_POLICY,
      'extended',
      'medium',
      msk('2026-12-31 17:30:00'),
    );
    expect(explanation.clock).toBe('daily');
    expect(explanation.skippedDays).toEqual([]);
    expect(explanation.stretches.map((stretch) => [stretch.date, stretch.from, stretch.to])).toEqual([
      ['2026-12-31', '17:30:00', '18:00:00'],
      ['2027-01-01', '09:00:00', '18:00:00'],
      ['2027-01-02', '09:00:00', '11:30:00'],
    ]);
  });
});

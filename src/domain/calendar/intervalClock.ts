import { moscowDate } from './moscowTime.js';

export const CLOCK_KINDS = ['business', 'daily'] as const;
/** `business`: working hours of working days; `daily`: 09:00-18:00 of every calendar day. */
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** An instant, or a deadline, falls in a year the calendar does not hold. */
export class CalendarRangeError extends Error {
  constructor(readonly year: number) {
    super(`the production calendar for ${year} is not loaded`);
    this.name = 'CalendarRangeError';
  }
}

export interface ClockInterval {
  opensAt: number;
  closesAt: number;
}

/**
 * A clock that runs only inside given intervals, precomputed over the calendar's years. Each interval
 * carries the running total of clock time before it, so that every question (a deadline, time
 * elapsed, time left) is two binary searches: O(log n) whatever the duration. Times are epoch ms.
 */
export class IntervalClock {
  private readonly opens: Float64Array;
  private readonly closes: Float64Array;
  /** Clock time counted before interval i. */
  private readonly before: Float64Array;
  /** Clock time counted by the end of interval i. */
  private readonly after: Float64Array;

  constructor(
    readonly kind: ClockKind,
    intervals: readonly ClockInterval[],
    /** The first instant the calendar covers (00:00 MSK on 1 January of its first year). */
    readonly rangeStart: number,
    /** The first instant it no longer covers (00:00 MSK on 1 January after its last year). */
    readonly rangeEnd: number,
  ) {
    const count = intervals.length;
    this.opens = new Float64Array(count);
    this.closes = new Float64Array(count);
    this.before = new Float64Array(count);
    this.after = new Float64Array(count);
    let total = 0;
    intervals.forEach((interval, index) => {
      this.opens[index] = interval.opensAt;
      this.closes[index] = interval.closesAt;
      this.before[index] = total;
      total += interval.closesAt - interval.opensAt;
      this.after[index] = total;
    });
  }

  get intervalCount(): number {
    return this.opens.length;
  }

  /**
   * The earliest instant at which `duration` ms of clock time have run since `start`. Counting starts
   * at the next opening when `start` is outside the clock's hours, and a deadline that falls exactly on
   * a closing time is that closing time, not the next opening.
   */
  deadline(start: number, duration: number): number {
    if (!(duration > 0)) throw new RangeError('a duration must be positive');
    const target = this.position(start) + duration;
    const index = this.firstEndingAtOrAfter(target);
    return (this.opens[index] as number) + (target - (this.before[index] as number));
  }

  /** Clock time run between two instants (negative when `to` is earlier). */
  elapsed(from: number, to: number): number {
    return this.position(to) - this.position(from);
  }

  /** Clock time left at `at` until `due`; negative once the deadline has passed. */
  remaining(at: number, due: number): number {
    return this.position(due) - this.position(at);
  }

  /** The intervals (or parts of them) that count between two instants, for explanations. */
  stretches(from: number, to: number): ClockInterval[] {
    const result: ClockInterval[] = [];
    for (let index = this.firstClosingAfter(from); index < this.opens.length; index += 1) {
      const opensAt = Math.max(this.opens[index] as number, from);
      const closesAt = Math.min(this.closes[index] as number, to);
      if (opensAt >= to) break;
      if (closesAt > opensAt) result.push({ opensAt, closesAt });
    }
    return result;
  }

  /** Clock time counted from the start of the range up to `instant`. */
  private position(instant: number): number {
    if (!(instant >= this.rangeStart && instant < this.rangeEnd)) throw this.rangeError(instant);
    const index = this.firstClosingAfter(instant);
    if (index === this.opens.length) return this.after[index - 1] ?? 0;
    const into = instant - (this.opens[index] as number);
    return (this.before[index] as number) + (into > 0 ? into : 0);
  }

  /** The first interval that closes after `instant` (the one it is in, or the next to open). */
  private firstClosingAfter(instant: number): number {
    const closes = this.closes;
    let low = 0;
    let high = closes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((closes[middle] as number) > instant) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The first interval by whose end `target` clock time has been counted. */
  private firstEndingAtOrAfter(target: number): number {
    const after = this.after;
    let low = 0;
    let high = after.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((after[middle] as number) >= target) high = middle;
      else low = middle + 1;
    }
    if (low === after.length) throw this.rangeError(this.rangeEnd);
    return low;
  }

  private rangeError(instant: number): CalendarRangeError {
    const year = Number.isFinite(instant) ? Number(moscowDate(new Date(instant)).slice(0, 4)) : Number.NaN;
    return new CalendarRangeError(year);
  }
}

import type { IntervalClock } from '../calendar/intervalClock.js';
import { durationMs, type PolicyVersion } from './policy.js';

/** Reminders to an inactive customer after 7 and 12 working days, before the close at 14 (§6.1). */
export const REMINDER_WORKING_DAYS = [7, 12] as const;

export interface InactivitySchedule {
  reminderAt: readonly number[];
  closeAt: number;
}

/**
 * When an inactive customer is reminded and when the request closes itself, counted from the moment
 * the request started waiting for the customer, on the clock of the policy's auto-close period.
 */
export function inactivitySchedule(
  clock: IntervalClock,
  policy: PolicyVersion,
  waitingSince: number,
): InactivitySchedule {
  const workingDay = policy.workingDayHours * 3_600_000;
  const close = durationMs(policy, policy.autoClose);
  return {
    reminderAt: REMINDER_WORKING_DAYS.filter((days) => days * workingDay < close).map((days) =>
      clock.deadline(waitingSince, days * workingDay),
    ),
    closeAt: clock.deadline(waitingSince, close),
  };
}

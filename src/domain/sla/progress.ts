import type { IntervalClock } from '../calendar/intervalClock.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import type { Channel, PolicyVersion } from './policy.js';

export interface SlaProgress {
  /** Clock time run since registration. */
  elapsedMs: number;
  /** Clock time left until the deadline; negative once it has passed. */
  remainingMs: number;
  /** Share of the allowed time used: 0.75 is the warning point, 1 the deadline. */
  used: number;
  breached: boolean;
  /** Whether the clock is running at that instant (inside its hours); a countdown stands still otherwise. */
  running: boolean;
}

/** How far a request is into its allowed time, on the clock that governs it (for countdowns and warnings). */
export function slaProgress(
  clock: IntervalClock,
  registeredAt: number,
  dueAt: number,
  at: number,
): SlaProgress {
  const allowed = clock.elapsed(registeredAt, dueAt);
  const elapsedMs = clock.elapsed(registeredAt, at);
  const remainingMs = clock.remaining(at, dueAt);
  return {
    elapsedMs,
    remainingMs,
    used: allowed > 0 ? elapsedMs / allowed : 1,
    breached: at >= dueAt,
    running: clock.elapsed(at, at + 1) === 1,
  };
}

/** Whether a channel takes requests at an instant (the Telegram bot is served in working hours only, §3.6). */
export function isChannelOpen(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  channel: Channel,
  at: number,
): boolean {
  // A call is taken by support, who registers it whenever the call came: no channel hours apply.
  const hours = channel === 'phone' ? 'always' : policy.channels[channel];
  if (hours === 'always') return true;
  const clock = calendar.clock(hours);
  return clock.elapsed(at, at + 1) === 1;
}

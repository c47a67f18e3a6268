import type { ClockKind } from '../calendar/intervalClock.js';
import { MOSCOW_OFFSET_MINUTES, moscowDate } from '../calendar/moscowTime.js';
import type { DayInfo } from '../calendar/productionCalendar.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import type { Level } from '../entitlement/entitlement.js';
import { LEVELS } from '../entitlement/entitlement.js';
import { durationMs, type PolicyDuration, type PolicyVersion, SEVERITIES, type Severity } from './policy.js';

const OFFSET_MS = MOSCOW_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The share of the response window after which the assignee is warned (policy §6, POLICY.md). */
export const WARNING_SHARE = 0.75;

export interface ResponseTimes {
  dueAt: Date;
  /** The instant the response window is 75% used: the point at which the assignee is warned. */
  warnAt: Date;
}

/**
 * The response deadline and the warning time of a request registered at `registeredAt` (policy §6, as
 * POLICY.md reads it). Registration, a severity or level change and a split all count from here.
 */
export function responseTimes(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  level: Level,
  severity: Severity,
  registeredAt: Date,
): ResponseTimes {
  return windowTimes(calendar, policy, policy.response[level][severity], registeredAt);
}

/**
 * When support's reply to a customer's later message is due, counted from the message that left the
 * request awaiting support, as the first response is from registration; null where the policy sets
 * no follow-up target for the level and severity.
 */
export function followUpTimes(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  level: Level,
  severity: Severity,
  awaitingSince: Date,
): ResponseTimes | null {
  const rule = policy.followUp?.[level]?.[severity];
  return rule ? windowTimes(calendar, policy, rule, awaitingSince) : null;
}

function windowTimes(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  rule: PolicyDuration,
  from: Date,
): ResponseTimes {
  const clock = calendar.clock(rule.clock);
  const window = durationMs(policy, rule);
  const start = from.getTime();
  return {
    dueAt: new Date(clock.deadline(start, window)),
    warnAt: new Date(clock.deadline(start, Math.round(window * WARNING_SHARE))),
  };
}

/** The response deadline alone, for a what-if question (the deadline calculator, the batch CLI). */
export function responseDeadline(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  level: Level,
  severity: Severity,
  registeredAt: Date,
): Date {
  return responseTimes(calendar, policy, level, severity, registeredAt).dueAt;
}

/**
 * The whole response matrix bound to one calendar, for callers that compute many deadlines (the
 * batch CLI, reports): no allocation per deadline, epoch ms in and out.
 */
export function responseTable(calendar: WorkingCalendar, policy: PolicyVersion) {
  const cells = LEVELS.flatMap((level) =>
    SEVERITIES.map((severity) => {
      const rule = policy.response[level][severity];
      return { level, severity, clock: calendar.clock(rule.clock), duration: durationMs(policy, rule) };
    }),
  );
  return {
    cells,
    dueAt(cell: number, registeredAtMs: number): number {
      const entry = cells[cell];
      if (!entry) throw new RangeError(`no matrix cell ${cell}`);
      return entry.clock.deadline(registeredAtMs, entry.duration);
    },
    cellIndex(level: Level, severity: Severity): number {
      return LEVELS.indexOf(level) * SEVERITIES.length + SEVERITIES.indexOf(severity);
    },
  };
}

export interface CountedStretch {
  date: string;
  /** Moscow wall-clock times, HH:MM:SS. */
  from: string;
  to: string;
  countedMs: number;
  day: DayInfo;
}

export interface DeadlineExplanation {
  policy: { id: string; name: string };
  level: Level;
  severity: Severity;
  clock: ClockKind;
  duration: PolicyDuration;
  durationMs: number;
  registeredAt: Date;
  /** Later than `registeredAt` when the request came outside the clock's hours. */
  countingStartsAt: Date;
  dueAt: Date;
  stretches: CountedStretch[];
  /** Days inside the span that the clock did not run on, with the reason. */
  skippedDays: DayInfo[];
  /** Shortened pre-holiday days the clock ran on. */
  shortenedDays: DayInfo[];
}

/** The deadline with everything that went into it: the clock, what was counted, what was skipped and why. */
export function explainResponseDeadline(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  level: Level,
  severity: Severity,
  registeredAt: Date,
): DeadlineExplanation {
  const rule = policy.response[level][severity];
  const clock = calendar.clock(rule.clock);
  const duration = durationMs(policy, rule);
  const start = registeredAt.getTime();
  const due = clock.deadline(start, duration);
  const stretches = clock.stretches(start, due).map((stretch) => {
    const date = moscowDate(new Date(stretch.opensAt));
    return {
      date,
      from: wallClock(stretch.opensAt),
      to: wallClock(stretch.closesAt),
      countedMs: stretch.closesAt - stretch.opensAt,
      day: calendar.day(date),
    };
  });
  const firstCounted = clock.stretches(start, due)[0]?.opensAt ?? start;
  const skippedDays: DayInfo[] = [];
  if (rule.clock === 'business') {
    for (const date of datesBetween(moscowDate(registeredAt), moscowDate(new Date(due)))) {
      const day = calendar.day(date);
      if (!day.working) skippedDays.push(day);
    }
  }
  return {
    policy: { id: policy.id, name: policy.name },
    level,
    severity,
    clock: rule.clock,
    duration: rule,
    durationMs: duration,
    registeredAt,
    countingStartsAt: new Date(firstCounted),
    dueAt: new Date(due),
    stretches,
    skippedDays,
    shortenedDays:
      rule.clock === 'business'
        ? stretches.filter((stretch) => stretch.day.shortened).map((stretch) => stretch.day)
        : [],
  };
}

/** Moscow wall-clock time of an instant, HH:MM:SS. */
export function wallClock(instant: number): string {
  return new Date(instant + OFFSET_MS).toISOString().slice(11, 19);
}

function* datesBetween(first: string, last: string): Generator<string> {
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= Date.parse(`${last}T00:00:00Z`); day += DAY_MS) {
    yield new Date(day).toISOString().slice(0, 10);
  }
}

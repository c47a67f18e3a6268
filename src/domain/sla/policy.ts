import type { ClockKind } from '../calendar/intervalClock.js';
import { type CalendarDate, moscowDate } from '../calendar/moscowTime.js';
import type { Level } from '../entitlement/entitlement.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The channels the policy opens to customers, each with the hours it takes requests in (§3.5-§3.9). */
export const POLICY_CHANNELS = ['portal', 'email', 'telegram', 'api'] as const;
export type PolicyChannel = (typeof POLICY_CHANNELS)[number];

/** How a request reached the vendor; `phone`: support registered it while the contact was on the line. */
export const CHANNELS = [...POLICY_CHANNELS, 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

const HOUR_MS = 3_600_000;

/** "N hours" of a clock, or "N working days" of the business clock (each `workingDayHours` long). */
export type PolicyDuration = { clock: ClockKind; hours: number } | { clock: 'business'; workingDays: number };

/** When a channel takes requests: at any time, or only while a clock runs. */
export type ChannelHours = 'always' | ClockKind;

/** One version of the support policy, as data: every number of the document lives here. */
export interface PolicyVersion {
  /** The effective date, which also names the version (a request records it). */
  id: CalendarDate;
  name: string;
  effectiveFrom: CalendarDate;
  workingDayHours: number;
  response: Record<Level, Record<Severity, PolicyDuration>>;
  /**
   * A target for support's reply to each later customer message, where the vendor sets one; the policy
   * of 2025-07-10 names only the first response, so its preset has none.
   */
  followUp?: Partial<Record<Level, Partial<Record<Severity, PolicyDuration>>>>;
  autoClose: PolicyDuration;
  channels: Record<PolicyChannel, ChannelHours>;
}

/** The policy of 2025-07-10 (§6 response times, §6.1 auto-close, §3.5-§3.9 channels). */
export const DEFAULT_POLICY: PolicyVersion = {
  id: '2025-07-10',
  name: 'Регламент технической поддержки от 10.07.2025',
  effectiveFrom: '2025-07-10',
  workingDayHours: 9,
  response: {
    standard: {
      critical: { clock: 'business', hours: 8 },
      high: { clock: 'business', hours: 12 },
      medium: { clock: 'business', workingDays: 2 },
      low: { clock: 'business', workingDays: 4 },
    },
    extended: {
      critical: { clock: 'daily', hours: 4 },
      high: { clock: 'daily', hours: 8 },
      medium: { clock: 'daily', hours: 12 },
      low: { clock: 'business', workingDays: 2 },
    },
  },
  autoClose: { clock: 'business', workingDays: 14 },
  channels: { portal: 'always', email: 'always', api: 'always', telegram: 'business' },
};

export function durationMs(policy: PolicyVersion, duration: PolicyDuration): number {
  return 'hours' in duration
    ? duration.hours * HOUR_MS
    : duration.workingDays * policy.workingDayHours * HOUR_MS;
}

/** The version in force at an instant: the latest whose effective date (Moscow) has come. */
export function policyInForce(versions: readonly PolicyVersion[], at: Date): PolicyVersion {
  const day = moscowDate(at);
  let chosen: PolicyVersion | undefined;
  for (const version of versions) {
    if (version.effectiveFrom <= day && (!chosen || version.effectiveFrom > chosen.effectiveFrom))
      chosen = version;
  }
  if (!chosen) {
    const earliest = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
    if (!earliest) throw new Error('no policy version is defined');
    return earliest;
  }
  return chosen;
}

export type PolicyProblem = { field: string; code: 'duration_not_positive' | 'effective_date_not_later' };

/** What is wrong with a new version, given those that exist: durations must be positive, dates move forward. */
export function checkNewPolicy(
  candidate: PolicyVersion,
  existing: readonly PolicyVersion[],
  today: CalendarDate,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const latest = existing.reduce(
    (max, version) => (version.effectiveFrom > max ? version.effectiveFrom : max),
    '',
  );
  if (candidate.effectiveFrom <= latest || candidate.effectiveFrom <= today) {
    problems.push({ field: 'effectiveFrom', code: 'effective_date_not_later' });
  }
  for (const level of Object.keys(candidate.response) as Level[]) {
    for (const severity of SEVERITIES) {
      if (!(durationMs(candidate, candidate.response[level][severity]) > 0)) {
        problems.push({ field: `response.${level}.${severity}`, code: 'duration_not_positive' });
      }
    }
  }
  if (!(durationMs(candidate, candidate.autoClose) > 0)) {
    problems.push({ field: 'autoClose', code: 'duration_not_positive' });
  }
  return problems;
}

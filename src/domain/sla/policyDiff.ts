import type { Level } from '../entitlement/entitlement.js';
import {
  type ChannelHours,
  POLICY_CHANNELS,
  type PolicyChannel,
  type PolicyDuration,
  type PolicyVersion,
  SEVERITIES,
  type Severity,
} from './policy.js';

export type PolicyChange =
  | { kind: 'response'; level: Level; severity: Severity; from: PolicyDuration; to: PolicyDuration }
  | {
      kind: 'follow_up';
      level: Level;
      severity: Severity;
      from: PolicyDuration | null;
      to: PolicyDuration | null;
    }
  | { kind: 'auto_close'; from: PolicyDuration; to: PolicyDuration }
  | { kind: 'channel'; channel: PolicyChannel; from: ChannelHours; to: ChannelHours }
  | { kind: 'working_day_hours'; from: number; to: number };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a policy version changes from the one before it, rule by rule (§6.2: customers follow the changes). */
export function policyChanges(previous: PolicyVersion, next: PolicyVersion): PolicyChange[] {
  const changes: PolicyChange[] = [];
  for (const level of ['standard', 'extended'] as const) {
    for (const severity of SEVERITIES) {
      const from = previous.response[level][severity];
      const to = next.response[level][severity];
      if (!same(from, to)) changes.push({ kind: 'response', level, severity, from, to });
      const followUpFrom = previous.followUp?.[level]?.[severity] ?? null;
      const followUpTo = next.followUp?.[level]?.[severity] ?? null;
      if (!same(followUpFrom, followUpTo))
        changes.push({ kind: 'follow_up', level, severity, from: followUpFrom, to: followUpTo });
    }
  }
  if (!same(previous.autoClose, next.autoClose)) {
    changes.push({ kind: 'auto_close', from: previous.autoClose, to: next.autoClose });
  }
  for (const channel of POLICY_CHANNELS) {
    if (previous.channels[channel] !== next.channels[channel]) {
      changes.push({
        kind: 'channel',
        channel,
        from: previous.channels[channel],
        to: next.channels[channel],
      });
    }
  }
  if (previous.workingDayHours !== next.workingDayHours) {
    changes.push({ kind: 'working_day_hours', from: previous.workingDayHours, to: next.workingDayHours });
  }
  return changes;
}

import { SEVERITIES } from '../sla/policy.js';
import { STATUSES } from './lifecycle.js';

/**
 * How the queue may be sorted: its own order (breached, due soon, awaiting support, the rest), or by one
 * column either way. Severity and status sort by their rank in the policy, not by their names.
 */
export const QUEUE_SORTS = [
  'queue',
  'responseDueAt',
  'registeredAt',
  'updatedAt',
  'severity',
  'status',
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The rank a severity or status sorts by: critical before low, new before closed. */
export const SEVERITY_RANK: readonly string[] = SEVERITIES;
export const STATUS_RANK: readonly string[] = STATUSES;

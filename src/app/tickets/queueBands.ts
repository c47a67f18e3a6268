import { and, asc, gt, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/database.js';
import { tickets } from '../../db/schema.js';

/**
 * The queue's own order, in bands: breached first, then due soon (past the warning point), then
 * awaiting support, then the rest; within each band the nearest deadline first. Each band is a range of
 * one index over the stored queue columns (db/queueColumns.ts), read in order and stopped at the page's
 * end, so that a page costs the same at a thousand requests and at a million: no band sorts the open
 * requests. A page is read band by band, the next one only while the page is not full.
 */
export const QUEUE_BANDS = [0, 1, 2, 3] as const;
export type QueueBand = (typeof QUEUE_BANDS)[number];

/** Where a page ended inside a band: its key, to the microsecond, and the request's id. */
export interface BandPosition {
  key: string;
  id: string;
}

/**
 * The furthest ahead of its deadline any open request turns due soon: the due-soon band is the requests
 * warned already whose deadline lies within that lead, a bounded range of the deadline index. Read from
 * its own index, once per query.
 */
const longestWarningLead = sql`(select max(lead.queue_due_at - lead.queue_warn_at) from tickets lead where lead.queue_due_at is not null)`;

function bandRange(band: QueueBand, now: Date): { condition: SQL; key: AnyPgColumn } {
  const at = sql`${now.toISOString()}::timestamptz`;
  const notDue = or(isNull(tickets.queueDueAt), gt(tickets.queueDueAt, now));
  const notWarned = or(isNull(tickets.queueWarnAt), gt(tickets.queueWarnAt, now));
  switch (band) {
    case 0:
      return { condition: lte(tickets.queueDueAt, now), key: tickets.queueDueAt };
    case 1:
      return {
        condition: and(
          gt(tickets.queueDueAt, now),
          lte(tickets.queueDueAt, sql`${at} + ${longestWarningLead}`),
          lte(tickets.queueWarnAt, now),
        ) as SQL,
        key: tickets.queueDueAt,
      };
    case 2:
      return {
        condition: and(isNotNull(tickets.queueAwaitingAt), notDue, notWarned) as SQL,
        key: tickets.queueAwaitingAt,
      };
    case 3:
      // The rest, by response deadline: an imported request's is its registration, so it sorts by age.
      return {
        condition: and(isNull(tickets.queueAwaitingAt), notDue, notWarned) as SQL,
        key: tickets.responseDueAt,
      };
  }
}

/** An instant as the database writes it, to the microsecond, so that a page boundary is exact. */
export const instantKey = (value: SQL | AnyPgColumn) =>
  sql<string>`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One band's requests among those the conditions select, from a position on, in the band's order. The
 * query is what the queue runs, so that a test can read its plan.
 */
export function bandPage(
  db: Queryable,
  band: QueueBand,
  conditions: SQL | undefined,
  now: Date,
  after: BandPosition | null,
  limit: number,
) {
  const { condition, key } = bandRange(band, now);
  const bounds = [conditions, condition];
  if (after) bounds.push(sql`(${key}, ${tickets.id}) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  return db
    .select({ ticket: tickets, key: instantKey(key) })
    .from(tickets)
    .where(and(...bounds))
    .orderBy(asc(key), asc(tickets.id))
    .limit(limit);
}

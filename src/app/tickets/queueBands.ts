import { and, asc, gt, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { warningWindow } from '../../db/queueColumns.js';
import { tickets } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { listedTagsFor } from '../tags.js';
import { listingQuery } from './access.js';

/**
 * The queue's own order, in bands: breached first, then due soon (past the warning point), then
 * awaiting support, then the rest; within each band the nearest deadline first. Each band is a range of
 * one index over the stored queue columns (db/queueColumns.ts), read in order and stopped at the page's
 * end, so that a page costs the same at a thousand requests and at a million; only the due-soon band,
 * the few requests in their warning window, is found by its own index and ordered among itself. No band
 * sorts the open requests. A page is read band by band, the next one only while the page is not full.
 */
export const QUEUE_BANDS = [0, 1, 2, 3] as const;
export type QueueBand = (typeof QUEUE_BANDS)[number];

/** Where a page ended inside a band: its key, to the microsecond, and the request's id. */
export interface BandPosition {
  key: string;
  id: string;
}

function bandRange(band: QueueBand, now: Date): { condition: SQL; key: AnyPgColumn } {
  const at = sql`${now.toISOString()}::timestamptz`;
  const notDue = or(isNull(tickets.queueDueAt), gt(tickets.queueDueAt, now));
  const notWarned = or(isNull(tickets.queueWarnAt), gt(tickets.queueWarnAt, now));
  switch (band) {
    case 0:
      return { condition: lte(tickets.queueDueAt, now), key: tickets.queueDueAt };
    case 1:
      // Warned and not yet due: the requests whose warning window holds the moment, found by the window's
      // index and ordered among themselves (the band is the few requests in their last quarter).
      return {
        condition: and(
          isNotNull(tickets.queueDueAt),
          sql`${warningWindow(tickets.queueWarnAt, tickets.queueDueAt)} @> ${at}`,
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

/** An instant as `instantKey` writes it into a cursor. */
export const CURSOR_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** An instant as the database writes it, to the microsecond, so that a page boundary is exact. */
export const instantKey = (value: SQL | AnyPgColumn) =>
  sql<string>`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One band's requests among those the conditions select, from a position on, in the band's order, each
 * with the tags the reader may see. The query is what the queue runs, so that a test can read its plan.
 */
export function bandPage(
  band: QueueBand,
  conditions: SQL | undefined,
  now: Date,
  after: BandPosition | null,
  limit: number,
  reader: Actor,
) {
  const { condition, key } = bandRange(band, now);
  const bounds = [conditions, condition];
  if (after) bounds.push(sql`(${key}, ${tickets.id}) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  return listingQuery({
    tags: listedTagsFor(reader),
    key: instantKey(key),
    where: and(...bounds),
    orderBy: [asc(key), asc(tickets.id)],
    limit,
  });
}

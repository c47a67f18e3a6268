import { and, asc, gt, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { warningWindow } from '../../db/queueColumns.js';
import { tickets } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { listedTagsFor } from '../tags.js';
import { limitText, listingQuery } from './access.js';

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
  if (band === 1) return dueSoonPage(and(...bounds), limit, reader);
  return listingQuery({
    tags: listedTagsFor(reader),
    key: instantKey(key),
    where: and(...bounds),
    orderBy: [asc(key), asc(tickets.id)],
    limit,
  });
}

/**
 * The due-soon band, its page chosen by each request's id and deadline before the listed columns are
 * read by key. Found by the warning window's index, the band is ordered among itself: sorting two
 * columns of its hundreds rather than whole rows costs less than half; and at that size the planner
 * may rather walk the deadline's index from the moment on, where due-soon requests are the first due.
 */
function dueSoonPage(where: SQL | undefined, limit: number, reader: Actor) {
  const due = tickets.queueDueAt;
  const chosen = sql`(select ${tickets.id} as due_soon_id, ${due} as due_soon_at from ${tickets}
    where ${where ?? sql`true`} order by ${due}, ${tickets.id} limit ${limitText(limit)}) as due_soon
    join ${tickets} on ${tickets.id} = due_soon.due_soon_id`;
  return listingQuery({
    tags: listedTagsFor(reader),
    key: instantKey(sql`due_soon.due_soon_at`),
    from: chosen,
    where: undefined,
    orderBy: [sql`due_soon.due_soon_at`, sql`due_soon.due_soon_id`],
    limit,
  });
}

/** Where a page ended: the band, and the position inside it. */
export interface QueuePosition extends BandPosition {
  band: QueueBand;
}

/**
 * A page of the queue in one statement: the bands from the cursor's on, each read from its index in
 * its order and stopped at the page's size, one after another, and the page the first `limit` rows.
 * PostgreSQL reads the branches of a UNION ALL in turn and the limit above them stops asking once the
 * page is full, so a band is read only while those before it left the page short, as when each band
 * was a statement of its own, without a round trip and a plan per band. (A parallel plan could
 * interleave the branches: test/queuePlans.test.ts checks each page's plan reads them in turn.)
 */
export function queuePage(
  conditions: SQL | undefined,
  now: Date,
  after: QueuePosition | null,
  limit: number,
  reader: Actor,
): SQL {
  const branches = QUEUE_BANDS.filter((band) => !after || band >= after.band).map((band) => {
    const from = after?.band === band ? after : null;
    const name = sql.raw(`band_${band}`);
    return sql`select ${sql.raw(String(band))} as listed_band, ${name}.* from (${bandPage(band, conditions, now, from, limit, reader)}) as ${name}`;
  });
  return sql`${sql.join(branches, sql` union all `)} limit ${limitText(limit)}`;
}

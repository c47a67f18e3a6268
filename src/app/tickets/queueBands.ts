import { and, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { warningWindow } from '../../db/queueColumns.js';
import { tickets } from '../../db/schema.js';
import { frozen } from '../../db/statementShapes.js';
import type { Actor } from '../shared/actor.js';
import { limitText, listedTable, listingQuery } from './access.js';
import { listedTagsFor } from './tags.js';

/**
 * The queue's own order, in bands: breached first, then due soon (past the warning point), then
 * awaiting support, then the rest; within each band the nearest deadline first. Each band is a range of
 * one index over the stored queue columns (db/queueColumns.ts), read in order and stopped at the page's
 * end, so that a page costs the same at a thousand requests and at a million. The due-soon band walks
 * the deadline's index from the moment on, and only where shorter warnings are interleaved with its own
 * is the rest found by the warning window's index and ordered among itself (`dueSoonPage`). No band
 * sorts the open requests. A page is read band by band, the next one only while the page is not full.
 */
export const QUEUE_BANDS = [0, 1, 2, 3] as const;
export type QueueBand = (typeof QUEUE_BANDS)[number];

/** Where a page ended inside a band: its key, to the microsecond, and the request's id. */
export interface BandPosition {
  key: string;
  id: string;
}

/** An instant as `instantKey` writes it into a cursor. */
export const CURSOR_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** An instant as the database writes it, to the microsecond, so that a page boundary is exact. */
export const instantKey = (value: SQL | AnyPgColumn) =>
  sql<string>`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The queue's columns as every page writes them, written out once. */
const column = {
  id: frozen(sql`${tickets.id}`),
  due: frozen(sql`${tickets.queueDueAt}`),
  warn: frozen(sql`${tickets.queueWarnAt}`),
  awaiting: frozen(sql`${tickets.queueAwaitingAt}`),
};

/** A band read in the order of one index: its key as the cursor names it, its position and its order. */
function orderedBy(key: AnyPgColumn) {
  return {
    listedKey: frozen(instantKey(key)),
    position: frozen(sql`(${key}, ${tickets.id})`),
    order: frozen(sql`${key}, ${tickets.id}`),
  };
}

/** The bands read straight from an index in their order; the due-soon band is `dueSoonPage`'s. */
const ORDERED_BANDS = {
  0: orderedBy(tickets.queueDueAt),
  2: orderedBy(tickets.queueAwaitingAt),
  // The rest, by response deadline: an imported request's is its registration, so it sorts by age.
  3: orderedBy(tickets.responseDueAt),
};

/** Which requests a band holds at a moment. */
function bandCondition(band: Exclude<QueueBand, 1>, at: SQL): SQL {
  if (band === 0) return sql`${column.due} <= ${at}`;
  const notDue = sql`(${column.due} is null or ${column.due} > ${at})`;
  const notWarned = sql`(${column.warn} is null or ${column.warn} > ${at})`;
  const awaiting = band === 2 ? sql`is not null` : sql`is null`;
  return sql`${column.awaiting} ${awaiting} and ${notDue} and ${notWarned}`;
}

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
  const at = sql`${now.toISOString()}::timestamptz`;
  if (band === 1) return dueSoonPage(conditions, at, after, limit, reader);
  const ordered = ORDERED_BANDS[band];
  const bounds = [conditions, bandCondition(band, at)];
  if (after) bounds.push(sql`${ordered.position} > (${after.key}::timestamptz, ${after.id}::uuid)`);
  return listingQuery({
    tags: listedTagsFor(reader),
    key: ordered.listedKey,
    where: and(...bounds),
    orderBy: [ordered.order],
    limit,
  });
}

/** The due-soon band's fixed text: the warning window holding a moment, and the page's ids joined. */
const dueSoon = {
  window: frozen(warningWindow(tickets.queueWarnAt, tickets.queueDueAt)),
  listedKey: frozen(instantKey(sql`due_soon.due_soon_at`)),
  join: frozen(sql`as due_soon join ${tickets} on ${tickets.id} = due_soon.due_soon_id`),
  order: sql.raw('due_soon.due_soon_at, due_soon.due_soon_id'),
};

/**
 * The due-soon band: the requests whose warning has passed and whose deadline has not. The nearest
 * deadlines from the moment on are mostly theirs, so the page first walks the deadline's index from the
 * moment for as many requests as the page holds and keeps those warned. Only when that walk met requests
 * not yet warned (shorter warnings among longer ones) are the band's requests past it found by the
 * warning window's index and ordered among themselves: a band of hundreds costs a walk of a page rather
 * than a sort of them all. Either way the page's ids and deadlines are chosen first, and its listed
 * columns read by key.
 */
function dueSoonPage(
  conditions: SQL | undefined,
  at: SQL,
  after: BandPosition | null,
  limit: number,
  reader: Actor,
) {
  const { id, due } = column;
  // Walked and ordered as the breached band is: by deadline, on the same index.
  const { position, order } = ORDERED_BANDS[0];
  const count = limitText(limit);
  const resumed = after ? sql`${position} > (${after.key}::timestamptz, ${after.id}::uuid)` : undefined;
  // In the band: the warning window holds the moment (so the deadline is ahead).
  const warned = sql`${dueSoon.window} @> ${at}`;
  const walk = sql`select ${id} as walk_id, ${due} as walk_due, ${warned} as walk_warned
    from ${listedTable} where ${and(conditions, resumed, sql`${due} > ${at}`)} order by ${order} limit ${count}`;
  const walkedPast = sql`(select count(*) = ${count} and not bool_and(walk_warned) from due_soon_walk)`;
  const pastWalk = sql`${position} > (select walk_due, walk_id from due_soon_walk order by walk_due desc, walk_id desc limit 1)`;
  const rest = sql`select ${id}, ${due} from ${listedTable}
    where ${and(conditions, resumed, sql`${due} is not null`, warned, walkedPast, pastWalk)}
    order by ${order} limit ${count}`;
  const chosen = sql`(with due_soon_walk as materialized (${walk})
      select walk_id as due_soon_id, walk_due as due_soon_at from due_soon_walk where walk_warned
      union all (${rest})
      order by due_soon_at, due_soon_id limit ${count}) ${dueSoon.join}`;
  return listingQuery({
    tags: listedTagsFor(reader),
    key: dueSoon.listedKey,
    from: chosen,
    where: undefined,
    orderBy: [dueSoon.order],
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

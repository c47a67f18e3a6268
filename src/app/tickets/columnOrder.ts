import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { tickets } from '../../db/schema.js';
import {
  type QueueSort,
  SEVERITY_RANK,
  type SortDirection,
  STATUS_RANK,
} from '../../domain/tickets/queueSort.js';
import type { Actor } from '../shared/actor.js';
import { listingQuery } from './access.js';
import { CURSOR_INSTANT, instantKey } from './queueBands.js';
import { listedTagsFor } from './tags.js';

export type ColumnSort = Exclude<QueueSort, 'queue'>;

/** One value a column order sorts by: the column, its text in a cursor, and how that text is read back. */
interface OrderPart {
  column: AnyPgColumn;
  key: SQL<string>;
  cast: string;
  readable: (text: string) => boolean;
}

const instantPart = (column: AnyPgColumn): OrderPart => ({
  column,
  key: instantKey(column),
  cast: 'timestamptz',
  readable: (text) => CURSOR_INSTANT.test(text),
});

const rankPart = (column: AnyPgColumn, type: string, ranks: readonly string[]): OrderPart => ({
  column,
  key: sql<string>`${column}::text`,
  cast: type,
  readable: (text) => ranks.includes(text),
});

/**
 * What a column order sorts by before the request's id, each order served by an index in it. Severity
 * and status sort by their rank, which is their enum's own order (the schema declares both from the rank
 * lists), and within a rank by response deadline, the most pressing first.
 */
function orderParts(sort: ColumnSort): OrderPart[] {
  switch (sort) {
    case 'severity':
      return [rankPart(tickets.severity, 'severity', SEVERITY_RANK), instantPart(tickets.responseDueAt)];
    case 'status':
      return [rankPart(tickets.status, 'ticket_status', STATUS_RANK), instantPart(tickets.responseDueAt)];
    default:
      return [instantPart(tickets[sort])];
  }
}

/** The parts' texts in a cursor: neither an enum value nor an instant holds a tilde. */
const KEY_SEPARATOR = '~';

/** Whether a cursor's key could have been written by this order. */
export function readableColumnKey(sort: ColumnSort, key: string): boolean {
  const texts = key.split(KEY_SEPARATOR);
  const parts = orderParts(sort);
  return texts.length === parts.length && parts.every((part, index) => part.readable(texts[index] ?? ''));
}

/**
 * One page of the requests the conditions select in a column's order, either way, from a position on,
 * each with the tags the reader may see. The query is what the queue runs, so that a test can read its
 * plan: a range of one index, stopped at the page's end, never a sort of every request.
 */
export function columnPage(
  sort: ColumnSort,
  direction: SortDirection,
  conditions: SQL | undefined,
  after: { key: string; id: string } | null,
  limit: number,
  reader: Actor,
) {
  const parts = orderParts(sort);
  const bounds = [conditions];
  if (after) {
    const texts = after.key.split(KEY_SEPARATOR);
    const position = sql`(${sql.join([...parts.map((part) => part.column), tickets.id], sql`, `)})`;
    const boundary = sql`(${sql.join(
      [
        ...parts.map((part, index) => sql`${texts[index] ?? ''}::${sql.raw(part.cast)}`),
        sql`${after.id}::uuid`,
      ],
      sql`, `,
    )})`;
    bounds.push(direction === 'desc' ? sql`${position} < ${boundary}` : sql`${position} > ${boundary}`);
  }
  const order = direction === 'desc' ? desc : asc;
  return listingQuery({
    tags: listedTagsFor(reader),
    key: sql.join(
      parts.map((part) => part.key),
      sql` || ${KEY_SEPARATOR} || `,
    ),
    where: and(...bounds),
    orderBy: [...parts.map((part) => order(part.column)), order(tickets.id)],
    limit,
  });
}

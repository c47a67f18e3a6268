import { and, eq, inArray, isNotNull, isNull, lte, not, or, type SQL, sql } from 'drizzle-orm';
import type { Tag } from '../../contract/tags.js';
import type {
  CustomerTicketSummary,
  SupportTicketSummary,
  TicketListQuery,
  TicketQueueFilter,
} from '../../contract/tickets.js';
import { type Queryable, rowsOf } from '../../db/database.js';
import { tags, tickets, ticketTags } from '../../db/schema.js';
import { rowsOfShape } from '../../db/statementShapes.js';
import { ACTIVE_STATUSES } from '../../domain/tickets/lifecycle.js';
import { readSearch, type SearchTerms } from '../../domain/tickets/searchQuery.js';
import type { SearchPosition } from '../../domain/tickets/searchRanking.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import {
  type ListedTicketRow,
  measuredAgainstSla,
  readListedTicket,
  visibleTicketsCondition,
} from './access.js';
import { type ColumnSort, columnPage, readableColumnKey } from './columnOrder.js';
import { ticketSummary } from './queries.js';
import { CURSOR_INSTANT, type QueueBand, queuePage } from './queueBands.js';
import { tagsOfTickets } from './tags.js';
import { findTickets, searchMatches } from './ticketSearch.js';

/** Where a page ended: the sort it was read in, so that a cursor is not read under another. */
function encodeCursor(sort: string, band: number, key: string, id: string): string {
  return Buffer.from(`${sort}|${band}|${key}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string, sort: string, readable: (key: string) => boolean) {
  const [kind = '', band = '', key = '', id = ''] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('|');
  if (kind !== sort || !/^[0-3]$/.test(band) || !readable(key) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('invalid', 'cursor_invalid', 'cursor');
  }
  return { band: Number(band) as QueueBand, key, id };
}

/** Requests support owes an answer: the customer's message is the latest public word. */
const awaitingSupport = and(
  isNotNull(tickets.awaitingSupportSince),
  inArray(tickets.status, [...ACTIVE_STATUSES]),
) as SQL;

/** Requests that carry every one of these tags, by id or, from a search's `tag:name`, by name. */
function carryingTags(tagIds: readonly string[], tagNames: readonly string[]): SQL[] {
  return [
    ...tagIds.map(
      (tagId) =>
        sql`exists (select 1 from ${ticketTags} where ${ticketTags.ticketId} = ${tickets.id} and ${ticketTags.tagId} = ${tagId})`,
    ),
    ...tagNames.map(
      (name) =>
        sql`exists (select 1 from ${ticketTags} join ${tags} on ${tags.id} = ${ticketTags.tagId} where ${ticketTags.ticketId} = ${tickets.id} and lower(${tags.name}) = ${name})`,
    ),
  ];
}

/** The requests a filter selects among those the actor may see; `me` is the reader. The queue and the plan test read it. */
export function queueConditions(
  actor: Actor,
  filter: TicketQueueFilter,
  terms: SearchTerms | null,
  now: Date,
) {
  const conditions: (SQL | undefined)[] = [visibleTicketsCondition(actor)];
  // A customer sees a merged duplicate's conversation on the original: the duplicate leaves their lists.
  if (actor.type === 'contact') conditions.push(isNull(tickets.mergedIntoId));
  if (filter.status) conditions.push(inArray(tickets.status, filter.status));
  if (filter.severity) conditions.push(inArray(tickets.severity, filter.severity));
  if (filter.organizationId) conditions.push(eq(tickets.organizationId, filter.organizationId));
  if (filter.assigneeId === 'none') conditions.push(isNull(tickets.assigneeId));
  else if (filter.assigneeId === 'me')
    conditions.push(actor.type === 'agent' ? eq(tickets.assigneeId, actor.id) : sql`false`);
  else if (filter.assigneeId) conditions.push(eq(tickets.assigneeId, filter.assigneeId));
  if (filter.dueBefore) conditions.push(lte(tickets.responseDueAt, new Date(filter.dueBefore)));
  // An unanswered request is judged late now while support owes it, and when it ended after that,
  // as its summary's `breached` is (queries.ts).
  const judgedAt = sql`(case when ${tickets.status} in (${sql.join(
    ACTIVE_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  )}) and ${tickets.mergedIntoId} is null then ${now.toISOString()}::timestamptz
    else coalesce(${tickets.resolvedAt}, ${tickets.closedAt}, ${now.toISOString()}::timestamptz) end)`;
  if (filter.breached === 'true') {
    conditions.push(
      or(
        isNotNull(tickets.slaBreachedAt),
        and(
          measuredAgainstSla,
          isNull(tickets.firstResponseAt),
          sql`${tickets.responseDueAt} <= ${judgedAt}`,
        ),
      ),
    );
  } else if (filter.breached === 'false') {
    conditions.push(
      and(
        isNull(tickets.slaBreachedAt),
        or(
          not(measuredAgainstSla),
          isNotNull(tickets.firstResponseAt),
          sql`${tickets.responseDueAt} > ${judgedAt}`,
        ),
      ),
    );
  }
  if (filter.awaiting === 'true') conditions.push(awaitingSupport);
  else if (filter.awaiting === 'false') conditions.push(not(awaitingSupport));
  conditions.push(...carryingTags(filter.tag ?? [], terms?.tags ?? []));
  return and(...conditions) ?? sql`true`;
}

/** The queue: requests the actor may see, filtered, in the order asked for, a page at a time. */
export async function listTickets(ctx: AppContext, actor: Actor, query: TicketListQuery) {
  const now = ctx.clock.now();
  const terms = query.q ? readSearch(query.q) : null;
  const conditions = queueConditions(actor, query, terms, now);
  if (terms?.text) return searchTickets(ctx, actor, terms, query, conditions);
  const [found, data] = await Promise.all([
    query.sort === 'queue'
      ? queueOrderPage(ctx, actor, conditions, query, now)
      : columnOrderPage(ctx, actor, conditions, query, query.sort),
    ctx.sla.load(ctx.db),
  ]);
  const page = found.rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => withTags(ticketSummary(row.ticket, now, data, actor), row.tags)),
    nextCursor:
      found.rows.length > query.limit && last
        ? encodeCursor(found.sortName, last.band, last.key, last.ticket.id)
        : null,
  };
}

/** Tags are support's: a contact's lists carry none, and their queries read none. */
const supportTags = (ctx: AppContext, actor: Actor, ticketIds: string[]) =>
  actor.type === 'contact' ? Promise.resolve(new Map<string, Tag[]>()) : tagsOfTickets(ctx.db, ticketIds);

function withTags(summary: SupportTicketSummary | CustomerTicketSummary, tags: readonly Tag[]) {
  // The summary was just made for this page: its tags are added to it rather than copied into another.
  return summary.view === 'support' ? Object.assign(summary, { tags: [...tags] }) : summary;
}

type ListedRow = { ticket: ListedTicketRow; tags: Tag[]; key: string; band: number };

/** A page's rows as the database answers them, read by the listed columns' decoders found once. */
async function listedRows(db: Queryable, query: { getSQL(): SQL }): Promise<ListedRow[]> {
  const rows = await rowsOfShape<
    Record<string, unknown> & { listed_tags: Tag[]; listed_key: string; listed_band?: number }
  >(db, query.getSQL());
  return rows.map((row) => ({
    ticket: readListedTicket(row),
    tags: row.listed_tags,
    key: row.listed_key,
    band: row.listed_band ?? 0,
  }));
}

/** The queue's own order: its bands in turn, in one statement that reads a band only while the page is short. */
async function queueOrderPage(
  ctx: AppContext,
  actor: Actor,
  conditions: SQL,
  query: TicketListQuery,
  now: Date,
) {
  const sortName = 'queue:asc';
  const after = query.cursor ? decodeCursor(query.cursor, sortName, (key) => CURSOR_INSTANT.test(key)) : null;
  const rows = await listedRows(ctx.db, queuePage(conditions, now, after, query.limit + 1, actor));
  return { rows, sortName };
}

/** A column's order, either way, read from the index that keeps it. */
async function columnOrderPage(
  ctx: AppContext,
  actor: Actor,
  conditions: SQL,
  query: TicketListQuery,
  sort: ColumnSort,
) {
  const sortName = `${sort}:${query.direction}`;
  const after = query.cursor
    ? decodeCursor(query.cursor, sortName, (key) => readableColumnKey(sort, key))
    : null;
  const rows = await listedRows(
    ctx.db,
    columnPage(sort, query.direction, conditions, after, query.limit + 1, actor),
  );
  return { rows, sortName };
}

/** Counting stops past this many: a broad view says "999+" rather than count every request it holds. */
export const VIEW_COUNT_CAP = 999;

export interface ViewCount {
  count: number;
  /** The view holds more than `count`: counting stopped at the cap. */
  capped: boolean;
}

/**
 * How many requests each filter selects for the actor, up to the cap, all in one query: the counts
 * beside the saved views, read again by every agent whenever a request changes. Each count reads at
 * most one row past the cap, by whatever index its filter has, so a view costs the same at a thousand
 * requests and at a million. A filter that searches words has none (null): a search ranks its best hits
 * and never counts them all.
 */
export async function countTickets(
  ctx: AppContext,
  actor: Actor,
  filters: readonly TicketQueueFilter[],
): Promise<(ViewCount | null)[]> {
  const now = ctx.clock.now();
  const counted = filters.map((filter) => {
    const terms = filter.q ? readSearch(filter.q) : null;
    return terms?.text ? null : queueConditions(actor, filter, terms, now);
  });
  const columns = counted.flatMap((conditions, index) =>
    conditions
      ? [
          sql`(select count(*)::int from (select 1 from ${tickets} where ${conditions} limit ${VIEW_COUNT_CAP + 1})
            as selected) as ${sql.identifier(`c${index}`)}`,
        ]
      : [],
  );
  if (columns.length === 0) return counted.map(() => null);
  const [row] = await rowsOf<Record<string, number>>(ctx.db, sql`select ${sql.join(columns, sql`, `)}`);
  return counted.map((conditions, index) => {
    if (!conditions) return null;
    const found = Number(row?.[`c${index}`] ?? 0);
    return { count: Math.min(found, VIEW_COUNT_CAP), capped: found > VIEW_COUNT_CAP };
  });
}

/** The queue narrowed by a search: best match first, a page at a time, each with what it matched. */
async function searchTickets(
  ctx: AppContext,
  actor: Actor,
  terms: SearchTerms,
  query: TicketListQuery,
  conditions: SQL,
) {
  const found = await findTickets(ctx, actor, terms, conditions, {
    limit: query.limit + 1,
    after: query.cursor ? decodeSearchCursor(query.cursor) : null,
  });
  const page = found.slice(0, query.limit);
  const [data, matches, tagged] = await Promise.all([
    ctx.sla.load(ctx.db),
    searchMatches(
      ctx,
      actor,
      terms,
      page.map(({ row }) => row.id),
    ),
    supportTags(
      ctx,
      actor,
      page.map(({ row }) => row.id),
    ),
  ]);
  const now = ctx.clock.now();
  const last = page.at(-1)?.position;
  return {
    items: page.map(({ row }) => ({
      ...withTags(ticketSummary(row, now, data, actor), tagged.get(row.id) ?? []),
      match: matches.get(row.id),
    })),
    nextCursor:
      found.length > query.limit && last
        ? Buffer.from(`search|${last.rank}|${last.registeredAt}|${last.id}`).toString('base64url')
        : null,
  };
}

function decodeSearchCursor(cursor: string): SearchPosition {
  const [kind, rank, registeredAt = '', id = ''] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('|');
  const value = Number(rank);
  if (
    kind !== 'search' ||
    !Number.isFinite(value) ||
    !CURSOR_INSTANT.test(registeredAt) ||
    !/^[0-9a-f-]{36}$/.test(id)
  ) {
    throw new AppError('invalid', 'cursor_invalid', 'cursor');
  }
  return { rank: value, registeredAt, id };
}

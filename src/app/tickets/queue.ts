import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, not, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TicketListQuery, TicketQueueFilter } from '../../contract/tickets.js';
import { tags, tickets, ticketTags } from '../../db/schema.js';
import { ACTIVE_STATUSES } from '../../domain/tickets/lifecycle.js';
import { type QueueSort, SEVERITY_RANK, STATUS_RANK } from '../../domain/tickets/queueSort.js';
import { readSearch, type SearchTerms } from '../../domain/tickets/searchQuery.js';
import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { tagsOfTickets } from '../tags.js';
import { measuredAgainstSla, visibleTicketsCondition } from './access.js';
import { ticketSummary } from './queries.js';
import { findTickets, type SearchPosition, searchMatches } from './ticketSearch.js';

/**
 * The queue's order, in bands: breached first, then due soon (past the warning point), then awaiting
 * support, then the rest; within each band the nearest deadline first. Only requests support still
 * owes something (the active statuses) fall into the first three.
 */
function queueOrder(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const active = inArray(tickets.status, [...ACTIVE_STATUSES]);
  // An imported request has no deadline here: it is ordered by its age alone.
  const unanswered = and(isNull(tickets.firstResponseAt), measuredAgainstSla);
  const nearestDue = sql`least(case when ${unanswered} then ${tickets.responseDueAt} end, ${tickets.followUpDueAt})`;
  const band = sql<number>`case
    when ${active} and ${nearestDue} <= ${at} then 0
    when ${active} and least(case when ${unanswered} then ${tickets.responseWarnAt} end, ${tickets.followUpWarnAt}) <= ${at} then 1
    when ${active} and ${tickets.awaitingSupportSince} is not null then 2
    else 3 end`;
  // Awaiting support: a new request by its response deadline, a later message by its follow-up deadline
  // or, where the policy sets none, by the moment it arrived (the customer has waited since).
  const awaitingKey = sql`case when ${unanswered} then ${tickets.responseDueAt}
    else coalesce(${tickets.followUpDueAt}, ${tickets.awaitingSupportSince}) end`;
  const key = sql`case ${band}
    when 0 then ${nearestDue} when 1 then ${nearestDue}
    when 2 then ${awaitingKey} else ${tickets.responseDueAt} end`;
  return { band, key: instantKey(key), cast: 'timestamptz' as const };
}

/** An instant as the database writes it, to the microsecond, so that a page boundary is exact. */
const instantKey = (value: SQL | AnyPgColumn) =>
  sql<string>`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

const rank = (column: AnyPgColumn, ranks: readonly string[]) =>
  sql<string>`(array_position(array[${sql.join(
    ranks.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[], ${column}::text))::text`;

interface Ordering {
  /** Always 0 for a column sort: the bands are the queue's own. */
  band: SQL<number>;
  key: SQL<string>;
  cast: 'timestamptz' | 'int';
}

function ordering(sort: QueueSort, now: Date): Ordering {
  // An expression, not the literal 0: ORDER BY reads a bare number as a column's position.
  const noBand = sql<number>`0::int`;
  switch (sort) {
    case 'queue':
      return queueOrder(now);
    case 'severity':
      return { band: noBand, key: rank(tickets.severity, SEVERITY_RANK), cast: 'int' };
    case 'status':
      return { band: noBand, key: rank(tickets.status, STATUS_RANK), cast: 'int' };
    default:
      return { band: noBand, key: instantKey(tickets[sort]), cast: 'timestamptz' };
  }
}

/** Where a page ended: the sort it was read in, so that a cursor is not read under another. */
function encodeCursor(sort: string, band: number, key: string, id: string): string {
  return Buffer.from(`${sort}|${band}|${key}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string, sort: string, cast: Ordering['cast']) {
  const [kind = '', band = '', key = '', id = ''] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('|');
  const keyValid = cast === 'int' ? /^\d{1,2}$/.test(key) : CURSOR_INSTANT.test(key);
  if (kind !== sort || !/^[0-3]$/.test(band) || !keyValid || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('invalid', 'cursor_invalid', 'cursor');
  }
  return { band: Number(band), key, id };
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

/** The requests a filter selects among those the actor may see; `me` is the reader. */
function queueConditions(actor: Actor, filter: TicketQueueFilter, terms: SearchTerms | null, now: Date) {
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
  if (filter.breached === 'true') {
    conditions.push(
      or(
        isNotNull(tickets.slaBreachedAt),
        and(measuredAgainstSla, isNull(tickets.firstResponseAt), lte(tickets.responseDueAt, now)),
      ),
    );
  } else if (filter.breached === 'false') {
    conditions.push(
      and(
        isNull(tickets.slaBreachedAt),
        or(not(measuredAgainstSla), isNotNull(tickets.firstResponseAt), gt(tickets.responseDueAt, now)),
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
  const { band, key, cast } = ordering(query.sort, now);
  const descending = query.sort !== 'queue' && query.direction === 'desc';
  const sortName = `${query.sort}:${descending ? 'desc' : 'asc'}`;
  const bounds: SQL[] = [conditions];
  if (query.cursor) {
    const after = decodeCursor(query.cursor, sortName, cast);
    const position = sql`(${band}, (${key})::${sql.raw(cast)}, ${tickets.id})`;
    const boundary = sql`(${after.band}, ${after.key}::${sql.raw(cast)}, ${after.id}::uuid)`;
    bounds.push(descending ? sql`${position} < ${boundary}` : sql`${position} > ${boundary}`);
  }
  const direction = descending ? desc : asc;
  const data = await ctx.sla.load(ctx.db);
  const rows = await ctx.db
    .select({ ticket: tickets, band, key })
    .from(tickets)
    .where(and(...bounds))
    .orderBy(direction(band), direction(sql`(${key})::${sql.raw(cast)}`), direction(tickets.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const tagged = await tagsOfTickets(
    ctx.db,
    page.map((row) => row.ticket.id),
  );
  return {
    items: page.map((row) => ({
      ...ticketSummary(row.ticket, now, data, actor),
      tags: tagged.get(row.ticket.id) ?? [],
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(sortName, Number(last.band), last.key, last.ticket.id)
        : null,
  };
}

/**
 * How many requests each filter selects for the actor, all in one query: the counts beside the saved
 * views. A filter that searches words has none (null): a search ranks its best hits and never counts
 * them all.
 */
export async function countTickets(
  ctx: AppContext,
  actor: Actor,
  filters: readonly TicketQueueFilter[],
): Promise<(number | null)[]> {
  const now = ctx.clock.now();
  const counted = filters.map((filter) => {
    const terms = filter.q ? readSearch(filter.q) : null;
    return terms?.text ? null : queueConditions(actor, filter, terms, now);
  });
  const columns = Object.fromEntries(
    counted.flatMap((conditions, index) =>
      conditions ? [[`c${index}`, sql<number>`(count(*) filter (where ${conditions}))::int`]] : [],
    ),
  );
  if (Object.keys(columns).length === 0) return counted.map(() => null);
  const [row] = await ctx.db
    .select(columns)
    .from(tickets)
    .where(visibleTicketsCondition(actor) ?? sql`true`);
  return counted.map((conditions, index) => (conditions ? Number(row?.[`c${index}`] ?? 0) : null));
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
    tagsOfTickets(
      ctx.db,
      page.map(({ row }) => row.id),
    ),
  ]);
  const now = ctx.clock.now();
  const last = page.at(-1)?.position;
  return {
    items: page.map(({ row }) => ({
      ...ticketSummary(row, now, data, actor),
      match: matches.get(row.id),
      tags: tagged.get(row.id) ?? [],
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

import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, not, or, type SQL, sql } from 'drizzle-orm';
import type { TicketListQuery } from '../../contract/tickets.js';
import {
  attachments,
  auditEvents,
  contacts,
  instances,
  intakeRejections,
  remoteSessions,
  ticketMessages,
  tickets,
} from '../../db/schema.js';
import { explainResponseDeadline } from '../../domain/sla/deadline.js';
import type { PolicyDuration } from '../../domain/sla/policy.js';
import { slaProgress } from '../../domain/sla/progress.js';
import { ACTIVE_STATUSES } from '../../domain/tickets/lifecycle.js';
import { readSearch, type SearchTerms } from '../../domain/tickets/searchQuery.js';
import { type Actor, requireAdmin } from '../actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { SlaData } from '../slaData.js';
import { type TicketRow, ticketActionsFor, visibleTicket, visibleTicketsCondition } from './access.js';
import { ticketPolicy } from './state.js';
import { findTickets, type SearchPosition, searchMatches } from './ticketSearch.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** A ticket as lists show it, with its response countdown (null once support has responded). */
export function ticketSummary(row: TicketRow, now: Date, data: SlaData, reader: Actor) {
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    organizationId: row.organizationId,
    contactId: row.contactId,
    instanceId: row.instanceId,
    level: row.level,
    severity: row.severity,
    status: row.status,
    category: row.category,
    outOfScope: row.outOfScope,
    channel: row.channel,
    subject: row.subject,
    assigneeId: row.assigneeId,
    registeredAt: row.registeredAt.toISOString(),
    responseDueAt: row.responseDueAt.toISOString(),
    firstResponseAt: iso(row.firstResponseAt),
    breached:
      row.slaBreachedAt !== null ||
      (row.firstResponseAt === null ? now >= row.responseDueAt : row.firstResponseAt > row.responseDueAt),
    autoCloseAt: iso(row.autoCloseAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason,
    splitFromId: row.splitFromId,
    policyVersion: row.policyVersion,
    countdown: row.firstResponseAt ? null : responseCountdown(row, now, data),
    awaitingSupportSince: iso(row.awaitingSupportSince),
    followUp: followUpState(row, now, data),
    allowedActions: ticketActionsFor(reader, row),
  };
}

function responseCountdown(row: TicketRow, now: Date, data: SlaData) {
  const rule = ticketPolicy(data, row).response[row.level][row.severity];
  return countdown(data, rule, row.registeredAt, row.responseDueAt, now);
}

/** Support's reply to the customer's unanswered message, where the policy sets a follow-up target. */
function followUpState(row: TicketRow, now: Date, data: SlaData) {
  const rule = ticketPolicy(data, row).followUp?.[row.level]?.[row.severity];
  if (!rule || !row.awaitingSupportSince || !row.followUpDueAt) return null;
  return {
    dueAt: row.followUpDueAt.toISOString(),
    breached: now >= row.followUpDueAt,
    countdown: countdown(data, rule, row.awaitingSupportSince, row.followUpDueAt, now),
  };
}

function countdown(data: SlaData, rule: PolicyDuration, from: Date, dueAt: Date, now: Date) {
  const { remainingMs, used, running } = slaProgress(
    data.calendar.clock(rule.clock),
    from.getTime(),
    dueAt.getTime(),
    Math.max(now.getTime(), from.getTime()),
  );
  return { remainingMs, used, running };
}

/**
 * The queue's order, in bands: breached first, then due soon (past the warning point), then awaiting
 * support, then the rest; within each band the nearest deadline first. Only requests support still
 * owes something (the active statuses) fall into the first three.
 */
function queueOrder(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const active = inArray(tickets.status, [...ACTIVE_STATUSES]);
  const unanswered = isNull(tickets.firstResponseAt);
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
  const key = sql<Date>`case ${band}
    when 0 then ${nearestDue} when 1 then ${nearestDue}
    when 2 then ${awaitingKey} else ${tickets.responseDueAt} end`;
  return { band, key };
}

/** The sort key as the database writes it, to the microsecond, so that a page boundary is exact. */
const CURSOR_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

function encodeCursor(band: number, key: string, id: string): string {
  return Buffer.from(`${band}|${key}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { band: number; key: string; id: string } {
  const [band = '', key = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!/^[0-3]$/.test(band) || !CURSOR_INSTANT.test(key) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('invalid', 'cursor_invalid', 'cursor');
  }
  return { band: Number(band), key, id };
}

/** Requests support owes an answer: the customer's message is the latest public word. */
const awaitingSupport = and(
  isNotNull(tickets.awaitingSupportSince),
  inArray(tickets.status, [...ACTIVE_STATUSES]),
) as SQL;

/** The queue: tickets the actor may see, filtered, in the queue's order (see queueOrder), a page at a time. */
export async function listTickets(ctx: AppContext, actor: Actor, query: TicketListQuery) {
  const now = ctx.clock.now();
  const conditions: (SQL | undefined)[] = [visibleTicketsCondition(actor)];
  if (query.status) conditions.push(inArray(tickets.status, query.status));
  if (query.severity) conditions.push(inArray(tickets.severity, query.severity));
  if (query.organizationId) conditions.push(eq(tickets.organizationId, query.organizationId));
  if (query.assigneeId === 'none') conditions.push(isNull(tickets.assigneeId));
  else if (query.assigneeId) conditions.push(eq(tickets.assigneeId, query.assigneeId));
  if (query.dueBefore) conditions.push(lte(tickets.responseDueAt, new Date(query.dueBefore)));
  if (query.breached === 'true') {
    conditions.push(
      or(
        isNotNull(tickets.slaBreachedAt),
        and(isNull(tickets.firstResponseAt), lte(tickets.responseDueAt, now)),
      ),
    );
  } else if (query.breached === 'false') {
    conditions.push(
      and(
        isNull(tickets.slaBreachedAt),
        or(isNotNull(tickets.firstResponseAt), gt(tickets.responseDueAt, now)),
      ),
    );
  }
  if (query.awaiting === 'true') conditions.push(awaitingSupport);
  else if (query.awaiting === 'false') conditions.push(not(awaitingSupport));
  const terms = query.q ? readSearch(query.q) : null;
  if (terms?.text) return searchTickets(ctx, actor, terms, query, and(...conditions) ?? sql`true`);
  const { band, key } = queueOrder(now);
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    conditions.push(
      sql`(${band}, ${key}, ${tickets.id}) > (${after.band}, ${after.key}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const data = await ctx.sla.load(ctx.db);
  const rows = await ctx.db
    .select({
      ticket: tickets,
      band,
      key: sql<string>`to_char((${key}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(tickets)
    .where(and(...conditions))
    .orderBy(band, key, asc(tickets.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ticketSummary(row.ticket, now, data, actor)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(Number(last.band), last.key, last.ticket.id) : null,
  };
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
  const [data, matches] = await Promise.all([
    ctx.sla.load(ctx.db),
    searchMatches(
      ctx,
      actor,
      terms,
      page.map(({ row }) => row.id),
    ),
  ]);
  const now = ctx.clock.now();
  const last = page.at(-1)?.position;
  return {
    items: page.map(({ row }) => ({ ...ticketSummary(row, now, data, actor), match: matches.get(row.id) })),
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

/** A ticket by the number the customer and support quote, as getTicket answers it. */
export async function getTicketByNumber(ctx: AppContext, actor: Actor, number: string) {
  const [row] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(eq(tickets.number, number.toUpperCase()));
  if (!row) throw new AppError('not_found', 'not_found');
  return getTicket(ctx, actor, row.id);
}

/** One ticket with its conversation, its SLA state explained, its links and, for support, its history. */
export async function getTicket(ctx: AppContext, actor: Actor, ticketId: string) {
  const ticket = await visibleTicket(ctx.db, actor, ticketId);
  const now = ctx.clock.now();
  const customer = actor.type === 'contact';
  const links = (condition: SQL) =>
    ctx.db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(condition);
  const [messages, files, children, parent, sessions, contact, instance, history, earlier, later] =
    await Promise.all([
      ctx.db
        .select()
        .from(ticketMessages)
        .where(
          customer
            ? and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.visibility, 'public'))
            : eq(ticketMessages.ticketId, ticket.id),
        )
        .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.sequence)),
      ctx.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id)),
      links(eq(tickets.splitFromId, ticket.id)),
      ticket.splitFromId ? links(eq(tickets.id, ticket.splitFromId)) : Promise.resolve([]),
      ctx.db
        .select()
        .from(remoteSessions)
        .where(eq(remoteSessions.ticketId, ticket.id))
        .orderBy(asc(remoteSessions.startedAt)),
      ctx.db
        .select({ id: contacts.id, name: contacts.name, email: contacts.email })
        .from(contacts)
        .where(eq(contacts.id, ticket.contactId)),
      ctx.db
        .select({ id: instances.id, name: instances.name, environment: instances.environment })
        .from(instances)
        .where(eq(instances.id, ticket.instanceId)),
      customer
        ? Promise.resolve([])
        : ctx.db
            .select()
            .from(auditEvents)
            .where(and(eq(auditEvents.entity, 'ticket'), eq(auditEvents.entityId, ticket.id)))
            .orderBy(desc(auditEvents.sequence)),
      ticket.followsUpId ? links(eq(tickets.id, ticket.followsUpId)) : Promise.resolve([]),
      links(eq(tickets.followsUpId, ticket.id)),
    ]);
  const data = await ctx.sla.load(ctx.db);
  return {
    ...ticketSummary(ticket, now, data, actor),
    description: ticket.description,
    contact: contact[0] ?? null,
    instance: instance[0] ?? null,
    sla: slaState(data, ticket, now),
    messages: messages.map((message) => ({
      id: message.id,
      authorType: message.authorType,
      authorId: message.authorId,
      authorName: message.authorName,
      visibility: message.visibility,
      kind: message.kind,
      body: message.body,
      channel: message.channel,
      createdAt: message.createdAt.toISOString(),
      attachments: files
        .filter((file) => file.messageId === message.id)
        .map((file) => ({
          id: file.id,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
        })),
    })),
    splitFrom: parent[0] ?? null,
    splitInto: children,
    followsUp: earlier[0] ?? null,
    followedUpBy: later,
    remoteSessions: sessions.map((session) => ({
      id: session.id,
      startedAt: session.startedAt.toISOString(),
      durationMinutes: session.durationMinutes,
      engineerId: session.engineerId,
      outcome: session.outcome,
      recommendations: session.recommendations,
    })),
    history: history.map((event) => ({
      at: event.at.toISOString(),
      actor: event.actorLabel,
      action: event.action,
      before: event.before as Record<string, unknown> | null,
      after: event.after as Record<string, unknown> | null,
    })),
  };
}

function slaState(data: SlaData, ticket: TicketRow, now: Date) {
  const policy = ticketPolicy(data, ticket);
  const explanation = explainResponseDeadline(
    data.calendar,
    policy,
    ticket.level,
    ticket.severity,
    ticket.registeredAt,
  );
  const countdown = ticket.firstResponseAt ? null : responseCountdown(ticket, now, data);
  return {
    dueAt: ticket.responseDueAt.toISOString(),
    clock: policy.response[ticket.level][ticket.severity].clock,
    respondedAt: iso(ticket.firstResponseAt),
    remainingMs: countdown?.remainingMs ?? null,
    used: countdown?.used ?? null,
    running: countdown?.running ?? false,
    breached: ticket.firstResponseAt
      ? ticket.firstResponseAt > ticket.responseDueAt
      : now >= ticket.responseDueAt,
    explanation,
  };
}

export async function listIntakeRejections(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(intakeRejections)
    .orderBy(desc(intakeRejections.at))
    .limit(query.limit);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { CustomerTicketSummary, SupportTicketSummary } from '../../contract/tickets.js';
import {
  attachments,
  auditEvents,
  contacts,
  instances,
  remoteSessions,
  ticketMessages,
  tickets,
} from '../../db/schema.js';
import { explainResponseDeadline } from '../../domain/sla/deadline.js';
import type { PolicyDuration } from '../../domain/sla/policy.js';
import { slaProgress } from '../../domain/sla/progress.js';
import { owedBySupport } from '../../domain/tickets/lifecycle.js';
import type { AppContext } from '../context.js';
import { satisfactionView, surveyOfTicket } from '../satisfaction/surveys.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import type { SlaData } from '../sla/slaData.js';
import { type ListedTicketRow, type TicketRow, ticketActionsFor, visibleTicket } from './access.js';
import { ticketPolicy } from './state.js';
import { tagsOfTickets } from './tags.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/**
 * A ticket as lists show it, in the reader's view: a contact's leaves out what is support's alone. Its
 * response countdown is null once support has responded, once support owes it nothing (resolved, closed,
 * merged) and on a request imported from another desk (it was not measured against this desk's SLA).
 */
export function ticketSummary(
  row: ListedTicketRow,
  now: Date,
  data: SlaData,
  reader: Actor,
): SupportTicketSummary | CustomerTicketSummary {
  // The support view is the shared fields and its own, added to the object just made rather than copied.
  return reader.type === 'contact'
    ? summaryIn('customer', row, now, data, reader)
    : Object.assign(summaryIn('support', row, now, data, reader), { assigneeId: row.assigneeId });
}

/** The fields both views share, under the view's name. */
function summaryIn<View extends 'customer' | 'support'>(
  view: View,
  row: ListedTicketRow,
  now: Date,
  data: SlaData,
  reader: Actor,
) {
  const owed = owedBySupport(row);
  return {
    view,
    id: row.id,
    number: row.number,
    version: row.version,
    organizationId: row.organizationId,
    contactId: row.contactId,
    requesterEmail: row.requesterEmail,
    instanceId: row.instanceId,
    level: row.level,
    severity: row.severity,
    status: row.status,
    category: row.category,
    outOfScope: row.outOfScope,
    channel: row.channel,
    subject: row.subject,
    registeredAt: row.registeredAt.toISOString(),
    responseDueAt: row.responseDueAt.toISOString(),
    firstResponseAt: iso(row.firstResponseAt),
    breached: responseBreached(row, now),
    autoCloseAt: iso(row.autoCloseAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason,
    splitFromId: row.splitFromId,
    mergedIntoId: row.mergedIntoId,
    policyVersion: row.policyVersion,
    importedFrom: row.importedFrom,
    externalReference: row.externalReference,
    countdown: owed && !row.firstResponseAt ? responseCountdown(row, now, data) : null,
    awaitingSupportSince: iso(row.awaitingSupportSince),
    followUp: owed ? followUpState(row, now, data) : null,
    allowedActions: ticketActionsFor(reader, row),
  };
}

/**
 * Whether the response deadline was missed: by the first response, or, with none, by the moment support
 * stopped owing one (a request resolved or closed unanswered is judged then, not again as time passes).
 */
function responseBreached(row: ListedTicketRow, now: Date): boolean {
  if (row.importedFrom !== null) return false;
  if (row.slaBreachedAt !== null) return true;
  if (row.firstResponseAt) return row.firstResponseAt > row.responseDueAt;
  const judgedAt = owedBySupport(row) ? now : (row.resolvedAt ?? row.closedAt ?? now);
  return judgedAt >= row.responseDueAt;
}

function responseCountdown(row: ListedTicketRow, now: Date, data: SlaData) {
  if (row.level === null) return null;
  const rule = ticketPolicy(data, row).response[row.level][row.severity];
  return countdown(data, rule, row.registeredAt, row.responseDueAt, now);
}

/** Support's reply to the customer's unanswered message, where the policy sets a follow-up target. */
function followUpState(row: ListedTicketRow, now: Date, data: SlaData) {
  if (row.level === null) return null;
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
  const [
    messages,
    files,
    children,
    parent,
    sessions,
    contact,
    instance,
    history,
    earlier,
    later,
    mergedFrom,
    mergedInto,
    tagged,
    survey,
  ] = await Promise.all([
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
    ticket.contactId
      ? ctx.db
          .select({ id: contacts.id, name: contacts.name, email: contacts.email })
          .from(contacts)
          .where(eq(contacts.id, ticket.contactId))
      : Promise.resolve([]),
    ticket.instanceId
      ? ctx.db
          .select({ id: instances.id, name: instances.name, environment: instances.environment })
          .from(instances)
          .where(eq(instances.id, ticket.instanceId))
      : Promise.resolve([]),
    customer
      ? Promise.resolve([])
      : ctx.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.entity, 'ticket'), eq(auditEvents.entityId, ticket.id)))
          .orderBy(desc(auditEvents.sequence)),
    ticket.followsUpId ? links(eq(tickets.id, ticket.followsUpId)) : Promise.resolve([]),
    links(eq(tickets.followsUpId, ticket.id)),
    links(eq(tickets.mergedIntoId, ticket.id)),
    ticket.mergedIntoId ? links(eq(tickets.id, ticket.mergedIntoId)) : Promise.resolve([]),
    customer ? Promise.resolve(new Map<string, never[]>()) : tagsOfTickets(ctx.db, [ticket.id]),
    surveyOfTicket(ctx.db, ticket.id),
  ]);
  const duplicates = new Map(mergedFrom.map((link) => [link.id, link]));
  const data = await ctx.sla.load(ctx.db);
  const attachmentsOf = (messageId: string | undefined) =>
    files
      .filter((file) => file.messageId === messageId)
      .map((file) => ({
        id: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
      }));
  // The files a request was filed with ride on a message that repeats the description: they are shown
  // with the description, and that message is not shown again in the conversation.
  const filedWith = messages.find((message) => message.kind === 'attachments');
  const conversation = messages.filter((message) => message !== filedWith);
  const detail = {
    description: ticket.description,
    contact: contact[0] ?? null,
    instance: instance[0] ?? null,
    sla: slaState(data, ticket, now),
    descriptionAttachments: attachmentsOf(filedWith?.id),
    messages: conversation.map((message) => ({
      id: message.id,
      authorType: message.authorType,
      authorId: message.authorId,
      authorName: message.authorName,
      visibility: message.visibility,
      kind: message.kind,
      body: message.body,
      channel: message.channel,
      createdAt: message.createdAt.toISOString(),
      mergedFrom: message.mergedFromId ? (duplicates.get(message.mergedFromId) ?? null) : null,
      attachments: attachmentsOf(message.id),
    })),
    splitFrom: parent[0] ?? null,
    splitInto: children,
    followsUp: earlier[0] ?? null,
    followedUpBy: later,
    mergedInto: mergedInto[0] ?? null,
    mergedFrom,
    remoteSessions: sessions.map((session) => ({
      id: session.id,
      startedAt: session.startedAt.toISOString(),
      durationMinutes: session.durationMinutes,
      engineerId: session.engineerId,
      outcome: session.outcome,
      recommendations: session.recommendations,
    })),
    satisfaction: survey ? satisfactionView(survey, actor) : null,
  };
  const summary = ticketSummary(ticket, now, data, actor);
  if (summary.view === 'customer') return { ...summary, ...detail };
  return {
    ...summary,
    ...detail,
    tags: tagged.get(ticket.id) ?? [],
    history: history.map((event) => ({
      at: event.at.toISOString(),
      actor: event.actorLabel,
      action: event.action,
      before: event.before as Record<string, unknown> | null,
      after: event.after as Record<string, unknown> | null,
    })),
  };
}

/** The response deadline explained; none on an imported request. */
function slaState(data: SlaData, ticket: TicketRow, now: Date) {
  const { level } = ticket;
  if (level === null) return null;
  const policy = ticketPolicy(data, ticket);
  const explanation = explainResponseDeadline(
    data.calendar,
    policy,
    level,
    ticket.severity,
    ticket.registeredAt,
  );
  const countdown =
    ticket.firstResponseAt || !owedBySupport(ticket) ? null : responseCountdown(ticket, now, data);
  return {
    dueAt: ticket.responseDueAt.toISOString(),
    clock: policy.response[level][ticket.severity].clock,
    respondedAt: iso(ticket.firstResponseAt),
    remainingMs: countdown?.remainingMs ?? null,
    used: countdown?.used ?? null,
    running: countdown?.running ?? false,
    breached: responseBreached(ticket, now),
    explanation,
  };
}

import { and, eq, gt, inArray } from 'drizzle-orm';
import type { SplitInput } from '../../contract/tickets.js';
import type { Queryable } from '../../db/database.js';
import { ticketMessages, tickets } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { type ResponseTimes, responseTimes } from '../../domain/sla/deadline.js';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/stream.js';
import { notify } from '../outbox/enqueue.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden } from '../shared/errors.js';
import { calendarGap } from '../sla/sla.js';
import { entitledTicket, isSupport, requireOperation, ticketForChange, visibleTicket } from './access.js';
import { auditTicket, postMessage, type TransitionContext, ticketPolicy } from './state.js';
import { ticketNumberSql } from './ticketNumbers.js';

/**
 * §4.1: one request describing several problems becomes several. Each new request keeps the original's
 * registration time, customer, contact, instance, level and policy, takes its own subject and severity
 * (and so its own deadline from the original registration), copies the chosen messages, and links back.
 */
export async function splitTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: SplitInput,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
  /** The caller sent an Idempotency-Key: its retries are answered by the key, not refused here. */
  keyed = false,
) {
  if (!isSupport(actor)) throw forbidden();
  const sla = await ctx.sla.load(ctx.db);
  const original = await visibleTicket(ctx.db, actor, ticketId);
  const year = Number(moscowDate(original.registeredAt).slice(0, 4));
  const number = await ticketNumberSql(ctx.db, year);
  return ctx.db.transaction(async (tx) => {
    const held = await ticketForChange(tx, actor, ticketId, seenVersion);
    requireOperation(actor, held, 'split');
    const ticket = entitledTicket(held);
    const context: TransitionContext = { db: tx, sla, actor, now: ctx.clock.now() };
    // Neither a version nor a key: a repeat of a fresh split is a double submission.
    if (seenVersion === undefined && !keyed) await refuseRepeatedSplit(tx, ticket.id, input, context.now);
    const policy = ticketPolicy(sla, ticket);
    const chosen = [...new Set(input.parts.flatMap((part) => part.messageIds))];
    const messages = chosen.length
      ? await tx
          .select()
          .from(ticketMessages)
          .where(and(eq(ticketMessages.ticketId, ticket.id), inArray(ticketMessages.id, chosen)))
      : [];
    const created = [];
    for (const [index, part] of input.parts.entries()) {
      const found = new Set(messages.map((message) => message.id));
      const missing = part.messageIds.findIndex((messageId) => !found.has(messageId));
      if (missing >= 0) {
        throw new AppError('invalid', 'message_unknown', `parts.${index}.messageIds.${missing}`, {
          value: part.messageIds[missing] ?? '',
        });
      }
      let times: ResponseTimes;
      try {
        times = responseTimes(sla.calendar, policy, ticket.level, part.severity, ticket.registeredAt);
      } catch (error) {
        throw calendarGap(error, `parts.${index}.severity`);
      }
      const { dueAt: responseDueAt, warnAt: responseWarnAt } = times;
      const [child] = await tx
        .insert(tickets)
        .values({
          number,
          organizationId: ticket.organizationId,
          contactId: ticket.contactId,
          instanceId: ticket.instanceId,
          certificateId: ticket.certificateId,
          level: ticket.level,
          policyVersion: ticket.policyVersion,
          channel: ticket.channel,
          category: ticket.category,
          subject: part.subject,
          description: part.description ?? ticket.description,
          severity: part.severity,
          status: ticket.status === 'new' ? 'new' : 'in_progress',
          assigneeId: ticket.assigneeId,
          registeredAt: ticket.registeredAt,
          responseDueAt,
          responseWarnAt,
          // A response the customer already had counts for every part of the request.
          firstResponseAt: ticket.firstResponseAt,
          // So does the customer's unanswered message: each part owes them the answer.
          awaitingSupportSince: ticket.awaitingSupportSince,
          followUpDueAt: ticket.followUpDueAt,
          followUpWarnAt: ticket.followUpWarnAt,
          splitFromId: ticket.id,
          createdAt: context.now,
          updatedAt: context.now,
        })
        .returning();
      if (!child) throw new Error('insert returned no row');
      const copies = messages.filter((message) => part.messageIds.includes(message.id));
      if (copies.length > 0) {
        await tx.insert(ticketMessages).values(
          // The intake key names the write that made the original message; a copy is not that write.
          copies.map(({ id: _id, sequence: _sequence, ...message }) => ({
            ...message,
            ticketId: child.id,
            intakeKey: null,
          })),
        );
      }
      await auditTicket(
        context,
        child,
        null,
        { splitFrom: ticket.number, severity: part.severity, responseDueAt: responseDueAt.toISOString() },
        'create',
      );
      await recordEvent(
        tx,
        context.now,
        actor,
        'ticket.created',
        { ticket: child },
        {
          description: child.description,
          splitFrom: { id: ticket.id, number: ticket.number },
        },
      );
      created.push(child);
    }
    await postMessage(context, ticket, {
      visibility: 'internal',
      kind: 'split',
      body: created.map((child) => `${child.number}: ${child.subject}`).join('\n'),
      channel: ticket.channel,
    });
    await auditTicket(context, ticket, null, { splitInto: created.map((child) => child.number) });
    const [split] = await tx.select().from(tickets).where(eq(tickets.id, ticket.id));
    await recordEvent(
      tx,
      context.now,
      actor,
      'ticket.split',
      { ticket: split ?? ticket },
      {
        into: created.map((child) => ({ id: child.id, number: child.number })),
      },
    );
    await notify(tx, context.now, {
      recipient: { type: 'contact', id: ticket.contactId },
      template: 'ticket_split',
      params: {
        number: ticket.number,
        parts: created.map((child) => child.number).join(', '),
        subject: ticket.subject,
      },
      ticketId: ticket.id,
    });
    return created;
  });
}

/** How long a split counts as just made: a second identical one within it is a double submission. */
export const FRESH_SPLIT_MS = 10 * 60_000;

/**
 * Two identical splits sent at once (a double click, a client's retry without a key) would split the
 * request twice. With the request's lock held, a split whose parts repeat those of one made within
 * `FRESH_SPLIT_MS` is refused, naming the requests the first made; a caller who means it sends the
 * version it saw.
 */
async function refuseRepeatedSplit(db: Queryable, ticketId: string, input: SplitInput, now: Date) {
  const recent = await db
    .select({ number: tickets.number, subject: tickets.subject, severity: tickets.severity })
    .from(tickets)
    .where(
      and(eq(tickets.splitFromId, ticketId), gt(tickets.createdAt, new Date(now.getTime() - FRESH_SPLIT_MS))),
    );
  const partsOf = (parts: { subject: string; severity: string }[]) =>
    parts.map((part) => `${part.severity}\u0000${part.subject}`).sort();
  const asked = partsOf(input.parts);
  const made = partsOf(recent);
  if (asked.every((part) => made.includes(part))) {
    const numbers = recent
      .filter((child) => asked.includes(partsOf([child])[0] as string))
      .map((child) => child.number);
    throw new AppError('conflict', 'split_repeated', 'parts', { numbers: numbers.join(', ') });
  }
}

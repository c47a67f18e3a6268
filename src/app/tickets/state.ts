import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { attachments, contacts, ticketMessages, tickets } from '../../db/schema.js';
import { CalendarRangeError } from '../../domain/calendar/intervalClock.js';
import type { WorkingCalendar } from '../../domain/calendar/workingCalendar.js';
import type { Language } from '../../domain/people.js';
import { inactivitySchedule } from '../../domain/sla/autoClose.js';
import { followUpTimes } from '../../domain/sla/deadline.js';
import { type PolicyVersion, policyInForce } from '../../domain/sla/policy.js';
import { awaitingSupportAfter } from '../../domain/tickets/awaitingSupport.js';
import { awaitsCustomer, type TicketAction, transition } from '../../domain/tickets/lifecycle.js';
import { recordAudit } from '../audit/audit.js';
import { recordEvent } from '../events/stream.js';
import { askForRating } from '../satisfaction/surveys.js';
import { type Actor, actorLabel } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { calendarGap } from '../sla/sla.js';
import type { SlaData } from '../sla/slaData.js';
import type { TicketRow } from './access.js';

export function ticketPolicy(
  data: SlaData,
  ticket: Pick<TicketRow, 'policyVersion' | 'registeredAt'>,
): PolicyVersion {
  return (
    data.policies.find((policy) => policy.id === ticket.policyVersion) ??
    policyInForce(data.policies, ticket.registeredAt)
  );
}

/** The fields the auto-close clock keeps, for a ticket entering or leaving the customer's hands. */
export function inactivityFields(
  calendar: WorkingCalendar,
  policy: PolicyVersion,
  waitingSince: Date | null,
): Pick<TicketRow, 'waitingSince' | 'nextReminderAt' | 'remindersSent' | 'autoCloseAt'> {
  if (!waitingSince) return { waitingSince: null, nextReminderAt: null, remindersSent: 0, autoCloseAt: null };
  try {
    const schedule = inactivitySchedule(
      calendar.clock(policy.autoClose.clock),
      policy,
      waitingSince.getTime(),
    );
    const [first] = schedule.reminderAt;
    return {
      waitingSince,
      nextReminderAt: first === undefined ? null : new Date(first),
      remindersSent: 0,
      autoCloseAt: new Date(schedule.closeAt),
    };
  } catch (error) {
    throw calendarGap(error, 'status');
  }
}

export interface TransitionContext {
  db: Queryable;
  sla: SlaData;
  actor: Actor;
  now: Date;
}

/**
 * Moves a ticket by an action of the lifecycle, refusing what the lifecycle does not allow, and
 * keeps the auto-close clock: it starts when the request passes to the customer and stops when it
 * comes back to support. Returns the updated row.
 */
export async function applyAction(
  context: TransitionContext,
  ticket: TicketRow,
  action: TicketAction,
  extra: Partial<TicketRow> = {},
): Promise<TicketRow> {
  const decision = transition(ticket.status, action);
  if (!decision.ok) {
    throw new AppError('conflict', decision.reason, 'status', { from: ticket.status, action });
  }
  const to = decision.to;
  const changes: Partial<TicketRow> = { ...extra, status: to, updatedAt: context.now };
  // An imported request waiting on its customer is never reminded nor closed by the desk.
  const startsWaiting =
    ticket.importedFrom === null &&
    awaitsCustomer(to) &&
    (!awaitsCustomer(ticket.status) || action === 'support_awaits_customer');
  if (startsWaiting) {
    Object.assign(
      changes,
      inactivityFields(context.sla.calendar, ticketPolicy(context.sla, ticket), context.now),
    );
  } else if (!awaitsCustomer(to)) {
    Object.assign(changes, inactivityFields(context.sla.calendar, ticketPolicy(context.sla, ticket), null));
  }
  if (to === 'resolved' && ticket.status !== 'resolved') changes.resolvedAt = context.now;
  if (to === 'closed') changes.closedAt = context.now;
  // Resolving or closing is support's last word: nothing awaits an answer until the customer writes again.
  if (to === 'resolved' || to === 'closed') Object.assign(changes, awaitingFields(context, ticket, null));
  const updated = await updateTicket(context, ticket.id, changes);
  if (to === 'resolved' && ticket.status !== 'resolved') await askForRating(context.db, context.now, updated);
  if (to !== ticket.status) {
    await auditTicket(context, updated, { status: ticket.status }, { status: to, action });
    await recordEvent(
      context.db,
      context.now,
      context.actor,
      'ticket.status_changed',
      { ticket: updated },
      {
        from: ticket.status,
        to,
        action,
      },
    );
    if (action === 'reopen') {
      await recordEvent(
        context.db,
        context.now,
        context.actor,
        'ticket.reopened',
        { ticket: updated },
        {
          from: ticket.status,
          reason: null,
        },
      );
    }
  }
  return updated;
}

/** Writes changes to a ticket the caller holds locked, and returns the row as it now stands. */
export async function updateTicket(
  context: Pick<TransitionContext, 'db' | 'now'>,
  ticketId: string,
  changes: Partial<TicketRow>,
): Promise<TicketRow> {
  const [updated] = await context.db
    .update(tickets)
    .set({ updatedAt: context.now, ...changes })
    .where(eq(tickets.id, ticketId))
    .returning();
  if (!updated) throw new Error('ticket vanished inside its own transaction');
  return updated;
}

export async function auditTicket(
  context: TransitionContext,
  ticket: Pick<TicketRow, 'id' | 'organizationId'>,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  action: 'create' | 'update' = 'update',
): Promise<void> {
  await recordAudit(context.db, context.actor, context.now, {
    entity: 'ticket',
    entityId: ticket.id,
    action,
    organizationId: ticket.organizationId,
    before,
    after,
  });
}

/** The language a contact reads: messages the desk writes to them are in it. */
export async function contactLanguageOf(db: Queryable, contactId: string | null): Promise<Language> {
  if (contactId === null) return 'ru';
  const [contact] = await db
    .select({ language: contacts.language })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  return contact?.language ?? 'ru';
}

export interface MessageDraft {
  visibility: 'public' | 'internal';
  kind: string;
  body: string;
  channel: TicketRow['channel'];
  attachmentIds?: readonly string[];
  /** The channel's name for the customer's message, so that taking it again adds nothing (see tickets). */
  intakeKey?: string;
}

/**
 * Adds a message to a ticket. The first public message by a support person (agent or partner
 * engineer) is the response the policy measures; the desk's own messages never are.
 */
export async function postMessage(
  context: TransitionContext,
  ticket: TicketRow,
  draft: MessageDraft,
): Promise<{ messageId: string; respondedNow: boolean }> {
  const { actor, now } = context;
  const [message] = await context.db
    .insert(ticketMessages)
    .values({
      ticketId: ticket.id,
      authorType: actor.type,
      authorId: actor.type === 'system' ? null : actor.id,
      authorName: actor.type === 'system' ? 'Supportdesk' : actor.name,
      visibility: draft.visibility,
      kind: draft.kind,
      body: draft.body,
      channel: draft.channel,
      intakeKey: draft.intakeKey ?? null,
      createdAt: now,
    })
    .returning({ id: ticketMessages.id });
  if (!message) throw new Error('insert returned no row');
  if (draft.attachmentIds && draft.attachmentIds.length > 0) {
    await claimAttachments(context, ticket.id, message.id, draft.attachmentIds);
  }
  const respondedNow =
    actor.type === 'agent' && draft.visibility === 'public' && ticket.firstResponseAt === null;
  const awaitingSince = awaitingSupportAfter(ticket.awaitingSupportSince, {
    author: actor.type,
    visibility: draft.visibility,
    at: now,
  });
  const changes: Partial<TicketRow> = {
    ...(awaitingSince?.getTime() !== ticket.awaitingSupportSince?.getTime()
      ? awaitingFields(context, ticket, awaitingSince)
      : {}),
    ...(respondedNow
      ? { firstResponseAt: now, responseClockMs: responseClockTime(context, ticket, now) }
      : {}),
  };
  if (Object.keys(changes).length > 0)
    await context.db.update(tickets).set(changes).where(eq(tickets.id, ticket.id));
  if (respondedNow) {
    await auditTicket(
      context,
      ticket,
      { firstResponseAt: null },
      { firstResponseAt: now.toISOString(), by: actorLabel(actor) },
    );
  }
  await recordEvent(
    context.db,
    now,
    actor,
    'ticket.message_added',
    { ticket },
    {
      messageId: message.id,
      kind: draft.kind,
      visibility: draft.visibility,
      channel: draft.channel,
      author: { type: actor.type, name: actor.type === 'system' ? 'Supportdesk' : actor.name },
      body: draft.body,
    },
  );
  return { messageId: message.id, respondedNow };
}

/**
 * The fields that say since when a request has awaited support and, where its policy sets a follow-up
 * target, when support's reply is due; before the first response its own deadline governs instead.
 */
function awaitingFields(
  context: TransitionContext,
  ticket: TicketRow,
  since: Date | null,
): Pick<
  TicketRow,
  'awaitingSupportSince' | 'followUpDueAt' | 'followUpWarnAt' | 'followUpWarnedAt' | 'followUpBreachedAt'
> {
  // An imported request has no level, so no follow-up target either.
  const { level } = ticket;
  const times =
    since && ticket.firstResponseAt !== null && level !== null
      ? withinCalendar(() =>
          followUpTimes(
            context.sla.calendar,
            ticketPolicy(context.sla, ticket),
            level,
            ticket.severity,
            since,
          ),
        )
      : null;
  return {
    awaitingSupportSince: since,
    followUpDueAt: times?.dueAt ?? null,
    followUpWarnAt: times?.warnAt ?? null,
    followUpWarnedAt: null,
    followUpBreachedAt: null,
  };
}

/** A figure counted on the calendar, or null when it falls in a year the calendar does not hold. */
function withinCalendar<T>(count: () => T): T | null {
  try {
    return count();
  } catch (error) {
    if (error instanceof CalendarRangeError) return null;
    throw error;
  }
}

/**
 * The time on the request's own clock from registration to its first response, for the SLA reports;
 * null when the response falls in a year the calendar does not hold (the reply itself goes through).
 */
function responseClockTime(context: TransitionContext, ticket: TicketRow, now: Date): number | null {
  // An imported request is not measured against this desk's SLA.
  if (ticket.level === null) return null;
  const rule = ticketPolicy(context.sla, ticket).response[ticket.level][ticket.severity];
  return withinCalendar(() =>
    context.sla.calendar
      .clock(rule.clock)
      .elapsed(ticket.registeredAt.getTime(), Math.max(now.getTime(), ticket.registeredAt.getTime())),
  );
}

/** Attaches uploaded files to a message; only their uploader may, and only once. */
async function claimAttachments(
  context: TransitionContext,
  ticketId: string,
  messageId: string,
  attachmentIds: readonly string[],
): Promise<void> {
  for (const [index, attachmentId] of attachmentIds.entries()) {
    const [row] = await context.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, attachmentId))
      .for('update');
    const mine =
      row &&
      row.messageId === null &&
      row.uploaderType === context.actor.type &&
      (context.actor.type === 'system' || row.uploaderId === context.actor.id);
    if (!mine)
      throw new AppError('invalid', 'attachment_unknown', `attachmentIds.${index}`, { value: attachmentId });
    await context.db.update(attachments).set({ ticketId, messageId }).where(eq(attachments.id, attachmentId));
  }
}

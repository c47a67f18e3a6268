import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { slaBreaches, tickets } from '../../db/schema.js';
import { inactivitySchedule } from '../../domain/sla/autoClose.js';
import { ACTIVE_STATUSES, AUTO_CLOSE_STATUSES } from '../../domain/tickets/lifecycle.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/stream.js';
import type { Actor } from '../shared/actor.js';
import { entitledTicket, measuredAgainstSla } from './access.js';
import { tellContact, tellSupport } from './notices.js';
import {
  applyAction,
  contactLanguageOf,
  postMessage,
  type TransitionContext,
  ticketPolicy,
} from './state.js';

const desk: Actor = { type: 'system', name: 'scheduler' };
const BATCH = 200;

/**
 * Each sweep claims its due tickets with FOR UPDATE SKIP LOCKED and changes them in the same
 * transaction that records the effect, so with several app instances every effect happens exactly
 * once: a ticket another instance holds is skipped, and a ticket already handled no longer matches.
 */
async function claimDue(context: TransitionContext, condition: SQL | undefined, order: AnyPgColumn) {
  return context.db
    .select()
    .from(tickets)
    .where(condition)
    .orderBy(asc(order))
    .limit(BATCH)
    .for('update', { skipLocked: true });
}

/**
 * Warns at 75% of the response window and at breach; a breach is recorded for the reports. A reply
 * to a customer's later message, where the policy sets a target for it, is watched the same way. What
 * is told is the state at the moment: a request found already past its deadline is told its breach
 * alone, never a warning as well.
 */
export async function runSlaWatch(ctx: AppContext): Promise<{ warned: number; breached: number }> {
  const sla = await ctx.sla.load(ctx.db);
  const now = ctx.clock.now();
  const open = inArray(tickets.status, [...ACTIVE_STATUSES]);
  const warned = await ctx.db.transaction(async (tx) => {
    const context: TransitionContext = { db: tx, sla, actor: desk, now };
    const due = await claimDue(
      context,
      and(
        open,
        measuredAgainstSla,
        isNull(tickets.firstResponseAt),
        isNull(tickets.slaWarnedAt),
        isNull(tickets.slaBreachedAt),
        lte(tickets.responseWarnAt, now),
        // Already past its deadline (a request registered late, a desk that was down): the breach says
        // it all, and a warning beside it would only double the noise.
        gt(tickets.responseDueAt, now),
      ),
      tickets.responseWarnAt,
    );
    for (const ticket of due) {
      await tx.update(tickets).set({ slaWarnedAt: now }).where(eq(tickets.id, ticket.id));
      await tellSupport(context, ticket, 'sla_warning', {
        responseDueAt: ticket.responseDueAt.toISOString(),
      });
      await recordEvent(
        tx,
        now,
        desk,
        'ticket.sla_warning',
        { ticket },
        {
          target: 'response',
          dueAt: ticket.responseDueAt.toISOString(),
        },
      );
    }
    return due.length;
  });
  const breached = await ctx.db.transaction(async (tx) => {
    const context: TransitionContext = { db: tx, sla, actor: desk, now };
    const due = await claimDue(
      context,
      and(
        open,
        measuredAgainstSla,
        isNull(tickets.firstResponseAt),
        isNull(tickets.slaBreachedAt),
        lte(tickets.responseDueAt, now),
      ),
      tickets.responseDueAt,
    );
    for (const ticket of due) {
      await tx.update(tickets).set({ slaBreachedAt: now }).where(eq(tickets.id, ticket.id));
      await tx
        .insert(slaBreaches)
        .values({
          ticketId: ticket.id,
          organizationId: ticket.organizationId,
          level: entitledTicket(ticket).level,
          severity: ticket.severity,
          dueAt: ticket.responseDueAt,
          recordedAt: now,
        })
        .onConflictDoNothing();
      await tellSupport(context, ticket, 'sla_breach', { responseDueAt: ticket.responseDueAt.toISOString() });
      await recordEvent(
        tx,
        now,
        desk,
        'ticket.sla_breached',
        { ticket },
        {
          target: 'response',
          dueAt: ticket.responseDueAt.toISOString(),
        },
      );
    }
    return due.length;
  });
  const followUp = await watchFollowUps(ctx, sla, now);
  return { warned: warned + followUp.warned, breached: breached + followUp.breached };
}

/** The follow-up targets' warning at 75% and their breach, each told to support once per message. */
async function watchFollowUps(ctx: AppContext, sla: TransitionContext['sla'], now: Date) {
  const open = inArray(tickets.status, [...ACTIVE_STATUSES]);
  const pass = (
    condition: SQL | undefined,
    order: AnyPgColumn,
    mark: Partial<typeof tickets.$inferInsert>,
    template: 'follow_up_warning' | 'follow_up_breach',
    event: 'ticket.sla_warning' | 'ticket.sla_breached',
  ) =>
    ctx.db.transaction(async (tx) => {
      const context: TransitionContext = { db: tx, sla, actor: desk, now };
      const due = await claimDue(context, and(open, condition), order);
      for (const ticket of due) {
        await tx.update(tickets).set(mark).where(eq(tickets.id, ticket.id));
        await tellSupport(context, ticket, template, {
          followUpDueAt: ticket.followUpDueAt?.toISOString() ?? null,
        });
        await recordEvent(
          tx,
          now,
          desk,
          event,
          { ticket },
          {
            target: 'follow_up',
            dueAt: ticket.followUpDueAt?.toISOString() ?? null,
          },
        );
      }
      return due.length;
    });
  const warned = await pass(
    and(
      isNull(tickets.followUpWarnedAt),
      isNull(tickets.followUpBreachedAt),
      lte(tickets.followUpWarnAt, now),
      gt(tickets.followUpDueAt, now),
    ),
    tickets.followUpWarnAt,
    { followUpWarnedAt: now },
    'follow_up_warning',
    'ticket.sla_warning',
  );
  const breached = await pass(
    and(isNull(tickets.followUpBreachedAt), lte(tickets.followUpDueAt, now)),
    tickets.followUpDueAt,
    { followUpBreachedAt: now },
    'follow_up_breach',
    'ticket.sla_breached',
  );
  return { warned, breached };
}

/**
 * §6.1: reminds a customer who does not answer after 7 and 12 working days and closes the request
 * after 14, counted from when it started waiting for them.
 */
export async function runAutoClose(ctx: AppContext): Promise<{ reminded: number; closed: number }> {
  const sla = await ctx.sla.load(ctx.db);
  const now = ctx.clock.now();
  const waiting = inArray(tickets.status, [...AUTO_CLOSE_STATUSES]);
  const closed = await ctx.db.transaction(async (tx) => {
    const context: TransitionContext = { db: tx, sla, actor: desk, now };
    const due = await claimDue(
      context,
      and(waiting, isNotNull(tickets.autoCloseAt), lte(tickets.autoCloseAt, now)),
      tickets.autoCloseAt,
    );
    for (const ticket of due) {
      const updated = await applyAction(context, ticket, 'close', { closeReason: 'auto' });
      const t = translator(await contactLanguageOf(tx, ticket.contactId));
      await postMessage(context, updated, {
        visibility: 'public',
        kind: 'auto_close',
        body: t('tickets.auto_close_message'),
        channel: ticket.channel,
      });
      await tellContact(context, ticket, 'ticket_auto_closed');
    }
    return due.length;
  });
  const reminded = await ctx.db.transaction(async (tx) => {
    const context: TransitionContext = { db: tx, sla, actor: desk, now };
    const due = await claimDue(
      context,
      and(waiting, isNotNull(tickets.nextReminderAt), lte(tickets.nextReminderAt, now)),
      tickets.nextReminderAt,
    );
    for (const ticket of due) {
      const policy = ticketPolicy(sla, ticket);
      const schedule = inactivitySchedule(
        sla.calendar.clock(policy.autoClose.clock),
        policy,
        (ticket.waitingSince ?? now).getTime(),
      );
      const sent = ticket.remindersSent + 1;
      const next = schedule.reminderAt[sent];
      await tx
        .update(tickets)
        .set({ remindersSent: sent, nextReminderAt: next === undefined ? null : new Date(next) })
        .where(eq(tickets.id, ticket.id));
      await tellContact(context, ticket, 'inactivity_reminder', {
        reminder: sent,
        autoCloseAt: ticket.autoCloseAt?.toISOString() ?? null,
      });
    }
    return due.length;
  });
  return { reminded, closed };
}

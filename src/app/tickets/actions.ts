import { and, eq } from 'drizzle-orm';
import type {
  AssignInput,
  CloseInput,
  InfoRequestInput,
  InstanceChangeInput,
  MessageInput,
  OutOfScopeInput,
  RemoteSessionInput,
  ResolutionInput,
  SeverityChangeInput,
} from '../../contract/tickets.js';
import { intakeFacts } from '../../db/repositories/entitlementRecords.js';
import { agents, partnerOrganizations, remoteSessions, ticketMessages } from '../../db/schema.js';
import type { Level } from '../../domain/entitlement/entitlement.js';
import { decideEntitlement } from '../../domain/entitlement/entitlement.js';
import { type ResponseTimes, responseTimes } from '../../domain/sla/deadline.js';
import type { Channel, Severity } from '../../domain/sla/policy.js';
import { translator } from '../../i18n/translator.js';
import { type Actor, actorLabel } from '../actor.js';
import type { AppContext } from '../context.js';
import { AppError, forbidden } from '../errors.js';
import { notify } from '../outbox/enqueue.js';
import { calendarGap } from '../sla.js';
import { isSupport, requireOperation, type TicketRow, ticketForChange } from './access.js';
import { tellContact, tellSupport } from './notices.js';
import {
  applyAction,
  auditTicket,
  contactLanguageOf,
  postMessage,
  type TransitionContext,
  ticketPolicy,
  updateTicket,
} from './state.js';

/**
 * Runs a ticket action in one transaction with the ticket row locked, so concurrent actions take turns;
 * an action made on a version the ticket has moved on from (`seenVersion`) answers 409 ticket_changed.
 */
async function withTicket<T>(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  work: (context: TransitionContext, ticket: TicketRow) => Promise<T>,
  seenVersion?: number,
): Promise<T> {
  const sla = await ctx.sla.load(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const ticket = await ticketForChange(tx, actor, ticketId, seenVersion);
    return work({ db: tx, sla, actor, now: ctx.clock.now() }, ticket);
  });
}

function requireSupport(actor: Actor): void {
  if (!isSupport(actor)) throw forbidden();
}

/** A public reply or an internal note by support, or a message from the customer. */
export async function addTicketMessage(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: MessageInput,
  channel: Channel,
  /** The channel's name for a customer's message (see RequestIntake.intakeKey). */
  intakeKey?: string,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
) {
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      if (actor.type === 'contact') {
        if (input.visibility === 'internal' || input.awaitCustomer) throw forbidden();
        if (intakeKey) {
          const [earlier] = await context.db
            .select({ id: ticketMessages.id })
            .from(ticketMessages)
            .where(eq(ticketMessages.intakeKey, intakeKey));
          if (earlier) return { messageId: earlier.id, respondedNow: false, status: ticket.status };
        }
        const updated = await applyAction(context, ticket, 'customer_message');
        const posted = await postMessage(context, updated, {
          visibility: 'public',
          kind: 'customer',
          body: input.body,
          channel,
          attachmentIds: input.attachmentIds,
          ...(intakeKey ? { intakeKey } : {}),
        });
        await tellSupport(context, updated, 'customer_message');
        return { ...posted, status: updated.status };
      }
      requireSupport(actor);
      const action =
        input.visibility === 'internal'
          ? 'internal_note'
          : input.awaitCustomer
            ? 'support_awaits_customer'
            : 'support_reply';
      const updated = await applyAction(context, ticket, action);
      const posted = await postMessage(context, updated, {
        visibility: input.visibility,
        kind: input.visibility === 'internal' ? 'note' : 'reply',
        body: input.body,
        channel,
        attachmentIds: input.attachmentIds,
      });
      if (input.visibility === 'public')
        await tellContact(context, updated, 'ticket_reply', { body: input.body });
      return { ...posted, status: updated.status };
    },
    seenVersion,
  );
}

/**
 * The response deadline of a request whose level or severity changed, counted again from its original
 * registration (§5.2), unless support has already responded: then it stands.
 */
function deadlineChanges(
  context: TransitionContext,
  ticket: TicketRow,
  level: Level,
  severity: Severity,
  field: string,
): Partial<TicketRow> {
  if (ticket.firstResponseAt !== null) return {};
  let times: ResponseTimes;
  try {
    times = responseTimes(
      context.sla.calendar,
      ticketPolicy(context.sla, ticket),
      level,
      severity,
      ticket.registeredAt,
    );
  } catch (error) {
    throw calendarGap(error, field);
  }
  const { dueAt: responseDueAt, warnAt: responseWarnAt } = times;
  return {
    responseDueAt,
    responseWarnAt,
    // The watch re-arms for a deadline that moved into the future; a breach already recorded stays recorded.
    ...(responseWarnAt > context.now ? { slaWarnedAt: null } : {}),
    ...(responseDueAt > context.now ? { slaBreachedAt: null } : {}),
  };
}

/**
 * Support names the instance a request is about (a mail that named none, or named the wrong one). The
 * instance must be entitled for the request's contact on the day it was registered; the level is then
 * that of its certificate, and the deadline follows.
 */
export async function changeTicketInstance(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: InstanceChangeInput,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      requireOperation(actor, ticket, 'changeInstance');
      if (ticket.instanceId === input.instanceId) return ticket;
      const facts = await intakeFacts(context.db, input.instanceId, ticket.contactId);
      if (!facts || facts.instance.organizationId !== ticket.organizationId) {
        throw new AppError('invalid', 'instance_unknown', 'instanceId', { value: input.instanceId });
      }
      const decision = decideEntitlement({
        contact: facts.contact,
        instance: facts.instance,
        certificates: facts.certificates,
        licenses: facts.licenses,
        at: ticket.registeredAt,
      });
      if (!decision.ok) throw new AppError('conflict', decision.reason, 'instanceId');
      const updated = await updateTicket(context, ticket.id, {
        instanceId: facts.instance.id,
        certificateId: decision.certificate.id,
        level: decision.level,
        ...deadlineChanges(context, ticket, decision.level, ticket.severity, 'instanceId'),
      });
      await auditTicket(
        context,
        ticket,
        {
          instanceId: ticket.instanceId,
          level: ticket.level,
          responseDueAt: ticket.responseDueAt.toISOString(),
        },
        {
          instanceId: updated.instanceId,
          level: updated.level,
          responseDueAt: updated.responseDueAt.toISOString(),
        },
      );
      await tellContact(context, updated, 'instance_changed', {
        instance: facts.instance.name,
        level: updated.level,
        responseDueAt: updated.responseDueAt.toISOString(),
      });
      return updated;
    },
    seenVersion,
  );
}

/** §5.2: support changes the severity; the deadline follows from the original registration unless already met. */
export async function changeTicketSeverity(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: SeverityChangeInput,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      requireOperation(actor, ticket, 'changeSeverity');
      if (ticket.severity === input.severity) return ticket;
      const updated = await updateTicket(context, ticket.id, {
        severity: input.severity,
        ...deadlineChanges(context, ticket, ticket.level, input.severity, 'severity'),
      });
      await auditTicket(
        context,
        ticket,
        { severity: ticket.severity, responseDueAt: ticket.responseDueAt.toISOString() },
        {
          severity: input.severity,
          responseDueAt: updated.responseDueAt.toISOString(),
          reason: input.reason,
          by: actorLabel(actor),
        },
      );
      await postMessage(context, updated, {
        visibility: 'internal',
        kind: 'severity_change',
        body: severityChangeNote(actor, ticket.severity, input.severity, input.reason),
        channel: ticket.channel,
      });
      await tellContact(context, updated, 'severity_changed', {
        from: ticket.severity,
        to: input.severity,
        responseDueAt: updated.responseDueAt.toISOString(),
      });
      return updated;
    },
    seenVersion,
  );
}

/** The note support reads in the timeline, with the severities named as people name them. */
function severityChangeNote(actor: Actor, from: Severity, to: Severity, reason: string): string {
  const t = translator(actor.type === 'system' ? 'ru' : actor.language);
  return t('tickets.severity_change_note', {
    from: t(`severities.${from}`),
    to: t(`severities.${to}`),
    reason,
  });
}

/** §4.5: support asks for the software, hardware and network configuration, with a checklist. */
export async function requestTicketInfo(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: InfoRequestInput,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      const t = translator(await contactLanguageOf(context.db, ticket.contactId));
      const body = [input.body, t('tickets.info_request_checklist')].filter(Boolean).join('\n\n');
      const updated = await applyAction(context, ticket, 'support_awaits_customer');
      await postMessage(context, updated, {
        visibility: 'public',
        kind: 'info_request',
        body,
        channel: ticket.channel,
      });
      await tellContact(context, updated, 'info_requested', { body });
      return updated;
    },
    seenVersion,
  );
}

export async function resolveTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: ResolutionInput,
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      const updated = await applyAction(context, ticket, 'resolve');
      await postMessage(context, updated, {
        visibility: 'public',
        kind: 'resolution',
        body: input.body,
        channel: ticket.channel,
      });
      await tellContact(context, updated, 'ticket_resolved', { body: input.body });
      return updated;
    },
    seenVersion,
  );
}

/** Support closes a request, or the customer confirms it is done. */
export async function closeTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: CloseInput,
  seenVersion?: number,
) {
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      const closeReason = actor.type === 'contact' ? 'customer' : 'support';
      const updated = await applyAction(context, ticket, 'close', { closeReason });
      if (input.reason) {
        await postMessage(context, updated, {
          visibility: actor.type === 'contact' ? 'public' : 'internal',
          kind: 'close',
          body: input.reason,
          channel: ticket.channel,
        });
      }
      if (actor.type === 'contact') await tellSupport(context, updated, 'ticket_closed');
      else await tellContact(context, updated, 'ticket_closed');
      return updated;
    },
    seenVersion,
  );
}

/** The customer (or support) reopens a resolved request while the auto-close window runs. */
export async function reopenTicket(ctx: AppContext, actor: Actor, ticketId: string, seenVersion?: number) {
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      const updated = await applyAction(context, ticket, 'reopen');
      if (actor.type === 'contact') await tellSupport(context, updated, 'ticket_reopened');
      return updated;
    },
    seenVersion,
  );
}

export async function assignTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: AssignInput,
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      requireOperation(actor, ticket, 'assign');
      if (input.assigneeId) {
        const [assignee] = await context.db.select().from(agents).where(eq(agents.id, input.assigneeId));
        if (!assignee?.active)
          throw new AppError('invalid', 'assignee_unknown', 'assigneeId', { value: input.assigneeId });
        if (assignee.role === 'partner') {
          const [link] = await context.db
            .select()
            .from(partnerOrganizations)
            .where(
              and(
                eq(partnerOrganizations.agentId, assignee.id),
                eq(partnerOrganizations.organizationId, ticket.organizationId),
              ),
            );
          if (!link) {
            throw new AppError('invalid', 'assignee_not_for_organization', 'assigneeId', {
              value: input.assigneeId,
            });
          }
        }
      }
      const updated =
        input.assigneeId && ticket.status === 'new'
          ? await applyAction(context, ticket, 'take', { assigneeId: input.assigneeId })
          : await updateTicket(context, ticket.id, { assigneeId: input.assigneeId });
      await auditTicket(context, ticket, { assigneeId: ticket.assigneeId }, { assigneeId: input.assigneeId });
      if (input.assigneeId && !(actor.type === 'agent' && actor.id === input.assigneeId)) {
        await notify(context.db, context.now, {
          recipient: { type: 'agent', id: input.assigneeId },
          template: 'ticket_assigned',
          params: { number: ticket.number, subject: ticket.subject },
          ticketId: ticket.id,
        });
      }
      return updated;
    },
    seenVersion,
  );
}

/** §3.10: a remote diagnostic session, for Extended requests only; its recommendations go to the customer. */
export async function createRemoteSession(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: RemoteSessionInput,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      requireOperation(actor, ticket, 'logRemoteSession');
      const engineerId = input.engineerId ?? (actor.type === 'agent' ? actor.id : undefined);
      if (!engineerId) throw new AppError('invalid', 'assignee_unknown', 'engineerId', { value: '' });
      const [engineer] = await context.db.select().from(agents).where(eq(agents.id, engineerId));
      if (!engineer?.active)
        throw new AppError('invalid', 'assignee_unknown', 'engineerId', { value: engineerId });
      const [session] = await context.db
        .insert(remoteSessions)
        .values({
          ticketId: ticket.id,
          startedAt: new Date(input.startedAt),
          durationMinutes: input.durationMinutes,
          engineerId,
          outcome: input.outcome,
          recommendations: input.recommendations,
          createdAt: context.now,
        })
        .returning();
      if (!session) throw new Error('insert returned no row');
      await auditTicket(context, ticket, null, {
        remoteSession: session.id,
        engineer: engineer.email,
        durationMinutes: input.durationMinutes,
      });
      const t = translator(await contactLanguageOf(context.db, ticket.contactId));
      const updated = ticket.status === 'new' ? await applyAction(context, ticket, 'support_reply') : ticket;
      await postMessage(context, updated, {
        visibility: 'public',
        kind: 'remote_session',
        body: t('tickets.remote_session_message', {
          outcome: input.outcome,
          recommendations: input.recommendations,
        }),
        channel: ticket.channel,
      });
      await tellContact(context, updated, 'remote_session');
      return {
        ...session,
        startedAt: session.startedAt.toISOString(),
        createdAt: session.createdAt.toISOString(),
      };
    },
    seenVersion,
  );
}

/** §4.2, §4.4: a consultation beyond installation and configuration is outside support; the customer is told why. */
export async function markOutOfScope(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: OutOfScopeInput,
  /** The version of the request the caller saw (If-Match); a newer one answers 409. */
  seenVersion?: number,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      requireOperation(actor, ticket, 'markOutOfScope');
      const t = translator(await contactLanguageOf(context.db, ticket.contactId));
      const body = [t('tickets.out_of_scope_explanation'), input.note].filter(Boolean).join('\n\n');
      const resolved = await applyAction(context, ticket, 'resolve', { outOfScope: true });
      await postMessage(context, resolved, {
        visibility: 'public',
        kind: 'out_of_scope',
        body,
        channel: ticket.channel,
      });
      await tellContact(context, resolved, 'ticket_out_of_scope');
      return resolved;
    },
    seenVersion,
  );
}

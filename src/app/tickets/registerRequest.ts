import {
  type ContactRow,
  entitlementFacts,
  findContact,
  findInstance,
} from '../../db/repositories/entitlementRecords.js';
import { intakeRejections, tickets } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { decideEntitlement, type EntitlementRefusal } from '../../domain/entitlement/entitlement.js';
import { responseWarningAt } from '../../domain/sla/autoClose.js';
import { type Channel, durationMs, policyInForce, type Severity } from '../../domain/sla/policy.js';
import type { Category } from '../../domain/tickets/lifecycle.js';
import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import type { TicketInput } from '../inputs.js';
import { notify } from '../outbox.js';
import { calendarGap } from '../sla.js';
import { auditTicket, postMessage, type TransitionContext } from './state.js';
import { ticketNumberSql } from './ticketNumbers.js';

export interface RequestIntake {
  channel: Channel;
  /** The contact filing it; null when the sender is not known as one (an unknown e-mail address). */
  contactId: string | null;
  /** What identified the sender on the channel (e-mail address, Telegram user), for the intake log. */
  sender?: string | null;
  instanceId: string;
  severity: Severity;
  category: Category;
  subject: string;
  description: string;
  attachmentIds: readonly string[];
  /** When the request reached the vendor: server receipt, mailbox arrival, Telegram's message date. */
  receivedAt: Date;
}

/** Refused at the door: the reason the contact is told, in a stable code. */
export class IntakeRefused extends AppError {
  constructor(
    readonly reason: EntitlementRefusal,
    readonly rejectionId: string,
  ) {
    super('forbidden', reason);
  }
}

/**
 * The one entry for every channel: checks the entitlement, fixes the level, the policy version and
 * the response deadline, numbers the request and acknowledges it through the outbox. A refused
 * attempt is kept in the intake log and its reason sent to the contact, then refused to the caller.
 */
export async function registerRequest(ctx: AppContext, actor: Actor, intake: RequestIntake) {
  const data = await ctx.sla.load(ctx.db);
  const now = ctx.clock.now();
  const [instance, contact] = await Promise.all([
    findInstance(ctx.db, intake.instanceId),
    intake.contactId ? findContact(ctx.db, intake.contactId) : Promise.resolve(undefined),
  ]);
  if (!instance)
    throw new AppError('invalid', 'instance_unknown', 'instanceId', { value: intake.instanceId });
  if (actor.type === 'contact' && instance.organizationId !== actor.organizationId) {
    throw new AppError('invalid', 'instance_unknown', 'instanceId', { value: intake.instanceId });
  }
  if (intake.contactId && !contact && actor.type !== 'system') throw notFound();
  const facts = await entitlementFacts(ctx.db, instance.organizationId);
  const decision = decideEntitlement({ contact: contact ?? null, instance, ...facts, at: intake.receivedAt });
  if (!decision.ok)
    throw await rejectIntake(ctx, intake, contact, instance.organizationId, decision.reason, now);
  if (!contact) throw new Error('an entitlement was granted without a contact');

  const policy = policyInForce(data.policies, intake.receivedAt);
  const rule = policy.response[decision.level][intake.severity];
  const clock = data.calendar.clock(rule.clock);
  let responseDueAt: Date;
  let responseWarnAt: Date;
  try {
    const window = durationMs(policy, rule);
    responseDueAt = new Date(clock.deadline(intake.receivedAt.getTime(), window));
    responseWarnAt = new Date(responseWarningAt(clock, intake.receivedAt.getTime(), window));
  } catch (error) {
    throw calendarGap(error, 'receivedAt');
  }
  const number = await ticketNumberSql(ctx.db, Number(moscowDate(intake.receivedAt).slice(0, 4)));

  return ctx.db.transaction(async (tx) => {
    const [ticket] = await tx
      .insert(tickets)
      .values({
        number,
        organizationId: instance.organizationId,
        contactId: contact.id,
        instanceId: instance.id,
        certificateId: decision.certificate.id,
        level: decision.level,
        policyVersion: policy.id,
        channel: intake.channel,
        category: intake.category,
        subject: intake.subject,
        description: intake.description,
        severity: intake.severity,
        registeredAt: intake.receivedAt,
        responseDueAt,
        responseWarnAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!ticket) throw new Error('insert returned no row');
    const context: TransitionContext = { db: tx, sla: data, actor, now };
    await auditTicket(
      context,
      ticket,
      null,
      {
        number: ticket.number,
        level: decision.level,
        severity: intake.severity,
        policyVersion: policy.id,
        responseDueAt: responseDueAt.toISOString(),
        channel: intake.channel,
        contactId: contact.id,
      },
      'create',
    );
    if (intake.attachmentIds.length > 0) {
      await postMessage(context, ticket, {
        visibility: 'public',
        kind: 'attachments',
        body: intake.description,
        channel: intake.channel,
        attachmentIds: intake.attachmentIds,
      });
    }
    await notify(tx, now, {
      recipient: { type: 'contact', id: contact.id },
      template: 'ticket_acknowledged',
      params: {
        number: ticket.number,
        level: decision.level,
        responseDueAt: responseDueAt.toISOString(),
        subject: intake.subject,
      },
      ticketId: ticket.id,
    });
    return ticket;
  });
}

async function rejectIntake(
  ctx: AppContext,
  intake: RequestIntake,
  contact: ContactRow | undefined,
  organizationId: string,
  reason: EntitlementRefusal,
  now: Date,
): Promise<IntakeRefused> {
  const rejectionId = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(intakeRejections)
      .values({
        at: now,
        channel: intake.channel,
        reason,
        contactId: contact?.id ?? null,
        sender: intake.sender ?? contact?.email ?? null,
        organizationId: contact?.organizationId ?? organizationId,
        instanceId: intake.instanceId,
        severity: intake.severity,
        subject: intake.subject,
        description: intake.description,
      })
      .returning({ id: intakeRejections.id });
    if (contact) {
      await notify(tx, now, {
        recipient: { type: 'contact', id: contact.id },
        template: 'ticket_refused',
        params: { reason, subject: intake.subject },
        ticketId: null,
      });
    }
    return row?.id ?? '';
  });
  return new IntakeRefused(reason, rejectionId);
}

/**
 * createTicket over the API and the portal: a contact files for itself; support files on a
 * contact's behalf and names the contact. The request is registered at the time the server got it.
 */
export async function createTicket(ctx: AppContext, actor: Actor, input: TicketInput, channel: Channel) {
  let contactId: string;
  if (actor.type === 'contact') {
    if (input.contactId && input.contactId !== actor.id) throw notFound();
    contactId = actor.id;
  } else {
    if (!input.contactId) throw new AppError('invalid', 'contact_identity_required', 'contactId');
    contactId = input.contactId;
  }
  return registerRequest(ctx, actor, {
    channel,
    contactId,
    instanceId: input.instanceId,
    severity: input.severity,
    category: input.category,
    subject: input.subject,
    description: input.description,
    attachmentIds: input.attachmentIds,
    receivedAt: ctx.clock.now(),
  });
}

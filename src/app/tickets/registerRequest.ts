import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { PhoneRequestInput, TicketInput } from '../../contract/tickets.js';
import type { Queryable } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';
import { type ContactRow, intakeFacts } from '../../db/repositories/entitlementRecords.js';
import { intakeRejections, tickets } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { decideEntitlement, type EntitlementRefusal } from '../../domain/entitlement/entitlement.js';
import { type ResponseTimes, responseTimes } from '../../domain/sla/deadline.js';
import { type Channel, policyInForce, type Severity } from '../../domain/sla/policy.js';
import type { Category } from '../../domain/tickets/lifecycle.js';
import { phoneCallRefusal } from '../../domain/tickets/phoneIntake.js';
import { auditRecord } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { requireVisibleOrganization } from '../customers/organizationAccess.js';
import { noticeEntries, notify } from '../outbox/enqueue.js';
import type { NotificationPayload } from '../outbox/topics.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { calendarGap } from '../sla/sla.js';
import { entitledTicket } from './access.js';
import { postMessage } from './state.js';
import { type NewTicket, storeRequest } from './storeRequest.js';
import { ensureSequence } from './ticketNumbers.js';

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
  /**
   * The instances the request may be about when the channel could not tell (a mail naming none, from a
   * customer with several): the acknowledgement asks which one.
   */
  instanceChoices?: readonly string[];
  /**
   * What the channel knows the message by (`mail:<Message-ID>`, `telegram:<update>`): registering the
   * same message again, after a failure half-way, answers the request it made the first time.
   */
  intakeKey?: string;
  /** The closed request the customer wrote to again; the new one continues it. */
  followsUpId?: string;
}

/** Why a request is refused at the door: the entitlement's reasons, and a mail whose sender is not proven. */
export type IntakeRefusalReason = EntitlementRefusal | 'sender_not_verified';

/** Refused at the door: the reason the contact is told, in a stable code. */
export class IntakeRefused extends AppError {
  constructor(
    readonly reason: IntakeRefusalReason,
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
  const earlier = intake.intakeKey ? await filedEarlier(ctx, intake, intake.intakeKey) : undefined;
  if (earlier) return earlier;
  const data = await ctx.sla.load(ctx.db);
  const now = ctx.clock.now();
  const facts = await intakeFacts(ctx.db, intake.instanceId, intake.contactId);
  const instance = facts?.instance;
  if (!instance)
    throw new AppError('invalid', 'instance_unknown', 'instanceId', { value: intake.instanceId });
  if (actor.type === 'contact' && instance.organizationId !== actor.organizationId) {
    // Kept in the intake log like every refusal, but answered (and not told) as an unknown instance:
    // the contact must not learn that another organization's instance exists.
    await rejectIntake(
      ctx,
      intake,
      facts.contact ?? undefined,
      actor.organizationId,
      'instance_not_of_contact_org',
      now,
      {
        tellContact: false,
      },
    );
    throw new AppError('invalid', 'instance_unknown', 'instanceId', { value: intake.instanceId });
  }
  // A partner engineer files only for the organizations assigned to them (§2.6).
  if (actor.type === 'agent') await requireVisibleOrganization(ctx.db, actor, instance.organizationId);
  const contact = facts.contact ?? undefined;
  if (intake.contactId && !contact && actor.type !== 'system') throw notFound();
  const decision = decideEntitlement({
    contact: contact ?? null,
    instance,
    certificates: facts.certificates,
    licenses: facts.licenses,
    at: intake.receivedAt,
  });
  if (!decision.ok)
    throw await rejectIntake(ctx, intake, contact, instance.organizationId, decision.reason, now);
  if (!contact) throw new Error('an entitlement was granted without a contact');

  const policy = policyInForce(data.policies, intake.receivedAt);
  let times: ResponseTimes;
  try {
    times = responseTimes(data.calendar, policy, decision.level, intake.severity, intake.receivedAt);
  } catch (error) {
    throw calendarGap(error, 'receivedAt');
  }
  const { dueAt: responseDueAt, warnAt: responseWarnAt } = times;
  const year = Number(moscowDate(intake.receivedAt).slice(0, 4));
  const sequence = await ensureSequence(ctx.db, year);
  const values: NewTicket = {
    id: randomUUID(),
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
    // The description is the customer's first message: support owes the answer from registration on.
    awaitingSupportSince: intake.receivedAt,
    intakeKey: intake.intakeKey ?? null,
    followsUpId: intake.followsUpId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditRecord(actor, now, {
    entity: 'ticket',
    entityId: values.id,
    action: 'create',
    organizationId: values.organizationId,
    before: null,
    after: {
      level: values.level,
      severity: values.severity,
      policyVersion: values.policyVersion,
      responseDueAt: responseDueAt.toISOString(),
      channel: values.channel,
      contactId: values.contactId,
      // A phoned-in request is registered at the call, which the agent states: both times are kept.
      ...(values.channel === 'phone'
        ? { calledAt: intake.receivedAt.toISOString(), recordedAt: now.toISOString() }
        : {}),
    },
  });
  const acknowledgement = noticeEntries(now, {
    recipient: { type: 'contact', id: contact.id },
    template: 'ticket_acknowledged',
    params: {
      level: decision.level,
      responseDueAt: responseDueAt.toISOString(),
      subject: intake.subject,
      ...(intake.instanceChoices?.length ? { instances: intake.instanceChoices.join(', ') } : {}),
    },
    ticketId: values.id,
  } satisfies NotificationPayload);
  const store = async (db: Queryable) => {
    const [ticket] = await storeRequest(db, {
      ticket: values,
      actor,
      audit,
      acknowledgement,
      now,
      year,
      sequence,
    });
    if (!ticket) throw new Error('insert returned no row');
    return entitledTicket(ticket);
  };
  try {
    if (intake.attachmentIds.length === 0) return await store(ctx.db);
    return await ctx.db.transaction(async (tx) => {
      const ticket = await store(tx);
      await postMessage({ db: tx, sla: data, actor, now }, ticket, {
        visibility: 'public',
        kind: 'attachments',
        body: intake.description,
        channel: intake.channel,
        attachmentIds: intake.attachmentIds,
      });
      return ticket;
    });
  } catch (error) {
    // The same write arrived twice at once (a client's retry overtaking its first attempt): the
    // copy stored first is the answer to both.
    const racing =
      intake.intakeKey && violatedUniqueConstraint(error) === 'tickets_intake_key_unique'
        ? await filedEarlier(ctx, intake, intake.intakeKey)
        : undefined;
    if (racing) return racing;
    throw error;
  }
}

/**
 * The request an intake key already filed, if any. A key is one write: the same key with another
 * request (another subject, instance or contact) is a client's mistake, refused rather than
 * answered with a request the caller did not mean.
 */
async function filedEarlier(ctx: AppContext, intake: RequestIntake, intakeKey: string) {
  const [earlier] = await ctx.db.select().from(tickets).where(eq(tickets.intakeKey, intakeKey));
  if (!earlier) return undefined;
  const same =
    earlier.subject === intake.subject &&
    earlier.instanceId === intake.instanceId &&
    earlier.severity === intake.severity &&
    (!intake.contactId || earlier.contactId === intake.contactId);
  if (!same) throw new AppError('conflict', 'idempotency_key_reused');
  return entitledTicket(earlier);
}

/** What the intake log keeps of a refused attempt; a channel may not have got as far as an instance. */
export type RefusedIntake = Pick<
  RequestIntake,
  'channel' | 'sender' | 'severity' | 'subject' | 'description'
> & {
  instanceId: string | null;
};

/** Keeps a refused attempt in the intake log and tells the contact, if known, why. */
export async function rejectIntake(
  ctx: AppContext,
  intake: RefusedIntake,
  contact: ContactRow | undefined,
  organizationId: string | null,
  reason: IntakeRefusalReason,
  now: Date,
  options: { tellContact: boolean } = { tellContact: true },
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
    if (contact && options.tellContact) {
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
export async function createTicket(
  ctx: AppContext,
  actor: Actor,
  input: TicketInput,
  channel: Channel,
  /** The caller's name for this write (Idempotency-Key): a retry answers the request filed first. */
  intakeKey?: string,
) {
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
    ...(intakeKey ? { intakeKey } : {}),
  });
}

/**
 * A request for a contact who phoned, registered by support at the time the call came (as the agent
 * states it, within the day), with the entitlement checked as of that moment; the audit names both times.
 */
export async function registerPhoneRequest(ctx: AppContext, actor: Actor, input: PhoneRequestInput) {
  if (actor.type !== 'agent') throw forbidden();
  const calledAt = new Date(input.calledAt);
  const refusal = phoneCallRefusal(calledAt, ctx.clock.now());
  if (refusal) throw new AppError('invalid', refusal, 'calledAt', { value: input.calledAt });
  return registerRequest(ctx, actor, {
    channel: 'phone',
    contactId: input.contactId,
    instanceId: input.instanceId,
    severity: input.severity,
    category: input.category,
    subject: input.subject,
    description: input.description,
    attachmentIds: [],
    receivedAt: calledAt,
  });
}

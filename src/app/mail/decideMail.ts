import { eq, inArray } from 'drizzle-orm';
import type { ContactRow } from '../../db/repositories/entitlementRecords.js';
import { findContactByEmail, instancesOf } from '../../db/repositories/entitlementRecords.js';
import { inboundMail, mailRefusals, outboundMail, tickets } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { automatedReason, fromOwnAddress } from '../../domain/mail/automated.js';
import { visibleReply } from '../../domain/mail/replyText.js';
import { readSubject } from '../../domain/mail/subject.js';
import {
  ATTACHMENTS_PER_MESSAGE,
  intakeText,
  messageText,
  SUBJECT_MAX_LENGTH,
} from '../../domain/tickets/limits.js';
import type { AppContext } from '../context.js';
import { organizationSupport } from '../customers/coverage.js';
import { enqueue, outboxEntry } from '../outbox/enqueue.js';
import type { RefusalPayload } from '../outbox/topics.js';
import type { Actor } from '../shared/actor.js';
import { contactActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { uploadAttachment } from '../tickets/attachments.js';
import { receiveCustomerWriting } from '../tickets/customerWrites.js';
import {
  type IntakeRefusalReason,
  IntakeRefused,
  registerRequest,
  rejectIntake,
} from '../tickets/registerRequest.js';
import type { IncomingMail, MailOutcome } from './incomingMail.js';

const DEFAULT_SEVERITY = 'medium';

/**
 * What a stored mail becomes: machines ignored, the sender checked, a reply threaded to its ticket, a
 * new mail registered through registerRequest like any other channel, a refused sender answered at
 * most once a day. The request or reply carries the Message-ID, so deciding again makes no second one.
 */
export async function decide(
  ctx: AppContext,
  mail: IncomingMail,
  messageId: string,
  sender: string | null,
): Promise<MailOutcome> {
  const automated = automatedReason(mail.header, mail.returnPath, sender);
  if (automated) return { outcome: 'ignored', reason: automated };
  if (!sender) return { outcome: 'ignored', reason: 'no_sender' };
  const { supportAddresses, from } = ctx.mail.settings;
  if (fromOwnAddress(sender, [...supportAddresses, from]))
    return { outcome: 'ignored', reason: 'own_address' };
  // Not answered either: a reply could go to any of them, and none is proven to have written.
  if (mail.senderCount > 1) return { outcome: 'refused', reason: 'sender_ambiguous' };
  const intakeKey = `mail:${messageId}`;
  const refuse = (reason: string) => refuseSender(ctx, sender, reason, mail.subject, messageId);

  const contact = await findContactByEmail(ctx.db, sender);
  if (ctx.mail.settings.authentication === 'enforce' && mail.authentication !== 'pass') {
    if (contact) await logRefusal(ctx, mail, contact, 'sender_not_verified');
    return refuse('sender_not_verified');
  }
  const instances = contact ? await instancesOf(ctx.db, contact.organizationId) : [];
  const reading = readSubject(
    mail.subject,
    instances.map((instance) => instance.name),
  );
  const named = await threadedTicket(ctx, reading.ticketNumber, [mail.inReplyTo, ...mail.references]);
  // A contact's mail that names another organization's request is taken as naming none: answered as an
  // unknown number would be, it tells the sender nothing of whether that request exists.
  const thread = contact && named && named.organizationId !== contact.organizationId ? undefined : named;

  if (thread) {
    if (!contact?.active) {
      const reason = contact ? 'contact_inactive' : 'contact_unknown';
      await logRefusal(ctx, mail, contact, reason, thread.instanceId);
      return refuse(reason);
    }
    const actor = contactActor(contact);
    try {
      const written = await receiveCustomerWriting(ctx, actor, {
        ticketId: thread.id,
        body: messageText(visibleReply(mail.text), mail.subject),
        attachmentIds: await keepAttachments(ctx, actor, mail),
        channel: 'email',
        intakeKey,
        receivedAt: mail.receivedAt,
        sender,
      });
      return written.outcome === 'message'
        ? { outcome: 'message', ticketId: written.ticket.id }
        : { outcome: 'ticket', ticketId: written.ticket.id };
    } catch (error) {
      if (error instanceof IntakeRefused) return refuse(error.reason);
      throw error;
    }
  }

  if (!contact) {
    await logRefusal(ctx, mail, undefined, 'contact_unknown');
    return refuse('contact_unknown');
  }
  const instance = await chooseInstance(ctx, contact, instances, reading.instanceName, mail.receivedAt);
  // Nothing covered to assume: registerRequest would refuse whichever instance, and says why.
  const instanceId = instance?.id ?? instances[0]?.id;
  if (!instanceId) {
    await logRefusal(ctx, mail, contact, 'instance_not_covered');
    return refuse('instance_not_covered');
  }
  try {
    const actor = contactActor(contact);
    const ticket = await registerRequest(ctx, actor, {
      channel: 'email',
      contactId: contact.id,
      sender,
      instanceId,
      severity: reading.severity ?? DEFAULT_SEVERITY,
      category: 'problem',
      ...intakeText([reading.subject, mail.subject], mail.text),
      attachmentIds: await keepAttachments(ctx, actor, mail),
      receivedAt: mail.receivedAt,
      intakeKey,
      ...(instance?.unclear ? { instanceChoices: instance.choices } : {}),
    });
    return { outcome: 'ticket', ticketId: ticket.id };
  } catch (error) {
    if (error instanceof IntakeRefused) return refuse(error.reason);
    throw error;
  }
}

/** The ticket a mail answers: named in the subject, or found by the Message-IDs it replies to. */
async function threadedTicket(ctx: AppContext, number: string | null, replyTo: (string | null)[]) {
  if (number) {
    const [byNumber] = await ctx.db.select().from(tickets).where(eq(tickets.number, number));
    if (byNumber) return byNumber;
  }
  const ids = replyTo.filter((id): id is string => Boolean(id)).slice(0, 50);
  if (ids.length === 0) return undefined;
  const [known] = await ctx.db
    .select({ ticketId: outboundMail.ticketId })
    .from(outboundMail)
    .where(inArray(outboundMail.messageId, ids))
    .union(
      ctx.db
        .select({ ticketId: inboundMail.ticketId })
        .from(inboundMail)
        .where(inArray(inboundMail.messageId, ids)),
    );
  if (!known?.ticketId) return undefined;
  const [ticket] = await ctx.db.select().from(tickets).where(eq(tickets.id, known.ticketId));
  return ticket;
}

/**
 * The instance a new mail is about: the one its subject names; else the only one a valid certificate
 * covers; else, among several, the most likely covered one for now, and the acknowledgement asks which.
 */
async function chooseInstance(
  ctx: AppContext,
  contact: ContactRow,
  instances: { id: string; name: string }[],
  named: string | null,
  at: Date,
): Promise<{ id: string; unclear: boolean; choices: string[] } | null> {
  const byName = instances.find((instance) => instance.name === named);
  if (byName) return { id: byName.id, unclear: false, choices: [] };
  const covered = (await organizationSupport(ctx, contact.organizationId, at)).coveredInstances;
  const [first] = covered;
  if (!first) return null;
  return { id: first.id, unclear: covered.length > 1, choices: covered.map((instance) => instance.name) };
}

/** Attachments within the limits become the message's; one too large or empty is named in the log. */
async function keepAttachments(ctx: AppContext, actor: Actor, mail: IncomingMail): Promise<string[]> {
  const kept: string[] = [];
  for (const file of mail.attachments.slice(0, ATTACHMENTS_PER_MESSAGE)) {
    try {
      kept.push((await uploadAttachment(ctx, actor, file)).id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return kept;
}

async function logRefusal(
  ctx: AppContext,
  mail: IncomingMail,
  contact: ContactRow | undefined,
  reason: IntakeRefusalReason,
  instanceId: string | null = null,
) {
  await rejectIntake(
    ctx,
    {
      channel: 'email',
      sender: mail.from,
      instanceId,
      severity: DEFAULT_SEVERITY,
      subject: mail.subject.slice(0, SUBJECT_MAX_LENGTH),
      description: mail.text,
    },
    contact,
    contact?.organizationId ?? null,
    reason,
    ctx.clock.now(),
  );
}

/** Answers a refused sender, once a Moscow day at most, whatever they send: no loop with a robot. */
export async function refuseSender(
  ctx: AppContext,
  address: string,
  reason: string,
  subject: string,
  messageId: string,
): Promise<MailOutcome> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [first] = await tx
      .insert(mailRefusals)
      .values({ sender: address, day: moscowDate(now) })
      .onConflictDoNothing()
      .returning({ sender: mailRefusals.sender });
    if (!first) return;
    const payload: RefusalPayload = {
      address,
      reason,
      subject: subject.slice(0, SUBJECT_MAX_LENGTH),
      inReplyTo: messageId,
      params: { maxMegabytes: Math.floor(ctx.mail.settings.maxBytes / 1_048_576) },
    };
    await enqueue(tx, [outboxEntry(now, 'mail.refusal', payload)]);
  });
  return { outcome: 'refused', reason };
}

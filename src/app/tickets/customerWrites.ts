import type { Channel } from '../../domain/sla/policy.js';
import { operationRefusal } from '../../domain/tickets/allowedActions.js';
import type { AppContext } from '../context.js';
import type { ContactActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { type TicketRow, visibleTicket } from './access.js';
import { addTicketMessage } from './addTicketMessage.js';
import { registerRequest } from './registerRequest.js';

export interface CustomerWriting {
  /** The request the customer answers: named in the mail's subject, replied to in the chat. */
  ticketId: string;
  body: string;
  attachmentIds: readonly string[];
  channel: Channel;
  /** What the channel knows the message by: receiving it again adds nothing. */
  intakeKey: string;
  receivedAt: Date;
  /** What identified the sender on the channel, for the intake log if the follow-up is refused. */
  sender?: string | null;
}

export type WritingOutcome =
  | { outcome: 'message'; ticket: TicketRow }
  | { outcome: 'follow_up'; ticket: TicketRow; closed: TicketRow };

/**
 * What a customer writes about a request, on any channel: a message in it while it is open; once it is
 * closed (a closed request is final, §6.1), a new request about the same instance that continues it,
 * with the entitlement checked again. The customer's words are never dropped.
 */
export async function receiveCustomerWriting(
  ctx: AppContext,
  actor: ContactActor,
  writing: CustomerWriting,
): Promise<WritingOutcome> {
  const ticket = await visibleTicket(ctx.db, actor, writing.ticketId);
  if (operationRefusal(ticket, 'customer', 'reply') === null) {
    try {
      await addTicketMessage(
        ctx,
        actor,
        ticket.id,
        {
          body: writing.body,
          visibility: 'public',
          awaitCustomer: false,
          attachmentIds: [...writing.attachmentIds],
        },
        writing.channel,
        writing.intakeKey,
      );
      return { outcome: 'message', ticket };
    } catch (error) {
      // Closed between the look and the write: it is followed up like any closed request.
      if (!(error instanceof AppError && error.code === 'transition_not_allowed')) throw error;
    }
  }
  // The desk a request was imported from kept no instance to continue it under: a new request names one.
  if (ticket.instanceId === null)
    throw new AppError('conflict', 'imported_request_closed', 'ticketId', { value: ticket.number });
  const followUp = await registerRequest(ctx, actor, {
    channel: writing.channel,
    contactId: actor.id,
    sender: writing.sender ?? null,
    instanceId: ticket.instanceId,
    severity: ticket.severity,
    category: ticket.category,
    subject: ticket.subject,
    description: writing.body,
    attachmentIds: writing.attachmentIds,
    receivedAt: writing.receivedAt,
    intakeKey: writing.intakeKey,
    followsUpId: ticket.id,
  });
  return { outcome: 'follow_up', ticket: followUp, closed: ticket };
}

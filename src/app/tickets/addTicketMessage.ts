import { eq } from 'drizzle-orm';
import type { MessageInput } from '../../contract/tickets.js';
import { ticketMessages } from '../../db/schema.js';
import type { Channel } from '../../domain/sla/policy.js';
import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { forbidden } from '../errors.js';
import { tellContact, tellSupport } from './notices.js';
import { applyAction, postMessage } from './state.js';
import { requireSupport, withTicket } from './withTicket.js';

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

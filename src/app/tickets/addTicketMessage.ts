import { eq } from 'drizzle-orm';
import type { MessageInput } from '../../contract/tickets.js';
import type { Queryable } from '../../db/database.js';
import { ticketMessages } from '../../db/schema.js';
import type { Channel } from '../../domain/sla/policy.js';
import type { Status } from '../../domain/tickets/lifecycle.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden } from '../shared/errors.js';
import { type TicketRow, visibleTicket } from './access.js';
import { tellContact, tellSupport } from './notices.js';
import { applyAction, postMessage, type TransitionContext } from './state.js';
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
  // A retry of a message already posted answers it before the version check: the first attempt
  // moved the request on, and the retry must not read as someone else's change.
  const earlier = intakeKey ? await postedEarlier(ctx.db, ticketId, input, intakeKey) : undefined;
  // Read, not taken for a change: answering a retry changes nothing, the version included.
  if (earlier) return earlier((await visibleTicket(ctx.db, actor, ticketId)).status);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      // Looked for again with the request locked: two copies of one write take turns here.
      const racing = intakeKey ? await postedEarlier(context.db, ticketId, input, intakeKey) : undefined;
      if (racing) return racing(ticket.status);
      if (actor.type === 'contact') {
        if (input.visibility === 'internal' || input.awaitCustomer) throw forbidden();
        const updated = await applyAction(context, ticket, 'customer_message');
        const posted = await postMessage(context, updated, {
          visibility: 'public',
          kind: 'customer',
          body: input.body,
          channel,
          attachmentIds: input.attachmentIds,
          ...(intakeKey ? { intakeKey } : {}),
        });
        await tellSupport(context, updated, 'customer_message', { body: input.body });
        return { ...posted, status: updated.status };
      }
      requireSupport(actor);
      const { updated, posted } = await postSupportMessage(context, ticket, input, channel, intakeKey);
      return { ...posted, status: updated.status };
    },
    seenVersion,
  );
}

/** A public reply or internal note by support, moving the request as the lifecycle says; the customer is told of a reply. */
export async function postSupportMessage(
  context: TransitionContext,
  ticket: TicketRow,
  input: Pick<MessageInput, 'body' | 'visibility' | 'awaitCustomer' | 'attachmentIds'>,
  channel: Channel,
  intakeKey?: string,
) {
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
    ...(intakeKey ? { intakeKey } : {}),
  });
  if (input.visibility === 'public')
    await tellContact(context, updated, 'ticket_reply', { body: input.body });
  return { updated, posted };
}

/**
 * The message an intake key already posted on this request, as the answer a retry gets; the same
 * key with another text or on another request is a client's mistake and refused.
 */
async function postedEarlier(db: Queryable, ticketId: string, input: MessageInput, intakeKey: string) {
  const [earlier] = await db
    .select({ id: ticketMessages.id, ticketId: ticketMessages.ticketId, body: ticketMessages.body })
    .from(ticketMessages)
    .where(eq(ticketMessages.intakeKey, intakeKey));
  if (!earlier) return undefined;
  if (earlier.ticketId !== ticketId || earlier.body !== input.body)
    throw new AppError('conflict', 'idempotency_key_reused');
  return (status: Status) => ({ messageId: earlier.id, respondedNow: false, status });
}

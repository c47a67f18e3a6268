import type { CloseInput } from '../../contract/tickets.js';
import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { tellContact, tellSupport } from './notices.js';
import { applyAction, postMessage } from './state.js';
import { withTicket } from './withTicket.js';

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

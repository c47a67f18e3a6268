import type { CloseInput } from '../../contract/tickets.js';
import { tellContact, tellSupport } from './notices.js';
import { applyAction, postMessage } from './state.js';
import { ticketAction } from './withTicket.js';

/** Support closes a request, or the customer confirms it is done. */
export const closeTicket = ticketAction(
  { supportOnly: false },
  async (context, ticket, input: CloseInput) => {
    const { actor } = context;
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
);

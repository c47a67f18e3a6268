import type { ResolutionInput } from '../../contract/tickets.js';
import { tellContact } from './notices.js';
import { applyAction, postMessage } from './state.js';
import { ticketAction } from './withTicket.js';

export const resolveTicket = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: ResolutionInput) => {
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
);

import type { ResolutionInput } from '../../contract/tickets.js';
import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { tellContact } from './notices.js';
import { applyAction, postMessage } from './state.js';
import { requireSupport, withTicket } from './withTicket.js';

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

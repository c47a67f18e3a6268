import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { tellSupport } from './notices.js';
import { applyAction } from './state.js';
import { withTicket } from './withTicket.js';

/** The customer (or support) reopens a resolved request while the auto-close window runs. */
export async function reopenTicket(ctx: AppContext, actor: Actor, ticketId: string, seenVersion?: number) {
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      const updated = await applyAction(context, ticket, 'reopen');
      if (actor.type === 'contact') await tellSupport(context, updated, 'ticket_reopened');
      return updated;
    },
    seenVersion,
  );
}

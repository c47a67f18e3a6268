import type { Actor } from '../actor.js';
import type { AppContext } from '../context.js';
import { forbidden } from '../errors.js';
import { isSupport, type TicketRow, ticketForChange } from './access.js';
import type { TransitionContext } from './state.js';

/**
 * Runs a ticket action in one transaction with the ticket row locked, so concurrent actions take turns;
 * an action made on a version the ticket has moved on from (`seenVersion`) answers 409 ticket_changed.
 */
export async function withTicket<T>(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  work: (context: TransitionContext, ticket: TicketRow) => Promise<T>,
  seenVersion?: number,
): Promise<T> {
  const sla = await ctx.sla.load(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const ticket = await ticketForChange(tx, actor, ticketId, seenVersion);
    return work({ db: tx, sla, actor, now: ctx.clock.now() }, ticket);
  });
}

export function requireSupport(actor: Actor): void {
  if (!isSupport(actor)) throw forbidden();
}

import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
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

/**
 * A ticket use case of the common shape: the request taken for a change in one transaction (at the
 * version the caller saw, when it names one), the input applied by `work`. `supportOnly` refuses
 * customers before the request is even looked up. `within` is the same work inside a transaction that
 * already holds the request, for a use case made of several (a macro, a bulk change).
 */
export function ticketAction<Input, Result>(
  options: { supportOnly: boolean },
  work: (context: TransitionContext, ticket: TicketRow, input: Input) => Promise<Result>,
) {
  const run = (ctx: AppContext, actor: Actor, ticketId: string, input: Input, seenVersion?: number) => {
    if (options.supportOnly) requireSupport(actor);
    return withTicket(ctx, actor, ticketId, (context, ticket) => work(context, ticket, input), seenVersion);
  };
  return Object.assign(run, { within: work });
}

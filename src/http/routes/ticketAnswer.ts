import type { AppContext } from '../../app/context.js';
import type { Actor } from '../../app/shared/actor.js';
import type { TicketRow } from '../../app/tickets/access.js';
import { ticketSummary } from '../../app/tickets/queries.js';

/** A request as the API answers it after a change: its summary for the reader, at the desk's time. */
export const ticketAnswer = (ctx: AppContext) => async (actor: Actor, row: TicketRow) =>
  ticketSummary(row, ctx.clock.now(), await ctx.sla.load(ctx.db), actor);

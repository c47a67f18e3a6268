import type { BulkUpdateInput } from '../../contract/tickets.js';
import type { Channel } from '../../domain/sla/policy.js';
import type { AppContext } from '../context.js';
import { applyMacroWithin, replyAndMove } from '../macros/applyMacro.js';
import { usableMacro } from '../macros/macros.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import type { TicketRow } from './access.js';
import { assignTicket } from './assignTicket.js';
import type { TransitionContext } from './state.js';
import { addTicketTags } from './tags.js';
import { requireSupport, withTicket } from './withTicket.js';

export type BulkOutcome =
  | { ticketId: string; ok: true; ticket: TicketRow }
  | { ticketId: string; ok: false; code: string; params: Record<string, string | number> };

/**
 * One change to many requests, each made on its own in its own transaction, at the version the agent
 * saw: one refused (changed meanwhile, not allowed in its status, not visible) leaves the others changed,
 * and the answer says which and why.
 */
export async function bulkUpdateTickets(
  ctx: AppContext,
  actor: Actor,
  input: BulkUpdateInput,
  channel: Channel,
): Promise<BulkOutcome[]> {
  requireSupport(actor);
  const { action } = input;
  const macro = action.kind === 'macro' ? await usableMacro(ctx.db, actor, action.macroId) : null;
  const change = (context: TransitionContext, ticket: TicketRow): Promise<TicketRow> => {
    switch (action.kind) {
      case 'assign':
        return assignTicket.within(context, ticket, { assigneeId: action.assigneeId });
      case 'status':
        return replyAndMove(context, ticket, { status: action.status, body: action.body }, channel);
      case 'tag':
        return addTicketTags(context, ticket, action.tagIds);
      case 'macro':
        if (!macro) throw new Error('the macro was read before the changes began');
        return applyMacroWithin(context, ticket, macro, {}, channel);
    }
  };
  const outcomes: BulkOutcome[] = [];
  for (const { id, version } of input.tickets) {
    try {
      const ticket = await withTicket(ctx, actor, id, change, version);
      outcomes.push({ ticketId: id, ok: true, ticket });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ ticketId: id, ok: false, code: error.code, params: error.params });
    }
  }
  return outcomes;
}

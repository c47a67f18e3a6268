import { and, eq } from 'drizzle-orm';
import type { AssignInput } from '../../contract/tickets.js';
import { agents, partnerOrganizations } from '../../db/schema.js';
import { agentWantsMail } from '../../domain/notices/agentMail.js';
import { recordEvent } from '../events/stream.js';
import { notify } from '../outbox/enqueue.js';
import { AppError } from '../shared/errors.js';
import { requireOperation } from './access.js';
import { supportNoticeParams } from './notices.js';
import { applyAction, auditTicket, updateTicket } from './state.js';
import { ticketAction } from './withTicket.js';

export const assignTicket = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: AssignInput) => {
    const { actor } = context;
    requireOperation(actor, ticket, 'assign');
    let assignee: typeof agents.$inferSelect | undefined;
    if (input.assigneeId) {
      [assignee] = await context.db.select().from(agents).where(eq(agents.id, input.assigneeId));
      if (!assignee?.active)
        throw new AppError('invalid', 'assignee_unknown', 'assigneeId', { value: input.assigneeId });
      if (assignee.role === 'partner') {
        const [link] = await context.db
          .select()
          .from(partnerOrganizations)
          .where(
            and(
              eq(partnerOrganizations.agentId, assignee.id),
              eq(partnerOrganizations.organizationId, ticket.organizationId),
            ),
          );
        if (!link) {
          throw new AppError('invalid', 'assignee_not_for_organization', 'assigneeId', {
            value: input.assigneeId,
          });
        }
      }
    }
    const updated =
      input.assigneeId && ticket.status === 'new'
        ? await applyAction(context, ticket, 'take', { assigneeId: input.assigneeId })
        : await updateTicket(context, ticket.id, { assigneeId: input.assigneeId });
    await auditTicket(context, ticket, { assigneeId: ticket.assigneeId }, { assigneeId: input.assigneeId });
    await recordEvent(
      context.db,
      context.now,
      actor,
      'ticket.assigned',
      { ticket: updated },
      {
        from: ticket.assigneeId,
        to: input.assigneeId,
        toName: assignee?.name ?? null,
      },
    );
    if (assignee && !(actor.type === 'agent' && actor.id === assignee.id)) {
      await notify(
        context.db,
        context.now,
        {
          recipient: { type: 'agent', id: assignee.id },
          template: 'ticket_assigned',
          params: await supportNoticeParams(context, ticket),
          ticketId: ticket.id,
        },
        agentWantsMail(assignee.mailNotices, 'ticket_assigned', true),
      );
    }
    return updated;
  },
);

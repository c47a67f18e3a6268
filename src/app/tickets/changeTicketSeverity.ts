import type { SeverityChangeInput } from '../../contract/tickets.js';
import { recordEvent } from '../events/stream.js';
import { actorLabel } from '../shared/actor.js';
import { entitledTicket, requireOperation } from './access.js';
import { deadlineChanges } from './deadlineChanges.js';
import { tellContact } from './notices.js';
import { auditTicket, updateTicket } from './state.js';
import { ticketAction } from './withTicket.js';

/**
 * §5.2: support changes the severity; the deadline follows from the original registration unless already
 * met. The change is one entry of the request's history, with its reason, rendered in the reader's language.
 */
export const changeTicketSeverity = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: SeverityChangeInput) => {
    const { actor } = context;
    requireOperation(actor, ticket, 'changeSeverity');
    if (ticket.severity === input.severity) return ticket;
    const updated = await updateTicket(context, ticket.id, {
      severity: input.severity,
      ...deadlineChanges(context, ticket, entitledTicket(ticket).level, input.severity, 'severity'),
    });
    await auditTicket(
      context,
      ticket,
      { severity: ticket.severity, responseDueAt: ticket.responseDueAt.toISOString() },
      {
        severity: input.severity,
        responseDueAt: updated.responseDueAt.toISOString(),
        reason: input.reason,
        by: actorLabel(actor),
      },
    );
    await recordEvent(
      context.db,
      context.now,
      context.actor,
      'ticket.severity_changed',
      { ticket: updated },
      {
        from: ticket.severity,
        to: input.severity,
        reason: input.reason,
        previousResponseDueAt: ticket.responseDueAt.toISOString(),
      },
    );
    await tellContact(context, updated, 'severity_changed', {
      from: ticket.severity,
      to: input.severity,
      responseDueAt: updated.responseDueAt.toISOString(),
    });
    return updated;
  },
);

import type { InstanceChangeInput } from '../../contract/tickets.js';
import { intakeFacts } from '../../db/repositories/entitlementRecords.js';
import { decideEntitlement } from '../../domain/entitlement/entitlement.js';
import { recordEvent } from '../events/stream.js';
import { AppError } from '../shared/errors.js';
import { requireOperation } from './access.js';
import { deadlineChanges } from './deadlineChanges.js';
import { tellContact } from './notices.js';
import { auditTicket, updateTicket } from './state.js';
import { ticketAction } from './withTicket.js';

/**
 * Support names the instance a request is about (a mail that named none, or named the wrong one). The
 * instance must be entitled for the request's contact on the day it was registered; the level is then
 * that of its certificate, and the deadline follows.
 */
export const changeTicketInstance = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: InstanceChangeInput) => {
    const { actor } = context;
    requireOperation(actor, ticket, 'changeInstance');
    if (ticket.instanceId === input.instanceId) return ticket;
    const facts = await intakeFacts(context.db, input.instanceId, ticket.contactId);
    if (!facts || facts.instance.organizationId !== ticket.organizationId) {
      throw new AppError('invalid', 'instance_unknown', 'instanceId', { value: input.instanceId });
    }
    const decision = decideEntitlement({
      contact: facts.contact,
      instance: facts.instance,
      certificates: facts.certificates,
      licenses: facts.licenses,
      at: ticket.registeredAt,
    });
    if (!decision.ok) throw new AppError('conflict', decision.reason, 'instanceId');
    const updated = await updateTicket(context, ticket.id, {
      instanceId: facts.instance.id,
      certificateId: decision.certificate.id,
      level: decision.level,
      ...deadlineChanges(context, ticket, decision.level, ticket.severity, 'instanceId'),
    });
    await auditTicket(
      context,
      ticket,
      {
        instanceId: ticket.instanceId,
        level: ticket.level,
        responseDueAt: ticket.responseDueAt.toISOString(),
      },
      {
        instanceId: updated.instanceId,
        level: updated.level,
        responseDueAt: updated.responseDueAt.toISOString(),
      },
    );
    await recordEvent(
      context.db,
      context.now,
      actor,
      'ticket.instance_changed',
      { ticket: updated },
      {
        from: ticket.instanceId,
        to: facts.instance.id,
        level: updated.level,
        responseDueAt: updated.responseDueAt.toISOString(),
      },
    );
    await tellContact(context, updated, 'instance_changed', {
      instance: facts.instance.name,
      level: updated.level,
      responseDueAt: updated.responseDueAt.toISOString(),
    });
    return updated;
  },
);

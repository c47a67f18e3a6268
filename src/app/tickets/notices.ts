import { notify, queueRecipients } from '../outbox/enqueue.js';
import type { Recipient } from '../outbox/topics.js';
import type { TicketRow } from './access.js';
import type { TransitionContext } from './state.js';

/** The queue of each organization, read once per transaction however many tickets a sweep handles. */
const queues = new WeakMap<TransitionContext, Map<string, Promise<Recipient[]>>>();

/** Who on the support side hears about a ticket: its assignee, or the whole queue while unassigned. */
async function supportRecipients(context: TransitionContext, ticket: TicketRow): Promise<Recipient[]> {
  if (ticket.assigneeId) return [{ type: 'agent', id: ticket.assigneeId }];
  const known = queues.get(context) ?? new Map<string, Promise<Recipient[]>>();
  queues.set(context, known);
  let queue = known.get(ticket.organizationId);
  if (!queue) {
    queue = queueRecipients(context.db, ticket.organizationId);
    known.set(ticket.organizationId, queue);
  }
  return queue;
}

const ticketParams = (ticket: TicketRow, params: Record<string, string | number | null>) => ({
  number: ticket.number,
  subject: ticket.subject,
  ...params,
});

/** Tells the ticket's contact, through the outbox. */
export async function tellContact(
  context: TransitionContext,
  ticket: TicketRow,
  template: string,
  params: Record<string, string | number | null> = {},
): Promise<void> {
  await notify(context.db, context.now, {
    recipient: { type: 'contact', id: ticket.contactId },
    template,
    params: ticketParams(ticket, params),
    ticketId: ticket.id,
  });
}

/** Tells support (never the support person who acted), through the outbox. */
export async function tellSupport(
  context: TransitionContext,
  ticket: TicketRow,
  template: string,
  params: Record<string, string | number | null> = {},
): Promise<void> {
  for (const recipient of await supportRecipients(context, ticket)) {
    if (context.actor.type === 'agent' && recipient.id === context.actor.id) continue;
    await notify(context.db, context.now, {
      recipient,
      template,
      params: ticketParams(ticket, params),
      ticketId: ticket.id,
    });
  }
}

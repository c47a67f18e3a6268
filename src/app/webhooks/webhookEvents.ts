import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { tickets } from '../../db/schema.js';
import type { WebhookEventType } from '../../domain/webhooks/events.js';
import type { WebhookEventPayload } from '../outbox/topics.js';

type TicketFields = typeof tickets.$inferSelect;

/** What every event says of its request: enough for a CRM to file it without asking the API back. */
export type WebhookTicketFields = Pick<
  TicketFields,
  | 'id'
  | 'subject'
  | 'status'
  | 'severity'
  | 'level'
  | 'channel'
  | 'organizationId'
  | 'contactId'
  | 'registeredAt'
  | 'responseDueAt'
> & { number: string };

const webhookTicket = (ticket: WebhookTicketFields) => ({
  id: ticket.id,
  number: ticket.number,
  subject: ticket.subject,
  status: ticket.status,
  severity: ticket.severity,
  level: ticket.level,
  channel: ticket.channel,
  organizationId: ticket.organizationId,
  contactId: ticket.contactId,
  registeredAt: ticket.registeredAt.toISOString(),
  responseDueAt: ticket.responseDueAt.toISOString(),
});

/** The body every endpoint taking this event gets, its id the receiver's key against a redelivery. */
export function webhookEvent(
  now: Date,
  type: WebhookEventType,
  ticket: WebhookTicketFields,
  data: Record<string, unknown>,
): WebhookEventPayload {
  return { id: randomUUID(), type, occurredAt: now.toISOString(), ticket: webhookTicket(ticket), data };
}

/**
 * Writes an event into the outbox, inside the caller's transaction, only while some endpoint takes its
 * type: a desk without webhooks looks at an empty table and writes nothing. A request's events go out
 * in the order they happened (their order key is the request).
 */
export async function announce(
  db: Queryable,
  now: Date,
  type: WebhookEventType,
  ticket: WebhookTicketFields,
  data: Record<string, unknown>,
): Promise<void> {
  const event = webhookEvent(now, type, ticket, data);
  await db.execute(
    sql`insert into outbox (topic, payload, order_key, created_at, available_at)
      select 'webhook.event', ${JSON.stringify(event)}::jsonb, ${ticket.id}, ${now.toISOString()},
        ${now.toISOString()}
      where exists (select 1 from webhooks where ${type} = any(events))`,
  );
}

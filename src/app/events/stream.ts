import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { tickets } from '../../db/schema.js';
import { EVENT_VERSIONS, type EventData, type EventType } from '../../domain/events/catalogue.js';
import type { WebhookEventPayload } from '../outbox/topics.js';
import type { Actor } from '../shared/actor.js';

type TicketFields = typeof tickets.$inferSelect;

/** What every event says of its request: enough for a CRM to file it without asking the API back. */
export type EventTicketFields = Pick<
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
  | 'version'
> & { number: string };

const eventTicket = (ticket: EventTicketFields) => ({
  id: ticket.id,
  number: ticket.number,
  version: ticket.version,
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

/** Who made a change: a person of the desk or a customer's, or the desk itself (its clock, its rules). */
const eventActor = (actor: Actor) =>
  actor.type === 'system'
    ? { type: 'system' as const, id: null, name: actor.name }
    : { type: actor.type, id: actor.id, name: actor.name };

/** What an event is about: a request (as it stands after the change), or an organization's record. */
export type EventSubject = { ticket: EventTicketFields } | { organizationId: string; ticket?: undefined };

/** One event as the stream keeps it and every subscriber (a webhook endpoint among them) reads it. */
export function domainEvent<T extends EventType>(
  now: Date,
  actor: Actor,
  type: T,
  subject: EventSubject,
  data: EventData[T],
): WebhookEventPayload {
  return {
    id: randomUUID(),
    type,
    version: EVENT_VERSIONS[type],
    occurredAt: now.toISOString(),
    actor: eventActor(actor),
    organizationId: subject.ticket ? subject.ticket.organizationId : subject.organizationId,
    ticket: subject.ticket ? eventTicket(subject.ticket) : null,
    data: data as Record<string, unknown>,
  };
}

/**
 * Records an event of a change, inside the change's transaction, through the outbox. It is written
 * only while something subscribes to its type (a webhook endpoint): a desk without subscribers looks at
 * an empty table and writes nothing. A request's events go out in the order they happened (their order
 * key is the request).
 */
export async function recordEvent<T extends EventType>(
  db: Queryable,
  now: Date,
  actor: Actor,
  type: T,
  subject: EventSubject,
  data: EventData[T],
): Promise<void> {
  const event = domainEvent(now, actor, type, subject, data);
  await db.execute(
    sql`insert into outbox (topic, payload, order_key, created_at, available_at)
      select 'webhook.event', ${JSON.stringify(event)}::jsonb, ${subject.ticket?.id ?? event.organizationId},
        ${now.toISOString()}, ${now.toISOString()}
      where exists (select 1 from webhooks where ${type} = any(events))`,
  );
}

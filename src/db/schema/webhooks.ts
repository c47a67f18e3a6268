import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { agents } from './entitlement.js';

/**
 * An endpoint of the vendor's own systems (a CRM, 1C, a tracker) told of the events it chose. The
 * secret signs every delivery; it is kept as it is, since signing needs it (a key to encrypt it with
 * would sit beside the database it protects), and shown to the administrator only once.
 */
export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  secret: text('secret').notNull(),
  description: text('description').notNull().default(''),
  createdById: uuid('created_by_id').references(() => agents.id),
  createdAt: createdAt(),
});

/**
 * One event for one endpoint: the exact body signed and sent, and how its attempts went. An event is
 * taken for an endpoint once (webhook, event), so a fan-out run again adds no second delivery.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    /** pending until the endpoint answers 2xx (delivered) or the attempts run out (failed). */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_event_unique').on(table.webhookId, table.eventId),
    index('webhook_deliveries_webhook_idx').on(table.webhookId, table.createdAt),
  ],
);

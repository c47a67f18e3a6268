import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The outbox and the in-app notifications it delivers. */
/**
 * Side effects written in the same transaction as the change that causes them, delivered afterwards
 * by a dispatcher: nothing is sent for a change that rolled back, nothing is lost while a channel is down.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    availableAt: timestamp('available_at', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Entries with one order key on one topic are delivered one after another (a ticket's notices to a person). */
    orderKey: text('order_key'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    /** The claim that holds the entry: only its holder may mark it delivered or renew it. */
    claimedBy: uuid('claimed_by'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
  },
  (table) => [
    index('outbox_pending_idx')
      .on(table.topic, table.id)
      .where(sql`${table.deliveredAt} is null and ${table.failedAt} is null`),
    index('outbox_order_idx')
      .on(table.topic, table.orderKey, table.id)
      .where(
        sql`${table.deliveredAt} is null and ${table.failedAt} is null and ${table.orderKey} is not null`,
      ),
    index('outbox_delivered_idx').on(table.deliveredAt).where(sql`${table.deliveredAt} is not null`),
  ],
);

/** In-app notifications: what the outbox delivers to people inside the desk (the other channels add theirs). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The outbox entry that produced it: a redelivery cannot notify twice. */
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull().unique(),
    recipientType: text('recipient_type').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    ticketId: uuid('ticket_id'),
    template: text('template').notNull(),
    params: jsonb('params').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('notifications_recipient_idx').on(table.recipientType, table.recipientId, table.createdAt),
  ],
);

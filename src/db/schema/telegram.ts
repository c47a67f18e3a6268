import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from './entitlement.js';
import { tickets } from './tickets.js';

/** The bot's bindings, updates, dialogues and messages. */
/** A Telegram user bound to the contact whose phone they shared: their own number, as Telegram vouches. */
export const telegramLinks = pgTable('telegram_links', {
  telegramUserId: bigint('telegram_user_id', { mode: 'number' }).primaryKey(),
  chatId: bigint('chat_id', { mode: 'number' }).notNull(),
  contactId: uuid('contact_id')
    .notNull()
    .unique()
    .references(() => contacts.id),
  linkedAt: timestamp('linked_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Every update the bot handled, by Telegram's update_id: one delivered again changes nothing. */
export const telegramUpdates = pgTable(
  'telegram_updates',
  {
    updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
    /** The update as Telegram sent it, stored before its offset is acknowledged. */
    payload: jsonb('payload'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
    /** Null while it waits for an outcome; an update handled in an older version has only this. */
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'date' }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (table) => [
    index('telegram_updates_pending_idx').on(table.nextAttemptAt).where(sql`${table.handledAt} is null`),
  ],
);

/**
 * The parts of a long push already in the chat: a retry after a failure (a 429 on the third part)
 * sends only the parts not yet sent.
 */
export const telegramPushParts = pgTable(
  'telegram_push_parts',
  {
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    part: integer('part').notNull(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.outboxId, table.part] })],
);

/** Where a user is in a dialogue with the bot and what they said so far: a restart loses nothing. */
export const telegramConversations = pgTable('telegram_conversations', {
  telegramUserId: bigint('telegram_user_id', { mode: 'number' }).primaryKey(),
  step: text('step').notNull(),
  data: jsonb('data').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** The bot's messages about tickets: a reply to one of them in the chat adds to that ticket. */
export const telegramMessages = pgTable(
  'telegram_messages',
  {
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
  },
  (table) => [primaryKey({ columns: [table.chatId, table.messageId] })],
);

/**
 * A one-time code a contact's profile puts in a `t.me/<bot>?start=<code>` link (its digest only): the
 * Telegram user who opens it is bound to that contact once they share that contact's own phone.
 */
export const telegramLinkCodes = pgTable(
  'telegram_link_codes',
  {
    digest: text('digest').primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The Telegram user who opened the link: only their phone can finish the binding. */
    claimedBy: bigint('claimed_by', { mode: 'number' }),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('telegram_link_codes_claimed_idx').on(table.claimedBy)],
);

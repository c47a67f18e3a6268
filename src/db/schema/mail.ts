import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tickets } from './tickets.js';

/** Mail received and sent, and the once-a-day refusals. */
/**
 * Every mail the desk received, once per Message-ID (the same mail delivered twice is recognised
 * here): where it came from, whether its sender was authenticated, and what became of it.
 */
export const inboundMail = pgTable(
  'inbound_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull().unique(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    via: text('via').notNull(),
    sender: text('sender'),
    subject: text('subject'),
    inReplyTo: text('in_reply_to'),
    /** pass, fail or none as mailauth judged it; off when checks are off. */
    authentication: text('authentication').notNull(),
    /** received (stored, not yet processed), then ticket, message, refused or ignored. */
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    /** The original message as received, kept whole under DATA_DIR. */
    storedAs: text('stored_as'),
    /** The envelope sender at SMTP time (a bounce has <>), for processing the stored copy again. */
    returnPath: text('return_path'),
    /** While received: when the next attempt may take it (also the lease of the attempt in progress). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (table) => [
    index('inbound_mail_received_idx').on(table.receivedAt),
    // With the time, so a ticket's first or latest mail is one index probe, whatever the plan.
    index('inbound_mail_ticket_time_idx').on(table.ticketId, table.receivedAt),
    index('inbound_mail_pending_idx').on(table.nextAttemptAt).where(sql`${table.outcome} = 'received'`),
  ],
);

/** One refusal a day per sender at most: the guard against two robots answering each other forever. */
export const mailRefusals = pgTable(
  'mail_refusals',
  {
    sender: text('sender').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.sender, table.day] })],
);

/**
 * Mail the desk sent or keeps (without SMTP_URL it is stored, not sent). One row per outbox entry, so
 * a retried delivery never sends twice; the Message-ID threads the customer's replies to the ticket.
 */
/**
 * Each notice mail to a support person, as its delivery decided: mailed, or held (`held`) because they
 * had been mailed the limit within the last minute, to go out with the rest of the burst as one digest.
 * The mailed ones are what the limit counts; they are forgotten once the minute has passed.
 */
export const agentMailBursts = pgTable(
  'agent_mail_bursts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id').notNull(),
    /** The outbox entry of the mail: decided once, however often that entry is retried. */
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull().unique(),
    held: boolean('held').notNull(),
    ticketId: uuid('ticket_id'),
    template: text('template').notNull(),
    params: jsonb('params').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('agent_mail_bursts_agent_idx').on(table.agentId, table.held, table.at)],
);

export const outboundMail = pgTable(
  'outbound_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull().unique(),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    messageId: text('message_id').notNull().unique(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /**
     * How many times the mail was handed to the mail server. More than one means an attempt ended without
     * the server's answer (it stalled past the wait, or the desk was killed mid-send) and the mail went
     * again: the recipient's server may hold a copy per attempt, every one with this Message-ID.
     */
    sendAttempts: integer('send_attempts').notNull().default(0),
    /** smtp when sent to SMTP_URL, stored when the desk has no outbound server. */
    transport: text('transport').notNull(),
  },
  (table) => [
    index('outbound_mail_ticket_time_idx').on(table.ticketId, table.createdAt),
    index('outbound_mail_created_idx').on(table.createdAt),
  ],
);

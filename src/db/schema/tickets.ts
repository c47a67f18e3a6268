import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CHANNELS, SEVERITIES } from '../../domain/sla/policy.js';
import { CATEGORIES, STATUSES, VISIBILITIES } from '../../domain/tickets/lifecycle.js';
import { queueAwaiting, queueDue, queueWarn, warningWindow } from '../queueColumns.js';
import { messageDocument, searchPhrases, ticketDocument } from '../searchDocuments.js';
import { createdAt, tsvector, updatedAt } from './columns.js';
import { agents, certificates, contacts, instances, levelEnum, organizations } from './entitlement.js';

/** Requests, their messages and files, refused intake, remote sessions, recorded breaches. */
export const ticketStatusEnum = pgEnum('ticket_status', STATUSES);

export const severityEnum = pgEnum('severity', SEVERITIES);

export const channelEnum = pgEnum('channel', CHANNELS);

export const categoryEnum = pgEnum('ticket_category', CATEGORIES);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    /**
     * What the channel knows the customer's message by (a mail's Message-ID, a Telegram update): a
     * message processed again after a failure finds the request it already made instead of a second one.
     */
    intakeKey: text('intake_key').unique(),
    /** Counts the changes made to the request: a change made on an older version answers 409. */
    version: integer('version').notNull().default(1),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Who filed it; none only on an imported request whose requester the old desk knew by address alone. */
    contactId: uuid('contact_id').references(() => contacts.id),
    requesterEmail: text('requester_email'),
    /** The entitlement the request was filed under; none only on a request imported from another desk. */
    instanceId: uuid('instance_id').references(() => instances.id),
    certificateId: uuid('certificate_id').references(() => certificates.id),
    level: levelEnum('level'),
    policyVersion: text('policy_version'),
    /**
     * The desk a request was imported from ('glpi'), with the number it had there: history, not measured
     * against this desk's SLA; its response deadline is its registration, so that the queue orders it by age.
     */
    importedFrom: text('imported_from'),
    externalReference: text('external_reference'),
    channel: channelEnum('channel').notNull(),
    category: categoryEnum('category').notNull(),
    outOfScope: boolean('out_of_scope').notNull().default(false),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    severity: severityEnum('severity').notNull(),
    status: ticketStatusEnum('status').notNull().default('new'),
    assigneeId: uuid('assignee_id').references(() => agents.id),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
    responseDueAt: timestamp('response_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    responseWarnAt: timestamp('response_warn_at', { withTimezone: true, mode: 'date' }).notNull(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true, mode: 'date' }),
    /** Time on the request's own clock from registration to the first response: what SLA reports measure. */
    responseClockMs: bigint('response_clock_ms', { mode: 'number' }),
    /** The customer's first public message support has not answered yet; null when support has the last word. */
    awaitingSupportSince: timestamp('awaiting_support_since', { withTimezone: true, mode: 'date' }),
    /** Support's reply to that message is due, where the request's policy sets a follow-up target. */
    followUpDueAt: timestamp('follow_up_due_at', { withTimezone: true, mode: 'date' }),
    followUpWarnAt: timestamp('follow_up_warn_at', { withTimezone: true, mode: 'date' }),
    /** When support was warned of, and told it missed, that reply's deadline; null again for the next message. */
    followUpWarnedAt: timestamp('follow_up_warned_at', { withTimezone: true, mode: 'date' }),
    followUpBreachedAt: timestamp('follow_up_breached_at', { withTimezone: true, mode: 'date' }),
    slaWarnedAt: timestamp('sla_warned_at', { withTimezone: true, mode: 'date' }),
    slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true, mode: 'date' }),
    /** When the request last started waiting for the customer; null while support has it. */
    waitingSince: timestamp('waiting_since', { withTimezone: true, mode: 'date' }),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true, mode: 'date' }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    autoCloseAt: timestamp('auto_close_at', { withTimezone: true, mode: 'date' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closeReason: text('close_reason'),
    splitFromId: uuid('split_from_id'),
    /** The closed request a customer wrote to again: this one continues it (a closed request is final). */
    followsUpId: uuid('follows_up_id'),
    /** The original a duplicate was merged into: its messages moved there and it was closed. */
    mergedIntoId: uuid('merged_into_id'),
    /** The queue's keys (see queueColumns.ts): the nearest deadline owed, its warning, the awaiting order. */
    queueDueAt: timestamp('queue_due_at', { withTimezone: true, mode: 'date' }).generatedAlwaysAs(
      (): SQL => queueDue(tickets),
    ),
    queueWarnAt: timestamp('queue_warn_at', { withTimezone: true, mode: 'date' }).generatedAlwaysAs(
      (): SQL => queueWarn(tickets),
    ),
    queueAwaitingAt: timestamp('queue_awaiting_at', { withTimezone: true, mode: 'date' }).generatedAlwaysAs(
      (): SQL => queueAwaiting(tickets),
    ),
    /** Stored, so that ranking a hit reads it instead of parsing the text again. */
    searchDocument: tsvector('search_document')
      .notNull()
      .generatedAlwaysAs((): SQL => ticketDocument(tickets.subject, tickets.description)),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check(
      'tickets_entitled_or_imported',
      sql`${table.importedFrom} is not null or (${table.contactId} is not null and ${table.instanceId} is not null and ${table.certificateId} is not null and ${table.level} is not null and ${table.policyVersion} is not null)`,
    ),
    // Searched by the number alone: support quotes the old desk's number as the customer knows it.
    uniqueIndex('tickets_external_reference_idx').on(table.externalReference, table.importedFrom),
    index('tickets_queue_idx').on(table.responseDueAt, table.id),
    // The queue's bands: breached and due soon by the nearest deadline, awaiting support by its order.
    index('tickets_queue_due_idx').on(table.queueDueAt, table.id).where(sql`${table.queueDueAt} is not null`),
    index('tickets_queue_awaiting_idx')
      .on(table.queueAwaitingAt, table.id)
      .where(sql`${table.queueAwaitingAt} is not null`),
    index('tickets_queue_warning_idx')
      .using('gist', warningWindow(table.queueWarnAt, table.queueDueAt))
      .where(sql`${table.queueDueAt} is not null`),
    // The queue sorted by a column reads that column's index in order (columnOrder.ts): severity and
    // status by rank, then deadline; the times with the id that breaks their ties.
    index('tickets_status_due_idx').on(table.status, table.responseDueAt, table.id),
    index('tickets_severity_due_idx').on(table.severity, table.responseDueAt, table.id),
    index('tickets_updated_idx').on(table.updatedAt, table.id),
    index('tickets_organization_idx').on(table.organizationId, table.responseDueAt),
    index('tickets_assignee_idx').on(table.assigneeId, table.responseDueAt),
    // The request page's customer panel counts the contact's requests by channel.
    index('tickets_contact_idx').on(table.contactId),
    index('tickets_sla_watch_idx')
      .on(table.responseWarnAt)
      .where(sql`${table.firstResponseAt} is null and ${table.slaBreachedAt} is null`),
    index('tickets_awaiting_support_idx')
      .on(table.awaitingSupportSince, table.id)
      .where(sql`${table.awaitingSupportSince} is not null`),
    index('tickets_follow_up_watch_idx')
      .on(table.followUpWarnAt)
      .where(sql`${table.followUpDueAt} is not null and ${table.followUpBreachedAt} is null`),
    index('tickets_auto_close_idx').on(table.autoCloseAt).where(sql`${table.autoCloseAt} is not null`),
    index('tickets_split_from_idx').on(table.splitFromId),
    index('tickets_merged_into_idx').on(table.mergedIntoId),
    // A request's page lists the requests that follow it up: without this, every opening read them all.
    index('tickets_follows_up_idx').on(table.followsUpId).where(sql`${table.followsUpId} is not null`),
    index('tickets_search_document_idx').using('gin', table.searchDocument),
    index('tickets_search_phrases_idx').using('gin', searchPhrases(table.searchDocument)),
    // The newest hits are ranked first when a common word matches very many requests; the queue sorts by it.
    index('tickets_registered_idx').on(table.registeredAt, table.id),
    // Parts of words and of numbers ("серв", "00012"), which the stemmed search does not match.
    index('tickets_subject_trgm_idx').using('gin', table.subject.op('gin_trgm_ops')),
    index('tickets_number_trgm_idx').using('gin', table.number.op('gin_trgm_ops')),
  ],
);

export const messageVisibilityEnum = pgEnum('message_visibility', VISIBILITIES);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    /** agent, contact, or system for messages the desk writes itself (they never count as a response). */
    authorType: text('author_type').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    visibility: messageVisibilityEnum('visibility').notNull(),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    channel: channelEnum('channel').notNull(),
    /** As on tickets: a customer's message taken again after a failure is not added twice. */
    intakeKey: text('intake_key').unique(),
    /** The duplicate a message was written on before it was merged into this request. */
    mergedFromId: uuid('merged_from_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Order of writing, for messages that share an instant. */
    sequence: bigint('sequence', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    searchDocument: tsvector('search_document')
      .notNull()
      .generatedAlwaysAs((): SQL => messageDocument(ticketMessages.body)),
  },
  (table) => [
    index('ticket_messages_ticket_idx').on(table.ticketId, table.createdAt, table.sequence),
    index('ticket_messages_search_document_idx').using('gin', table.searchDocument),
    index('ticket_messages_search_phrases_idx').using('gin', searchPhrases(table.searchDocument)),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Who uploaded it; until a message takes it, only they may attach it. */
    uploaderType: text('uploader_type').notNull(),
    uploaderId: uuid('uploader_id'),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    messageId: uuid('message_id').references(() => ticketMessages.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storagePath: text('storage_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('attachments_message_idx').on(table.messageId),
    index('attachments_ticket_idx').on(table.ticketId),
    index('attachments_name_trgm_idx').using('gin', table.fileName.op('gin_trgm_ops')),
  ],
);

/** Requests refused at the door, kept whole so that an administrator can review them: nothing is lost. */
export const intakeRejections = pgTable(
  'intake_rejections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    channel: channelEnum('channel').notNull(),
    reason: text('reason').notNull(),
    contactId: uuid('contact_id'),
    sender: text('sender'),
    organizationId: uuid('organization_id'),
    instanceId: uuid('instance_id'),
    severity: text('severity'),
    subject: text('subject'),
    description: text('description'),
    /**
     * How an administrator settled it: the request registered for a known contact (`registered`,
     * with the request), or the sender added as a contact (`contact_added`, with the contact).
     */
    settledAt: timestamp('settled_at', { withTimezone: true, mode: 'date' }),
    settledBy: text('settled_by'),
    settlement: text('settlement'),
    settledTicketId: uuid('settled_ticket_id').references(() => tickets.id),
    settledContactId: uuid('settled_contact_id'),
  },
  (table) => [index('intake_rejections_at_idx').on(table.at)],
);

export const remoteSessions = pgTable(
  'remote_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    engineerId: uuid('engineer_id')
      .notNull()
      .references(() => agents.id),
    outcome: text('outcome').notNull(),
    recommendations: text('recommendations').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('remote_sessions_ticket_idx').on(table.ticketId)],
);

export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    organizationId: uuid('organization_id').notNull(),
    level: levelEnum('level').notNull(),
    severity: severityEnum('severity').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [uniqueIndex('sla_breaches_ticket_due_unique').on(table.ticketId, table.dueAt)],
);

/**
 * The answer to a changing action sent with an Idempotency-Key, kept a day so that a client's retry
 * (a lost answer, a balancer's 502) gets it again instead of doing the action twice. A row without a
 * status is an action still running: a retry meanwhile waits its turn rather than running alongside.
 */
export const replayableWrites = pgTable(
  'replayable_writes',
  {
    key: text('key').primaryKey(),
    /** The method, route, parameters and body the key was first sent with. */
    fingerprint: text('fingerprint').notNull(),
    statusCode: integer('status_code'),
    answer: text('answer'),
    createdAt: createdAt(),
  },
  (table) => [index('replayable_writes_created_idx').on(table.createdAt)],
);

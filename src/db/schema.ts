import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LEVELS } from '../domain/entitlement/entitlement.js';
import { AGENT_ROLES, ENVIRONMENTS, LANGUAGES } from '../domain/people.js';
import { CHANNELS, SEVERITIES } from '../domain/sla/policy.js';
import { CATEGORIES, STATUSES, VISIBILITIES } from '../domain/tickets/lifecycle.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const levelEnum = pgEnum('level', LEVELS);
export const environmentEnum = pgEnum('environment', ENVIRONMENTS);
export const languageEnum = pgEnum('language', LANGUAGES);
export const agentRoleEnum = pgEnum('agent_role', AGENT_ROLES);

export const products = pgTable('products', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
});

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Russian taxpayer number (ИНН), when the customer is a Russian legal entity. */
    inn: text('inn'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('organizations_name_unique').on(sql`lower(${table.name})`)],
);

export const licenses = pgTable(
  'licenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    number: text('number').notNull().unique(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (table) => [
    index('licenses_organization_idx').on(table.organizationId),
    check('licenses_period_ordered', sql`${table.validTo} is null or ${table.validFrom} <= ${table.validTo}`),
  ],
);

export const licenseProducts = pgTable(
  'license_products',
  {
    licenseId: uuid('license_id')
      .notNull()
      .references(() => licenses.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
  },
  (table) => [primaryKey({ columns: [table.licenseId, table.productId] })],
);

export const instances = pgTable(
  'instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    name: text('name').notNull(),
    environment: environmentEnum('environment').notNull(),
    version: text('version').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('instances_org_name_unique').on(table.organizationId, sql`lower(${table.name})`)],
);

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    number: text('number').notNull().unique(),
    level: levelEnum('level').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    maxInstances: integer('max_instances').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('certificates_organization_idx').on(table.organizationId),
    check('certificates_period_ordered', sql`${table.validFrom} <= ${table.validTo}`),
    check('certificates_max_instances_positive', sql`${table.maxInstances} > 0`),
  ],
);

export const certificateInstances = pgTable(
  'certificate_instances',
  {
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id),
  },
  (table) => [
    primaryKey({ columns: [table.certificateId, table.instanceId] }),
    index('certificate_instances_instance_idx').on(table.instanceId),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    language: languageEnum('language').notNull().default('ru'),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('contacts_email_unique').on(sql`lower(${table.email})`),
    index('contacts_organization_idx').on(table.organizationId),
  ],
);

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: agentRoleEnum('role').notNull(),
    language: languageEnum('language').notNull().default('ru'),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('agents_email_unique').on(sql`lower(${table.email})`)],
);

/** A principal is either a support agent or a customer contact; exactly one of the two ids is set. */
const principalColumns = () => ({
  agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a leaked table does not hand out sessions. */
    tokenHash: text('token_hash').primaryKey(),
    ...principalColumns(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    check('sessions_one_principal', sql`(${table.agentId} is null) <> (${table.contactId} is null)`),
    index('sessions_expires_idx').on(table.expiresAt),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    ...principalColumns(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    check('api_tokens_one_principal', sql`(${table.agentId} is null) <> (${table.contactId} is null)`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Commit order of the events: several changes can share one instant, and the log must not reorder them. */
    sequence: bigint('sequence', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    entity: text('entity').notNull(),
    /** A uuid for most records; the year or the date for calendar data, the effective date for a policy. */
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    organizationId: uuid('organization_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [
    index('audit_events_entity_idx').on(table.entity, table.entityId),
    index('audit_events_organization_idx').on(table.organizationId),
    uniqueIndex('audit_events_sequence_unique').on(table.sequence),
  ],
);

/** Production-calendar years loaded by an administrator; each replaces the shipped year of that number. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  days: jsonb('days').notNull(),
  publishedOn: text('published_on'),
  source: text('source'),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  importedBy: text('imported_by').notNull(),
});

/** Days the vendor sets apart from the official calendar: a company day off, a working Saturday. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  type: text('type').notNull(),
  name: text('name'),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
});

/** Policy versions added after the shipped default; the effective date names the version. */
export const policyVersions = pgTable('policy_versions', {
  id: date('id', { mode: 'string' }).primaryKey(),
  document: jsonb('document').notNull(),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
});

/** One row counting changes to calendar and policy data, so every server instance knows to rebuild. */
export const slaDataRevision = pgTable(
  'sla_data_revision',
  {
    id: integer('id').primaryKey().default(1),
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
  },
  (table) => [check('sla_data_revision_single_row', sql`${table.id} = 1`)],
);

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
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    level: levelEnum('level').notNull(),
    policyVersion: text('policy_version').notNull(),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('tickets_queue_idx').on(table.responseDueAt, table.id),
    index('tickets_status_due_idx').on(table.status, table.responseDueAt, table.id),
    index('tickets_organization_idx').on(table.organizationId, table.responseDueAt),
    index('tickets_assignee_idx').on(table.assigneeId, table.responseDueAt),
    index('tickets_sla_watch_idx')
      .on(table.responseWarnAt)
      .where(sql`${table.firstResponseAt} is null and ${table.slaBreachedAt} is null`),
    index('tickets_auto_close_idx').on(table.autoCloseAt).where(sql`${table.autoCloseAt} is not null`),
    index('tickets_split_from_idx').on(table.splitFromId),
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
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Order of writing, for messages that share an instant. */
    sequence: bigint('sequence', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (table) => [index('ticket_messages_ticket_idx').on(table.ticketId, table.createdAt, table.sequence)],
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
  (table) => [index('attachments_message_idx').on(table.messageId)],
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

/** Which customer organizations a partner (third-party) engineer works for (§2.6). */
export const partnerOrganizations = pgTable(
  'partner_organizations',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.agentId, table.organizationId] })],
);

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
    index('inbound_mail_ticket_idx').on(table.ticketId),
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
    /** smtp when sent to SMTP_URL, stored when the desk has no outbound server. */
    transport: text('transport').notNull(),
  },
  (table) => [
    index('outbound_mail_ticket_idx').on(table.ticketId),
    index('outbound_mail_created_idx').on(table.createdAt),
  ],
);

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

/** Expiry reminders sent, one per certificate and threshold (30 or 7 days): each goes out once. */
export const certificateReminders = pgTable(
  'certificate_reminders',
  {
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id, { onDelete: 'cascade' }),
    daysBefore: integer('days_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.certificateId, table.daysBefore] })],
);

/** A version of a product offered to supported customers (§3.4), with its notes in Markdown. */
export const releases = pgTable(
  'releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    version: text('version').notNull(),
    releasedOn: date('released_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('releases_product_version_unique').on(table.productId, table.version)],
);

/** A file of a release: stored under DATA_DIR, known by its SHA-256. */
export const releaseFiles = pgTable('release_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  releaseId: uuid('release_id')
    .notNull()
    .references(() => releases.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  storagePath: text('storage_path').notNull(),
  createdAt: createdAt(),
});

/** Who downloaded which file when: the vendor's record of what supported customers took. */
export const releaseDownloads = pgTable(
  'release_downloads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseFileId: uuid('release_file_id')
      .notNull()
      .references(() => releaseFiles.id, { onDelete: 'cascade' }),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    organizationId: uuid('organization_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('release_downloads_file_idx').on(table.releaseFileId)],
);

/** The documentation section of a product (§3.1): links or pages in Markdown, for customers with active support. */
export const documentationPages = pgTable(
  'documentation_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    title: text('title').notNull(),
    url: text('url'),
    body: text('body'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    index('documentation_pages_product_idx').on(table.productId, table.position),
    check('documentation_pages_link_or_page', sql`(${table.url} is null) <> (${table.body} is null)`),
  ],
);

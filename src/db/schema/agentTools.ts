import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { MacroActions } from '../../domain/macros/macro.js';
import { createdAt, updatedAt } from './columns.js';
import { agents, certificates, organizations } from './entitlement.js';
import { remoteSessions, tickets } from './tickets.js';

/** What support works with every hour: macros, saved views, tags and the time spent on requests. */

/** A canned reply with its actions; shared (no owner, kept by administrators) or an agent's own. */
export const macros = pgTable(
  'macros',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').references(() => agents.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    actions: jsonb('actions').$type<MacroActions>().notNull(),
    /** The policy's own answers (§4.5 information request, §4.2 out of scope) the console offers by name. */
    purpose: text('purpose'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('macros_owner_idx').on(table.ownerId),
    uniqueIndex('macros_purpose_unique')
      .on(table.purpose)
      .where(sql`${table.purpose} is not null and ${table.ownerId} is null`),
  ],
);

/**
 * A queue's filters and order under a name, kept as the queue's URL parameters (read by the contract's
 * ticketQueueFilter whenever used); shared (no owner) or an agent's own.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').references(() => agents.id),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string | string[]>>().notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('saved_views_owner_idx').on(table.ownerId, table.position)],
);

/** The tags administrators keep; requests carry only these. */
export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    color: text('color').notNull().default('gray'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('tags_name_unique').on(sql`lower(${table.name})`)],
);

export const ticketTags = pgTable(
  'ticket_tags',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.ticketId, table.tagId] }),
    index('ticket_tags_tag_idx').on(table.tagId, table.ticketId),
  ],
);

/**
 * Time spent on a request (трудозатраты). The organization and certificate are the request's, copied so
 * that the contract reports read one table; a remote session's entry names the session and is written once.
 */
export const worklogEntries = pgTable(
  'worklog_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    /** The Moscow day the work was done on: the report's month is its month. */
    workedOn: date('worked_on').notNull(),
    minutes: integer('minutes').notNull(),
    note: text('note').notNull(),
    billable: boolean('billable').notNull(),
    remoteSessionId: uuid('remote_session_id')
      .unique()
      .references(() => remoteSessions.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    index('worklog_ticket_idx').on(table.ticketId, table.createdAt),
    index('worklog_month_idx').on(table.workedOn),
  ],
);

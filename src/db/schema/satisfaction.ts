import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agents, contacts, organizations } from './entitlement.js';
import { tickets } from './tickets.js';

/**
 * The customer's rating of how a request was handled, asked once, at its first resolution. Each survey
 * has its own key, which signs the one-click links in its mail, so that a link proves it came from that
 * mail without the desk keeping the links; the agent is the one who held the request when it was resolved.
 */
export const satisfactionSurveys = pgTable(
  'satisfaction_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .unique()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    agentId: uuid('agent_id').references(() => agents.id),
    linkKey: text('link_key').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** 1 (very poor) to 5 (excellent); null until the customer rates. */
    score: integer('score'),
    comment: text('comment'),
    /** Where the rating came from: mail (a signed link), portal, telegram. */
    channel: text('channel'),
    ratedAt: timestamp('rated_at', { withTimezone: true, mode: 'date' }),
    commentedAt: timestamp('commented_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('satisfaction_surveys_rated_idx').on(table.ratedAt),
    index('satisfaction_surveys_agent_idx').on(table.agentId, table.ratedAt),
  ],
);

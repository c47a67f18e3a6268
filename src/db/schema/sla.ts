import { sql } from 'drizzle-orm';
import { bigint, check, date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** The calendar and policy data the deadlines are counted on. */
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

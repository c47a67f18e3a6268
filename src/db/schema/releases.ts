import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { articleDocument } from '../searchDocuments.js';
import { createdAt, tsvector } from './columns.js';
import { contacts, organizations, products } from './entitlement.js';

/** Releases, their files and downloads, and the documentation section. */
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
    /** Searched as requests are (db/searchDocuments.ts): the suggestions while a request is written. */
    searchDocument: tsvector('search_document')
      .notNull()
      .generatedAlwaysAs((): SQL => articleDocument(documentationPages.title, documentationPages.body)),
  },
  (table) => [
    index('documentation_pages_product_idx').on(table.productId, table.position),
    index('documentation_pages_search_document_idx').using('gin', table.searchDocument),
    check('documentation_pages_link_or_page', sql`(${table.url} is null) <> (${table.body} is null)`),
  ],
);

/**
 * A customer opened a page the new-request form suggested for what they were typing: whether a request
 * followed is what the deflection report counts. The subject typed is kept, to see what was asked.
 */
export const suggestionOpens = pgTable(
  'suggestion_opens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => documentationPages.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    typed: text('typed').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('suggestion_opens_opened_idx').on(table.openedAt)],
);

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

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const levelEnum = pgEnum('level', ['standard', 'extended']);
export const environmentEnum = pgEnum('environment', ['production', 'test', 'development']);
export const languageEnum = pgEnum('language', ['ru', 'en']);
export const agentRoleEnum = pgEnum('agent_role', ['admin', 'agent', 'partner']);

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

import { sql } from 'drizzle-orm';
import {
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
import { LEVELS } from '../../domain/entitlement/entitlement.js';
import type { AgentMailSettings } from '../../domain/notices/agentMail.js';
import { AGENT_ROLES, ENVIRONMENTS, LANGUAGES } from '../../domain/people.js';
import { createdAt, updatedAt } from './columns.js';

/** The vendor's contract records: products, customers, licenses, instances, certificates, contacts, agents. */
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
    /** Tax registration reason code (КПП) and state registration number (ОГРН, ОГРНИП), where known. */
    kpp: text('kpp'),
    ogrn: text('ogrn'),
    /** What an administrator or an import noted (a GLPI entity's parent, say). */
    note: text('note'),
    /** A former customer: its contacts may neither file nor sign in; its history stays. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('organizations_name_unique').on(sql`lower(${table.name})`),
    // One taxpayer is one customer: a second organization with the same INN is a mistake.
    uniqueIndex('organizations_inn_unique').on(table.inn).where(sql`${table.inn} is not null`),
  ],
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
    /** Further addresses the person used (kept by an import from GLPI); mail is sent to `email` only. */
    otherEmails: text('other_emails').array().notNull().default(sql`'{}'`),
    language: languageEnum('language').notNull().default('ru'),
    active: boolean('active').notNull().default(true),
    /** Made inactive with its organization, and active again when the organization is. */
    suspendedWithOrganization: boolean('suspended_with_organization').notNull().default(false),
    passwordHash: text('password_hash'),
    /** When an administrator erased the person's data (152-FZ); the requests stay, from an erased contact. */
    erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'date' }),
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
    /** Where the account signs in: null for a local password, ldap or oidc for the company directory. */
    directory: text('directory', { enum: ['ldap', 'oidc'] }),
    /** The person's name in that directory: their LDAP entry's DN, or the OpenID provider's subject. */
    directoryId: text('directory_id'),
    /** The notices the agent chose to get by mail too; what is absent takes the default (domain/notices). */
    mailNotices: jsonb('mail_notices').$type<Partial<AgentMailSettings>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('agents_email_unique').on(sql`lower(${table.email})`)],
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

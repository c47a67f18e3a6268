import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
import { ACCOUNT_LINK_KINDS } from '../../domain/accounts/accountLinks.js';
import { createdAt } from './columns.js';
import { agents, contacts, organizations } from './entitlement.js';

/** Who is signed in, with what, and the audit trail of what they changed. */
/** A principal is either a support agent or a customer contact; exactly one of the two ids is set. */
export const principalColumns = () => ({
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

/**
 * The invitation and reset links mailed to people (domain/accounts/accountLinks): kept as the digest of
 * their secret only, so the table hands out no password.
 */
export const accountLinks = pgTable(
  'account_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    ...principalColumns(),
    kind: text('kind', { enum: ACCOUNT_LINK_KINDS }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    /** Set when a newer link is sent or the password changes another way. */
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    check('account_links_one_principal', sql`(${table.agentId} is null) <> (${table.contactId} is null)`),
    check('account_links_kind', sql`${table.kind} in ('invitation', 'reset')`),
    index('account_links_agent_idx').on(table.agentId),
    index('account_links_contact_idx').on(table.contactId),
  ],
);

/**
 * A person's authenticator (TOTP, RFC 6238). The shared secret is kept as it is: verifying a code needs
 * it, and a key to encrypt it with would sit beside the database it protects. A secret waits unconfirmed
 * until the person proves their app shows its codes; the last time step used refuses a code replayed.
 */
export const secondFactors = pgTable(
  'second_factors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...principalColumns(),
    secret: text('secret').notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    lastTimeStep: bigint('last_time_step', { mode: 'number' }),
    /** Wrong codes in a row, wherever they came from: the account's own limit, beside the client's. */
    failedCodes: integer('failed_codes').notNull().default(0),
    /** No authenticator code is taken before this instant (the back-off after wrong codes). */
    codesBlockedUntil: timestamp('codes_blocked_until', { withTimezone: true, mode: 'date' }),
    /** Authenticator codes are refused from this instant until a recovery code or an administrator lifts it. */
    codesLockedAt: timestamp('codes_locked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    check('second_factors_one_principal', sql`(${table.agentId} is null) <> (${table.contactId} is null)`),
    uniqueIndex('second_factors_agent_unique').on(table.agentId, sql`(${table.confirmedAt} is null)`),
    uniqueIndex('second_factors_contact_unique').on(table.contactId, sql`(${table.confirmedAt} is null)`),
  ],
);

/** The ten single-use codes that stand in for a lost authenticator, kept as digests. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    secondFactorId: uuid('second_factor_id')
      .notNull()
      .references(() => secondFactors.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('recovery_codes_factor_idx').on(table.secondFactorId)],
);

/** Settings administrators change while the desk runs, one row per setting. */
export const deskSettings = pgTable('desk_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * A single sign-on on its way through the OpenID provider: the state sent there names it, and it holds
 * the PKCE verifier and nonce the answer is checked with. Used once, and only for ten minutes.
 */
export const singleSignOnAttempts = pgTable('single_sign_on_attempts', {
  stateHash: text('state_hash').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Every record an import took from another desk (GLPI), by its id there: a second run finds what it
 * already made and adds only what is new or changed (the fingerprint tells), never a duplicate.
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    externalId: text('external_id').notNull(),
    localId: uuid('local_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.source, table.kind, table.externalId] })],
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

/**
 * The database schema, one file per area under schema/; drizzle-kit reads it from here and the
 * migrations in migrations/ are generated from it.
 */

export * from './schema/access.js';
export * from './schema/agentTools.js';
export * from './schema/deliveries.js';
export * from './schema/entitlement.js';
export * from './schema/mail.js';
export * from './schema/releases.js';
export * from './schema/satisfaction.js';
export * from './schema/sla.js';
export * from './schema/telegram.js';
export * from './schema/tickets.js';
export * from './schema/webhooks.js';

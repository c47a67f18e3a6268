import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { auditEvents } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { type Actor, actorLabel, requireAdmin } from '../shared/actor.js';

type Snapshot = Record<string, unknown>;

export const AUDIT_ENTITIES = [
  'product',
  'organization',
  'license',
  'instance',
  'certificate',
  'contact',
  'agent',
  'api_token',
  'calendar_year',
  'calendar_override',
  'policy',
  'ticket',
  'remote_session',
  'partner_assignment',
  'release',
  'documentation_page',
  'desk_settings',
  'webhook',
  'intake_rejection',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditEntry {
  entity: AuditEntity;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'export' | 'import';
  organizationId: string | null;
  before: Snapshot | null;
  after: Snapshot | null;
}

/**
 * Records a change in the same transaction as the change itself. For updates only the fields
 * that changed are kept, before and after, which is what a reader of the log wants to see.
 */
export async function recordAudit(db: Queryable, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  const { before, after } = entry.action === 'update' ? changedFields(entry.before, entry.after) : entry;
  if (entry.action === 'update' && before && Object.keys(before).length === 0) return;
  await db.insert(auditEvents).values(auditRecord(actor, at, { ...entry, before, after }));
}

/** The row that records an entry, for a caller that writes it as part of a larger statement. */
export function auditRecord(actor: Actor, at: Date, entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
    at,
    actorType: actor.type,
    actorId: actor.type === 'system' ? null : actor.id,
    actorLabel: actorLabel(actor),
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    organizationId: entry.organizationId,
    before: entry.before,
    after: entry.after,
  };
}

function changedFields(before: Snapshot | null, after: Snapshot | null) {
  const changedBefore: Snapshot = {};
  const changedAfter: Snapshot = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const was = before?.[key];
    const now = after?.[key];
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      changedBefore[key] = was ?? null;
      changedAfter[key] = now ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  organizationId?: string | undefined;
  beforeSequence?: number | undefined;
  limit: number;
}

export async function listAuditEvents(ctx: AppContext, actor: Actor, query: AuditQuery) {
  requireAdmin(actor);
  const conditions: SQL[] = [];
  if (query.entity) conditions.push(eq(auditEvents.entity, query.entity));
  if (query.entityId) conditions.push(eq(auditEvents.entityId, query.entityId));
  if (query.organizationId) conditions.push(eq(auditEvents.organizationId, query.organizationId));
  if (query.beforeSequence !== undefined) conditions.push(lt(auditEvents.sequence, query.beforeSequence));
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.sequence))
    .limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    sequence: row.sequence,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    organizationId: row.organizationId,
    before: row.before as Snapshot | null,
    after: row.after as Snapshot | null,
  }));
}

import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { agents, notifications, outbox, partnerOrganizations } from '../db/schema.js';
import { type Actor, requireAdmin } from './actor.js';
import type { AppContext } from './context.js';

export interface Recipient {
  type: 'agent' | 'contact';
  id: string;
}

export interface NotificationPayload {
  recipient: Recipient;
  template: string;
  params: Record<string, string | number | null>;
  ticketId: string | null;
}

/** Writes a side effect into the outbox, inside the caller's transaction. */
export async function enqueue(db: Queryable, now: Date, topic: string, payload: unknown, availableAt = now) {
  await db.insert(outbox).values(outboxEntry(now, topic, payload, availableAt));
}

/** The row of a side effect, for a caller that writes it as part of a larger statement. */
export function outboxEntry(now: Date, topic: string, payload: unknown, availableAt = now) {
  return { topic, payload, createdAt: now, availableAt } satisfies typeof outbox.$inferInsert;
}

export async function notify(db: Queryable, now: Date, notification: NotificationPayload): Promise<void> {
  await enqueue(db, now, 'notify', notification);
}

/**
 * Who hears about an unassigned request: the support team (administrators and agents) and the partner
 * engineers who work for the request's organization.
 */
export async function queueRecipients(db: Queryable, organizationId: string): Promise<Recipient[]> {
  const partners = db
    .select({ agentId: partnerOrganizations.agentId })
    .from(partnerOrganizations)
    .where(eq(partnerOrganizations.organizationId, organizationId));
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(
      and(
        eq(agents.active, true),
        or(inArray(agents.role, ['admin', 'agent']), inArray(agents.id, partners)),
      ),
    )
    .orderBy(asc(agents.email));
  return rows.map((row) => ({ type: 'agent', id: row.id }));
}

/**
 * The delivery log, newest first: what the desk has sent or is still trying to send, with attempts and
 * the last error, so an administrator sees a channel that is down.
 */
export async function listOutbox(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireAdmin(actor);
  const rows = await ctx.db.select().from(outbox).orderBy(desc(outbox.id)).limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attempts,
    state: row.deliveredAt
      ? ('delivered' as const)
      : row.failedAt
        ? ('failed' as const)
        : ('pending' as const),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lastError: row.lastError,
  }));
}

export interface OutboxEntry {
  id: number;
  topic: string;
  payload: unknown;
  attempts: number;
}

export type OutboxHandler = (ctx: AppContext, entry: OutboxEntry) => Promise<void>;

export interface DispatchOptions {
  batchSize?: number;
  /** How long a claimed entry stays invisible to other dispatchers while it is being delivered. */
  lockMs?: number;
  maxAttempts?: number;
}

/**
 * Delivers pending outbox entries. Entries are claimed with FOR UPDATE SKIP LOCKED and hidden for
 * `lockMs`, so several app instances share the work without taking the same entry; a failed delivery
 * is retried later with growing delays and set aside after `maxAttempts`. Handlers must be idempotent
 * (a crash after delivery and before the mark redelivers), as the in-app notifier is by outbox id.
 */
export async function dispatchOutbox(
  ctx: AppContext,
  handlers: Record<string, OutboxHandler>,
  options: DispatchOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const { batchSize = 100, lockMs = 60_000, maxAttempts = 10 } = options;
  const now = ctx.clock.now();
  const claimed = await ctx.db.transaction(async (tx) => {
    const due = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.deliveredAt),
          isNull(outbox.failedAt),
          lte(outbox.availableAt, now),
          or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    return tx
      .update(outbox)
      .set({ lockedUntil: new Date(now.getTime() + lockMs), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due))
      .returning({ id: outbox.id, topic: outbox.topic, payload: outbox.payload, attempts: outbox.attempts });
  });
  let delivered = 0;
  let failed = 0;
  for (const entry of claimed.sort((a, b) => a.id - b.id)) {
    const handler = handlers[entry.topic];
    try {
      if (!handler) throw new Error(`no handler for outbox topic ${entry.topic}`);
      await handler(ctx, entry);
      await ctx.db
        .update(outbox)
        .set({ deliveredAt: ctx.clock.now(), lockedUntil: null, lastError: null })
        .where(eq(outbox.id, entry.id));
      delivered += 1;
    } catch (error) {
      failed += 1;
      const giveUp = entry.attempts >= maxAttempts;
      const retryIn = Math.min(2 ** entry.attempts * 30_000, 6 * 3_600_000);
      await ctx.db
        .update(outbox)
        .set({
          lockedUntil: null,
          lastError: error instanceof Error ? error.message : String(error),
          availableAt: new Date(ctx.clock.now().getTime() + retryIn),
          ...(giveUp ? { failedAt: ctx.clock.now() } : {}),
        })
        .where(eq(outbox.id, entry.id));
    }
  }
  return { delivered, failed };
}

/** Delivers a notification inside the desk; keyed by outbox id, so a redelivery changes nothing. */
export const deliverInAppNotification: OutboxHandler = async (ctx, entry) => {
  const payload = entry.payload as NotificationPayload;
  await ctx.db
    .insert(notifications)
    .values({
      outboxId: entry.id,
      recipientType: payload.recipient.type,
      recipientId: payload.recipient.id,
      ticketId: payload.ticketId,
      template: payload.template,
      params: payload.params,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing({ target: notifications.outboxId });
};

import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.js';
import { outbox, webhookDeliveries } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';

export type OutboxState = 'pending' | 'delivered' | 'failed';

const STATE_FILTER = {
  pending: and(isNull(outbox.deliveredAt), isNull(outbox.failedAt)),
  delivered: isNotNull(outbox.deliveredAt),
  failed: isNotNull(outbox.failedAt),
};

/**
 * The delivery log, newest first: what the desk has sent or is still trying to send, with attempts and
 * the last error, so an administrator sees a channel that is down and the entries it gave up on.
 */
export async function listOutbox(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; state?: OutboxState },
) {
  requireAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(outbox)
    .where(query.state ? STATE_FILTER[query.state] : undefined)
    .orderBy(desc(outbox.id))
    .limit(query.limit);
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
    failedAt: row.failedAt?.toISOString() ?? null,
    lastError: row.lastError,
  }));
}

/** An administrator sends an entry the desk gave up on once more (the peer is back, the address fixed). */
export async function retryOutboxEntry(ctx: AppContext, actor: Actor, id: number) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  const [entry] = await ctx.db.select({ failedAt: outbox.failedAt }).from(outbox).where(eq(outbox.id, id));
  if (!entry) throw notFound();
  if (!entry.failedAt) throw new AppError('conflict', 'outbox_not_failed');
  await ctx.db
    .update(outbox)
    .set({ failedAt: null, attempts: 0, availableAt: now, lockedUntil: null, claimedBy: null })
    .where(and(eq(outbox.id, id), isNotNull(outbox.failedAt)));
}

/**
 * Removes delivered entries older than the retention period; what each sender keeps stays, except the
 * webhooks' delivery log, which the vendor's systems have in their own records.
 */
export async function pruneOutbox(ctx: AppContext, retentionMs: number) {
  const before = new Date(ctx.clock.now().getTime() - retentionMs);
  const removed = await ctx.db
    .delete(outbox)
    .where(and(isNotNull(outbox.deliveredAt), lt(outbox.deliveredAt, before)))
    .returning({ id: outbox.id });
  // A webhook's log keeps what was delivered as long as the outbox does; what failed stays to be seen.
  const logged = await ctx.db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.state, 'delivered'), lt(webhookDeliveries.deliveredAt, before)))
    .returning({ id: webhookDeliveries.id });
  return { removed: removed.length, webhookDeliveriesRemoved: logged.length };
}

export interface OutboxTopicStats {
  topic: string;
  pending: number;
  failed: number;
  oldestPendingAt: Date | null;
}

/** What an operator alerts on: entries waiting and given up on per topic, and the oldest waiting. */
export async function outboxStats(ctx: AppContext): Promise<OutboxTopicStats[]> {
  const rows = await rowsOf<{ topic: string; pending: number; failed: number; oldest: string | null }>(
    ctx.db,
    sql`select topic,
        count(*) filter (where failed_at is null)::int as pending,
        count(*) filter (where failed_at is not null)::int as failed,
        min(created_at) filter (where failed_at is null) as oldest
      from outbox where delivered_at is null group by topic`,
  );
  return rows.map((row) => ({
    topic: row.topic,
    pending: Number(row.pending),
    failed: Number(row.failed),
    oldestPendingAt: row.oldest ? new Date(row.oldest) : null,
  }));
}

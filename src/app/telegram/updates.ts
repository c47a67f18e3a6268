import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { telegramUpdates } from '../../db/schema.js';
import type { AppContext } from '../context.js';

/** How long one attempt at an update holds it before a retry may take it. */
const ATTEMPT_LEASE_MS = 5 * 60_000;
const retryDelayMs = (attempts: number) => Math.min(2 ** attempts * 15_000, 3_600_000);

/** What storing an update found: a new one or a retry to handle now, or one to leave alone. */
export type UpdateClaim = 'handle' | 'handled' | 'busy';

/**
 * Stores an update as Telegram sent it before its offset is acknowledged, and takes it for an attempt.
 * The same update delivered again (Telegram after a restart, the retry job) is handled only while it
 * has no outcome, and never by two attempts at once.
 */
export async function claimUpdate(ctx: AppContext, update: { update_id: number }): Promise<UpdateClaim> {
  const now = ctx.clock.now();
  const lease = new Date(now.getTime() + ATTEMPT_LEASE_MS);
  const [stored] = await ctx.db
    .insert(telegramUpdates)
    .values({ updateId: update.update_id, payload: update, receivedAt: now, nextAttemptAt: lease })
    .onConflictDoNothing()
    .returning({ updateId: telegramUpdates.updateId });
  if (stored) return 'handle';
  const [retried] = await ctx.db
    .update(telegramUpdates)
    .set({ nextAttemptAt: lease })
    .where(
      and(
        eq(telegramUpdates.updateId, update.update_id),
        isNull(telegramUpdates.handledAt),
        lte(telegramUpdates.nextAttemptAt, now),
      ),
    )
    .returning({ updateId: telegramUpdates.updateId });
  if (retried) return 'handle';
  const [row] = await ctx.db
    .select({ handledAt: telegramUpdates.handledAt })
    .from(telegramUpdates)
    .where(eq(telegramUpdates.updateId, update.update_id));
  return row?.handledAt ? 'handled' : 'busy';
}

/** The update has its outcome; `refusal` names a permanent one (a reply to a closed request). */
export async function finishUpdate(ctx: AppContext, updateId: number, refusal: string | null = null) {
  await ctx.db
    .update(telegramUpdates)
    .set({
      handledAt: ctx.clock.now(),
      nextAttemptAt: null,
      lastError: refusal,
      attempts: sql`${telegramUpdates.attempts} + 1`,
    })
    .where(eq(telegramUpdates.updateId, updateId));
}

/** The attempt failed for a passing reason (the database, the Bot API): the retry job takes it later. */
export async function failUpdate(ctx: AppContext, updateId: number, error: unknown) {
  const [row] = await ctx.db
    .update(telegramUpdates)
    .set({
      attempts: sql`${telegramUpdates.attempts} + 1`,
      lastError: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
    })
    .where(eq(telegramUpdates.updateId, updateId))
    .returning({ attempts: telegramUpdates.attempts });
  await ctx.db
    .update(telegramUpdates)
    .set({ nextAttemptAt: new Date(ctx.clock.now().getTime() + retryDelayMs(row?.attempts ?? 1)) })
    .where(eq(telegramUpdates.updateId, updateId));
}

/** Updates without an outcome whose next attempt is due, as Telegram sent them. */
export async function dueUpdates(ctx: AppContext, limit: number): Promise<unknown[]> {
  const rows = await ctx.db
    .select({ payload: telegramUpdates.payload })
    .from(telegramUpdates)
    .where(and(isNull(telegramUpdates.handledAt), lte(telegramUpdates.nextAttemptAt, ctx.clock.now())))
    .orderBy(asc(telegramUpdates.updateId))
    .limit(limit);
  return rows.map((row) => row.payload).filter((payload) => payload !== null);
}

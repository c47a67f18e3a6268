import { and, eq, isNull, lt } from 'drizzle-orm';
import { replayableWrites } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';

/** How long an answer is kept for a retry: a client retries within minutes, a day is generous. */
export const REPLAY_RETENTION_MS = 24 * 3_600_000;
/**
 * How long an action may run before a retry with its key may run it again: a process killed mid-action
 * never writes its answer, and its key must not be refused for a day. Every action finishes well within
 * it; the request's own lock and version still stand between the two.
 */
export const ABANDONED_AFTER_MS = 120_000;

export type WriteReservation =
  | { kind: 'reserved' }
  | { kind: 'answered'; statusCode: number; answer: string | null };

/**
 * Takes a key for an action about to run, or finds what the key already did: the answer to give again,
 * the same key with another write (a client's mistake, refused), or the action still running.
 */
export async function reserveWrite(
  ctx: AppContext,
  key: string,
  fingerprint: string,
): Promise<WriteReservation> {
  const now = ctx.clock.now();
  const [taken] = await ctx.db
    .insert(replayableWrites)
    .values({ key, fingerprint, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: replayableWrites.key });
  if (taken) return { kind: 'reserved' };
  const [earlier] = await ctx.db.select().from(replayableWrites).where(eq(replayableWrites.key, key));
  if (!earlier) return reserveWrite(ctx, key, fingerprint);
  if (earlier.fingerprint !== fingerprint) throw new AppError('conflict', 'idempotency_key_reused');
  if (earlier.statusCode !== null)
    return { kind: 'answered', statusCode: earlier.statusCode, answer: earlier.answer };
  const abandoned = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const [retaken] = await ctx.db
    .update(replayableWrites)
    .set({ createdAt: now })
    .where(
      and(
        eq(replayableWrites.key, key),
        isNull(replayableWrites.statusCode),
        lt(replayableWrites.createdAt, abandoned),
      ),
    )
    .returning({ key: replayableWrites.key });
  if (retaken) return { kind: 'reserved' };
  throw new AppError('conflict', 'idempotency_key_in_flight');
}

/** Keeps the answer an action gave, for the retries of its key. */
export async function recordAnswer(
  ctx: AppContext,
  key: string,
  statusCode: number,
  answer: string | null,
): Promise<void> {
  await ctx.db.update(replayableWrites).set({ statusCode, answer }).where(eq(replayableWrites.key, key));
}

/** Frees a key whose action failed on the desk's side (5xx): a retry runs it afresh. */
export async function releaseWrite(ctx: AppContext, key: string): Promise<void> {
  await ctx.db
    .delete(replayableWrites)
    .where(and(eq(replayableWrites.key, key), isNull(replayableWrites.statusCode)));
}

/** Forgets answers older than the retention, a batch at a time. */
export async function pruneReplayableWrites(ctx: AppContext): Promise<{ pruned: number }> {
  const before = new Date(ctx.clock.now().getTime() - REPLAY_RETENTION_MS);
  const pruned = await ctx.db
    .delete(replayableWrites)
    .where(lt(replayableWrites.createdAt, before))
    .returning({ key: replayableWrites.key });
  return { pruned: pruned.length };
}

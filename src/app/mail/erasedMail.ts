import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { inboundMail } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import type { OutboxEntry } from '../outbox/dispatch.js';
import { enqueue, outboxEntry } from '../outbox/enqueue.js';

const REMOVAL_BATCH = 1_000;

/**
 * Erases what the mail log keeps of one sender (152-FZ): their address on every mail received from
 * them, and each mail's copy as it was received, which holds their name, address, signature and
 * everything they wrote. The rows change in the caller's transaction; the copies leave the file store
 * through the outbox once it commits, retried until they are gone, so a crash between the two can
 * leave no copy behind unnamed. A mail of theirs not yet processed is set aside: its copy is gone.
 */
export async function eraseSenderMail(db: Queryable, email: string, erasedEmail: string, now: Date) {
  const fromSender = sql`lower(${inboundMail.sender}) = lower(${email})`;
  const stored = await db
    .select({ storedAs: inboundMail.storedAs })
    .from(inboundMail)
    .where(and(fromSender, isNotNull(inboundMail.storedAs)));
  await db
    .update(inboundMail)
    .set({ outcome: 'ignored', reason: 'sender_erased', nextAttemptAt: null })
    .where(and(fromSender, eq(inboundMail.outcome, 'received')));
  await db
    .update(inboundMail)
    .set({ sender: erasedEmail, returnPath: null, storedAs: null })
    .where(fromSender);
  const keys = stored.flatMap((row) => (row.storedAs ? [row.storedAs] : []));
  const entries = [];
  for (let start = 0; start < keys.length; start += REMOVAL_BATCH)
    entries.push(outboxEntry(now, 'storage.remove', { keys: keys.slice(start, start + REMOVAL_BATCH) }));
  await enqueue(db, entries);
  return { copiesRemoved: keys.length };
}

/** Takes the named files out of the store; one already gone is not an error. */
export async function removeStoredFiles(ctx: AppContext, entry: OutboxEntry<'storage.remove'>) {
  for (const key of entry.payload.keys) await ctx.files.remove(key);
}

import { and, inArray, isNull, lt } from 'drizzle-orm';
import { attachments } from '../../db/schema.js';
import type { AppContext } from '../context.js';

/** How long an upload may wait for the message it was made for (a form left open over lunch). */
export const UNLINKED_UPLOAD_TTL_MS = 24 * 3_600_000;
const BATCH = 200;

/**
 * Removes uploads no message took within a day, rows and bytes, a batch at a time. The rows go first,
 * claimed by the delete itself, so an instance never removes a file another is attaching right now:
 * a message takes an upload by setting its message id, and a row with one is never deleted.
 */
export async function removeUnlinkedUploads(ctx: AppContext): Promise<{ removed: number }> {
  const before = new Date(ctx.clock.now().getTime() - UNLINKED_UPLOAD_TTL_MS);
  const stale = ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(isNull(attachments.messageId), isNull(attachments.ticketId), lt(attachments.createdAt, before)),
    )
    .limit(BATCH);
  const removed = await ctx.db
    .delete(attachments)
    .where(and(inArray(attachments.id, stale), isNull(attachments.messageId)))
    .returning({ storagePath: attachments.storagePath });
  for (const row of removed) {
    // A file already gone (a crash between the two steps, an operator's clean-up) is not an error.
    await ctx.files.remove(row.storagePath).catch(() => {});
  }
  return { removed: removed.length };
}

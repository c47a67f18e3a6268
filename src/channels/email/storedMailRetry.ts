import type { AppContext } from '../../app/context.js';
import { claimPendingMail, retryStoredMail } from '../../app/mail/inbound.js';
import { parseMail } from './parseMail.js';

const BATCH = 20;

/**
 * The job that finishes what a channel stored but could not process (the database went away half-way,
 * the disk filled, the process was killed): each mail is read again from its stored copy, with the
 * facts its channel recorded at receipt, and goes through the same pipeline.
 */
export async function retryPendingMail(ctx: AppContext): Promise<{ retried: number; pending: number }> {
  const due = await claimPendingMail(ctx, BATCH);
  let pending = 0;
  for (const stored of due) {
    const raw = await ctx.files.read(stored.storedAs);
    const parsed = await parseMail(raw, {
      via: stored.via,
      receivedAt: stored.receivedAt,
      authentication: stored.authentication,
    });
    const outcome = await retryStoredMail(ctx, stored, { ...parsed, returnPath: stored.returnPath });
    if (outcome.outcome === 'pending') pending += 1;
  }
  return { retried: due.length - pending, pending };
}

import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { inboundMail } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { recordedOrRemoved } from '../ports/fileStore.js';
import { AppError } from '../shared/errors.js';
import { decide, refuseSender } from './decideMail.js';
import type { IncomingMail, MailOutcome } from './incomingMail.js';

/** How long one attempt at a stored mail holds it before another instance's job may try. */
const ATTEMPT_LEASE_MS = 5 * 60_000;
const retryDelayMs = (attempts: number) => Math.min(2 ** attempts * 30_000, 3_600_000);

/** A mail's identity: its Message-ID, or for a mail without one, its content. */
function messageIdOf(mail: Pick<IncomingMail, 'messageId' | 'raw'>): string {
  return (
    mail.messageId ?? `<sha256.${createHash('sha256').update(mail.raw).digest('hex')}@supportdesk.invalid>`
  );
}

/**
 * The one pipeline for every inbound mail, SMTP or IMAP. The mail is stored whole before anything is
 * decided, and only then may the channel acknowledge it (250, the IMAP flag); a failure before that
 * throws, so the sender or the mailbox offers it again. Once stored it is processed: recognised once
 * per Message-ID, machines ignored, the sender checked, replies threaded to their ticket, new mail
 * registered through registerRequest like any other channel, a refused sender answered at most once a
 * day. A processing failure leaves the stored mail to a job that tries again until it has an outcome,
 * and the request it makes carries the Message-ID, so no attempt ever makes a second one.
 */
export async function receiveMail(ctx: AppContext, mail: IncomingMail): Promise<MailOutcome> {
  const messageId = messageIdOf(mail);
  const sender = mail.from?.toLowerCase() ?? null;
  const now = ctx.clock.now();
  const [known] = await ctx.db
    .select({ id: inboundMail.id, outcome: inboundMail.outcome })
    .from(inboundMail)
    .where(eq(inboundMail.messageId, messageId));
  let rowId: string;
  if (known) {
    if (known.outcome !== 'received') return { outcome: 'duplicate' };
    // Stored before and not yet processed: the sender's retry is one more attempt, if none runs now.
    const claimed = await claimStoredMail(ctx, known.id, now);
    if (!claimed) return { outcome: 'pending', reason: 'being processed' };
    rowId = known.id;
  } else {
    const id = randomUUID();
    const storedAs = await ctx.files.save(id, now, mail.raw);
    const [stored] = await recordedOrRemoved(ctx.files, storedAs, () =>
      ctx.db
        .insert(inboundMail)
        .values({
          id,
          messageId,
          receivedAt: mail.receivedAt,
          via: mail.via,
          sender,
          subject: mail.subject.slice(0, 1000),
          inReplyTo: mail.inReplyTo,
          authentication: mail.authentication,
          returnPath: mail.returnPath,
          outcome: 'received',
          storedAs,
          nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS),
        })
        .onConflictDoNothing({ target: inboundMail.messageId })
        .returning({ id: inboundMail.id }),
    );
    if (!stored) {
      // The same mail arrived twice at once: the other copy is the one kept.
      await ctx.files.remove(storedAs);
      return { outcome: 'pending', reason: 'being processed' };
    }
    rowId = stored.id;
  }
  return processMail(ctx, rowId, mail, messageId, sender);
}

/** Takes a stored mail for one attempt, unless another attempt holds it. */
async function claimStoredMail(ctx: AppContext, id: string, now: Date): Promise<boolean> {
  const claimed = await ctx.db
    .update(inboundMail)
    .set({ nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) })
    .where(
      and(eq(inboundMail.id, id), eq(inboundMail.outcome, 'received'), lte(inboundMail.nextAttemptAt, now)),
    )
    .returning({ id: inboundMail.id });
  return claimed.length > 0;
}

async function processMail(
  ctx: AppContext,
  rowId: string,
  mail: IncomingMail,
  messageId: string,
  sender: string | null,
): Promise<MailOutcome> {
  try {
    const outcome = await decide(ctx, mail, messageId, sender).catch((error: unknown) => {
      // A use case's refusal is an outcome, not a passing failure: trying again would refuse again.
      if (error instanceof AppError) return { outcome: 'refused' as const, reason: error.code };
      throw error;
    });
    await ctx.db
      .update(inboundMail)
      .set({
        outcome: outcome.outcome,
        reason: 'reason' in outcome ? outcome.reason : null,
        ticketId: 'ticketId' in outcome ? outcome.ticketId : null,
        nextAttemptAt: null,
        lastError: null,
        attempts: sql`${inboundMail.attempts} + 1`,
      })
      .where(eq(inboundMail.id, rowId));
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const [row] = await ctx.db
      .update(inboundMail)
      .set({ attempts: sql`${inboundMail.attempts} + 1`, lastError: reason.slice(0, 2000) })
      .where(eq(inboundMail.id, rowId))
      .returning({ attempts: inboundMail.attempts });
    await ctx.db
      .update(inboundMail)
      .set({ nextAttemptAt: new Date(ctx.clock.now().getTime() + retryDelayMs(row?.attempts ?? 1)) })
      .where(eq(inboundMail.id, rowId));
    return { outcome: 'pending', reason };
  }
}

/** A stored mail whose processing is due again, with what its channel recorded at receipt. */
export interface StoredMail {
  id: string;
  via: IncomingMail['via'];
  receivedAt: Date;
  storedAs: string;
  returnPath: string | null;
  authentication: IncomingMail['authentication'];
}

/** Claims stored mail whose processing failed or was cut off (a crash), for another attempt. */
export async function claimPendingMail(ctx: AppContext, limit: number): Promise<StoredMail[]> {
  const now = ctx.clock.now();
  // One statement claims the batch: rows another instance holds are skipped, not waited for.
  const due = ctx.db
    .select({ id: inboundMail.id })
    .from(inboundMail)
    .where(and(eq(inboundMail.outcome, 'received'), lte(inboundMail.nextAttemptAt, now)))
    .orderBy(asc(inboundMail.receivedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await ctx.db
    .update(inboundMail)
    .set({ nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) })
    .where(inArray(inboundMail.id, due))
    .returning();
  return rows.flatMap((row) =>
    row.storedAs
      ? [
          {
            id: row.id,
            via: row.via as IncomingMail['via'],
            receivedAt: row.receivedAt,
            storedAs: row.storedAs,
            returnPath: row.returnPath,
            authentication: row.authentication as IncomingMail['authentication'],
          },
        ]
      : [],
  );
}

/** One more attempt at a stored mail, read again from its stored copy by its channel. */
export async function retryStoredMail(
  ctx: AppContext,
  stored: StoredMail,
  mail: IncomingMail,
): Promise<MailOutcome> {
  return processMail(ctx, stored.id, mail, messageIdOf(mail), mail.from?.toLowerCase() ?? null);
}

/**
 * A mail the desk can never read (thousands of parts, nesting thousands deep, not MIME at all): kept in
 * the log for an administrator with the reason, so the channel refuses it for good instead of asking
 * the sender to retry for days.
 */
export async function refuseMalformedMail(
  ctx: AppContext,
  mail: { via: IncomingMail['via']; receivedAt: Date; raw: Buffer; detail: string; sender: string | null },
): Promise<MailOutcome> {
  const id = randomUUID();
  const messageId = messageIdOf({ messageId: null, raw: mail.raw });
  const storedAs = await ctx.files.save(id, ctx.clock.now(), mail.raw).catch(() => null);
  const record = () =>
    ctx.db
      .insert(inboundMail)
      .values({
        id,
        messageId,
        receivedAt: mail.receivedAt,
        via: mail.via,
        sender: mail.sender,
        subject: null,
        authentication: 'off',
        outcome: 'refused',
        reason: `mail_malformed: ${mail.detail}`.slice(0, 1000),
        storedAs,
      })
      .onConflictDoNothing({ target: inboundMail.messageId })
      .returning({ id: inboundMail.id });
  const [recorded] = storedAs ? await recordedOrRemoved(ctx.files, storedAs, record) : await record();
  if (!recorded && storedAs) await ctx.files.remove(storedAs);
  return { outcome: 'refused', reason: 'mail_malformed' };
}

/** Records a refused mail by its Message-ID; undefined when that mail was recorded before (a second delivery). */
async function claimMail(ctx: AppContext, values: typeof inboundMail.$inferInsert) {
  const [claimed] = await ctx.db
    .insert(inboundMail)
    .values({ ...values, subject: values.subject?.slice(0, 1000) ?? null })
    .onConflictDoNothing({ target: inboundMail.messageId })
    .returning({ id: inboundMail.id });
  return claimed;
}

/** What is known of a mail too large to read: enough to log it and tell its sender. */
export interface OversizedMail {
  via: IncomingMail['via'];
  receivedAt: Date;
  messageId: string | null;
  from: string | null;
  subject: string;
  size: number;
}

/**
 * A mail over MAIL_MAX_MB that a mailbox holds anyway (the SMTP listener refuses such mail before
 * taking it): logged once, and its sender told the limit, once a day like every refusal.
 */
export async function refuseOversizedMail(ctx: AppContext, mail: OversizedMail): Promise<MailOutcome> {
  const messageId =
    mail.messageId ?? `<oversized.${mail.receivedAt.getTime()}.${mail.size}@supportdesk.invalid>`;
  const claimed = await claimMail(ctx, {
    messageId,
    receivedAt: mail.receivedAt,
    via: mail.via,
    sender: mail.from,
    subject: mail.subject,
    authentication: 'off',
    outcome: 'refused',
    reason: 'mail_too_large',
  });
  if (!claimed) return { outcome: 'duplicate' };
  if (!mail.from) return { outcome: 'refused', reason: 'mail_too_large' };
  return refuseSender(ctx, mail.from.toLowerCase(), 'mail_too_large', mail.subject, messageId);
}

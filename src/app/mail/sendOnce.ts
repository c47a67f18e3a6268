import { randomBytes } from 'node:crypto';
import { eq, isNull, sql } from 'drizzle-orm';
import { preparedStatement } from '../../db/database.js';
import { outboundMail } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import type { OutboxEntry } from '../outbox/dispatch.js';
import type { OutgoingMail } from '../ports/mailSender.js';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

function newMessageId(ctx: AppContext, outboxId: number): string {
  return `<sd.${outboxId}.${randomBytes(6).toString('hex')}@${domainOf(ctx.mail.settings.from)}>`;
}

/**
 * Sends the mail of one outbox entry once: the row is written before the transport is called and
 * marked sent after, so a retry after a failure sends the same mail with the same Message-ID, and a
 * redelivery of an entry already sent sends nothing.
 */
export async function sendOnce(
  ctx: AppContext,
  entry: Pick<OutboxEntry, 'id'>,
  compose: () => Promise<Omit<OutgoingMail, 'from' | 'messageId' | 'headers'> & { automatic: boolean }>,
  ticketId: string | null,
): Promise<void> {
  const composed = await compose();
  const [mail] = await writeMailStatement(ctx.db).execute({
    outboxId: entry.id,
    ticketId,
    recipient: composed.to,
    subject: composed.subject,
    text: composed.text,
    messageId: newMessageId(ctx, entry.id),
    inReplyTo: composed.inReplyTo,
    references: composed.references,
    createdAt: ctx.clock.now(),
    transport: ctx.mail.sender.transport,
  });
  // A retry sends the mail written the first time, with its Message-ID, or nothing once it was sent.
  if (!mail) return;
  await ctx.mail.sender.send({
    to: mail.recipient,
    subject: mail.subject,
    text: mail.text,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    from: ctx.mail.settings.from,
    messageId: mail.messageId,
    headers: {
      'Auto-Submitted': composed.automatic ? 'auto-replied' : 'no',
      'X-Loop': ctx.mail.settings.from,
    },
  });
  await markSentStatement(ctx.db).execute({ outboxId: entry.id, sentAt: ctx.clock.now().toISOString() });
}

/** A mail row is written before it is sent; these are the busiest statements of the mail channel. */
const writeMailStatement = preparedStatement((db) => {
  const value = (name: string) => sql.placeholder(name);
  return (
    db
      .insert(outboundMail)
      .values({
        outboxId: value('outboxId'),
        ticketId: value('ticketId'),
        recipient: value('recipient'),
        subject: value('subject'),
        text: value('text'),
        messageId: value('messageId'),
        inReplyTo: value('inReplyTo'),
        references: value('references'),
        createdAt: value('createdAt'),
        transport: value('transport'),
        sendAttempts: 1,
      })
      // Written once; each attempt after counts itself on that row, and one already sent returns nothing.
      .onConflictDoUpdate({
        target: outboundMail.outboxId,
        set: { sendAttempts: sql`${outboundMail.sendAttempts} + 1` },
        setWhere: isNull(outboundMail.sentAt),
      })
      .returning()
      .prepare('write_outbound_mail')
  );
});

const markSentStatement = preparedStatement((db) =>
  db
    .update(outboundMail)
    .set({ sentAt: sql`${sql.placeholder('sentAt')}::timestamptz` })
    .where(eq(outboundMail.outboxId, sql.placeholder('outboxId')))
    .prepare('mark_outbound_mail_sent'),
);

import { randomBytes } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import { contacts, inboundMail, outboundMail } from '../../db/schema.js';
import { LANGUAGES, type Language } from '../../i18n/messages.js';
import { renderNotification } from '../../i18n/notifications.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { OutboxEntry, OutboxHandler } from '../outbox/dispatch.js';
import type { OutgoingMail } from './mailer.js';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

function newMessageId(ctx: AppContext, outboxId: number): string {
  return `<sd.${outboxId}.${randomBytes(6).toString('hex')}@${domainOf(ctx.mail.settings.from)}>`;
}

/**
 * Sends the mail of one outbox entry once: the row is written before the transport is called and
 * marked sent after, so a retry after a failure sends the same mail with the same Message-ID, and a
 * redelivery of an entry already sent sends nothing.
 */
async function sendOnce(
  ctx: AppContext,
  entry: Pick<OutboxEntry, 'id'>,
  compose: (
    messageId: string,
  ) => Promise<Omit<OutgoingMail, 'from' | 'messageId' | 'headers'> & { automatic: boolean }>,
  ticketId: string | null,
): Promise<void> {
  const [existing] = await ctx.db.select().from(outboundMail).where(eq(outboundMail.outboxId, entry.id));
  if (existing?.sentAt) return;
  const messageId = existing?.messageId ?? newMessageId(ctx, entry.id);
  const mail = await compose(messageId);
  if (!existing) {
    await ctx.db
      .insert(outboundMail)
      .values({
        outboxId: entry.id,
        ticketId,
        recipient: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        createdAt: ctx.clock.now(),
        transport: ctx.mail.sender.transport,
      })
      .onConflictDoNothing({ target: outboundMail.outboxId });
  }
  await ctx.mail.sender.send({
    ...mail,
    from: ctx.mail.settings.from,
    messageId,
    headers: {
      'Auto-Submitted': mail.automatic ? 'auto-replied' : 'no',
      'X-Loop': ctx.mail.settings.from,
    },
  });
  await ctx.db
    .update(outboundMail)
    .set({ sentAt: ctx.clock.now() })
    .where(eq(outboundMail.outboxId, entry.id));
}

/** The thread a ticket's mail belongs to: the mail that opened it, and the customer's latest. */
async function threadOf(
  ctx: AppContext,
  ticketId: string,
): Promise<{ inReplyTo: string | null; references: string[] }> {
  const [first] = await ctx.db
    .select({ messageId: inboundMail.messageId })
    .from(inboundMail)
    .where(eq(inboundMail.ticketId, ticketId))
    .orderBy(asc(inboundMail.receivedAt))
    .limit(1);
  const [latest] = await ctx.db
    .select({ messageId: inboundMail.messageId })
    .from(inboundMail)
    .where(eq(inboundMail.ticketId, ticketId))
    .orderBy(desc(inboundMail.receivedAt))
    .limit(1);
  const [firstSent] = await ctx.db
    .select({ messageId: outboundMail.messageId })
    .from(outboundMail)
    .where(eq(outboundMail.ticketId, ticketId))
    .orderBy(asc(outboundMail.createdAt))
    .limit(1);
  const root = first?.messageId ?? firstSent?.messageId ?? null;
  const references = [...new Set([root, latest?.messageId].filter((id): id is string => Boolean(id)))];
  return { inReplyTo: latest?.messageId ?? root, references };
}

const firstSentence = (text: string) => (text.split(/(?<=[.!?])\s/)[0] ?? text).slice(0, 150);

/** A customer's notification as a mail in their language, threaded under the ticket's earlier mail. */
export const mailNotification: OutboxHandler<'notice.mail'> = async (ctx, entry) => {
  const { payload } = entry;
  if (payload.recipient.type !== 'contact') return;
  const [contact] = await ctx.db
    .select({ email: contacts.email, language: contacts.language, active: contacts.active })
    .from(contacts)
    .where(eq(contacts.id, payload.recipient.id));
  if (!contact?.active) return;
  await sendOnce(
    ctx,
    entry,
    async () => {
      const language = contact.language as Language;
      const t = translator(language);
      const params = payload.params;
      // A ticket's mail carries its number for threading; other notices (a certificate ending) do not.
      const number = payload.ticketId && typeof params.number === 'string' ? params.number : null;
      const notice = renderNotification(payload.template, params, language);
      const paragraphs = [
        notice,
        typeof params.body === 'string' ? params.body : null,
        typeof params.instances === 'string'
          ? t('mail.instance_choice', { instances: params.instances })
          : null,
        number ? t('mail.reply_hint', { number }) : null,
        `-- \n${t('mail.signature')}`,
      ];
      const thread = payload.ticketId
        ? await threadOf(ctx, payload.ticketId)
        : { inReplyTo: null, references: [] };
      return {
        to: contact.email,
        subject: number ? `[${number}] ${String(params.subject ?? '')}`.trim() : firstSentence(notice),
        text: paragraphs.filter(Boolean).join('\n\n'),
        ...thread,
        automatic: !('body' in params),
      };
    },
    payload.ticketId,
  );
};

/** The polite refusal, at most once a day per sender (the caller checks that), in Russian and English. */
export const mailRefusal: OutboxHandler<'mail.refusal'> = async (ctx, entry) => {
  const { payload } = entry;
  await sendOnce(
    ctx,
    entry,
    async () => ({
      to: payload.address,
      subject: LANGUAGES.map((language) => translator(language)('mail.refused_subject')).join(' / '),
      text: LANGUAGES.map((language) => {
        const t = translator(language);
        const reason = t(`errors.${payload.reason}`, payload.params ?? {});
        return `${t('mail.refused', { subject: payload.subject, reason })}\n\n-- \n${t('mail.signature')}`;
      }).join('\n\n\n'),
      inReplyTo: payload.inReplyTo,
      references: payload.inReplyTo ? [payload.inReplyTo] : [],
      automatic: true,
    }),
    null,
  );
};

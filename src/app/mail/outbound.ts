import { randomBytes } from 'node:crypto';
import { eq, isNull, sql } from 'drizzle-orm';
import { preparedStatement } from '../../db/database.js';
import { agents, contacts, outboundMail, satisfactionSurveys } from '../../db/schema.js';
import { LANGUAGES, type Language } from '../../domain/people.js';
import { renderNotification } from '../../i18n/notifications.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { OutboxEntry, OutboxHandler } from '../outbox/dispatch.js';
import { ratingLinks } from '../satisfaction/ratingLinks.js';
import { holdForDigest } from './agentDigest.js';
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

/**
 * The contact a notice goes to and the thread its ticket's mail belongs to (the mail that opened it,
 * and the customer's latest), in one prepared round trip: it is asked for every mail the desk sends.
 */
const recipientStatement = preparedStatement((db) => {
  const ticketId = sql.placeholder('ticketId');
  return db
    .select({
      email: contacts.email,
      language: contacts.language,
      active: contacts.active,
      first: sql<
        string | null
      >`(select message_id from inbound_mail where ticket_id = ${ticketId}::uuid order by received_at asc limit 1)`,
      latest: sql<
        string | null
      >`(select message_id from inbound_mail where ticket_id = ${ticketId}::uuid order by received_at desc limit 1)`,
      firstSent: sql<
        string | null
      >`(select message_id from outbound_mail where ticket_id = ${ticketId}::uuid order by created_at asc limit 1)`,
    })
    .from(contacts)
    .where(eq(contacts.id, sql.placeholder('contactId')))
    .prepare('mail_recipient_and_thread');
});

async function recipientAndThread(ctx: AppContext, contactId: string, ticketId: string | null) {
  const [row] = await recipientStatement(ctx.db).execute({ contactId, ticketId });
  if (!row) return undefined;
  const root = row.first ?? row.firstSent ?? null;
  const references = [...new Set([root, row.latest].filter((id): id is string => Boolean(id)))];
  return {
    contact: { email: row.email, language: row.language as Language, active: row.active },
    thread: { inReplyTo: row.latest ?? root, references },
  };
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

const firstSentence = (text: string) => (text.split(/(?<=[.!?])\s/)[0] ?? text).slice(0, 150);

/**
 * A notification as a mail in its reader's language: to a customer threaded under the ticket's earlier
 * mail, to a support person with the link to the request in the console.
 */
export const mailNotification: OutboxHandler<'notice.mail'> = async (ctx, entry) => {
  const { payload } = entry;
  if (payload.recipient.type === 'agent') return mailAgentNotification(ctx, entry);
  const found = await recipientAndThread(ctx, payload.recipient.id, payload.ticketId);
  if (!found?.contact.active) return;
  const { contact, thread } = found;
  await sendOnce(
    ctx,
    entry,
    async () => {
      const language = contact.language;
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
        typeof params.surveyId === 'string' ? await ratingParagraph(ctx, params.surveyId, t) : null,
        number ? t('mail.reply_hint', { number }) : null,
        `-- \n${t('mail.signature')}`,
      ];
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

/** The survey's five signed one-click links, made from its key when the mail is written. */
async function ratingParagraph(ctx: AppContext, surveyId: string, t: ReturnType<typeof translator>) {
  const [survey] = await ctx.db
    .select({ id: satisfactionSurveys.id, linkKey: satisfactionSurveys.linkKey })
    .from(satisfactionSurveys)
    .where(eq(satisfactionSurveys.id, surveyId));
  if (!survey) return null;
  const links = ratingLinks(ctx.mail.settings.webUrl, survey).map((link) => `${link.score}: ${link.url}`);
  return t('mail.rating_links', { links: links.join('\n') });
}

/** Support is answered in the console, not by mail: the mail says what happened and links there. */
async function mailAgentNotification(ctx: AppContext, entry: OutboxEntry<'notice.mail'>): Promise<void> {
  const { payload } = entry;
  const [agent] = await ctx.db
    .select({ email: agents.email, language: agents.language, active: agents.active })
    .from(agents)
    .where(eq(agents.id, payload.recipient.id));
  if (!agent?.active) return;
  if (await holdForDigest(ctx, entry, payload.recipient.id)) return;
  await sendOnce(
    ctx,
    entry,
    async () => {
      const t = translator(agent.language);
      const params = payload.params;
      const number = typeof params.number === 'string' ? params.number : null;
      const notice = renderNotification(payload.template, params, agent.language);
      const paragraphs = [
        notice,
        typeof params.body === 'string' ? params.body : null,
        number ? t('mail.open_request', { url: `${ctx.mail.settings.webUrl}/requests/${number}` }) : null,
        `-- \n${t('mail.signature_agent')}`,
      ];
      return {
        to: agent.email,
        subject: number ? `[${number}] ${notice}` : firstSentence(notice),
        text: paragraphs.filter(Boolean).join('\n\n'),
        inReplyTo: null,
        references: [],
        automatic: true,
      };
    },
    payload.ticketId,
  );
}

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

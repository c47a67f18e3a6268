import { eq, sql } from 'drizzle-orm';
import { noticeAttachments } from '../../contract/notices.js';
import { preparedStatement } from '../../db/database.js';
import { agents, contacts, satisfactionSurveys } from '../../db/schema.js';
import { LANGUAGES, type Language } from '../../domain/people.js';
import { renderNotification } from '../../i18n/notifications.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { OutboxEntry, OutboxHandler } from '../outbox/dispatch.js';
import { ratingLinks } from '../satisfaction/ratingLinks.js';
import { holdForDigest } from './agentDigest.js';
import { sendOnce } from './sendOnce.js';

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
      const carried = noticeAttachments(payload);
      // A ticket's mail carries its number for threading; other notices (a certificate ending) do not.
      const number = payload.ticketId ? carried.number : null;
      const notice = renderNotification(payload.template, payload.params, language);
      const paragraphs = [
        notice,
        carried.body,
        carried.instances ? t('mail.instance_choice', { instances: carried.instances }) : null,
        carried.surveyId ? await ratingParagraph(ctx, carried.surveyId, t) : null,
        number ? t('mail.reply_hint', { number }) : null,
        `-- \n${t('mail.signature')}`,
      ];
      return {
        to: contact.email,
        subject: number ? `[${number}] ${carried.subject ?? ''}`.trim() : firstSentence(notice),
        text: paragraphs.filter(Boolean).join('\n\n'),
        ...thread,
        // A person's words (a reply, a resolution) are not an automatic mail; the desk's own notices are.
        automatic: carried.body === null,
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
      const carried = noticeAttachments(payload);
      const number = carried.number;
      const notice = renderNotification(payload.template, payload.params, agent.language);
      const paragraphs = [
        notice,
        carried.body,
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

import { eq, sql } from 'drizzle-orm';
import { accountLinks, agents, contacts, outboundMail, outbox } from '../../db/schema.js';
import { ACCOUNT_LINK_VALIDITY_MS, linkIsOpen } from '../../domain/accounts/accountLinks.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { OutboxHandler } from '../outbox/dispatch.js';
import type { Recipient } from '../outbox/topics.js';
import { digest } from '../shared/secrets.js';
import { sendOnce } from './sendOnce.js';

async function personOf(ctx: AppContext, recipient: Recipient) {
  const table = recipient.type === 'agent' ? agents : contacts;
  const [row] = await ctx.db
    .select({ name: table.name, email: table.email, language: table.language, active: table.active })
    .from(table)
    .where(eq(table.id, recipient.id));
  return row;
}

/** Where a link leads: the secret rides in the fragment, which browsers never send to a server or a log. */
const accountLinkUrl = (ctx: AppContext, token: string) =>
  `${ctx.mail.settings.webUrl}/set-password#token=${token}`;

/**
 * Mails an invitation or a reset link once. A link voided or used before its mail went out is not
 * sent at all. Once the mail is with the relay, its secret is taken out of the outbox entry and of the
 * mail log, so the database holds the link's digest only; a desk without a relay keeps the mail in the
 * log, since an administrator hands it over from there.
 */
export const mailAccountLink: OutboxHandler<'mail.account_link'> = async (ctx, entry) => {
  const { recipient, kind, token } = entry.payload;
  if (!token) return;
  const person = await personOf(ctx, recipient);
  const [link] = await ctx.db
    .select()
    .from(accountLinks)
    .where(eq(accountLinks.tokenHash, digest(token)));
  if (!person?.active || !link || !linkIsOpen(link, ctx.clock.now())) return;
  const url = accountLinkUrl(ctx, token);
  await sendOnce(
    ctx,
    entry,
    async () => {
      const t = translator(person.language);
      const hours = ACCOUNT_LINK_VALIDITY_MS[kind] / 3_600_000;
      return {
        to: person.email,
        subject: t(`mail.${kind}_subject`),
        text: `${t(`mail.${kind}`, { name: person.name, url, hours })}\n\n-- \n${t('mail.signature')}`,
        inReplyTo: null,
        references: [],
        automatic: true,
      };
    },
    null,
  );
  if (ctx.mail.sender.transport === 'stored') return;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(outboundMail)
      .set({
        text: sql`replace(${outboundMail.text}, ${url}, ${`${ctx.mail.settings.webUrl}/set-password`})`,
      })
      .where(eq(outboundMail.outboxId, entry.id));
    await tx
      .update(outbox)
      .set({ payload: sql`${outbox.payload} - 'token'` })
      .where(eq(outbox.id, entry.id));
  });
};

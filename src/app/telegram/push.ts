import { asc, eq } from 'drizzle-orm';
import { noticeAttachments } from '../../contract/notices.js';
import { contacts, telegramLinks, telegramPushParts } from '../../db/schema.js';
import type { Language } from '../../domain/people.js';
import { splitMessage } from '../../domain/telegram/text.js';
import { renderNotification } from '../../i18n/notifications.js';
import type { OutboxHandler } from '../outbox/dispatch.js';
import { RetryLater } from '../outbox/dispatch.js';
import type { Keyboard } from '../ports/telegramSender.js';
import { RATING_SCORES } from '../satisfaction/ratingLinks.js';
import { rememberBotMessage } from './botMessages.js';

/**
 * A customer's notification pushed to their chat, when they are bound: support's replies with their
 * text, status changes, reminders. A long text goes in parts, each recorded once Telegram has it, so
 * a retry (Telegram down, a 429 on a later part) sends only what is missing, never a part twice.
 */
/** The buttons that rate a request, 1 to 5, in one row; the bot takes them as `rate:<survey>:<score>`. */
const ratingButtons = (surveyId: string): Keyboard => ({
  kind: 'choices',
  rows: [RATING_SCORES.map((score) => ({ text: '★'.repeat(score), data: `rate:${surveyId}:${score}` }))],
});

/** How long an instance without the bot's token leaves a push for one that has it. */
const NO_SENDER_RETRY_MS = 60_000;

export const pushNotification: OutboxHandler<'notice.telegram'> = async (ctx, entry) => {
  const { payload } = entry;
  if (payload.recipient.type !== 'contact') return;
  const [row] = await ctx.db
    .select({ chatId: telegramLinks.chatId, language: contacts.language })
    .from(telegramLinks)
    .innerJoin(contacts, eq(contacts.id, telegramLinks.contactId))
    .where(eq(telegramLinks.contactId, payload.recipient.id));
  if (!row) return;
  // A push to a bound chat is never taken as done by an instance that cannot send it: it waits for one
  // with the bot's token (the claim lapses; another instance takes it meanwhile).
  if (!ctx.telegram)
    throw new RetryLater(NO_SENDER_RETRY_MS, 'this instance has no Telegram bot token to send with');
  const carried = noticeAttachments(payload);
  const text = [renderNotification(payload.template, payload.params, row.language as Language), carried.body]
    .filter(Boolean)
    .join('\n\n');
  const sent = await ctx.db
    .select({ part: telegramPushParts.part, messageId: telegramPushParts.messageId })
    .from(telegramPushParts)
    .where(eq(telegramPushParts.outboxId, entry.id))
    .orderBy(asc(telegramPushParts.part));
  const done = new Set(sent.map((part) => part.part));
  let lastMessageId = sent.at(-1)?.messageId ?? 0;
  const parts = splitMessage(text);
  // A rating request carries its five buttons under its last part.
  const buttons = carried.surveyId ? ratingButtons(carried.surveyId) : undefined;
  for (const [part, partText] of parts.entries()) {
    if (done.has(part)) continue;
    lastMessageId = await ctx.telegram.sendPart(
      row.chatId,
      partText,
      part === parts.length - 1 ? buttons : undefined,
    );
    await ctx.db
      .insert(telegramPushParts)
      .values({ outboxId: entry.id, part, messageId: lastMessageId })
      .onConflictDoNothing();
  }
  if (payload.ticketId && lastMessageId)
    await rememberBotMessage(ctx, row.chatId, lastMessageId, payload.ticketId);
};

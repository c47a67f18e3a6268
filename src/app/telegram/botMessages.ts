import { and, eq } from 'drizzle-orm';
import { telegramMessages } from '../../db/schema.js';
import type { AppContext } from '../context.js';

/** The bot's message about a ticket, so that a reply to it in the chat finds the ticket. */
export async function rememberBotMessage(
  ctx: AppContext,
  chatId: number,
  messageId: number,
  ticketId: string,
) {
  await ctx.db.insert(telegramMessages).values({ chatId, messageId, ticketId }).onConflictDoNothing();
}

export async function ticketOfBotMessage(ctx: AppContext, chatId: number, messageId: number) {
  const [row] = await ctx.db
    .select({ ticketId: telegramMessages.ticketId })
    .from(telegramMessages)
    .where(and(eq(telegramMessages.chatId, chatId), eq(telegramMessages.messageId, messageId)));
  return row?.ticketId;
}

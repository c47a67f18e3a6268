import { Api, GrammyError, InlineKeyboard, Keyboard as ReplyKeyboard } from 'grammy';
import { RetryLater } from '../../app/outbox/dispatch.js';
import type { Keyboard, TelegramSender } from '../../app/ports/telegramSender.js';
import type { TelegramSettings } from '../../config.js';
import { splitMessage } from '../../domain/telegram/text.js';

/** A Bot API call that has not answered in this time is abandoned (grammY's own default is minutes). */
export const BOT_API_TIMEOUT_SECONDS = 15;

export function markupOf(keyboard: Keyboard | undefined) {
  if (!keyboard || keyboard.kind === 'none') return undefined;
  if (keyboard.kind === 'phone')
    return new ReplyKeyboard().requestContact(keyboard.label).oneTime().resized();
  return InlineKeyboard.from(
    keyboard.rows.map((row) => row.map((button) => InlineKeyboard.text(button.text, button.data))),
  );
}

export function botApi(settings: TelegramSettings): Api {
  return new Api(settings.token, { apiRoot: settings.apiRoot, timeoutSeconds: BOT_API_TIMEOUT_SECONDS });
}

/** Speaks through the Bot API (Telegram's, or the server at TELEGRAM_API_ROOT). */
export function telegramSender(settings: TelegramSettings, api = botApi(settings)): TelegramSender {
  return {
    async send(chatId, text, keyboard) {
      const parts = splitMessage(text);
      let last = 0;
      for (const [index, part] of parts.entries()) {
        const markup = index === parts.length - 1 ? markupOf(keyboard) : undefined;
        const sent = await api.sendMessage(chatId, part, markup ? { reply_markup: markup } : {});
        last = sent.message_id;
      }
      return last;
    },
    async sendPart(chatId, text, keyboard) {
      const markup = markupOf(keyboard);
      try {
        return (await api.sendMessage(chatId, text, markup ? { reply_markup: markup } : {})).message_id;
      } catch (error) {
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        if (error instanceof GrammyError && error.error_code === 429 && retryAfter !== undefined)
          throw new RetryLater(retryAfter * 1000, `Telegram asked to wait ${retryAfter} s`);
        throw error;
      }
    },
  };
}

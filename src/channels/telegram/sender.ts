import { Api, InlineKeyboard, Keyboard as ReplyKeyboard } from 'grammy';
import type { Keyboard, TelegramSender } from '../../app/telegram/sender.js';
import type { TelegramSettings } from '../../config.js';
import { splitMessage } from '../../domain/telegram/text.js';

export function markupOf(keyboard: Keyboard | undefined) {
  if (!keyboard || keyboard.kind === 'none') return undefined;
  if (keyboard.kind === 'phone')
    return new ReplyKeyboard().requestContact(keyboard.label).oneTime().resized();
  return InlineKeyboard.from(
    keyboard.rows.map((row) => row.map((button) => InlineKeyboard.text(button.text, button.data))),
  );
}

/** Speaks through the Bot API (Telegram's, or the server at TELEGRAM_API_ROOT). */
export function telegramSender(
  settings: TelegramSettings,
  api = new Api(settings.token, { apiRoot: settings.apiRoot }),
): TelegramSender {
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
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Bot, type Context, webhookCallback } from 'grammy';
import type { Logger } from 'pino';
import type { AppContext } from '../../app/context.js';
import { boundContact } from '../../app/telegram/binding.js';
import { botOpen } from '../../app/telegram/botHours.js';
import { rememberBotMessage } from '../../app/telegram/botMessages.js';
import { claimDraftsToOffer, saveDialogue } from '../../app/telegram/conversation.js';
import { type ChatInput, decideUpdate } from '../../app/telegram/decideUpdate.js';
import { dueUpdates } from '../../app/telegram/updates.js';
import type { TelegramSettings } from '../../config.js';
import { stripControlCharacters } from '../../domain/controlCharacters.js';
import type { Language } from '../../domain/people.js';
import { translator } from '../../i18n/translator.js';
import { downloadChatFile } from './chatFiles.js';
import { handleEachUpdateOnce } from './durableUpdates.js';
import { BOT_API_TIMEOUT_SECONDS, telegramSender } from './sender.js';

export type WebhookHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface TelegramBot {
  /** Readies the bot: its identity from the Bot API, and the webhook registered in webhook mode. */
  prepare(): Promise<void>;
  /** Long polling until stop() (only one instance may poll: the server holds a lock for it). */
  startPolling(): Promise<void>;
  /** prepare(), then long polling unless the bot takes updates by webhook. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Updates come by webhook: every instance that serves HTTP takes them, none polls. */
  readonly takesWebhook: boolean;
  /** Offers the drafts written outside the bot's hours, once it is open (the bot runs this every minute). */
  offerDrafts(): Promise<{ offered: number }>;
  /** Handles again the stored updates whose handling failed (a job runs this). */
  retryPending(): Promise<{ retried: number }>;
  /** The Fastify handler for webhook mode, checking Telegram's secret token. */
  webhook: WebhookHandler | null;
}

export interface BotOptions {
  /** Where the 24/7 alternatives are, for the bot to name them. */
  portalUrl: string;
  supportEmail: string;
}

/**
 * The Telegram bot (grammY): reads each update into the desk's own terms, hands it to the decision
 * (app/telegram/decideUpdate.ts) and says what that answers; offers the drafts written outside the
 * bot's hours once support opens. Every update is handled once.
 */
export function createTelegramBot(
  ctx: AppContext,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  settings: TelegramSettings,
  options: BotOptions,
): TelegramBot {
  // Long polling holds getUpdates open for 30 s: the client waits longer than that, and no longer.
  const bot = new Bot(settings.token, {
    client: { apiRoot: settings.apiRoot, timeoutSeconds: BOT_API_TIMEOUT_SECONDS + 30 },
  });
  const say = telegramSender(settings, bot.api);
  let stopping = false;

  const alternatives = { portal: options.portalUrl, email: options.supportEmail };

  handleEachUpdateOnce(bot, ctx, logger, { webhook: Boolean(settings.webhook), stopping: () => stopping });

  /** Hands what the chat sent to the desk's decision and says what it answers, in order. */
  const decided = async (c: Context, input: ChatInput) => {
    if (!c.from || !c.chat) return;
    const replies = await decideUpdate(
      ctx,
      {
        updateId: c.update.update_id,
        telegramUserId: c.from.id,
        chatId: c.chat.id,
        sentAt: messageDate(c),
        userLanguage: c.from.language_code,
        input,
      },
      alternatives,
    );
    for (const answer of replies) {
      if (answer.removeKeyboard) {
        await c.reply(answer.text, { reply_markup: { remove_keyboard: true } });
        continue;
      }
      const sent = await say.send(c.chat.id, answer.text, answer.keyboard);
      if (answer.aboutTicketId) await rememberBotMessage(ctx, c.chat.id, sent, answer.aboutTicketId);
    }
  };

  bot.command('start', (c) =>
    decided(c, { kind: 'start', code: typeof c.match === 'string' ? c.match.trim() : '' }),
  );
  bot.on('message:contact', (c) =>
    decided(c, {
      kind: 'contact',
      cardUserId: c.message.contact.user_id,
      phone: c.message.contact.phone_number,
    }),
  );
  bot.command('help', (c) => decided(c, { kind: 'help' }));
  bot.command('my', (c) => decided(c, { kind: 'my' }));
  bot.command('new', (c) => decided(c, { kind: 'new' }));
  bot.on('callback_query:data', async (c) => {
    await c.answerCallbackQuery().catch(() => undefined);
    await decided(c, { kind: 'button', data: c.callbackQuery.data });
  });
  bot.on('message', (c) =>
    decided(c, {
      kind: 'message',
      // What a user types may hold control characters (a NUL cannot even be stored): they are dropped.
      text: stripControlCharacters(c.message.text ?? c.message.caption ?? ''),
      repliedTo: c.message.reply_to_message?.message_id ?? null,
      file: () => downloadChatFile(settings, c.api, c.message),
    }),
  );

  bot.catch((error) =>
    logger.error({ err: error.error, update: error.ctx.update.update_id }, 'Telegram update not stored'),
  );

  /** Offers each draft written outside the bot's hours once, on whichever instance claims it. */
  const offerDrafts = async () => {
    let offered = 0;
    if (!(await botOpen(ctx, ctx.clock.now()))) return { offered };
    for (const { telegramUserId, draft } of await claimDraftsToOffer(ctx)) {
      const bound = await boundContact(ctx, telegramUserId);
      if (!bound) continue;
      const t = translator(bound.contact.language as Language);
      try {
        await say.send(bound.chatId, t('telegram.draft_question', { draft: draft.slice(0, 1000) }), {
          kind: 'choices',
          rows: [
            [
              { text: t('telegram.yes'), data: 'draft:yes' },
              { text: t('telegram.no'), data: 'draft:no' },
            ],
          ],
        });
        offered += 1;
      } catch (error) {
        // Not asked after all: the draft waits for the next pass.
        await saveDialogue(ctx, telegramUserId, { step: 'draft', text: draft });
        throw error;
      }
    }
    return { offered };
  };

  return {
    webhook: settings.webhook
      ? (webhookCallback(bot, 'fastify', {
          secretToken: settings.webhook.secret,
        }) as unknown as WebhookHandler)
      : null,
    takesWebhook: Boolean(settings.webhook),
    async prepare() {
      await bot.init();
      if (settings.webhook)
        await bot.api.setWebhook(settings.webhook.url, { secret_token: settings.webhook.secret });
    },
    async startPolling() {
      await bot.api.deleteWebhook();
      stopping = false;
      void bot.start({ drop_pending_updates: false, onStart: () => logger.info('Telegram bot polling') });
    },
    async start() {
      await this.prepare();
      if (!settings.webhook) await this.startPolling();
    },
    async retryPending() {
      let retried = 0;
      for (const update of await dueUpdates(ctx, 20)) {
        await bot.handleUpdate(update as Parameters<typeof bot.handleUpdate>[0]);
        retried += 1;
      }
      return { retried };
    },
    async stop() {
      stopping = true;
      if (bot.isRunning()) await bot.stop();
    },
    offerDrafts,
  };
}

/** When the user sent it, as Telegram stamped it: the registration time of a request made by the bot. */
function messageDate(c: Context): Date | null {
  const seconds = c.message?.date ?? c.callbackQuery?.message?.date;
  return seconds ? new Date(seconds * 1000) : null;
}

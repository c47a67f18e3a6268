import type { FastifyReply, FastifyRequest } from 'fastify';
import { Bot, type Context, webhookCallback } from 'grammy';
import type { Logger } from 'pino';
import type { AppContext } from '../../app/context.js';
import { organizationSupport } from '../../app/customers/coverage.js';
import type { Keyboard } from '../../app/ports/telegramSender.js';
import { AppError } from '../../app/shared/errors.js';
import { bindTelegramUser, boundContact } from '../../app/telegram/binding.js';
import { botOpen } from '../../app/telegram/botHours.js';
import { rememberBotMessage, ticketOfBotMessage } from '../../app/telegram/botMessages.js';
import { claimDraftsToOffer, dialogueOf, saveDialogue } from '../../app/telegram/conversation.js';
import { claimTelegramLink } from '../../app/telegram/linkCodes.js';
import { dueUpdates } from '../../app/telegram/updates.js';
import { uploadAttachment } from '../../app/tickets/attachments.js';
import { receiveCustomerWriting } from '../../app/tickets/customerWrites.js';
import { listTickets } from '../../app/tickets/queue.js';
import { IntakeRefused, registerRequest } from '../../app/tickets/registerRequest.js';
import type { TelegramSettings } from '../../config.js';
import { ticketListQuery } from '../../contract/tickets.js';
import type { Clock } from '../../domain/calendar/clock.js';
import { stripControlCharacters } from '../../domain/controlCharacters.js';
import type { Language } from '../../domain/people.js';
import { SEVERITIES } from '../../domain/sla/policy.js';
import { advance, type DialogueEvent, type RequestDraft } from '../../domain/telegram/dialogue.js';
import { OPEN_STATUSES } from '../../domain/tickets/lifecycle.js';
import { intakeText, messageText, SUBJECT_MAX_LENGTH } from '../../domain/tickets/limits.js';
import { moscowDateTime } from '../../i18n/slaExplanation.js';
import { translator } from '../../i18n/translator.js';
import { downloadChatFile } from './chatFiles.js';
import { handleEachUpdateOnce } from './durableUpdates.js';
import { ratingAnswer } from './ratingButtons.js';
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
 * The Telegram bot (grammY): binds a user to an authorized contact by their own phone, leads them through
 * a request (instance, severity, subject, description, files) into registerRequest at the message's date,
 * lists their open requests, and adds a reply to the ticket it answers. Outside the bot's hours (§3.6) it
 * keeps what they write as a draft and offers it when support opens. Every update is handled once.
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

  const languageOf = (c: Context, contactLanguage?: string): Language =>
    contactLanguage === 'en' || contactLanguage === 'ru'
      ? contactLanguage
      : c.from?.language_code?.startsWith('en')
        ? 'en'
        : 'ru';
  const reply = (c: Context, text: string, keyboard?: Keyboard) => say.send(c.chat?.id ?? 0, text, keyboard);
  const alternatives = { portal: options.portalUrl, email: options.supportEmail };

  handleEachUpdateOnce(bot, ctx, logger, { webhook: Boolean(settings.webhook), stopping: () => stopping });

  bot.command('start', async (c) => {
    const t = translator(languageOf(c));
    const phone = { kind: 'phone', label: t('telegram.share_phone') } as const;
    // Opened from a profile's link (t.me/<bot>?start=<code>): the phone then binds that contact only.
    const code = typeof c.match === 'string' ? c.match.trim() : '';
    if (!code || !c.from) return void (await reply(c, t('telegram.welcome'), phone));
    const claimed = await claimTelegramLink(ctx, c.from.id, code);
    await reply(c, t(claimed ? 'telegram.welcome_by_link' : 'telegram.link_expired'), phone);
  });

  bot.on('message:contact', async (c) => {
    const t = translator(languageOf(c));
    const binding = await bindTelegramUser(ctx, {
      telegramUserId: c.from.id,
      chatId: c.chat.id,
      cardUserId: c.message.contact.user_id,
      phone: c.message.contact.phone_number,
    });
    if (binding.outcome === 'not_own') return void (await reply(c, t('telegram.not_own_contact')));
    if (binding.outcome === 'not_the_link_owner') {
      return void (await reply(c, t('telegram.not_the_link_owner', { phone: binding.phone })));
    }
    if (binding.outcome === 'unknown') {
      return void (await reply(c, t('telegram.unknown_phone', { phone: binding.phone, ...alternatives })));
    }
    const spoken = translator(binding.contact.language as Language);
    await c.reply(spoken('telegram.linked', { name: binding.contact.name }), {
      reply_markup: { remove_keyboard: true },
    });
  });

  /** Everything past /start needs a bound contact. */
  const signedIn = async (c: Context) => {
    const bound = c.from ? await boundContact(ctx, c.from.id) : undefined;
    if (!bound) await reply(c, translator(languageOf(c))('telegram.not_linked'));
    return bound;
  };

  bot.command('help', async (c) => {
    const bound = await boundContact(ctx, c.from?.id ?? 0);
    await reply(c, translator(languageOf(c, bound?.contact.language))('telegram.help'));
  });

  bot.command('my', async (c) => {
    const bound = await signedIn(c);
    if (!bound) return;
    const language = bound.contact.language as Language;
    const t = translator(language);
    const page = await listTickets(
      ctx,
      bound.actor,
      ticketListQuery.parse({ status: [...OPEN_STATUSES], limit: 20 }),
    );
    if (page.items.length === 0) return void (await reply(c, t('telegram.my_none')));
    for (const item of page.items) {
      const facts = { number: item.number, status: t(`statuses.${item.status}`), subject: item.subject };
      // A request brought over from the desk used before has no deadline here: its old number instead.
      const sent = await reply(
        c,
        item.importedFrom
          ? t('telegram.my_imported_item', { ...facts, reference: item.externalReference ?? '' })
          : t('telegram.my_item', {
              ...facts,
              responseDueAt: moscowDateTime(new Date(item.responseDueAt), language),
            }),
      );
      await rememberBotMessage(ctx, c.chat?.id ?? 0, sent, item.id);
    }
  });

  type Bound = NonNullable<Awaited<ReturnType<typeof boundContact>>>;

  /**
   * One step of the dialogue (a pure state machine in the domain): the next step is stored, then the
   * bot says what the step asks. A request is filed at the message's date, and the dialogue ends
   * only once it is filed or refused, so a failure half-way is handled again from the same step.
   */
  const proceed = async (c: Context, bound: Bound, event: DialogueEvent) => {
    const userId = c.from?.id ?? 0;
    const language = bound.contact.language as Language;
    const t = translator(language);
    const { next, effect } = advance(await dialogueOf(ctx, userId), event);
    if ('register' in effect) return register(c, bound, effect.register);
    if (effect.say === 'choose_instance') {
      const covered = (await organizationSupport(ctx, bound.contact.organizationId, ctx.clock.now()))
        .coveredInstances;
      if (covered.length === 0) {
        await saveDialogue(ctx, userId, null);
        return void (await reply(c, t('telegram.no_instances')));
      }
      await saveDialogue(ctx, userId, next);
      return void (await reply(c, t('telegram.choose_instance'), {
        kind: 'choices',
        rows: covered.map((instance) => [{ text: instance.name, data: `instance:${instance.id}` }]),
      }));
    }
    await saveDialogue(ctx, userId, next);
    if (effect.say === 'choose_severity') {
      const definitions = SEVERITIES.map(
        (severity) => `${t(`severities.${severity}`)}: ${t(`telegram.severity_${severity}`)}`,
      ).join('\n');
      return void (await reply(c, t('telegram.choose_severity', { definitions }), {
        kind: 'choices',
        rows: SEVERITIES.map((severity) => [
          { text: t(`severities.${severity}`), data: `severity:${severity}` },
        ]),
      }));
    }
    const texts = {
      ask_subject: () => t('telegram.ask_subject'),
      ask_description: () => t('telegram.ask_description'),
      closed_hours: () => t('telegram.closed_hours', alternatives),
      draft_kept: () => t('telegram.draft_kept'),
      draft_dropped: () => t('telegram.draft_dropped'),
      help: () => t('telegram.help'),
      too_long: () => t('telegram.too_long', { max: 'max' in effect ? effect.max : SUBJECT_MAX_LENGTH }),
    };
    await reply(c, texts[effect.say]());
  };

  const register = async (c: Context, bound: Bound, draft: RequestDraft) => {
    const language = bound.contact.language as Language;
    const t = translator(language);
    const userId = c.from?.id ?? 0;
    try {
      const ticket = await registerRequest(ctx, bound.actor, {
        channel: 'telegram',
        contactId: bound.contact.id,
        instanceId: draft.instanceId,
        severity: draft.severity,
        category: 'problem',
        ...intakeText([draft.subject], draft.description),
        attachmentIds: draft.attachmentIds,
        receivedAt: messageDate(c, ctx.clock),
        intakeKey: `telegram:${c.update.update_id}`,
      });
      await saveDialogue(ctx, userId, null);
      const sent = await reply(
        c,
        t('telegram.registered', {
          number: ticket.number,
          level: t(`levels.${ticket.level}`),
          responseDueAt: moscowDateTime(ticket.responseDueAt, language),
        }),
      );
      await rememberBotMessage(ctx, c.chat?.id ?? 0, sent, ticket.id);
    } catch (error) {
      if (!(error instanceof IntakeRefused)) throw error;
      await saveDialogue(ctx, userId, null);
      await reply(c, t('telegram.refused', { reason: t(`errors.${error.reason}`) }));
    }
  };

  bot.command('new', async (c) => {
    const bound = await signedIn(c);
    if (!bound) return;
    await proceed(c, bound, { kind: 'new_request', open: await botOpen(ctx, messageDate(c, ctx.clock)) });
  });

  bot.on('callback_query:data', async (c) => {
    await c.answerCallbackQuery().catch(() => undefined);
    const bound = await signedIn(c);
    if (!bound) return;
    const [kind, value = '', extra = ''] = c.callbackQuery.data.split(':');
    const open = () => botOpen(ctx, messageDate(c, ctx.clock));
    if (kind === 'draft') return proceed(c, bound, { kind: 'draft_answer', yes: value === 'yes' });
    if (kind === 'instance') return proceed(c, bound, { kind: 'instance_chosen', instanceId: value });
    if (kind === 'rate')
      return reply(c, await ratingAnswer(ctx, bound.actor, bound.contact.language as Language, value, extra));
    const severity = SEVERITIES.find((candidate) => candidate === value);
    if (kind === 'severity' && severity)
      return proceed(c, bound, { kind: 'severity_chosen', severity, open: await open() });
    await reply(c, translator(bound.contact.language as Language)('telegram.help'));
  });

  /** A photo or a document from the chat, kept as an attachment within the desk's limits. */
  const keepFile = async (c: Context, bound: Bound): Promise<string | null> => {
    try {
      const file = await downloadChatFile(settings, c.api, c.message);
      return file ? (await uploadAttachment(ctx, bound.actor, file)).id : null;
    } catch (error) {
      const t = translator(bound.contact.language as Language);
      const reason =
        error instanceof AppError ? t(`errors.${error.code}`, error.params ?? {}) : String(error);
      await reply(c, t('telegram.file_skipped', { reason }));
      return null;
    }
  };

  bot.on('message', async (c) => {
    const bound = await signedIn(c);
    if (!bound) return;
    const language = bound.contact.language as Language;
    const t = translator(language);
    // What a user types may hold control characters (a NUL cannot even be stored): they are dropped.
    const text = stripControlCharacters(c.message.text ?? c.message.caption ?? '');
    const repliedTo = c.message.reply_to_message?.message_id;
    if (repliedTo && !(await dialogueOf(ctx, c.from.id))) {
      const ticketId = await ticketOfBotMessage(ctx, c.chat.id, repliedTo);
      if (ticketId) {
        const attachmentId = await keepFile(c, bound);
        try {
          const written = await receiveCustomerWriting(ctx, bound.actor, {
            ticketId,
            body: messageText(text),
            attachmentIds: attachmentId ? [attachmentId] : [],
            channel: 'telegram',
            intakeKey: `telegram:${c.update.update_id}`,
            receivedAt: messageDate(c, ctx.clock),
            sender: `telegram:${c.from.id}`,
          });
          if (written.outcome === 'message')
            return void (await reply(c, t('telegram.added', { number: written.ticket.number })));
          const sent = await reply(
            c,
            t('telegram.followed_up', {
              number: written.ticket.number,
              closed: written.closed.number,
              responseDueAt: moscowDateTime(written.ticket.responseDueAt, language),
            }),
          );
          await rememberBotMessage(ctx, c.chat.id, sent, written.ticket.id);
          return;
        } catch (error) {
          if (!(error instanceof IntakeRefused)) throw error;
          return void (await reply(c, t('telegram.refused', { reason: t(`errors.${error.reason}`) })));
        }
      }
    }
    const dialogue = await dialogueOf(ctx, c.from.id);
    // Files count only where the dialogue takes them (a description); elsewhere they are not kept.
    const attachmentId = dialogue?.step === 'description' ? await keepFile(c, bound) : null;
    await proceed(c, bound, {
      kind: 'text',
      text,
      attachmentId,
      open: await botOpen(ctx, messageDate(c, ctx.clock)),
    });
  });

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
function messageDate(c: Context, clock: Clock): Date {
  const seconds = c.message?.date ?? c.callbackQuery?.message?.date;
  return seconds ? new Date(seconds * 1000) : clock.now();
}

import { ticketListQuery } from '../../contract/tickets.js';
import type { Language } from '../../domain/people.js';
import { SEVERITIES } from '../../domain/sla/policy.js';
import { advance, type DialogueEvent, type RequestDraft } from '../../domain/telegram/dialogue.js';
import { OPEN_STATUSES } from '../../domain/tickets/lifecycle.js';
import { intakeText, messageText, SUBJECT_MAX_LENGTH } from '../../domain/tickets/limits.js';
import { moscowDateTime } from '../../i18n/slaExplanation.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import { organizationSupport } from '../customers/coverage.js';
import type { Keyboard } from '../ports/telegramSender.js';
import { RATING_SCORES } from '../satisfaction/ratingLinks.js';
import { rateFromTelegram } from '../satisfaction/surveys.js';
import { AppError } from '../shared/errors.js';
import { uploadAttachment } from '../tickets/attachments.js';
import { receiveCustomerWriting } from '../tickets/customerWrites.js';
import { listTickets } from '../tickets/queue.js';
import { IntakeRefused, registerRequest } from '../tickets/registerRequest.js';
import { bindTelegramUser, boundContact } from './binding.js';
import { botOpen } from './botHours.js';
import { ticketOfBotMessage } from './botMessages.js';
import { dialogueOf, saveDialogue } from './conversation.js';
import { claimTelegramLink } from './linkCodes.js';

/** A file sent in the chat, as the desk keeps it. */
export interface ChatFile {
  fileName: string;
  data: Buffer;
}

/** What a chat sent, as the bot read it from Telegram: the channel's facts, in no library's types. */
export type ChatInput =
  | { kind: 'start'; code: string }
  | { kind: 'contact'; cardUserId: number | undefined; phone: string }
  | { kind: 'help' | 'my' | 'new' }
  | { kind: 'button'; data: string }
  /** A text or a file; the file is fetched only when the desk keeps it (`file` answers null for none). */
  | { kind: 'message'; text: string; repliedTo: number | null; file: () => Promise<ChatFile | null> };

export interface ChatUpdate {
  /** Telegram's id of the update: the key that makes a request or reply of it once. */
  updateId: number;
  telegramUserId: number;
  chatId: number;
  /** When the user sent it, as Telegram stamped it; the registration time of a request it files. */
  sentAt: Date | null;
  /** The language the user's Telegram is set to, for someone not yet bound to a contact. */
  userLanguage: string | undefined;
  input: ChatInput;
}

/** One message the bot says back, with its buttons, and the request it is about (a reply to it lands there). */
export interface ChatReply {
  text: string;
  keyboard?: Keyboard;
  removeKeyboard?: boolean;
  aboutTicketId?: string;
}

/** Where the 24/7 alternatives are, for the bot to name them. */
export type ChatAlternatives = { portal: string; email: string };

type Bound = NonNullable<Awaited<ReturnType<typeof boundContact>>>;

const languageOf = (update: ChatUpdate, contactLanguage?: string): Language =>
  contactLanguage === 'en' || contactLanguage === 'ru'
    ? contactLanguage
    : update.userLanguage?.startsWith('en')
      ? 'en'
      : 'ru';

/**
 * What a Telegram update becomes, shaped as mail's `decide`: a user bound to an authorized contact by
 * their own phone; a request led through the dialogue (a pure state machine in the domain) into
 * registerRequest at the message's date, like every channel; a reply to the bot's message about a
 * request added to it; the open requests listed; a rating taken. Outside the bot's hours (§3.6) what
 * they write is kept as a draft. Answers what the bot says, in order; the bot only sends it. A request
 * or reply carries the update's id, so deciding the same update again makes no second one.
 */
export async function decideUpdate(
  ctx: AppContext,
  update: ChatUpdate,
  alternatives: ChatAlternatives,
): Promise<ChatReply[]> {
  const { input } = update;
  if (input.kind === 'start') {
    const t = translator(languageOf(update));
    const phone = { kind: 'phone', label: t('telegram.share_phone') } as const;
    // Opened from a profile's link (t.me/<bot>?start=<code>): the phone then binds that contact only.
    if (!input.code) return [{ text: t('telegram.welcome'), keyboard: phone }];
    const claimed = await claimTelegramLink(ctx, update.telegramUserId, input.code);
    return [{ text: t(claimed ? 'telegram.welcome_by_link' : 'telegram.link_expired'), keyboard: phone }];
  }
  if (input.kind === 'contact') return bind(ctx, update, input, alternatives);
  const bound = await boundContact(ctx, update.telegramUserId);
  if (input.kind === 'help')
    return [{ text: translator(languageOf(update, bound?.contact.language))('telegram.help') }];
  if (!bound) return [{ text: translator(languageOf(update))('telegram.not_linked') }];
  const open = () => botOpen(ctx, sentAt(ctx, update));
  switch (input.kind) {
    case 'my':
      return openRequests(ctx, bound);
    case 'new':
      return proceed(ctx, update, bound, { kind: 'new_request', open: await open() }, alternatives);
    case 'button':
      return pressed(ctx, update, bound, input.data, alternatives);
    case 'message':
      return written(ctx, update, bound, input, alternatives);
  }
}

async function bind(
  ctx: AppContext,
  update: ChatUpdate,
  input: Extract<ChatInput, { kind: 'contact' }>,
  alternatives: ChatAlternatives,
): Promise<ChatReply[]> {
  const t = translator(languageOf(update));
  const binding = await bindTelegramUser(ctx, {
    telegramUserId: update.telegramUserId,
    chatId: update.chatId,
    cardUserId: input.cardUserId,
    phone: input.phone,
  });
  if (binding.outcome === 'not_own') return [{ text: t('telegram.not_own_contact') }];
  if (binding.outcome === 'not_the_link_owner')
    return [{ text: t('telegram.not_the_link_owner', { phone: binding.phone }) }];
  if (binding.outcome === 'unknown')
    return [{ text: t('telegram.unknown_phone', { phone: binding.phone, ...alternatives }) }];
  const spoken = translator(binding.contact.language as Language);
  return [{ text: spoken('telegram.linked', { name: binding.contact.name }), removeKeyboard: true }];
}

async function openRequests(ctx: AppContext, bound: Bound): Promise<ChatReply[]> {
  const language = bound.contact.language as Language;
  const t = translator(language);
  const page = await listTickets(
    ctx,
    bound.actor,
    ticketListQuery.parse({ status: [...OPEN_STATUSES], limit: 20 }),
  );
  if (page.items.length === 0) return [{ text: t('telegram.my_none') }];
  return page.items.map((item) => {
    const facts = { number: item.number, status: t(`statuses.${item.status}`), subject: item.subject };
    // A request brought over from the desk used before has no deadline here: its old number instead.
    const text = item.importedFrom
      ? t('telegram.my_imported_item', { ...facts, reference: item.externalReference ?? '' })
      : t('telegram.my_item', {
          ...facts,
          responseDueAt: moscowDateTime(new Date(item.responseDueAt), language),
        });
    return { text, aboutTicketId: item.id };
  });
}

async function pressed(
  ctx: AppContext,
  update: ChatUpdate,
  bound: Bound,
  data: string,
  alternatives: ChatAlternatives,
): Promise<ChatReply[]> {
  const t = translator(bound.contact.language as Language);
  const [kind, value = '', extra = ''] = data.split(':');
  const open = () => botOpen(ctx, sentAt(ctx, update));
  if (kind === 'draft')
    return proceed(ctx, update, bound, { kind: 'draft_answer', yes: value === 'yes' }, alternatives);
  if (kind === 'instance')
    return proceed(ctx, update, bound, { kind: 'instance_chosen', instanceId: value }, alternatives);
  if (kind === 'rate') return [{ text: await rated(ctx, bound, value, extra) }];
  const severity = SEVERITIES.find((candidate) => candidate === value);
  if (kind === 'severity' && severity)
    return proceed(
      ctx,
      update,
      bound,
      { kind: 'severity_chosen', severity, open: await open() },
      alternatives,
    );
  return [{ text: t('telegram.help') }];
}

/**
 * A press of a rating button (`rate:<survey>:<score>`): the rating is taken once, as in the mail and
 * the portal, and a second press is told the request is rated already.
 */
async function rated(ctx: AppContext, bound: Bound, surveyId: string, pressedScore: string): Promise<string> {
  const t = translator(bound.contact.language as Language);
  const score = RATING_SCORES.find((candidate) => String(candidate) === pressedScore);
  if (score === undefined) return t('telegram.help');
  try {
    const rating = await rateFromTelegram(ctx, bound.actor, surveyId, score);
    return t('telegram.rated', { number: rating.number, score });
  } catch (error) {
    if (error instanceof AppError && error.code === 'rating_already_given')
      return t('telegram.rating_refused');
    throw error;
  }
}

async function written(
  ctx: AppContext,
  update: ChatUpdate,
  bound: Bound,
  input: Extract<ChatInput, { kind: 'message' }>,
  alternatives: ChatAlternatives,
): Promise<ChatReply[]> {
  const language = bound.contact.language as Language;
  const t = translator(language);
  const dialogue = await dialogueOf(ctx, update.telegramUserId);
  const answered =
    input.repliedTo && !dialogue ? await ticketOfBotMessage(ctx, update.chatId, input.repliedTo) : null;
  if (answered) {
    const { attachmentIds, skipped } = await keptFiles(ctx, bound, input.file);
    try {
      const writing = await receiveCustomerWriting(ctx, bound.actor, {
        ticketId: answered,
        body: messageText(input.text),
        attachmentIds,
        channel: 'telegram',
        intakeKey: `telegram:${update.updateId}`,
        receivedAt: sentAt(ctx, update),
        sender: `telegram:${update.telegramUserId}`,
      });
      if (writing.outcome === 'message')
        return [...skipped, { text: t('telegram.added', { number: writing.ticket.number }) }];
      return [
        ...skipped,
        {
          text: t('telegram.followed_up', {
            number: writing.ticket.number,
            closed: writing.closed.number,
            responseDueAt: moscowDateTime(writing.ticket.responseDueAt, language),
          }),
          aboutTicketId: writing.ticket.id,
        },
      ];
    } catch (error) {
      if (!(error instanceof IntakeRefused)) throw error;
      return [...skipped, { text: t('telegram.refused', { reason: t(`errors.${error.reason}`) }) }];
    }
  }
  // Files count only where the dialogue takes them (a description); elsewhere they are not kept.
  const files =
    dialogue?.step === 'description'
      ? await keptFiles(ctx, bound, input.file)
      : { attachmentIds: [], skipped: [] };
  const event: DialogueEvent = {
    kind: 'text',
    text: input.text,
    attachmentId: files.attachmentIds[0] ?? null,
    open: await botOpen(ctx, sentAt(ctx, update)),
  };
  return [...files.skipped, ...(await proceed(ctx, update, bound, event, alternatives))];
}

/** A photo or a document from the chat, kept as an attachment within the desk's limits, or why not. */
async function keptFiles(ctx: AppContext, bound: Bound, file: () => Promise<ChatFile | null>) {
  try {
    const received = await file();
    const attachmentIds = received ? [(await uploadAttachment(ctx, bound.actor, received)).id] : [];
    return { attachmentIds, skipped: [] as ChatReply[] };
  } catch (error) {
    const t = translator(bound.contact.language as Language);
    const reason = error instanceof AppError ? t(`errors.${error.code}`, error.params ?? {}) : String(error);
    return { attachmentIds: [], skipped: [{ text: t('telegram.file_skipped', { reason }) }] };
  }
}

/**
 * One step of the dialogue: the next step is stored, then what the step asks is said. A request is
 * filed at the message's date, and the dialogue ends only once it is filed or refused, so a failure
 * half-way is handled again from the same step.
 */
async function proceed(
  ctx: AppContext,
  update: ChatUpdate,
  bound: Bound,
  event: DialogueEvent,
  alternatives: ChatAlternatives,
): Promise<ChatReply[]> {
  const userId = update.telegramUserId;
  const t = translator(bound.contact.language as Language);
  const { next, effect } = advance(await dialogueOf(ctx, userId), event);
  if ('register' in effect) return register(ctx, update, bound, effect.register);
  if (effect.say === 'choose_instance') {
    const covered = (await organizationSupport(ctx, bound.contact.organizationId, ctx.clock.now()))
      .coveredInstances;
    if (covered.length === 0) {
      await saveDialogue(ctx, userId, null);
      return [{ text: t('telegram.no_instances') }];
    }
    await saveDialogue(ctx, userId, next);
    return [
      {
        text: t('telegram.choose_instance'),
        keyboard: {
          kind: 'choices',
          rows: covered.map((instance) => [{ text: instance.name, data: `instance:${instance.id}` }]),
        },
      },
    ];
  }
  await saveDialogue(ctx, userId, next);
  if (effect.say === 'choose_severity') {
    const definitions = SEVERITIES.map(
      (severity) => `${t(`severities.${severity}`)}: ${t(`telegram.severity_${severity}`)}`,
    ).join('\n');
    return [
      {
        text: t('telegram.choose_severity', { definitions }),
        keyboard: {
          kind: 'choices',
          rows: SEVERITIES.map((severity) => [
            { text: t(`severities.${severity}`), data: `severity:${severity}` },
          ]),
        },
      },
    ];
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
  return [{ text: texts[effect.say]() }];
}

async function register(
  ctx: AppContext,
  update: ChatUpdate,
  bound: Bound,
  draft: RequestDraft,
): Promise<ChatReply[]> {
  const language = bound.contact.language as Language;
  const t = translator(language);
  try {
    const ticket = await registerRequest(ctx, bound.actor, {
      channel: 'telegram',
      contactId: bound.contact.id,
      instanceId: draft.instanceId,
      severity: draft.severity,
      category: 'problem',
      ...intakeText([draft.subject], draft.description),
      attachmentIds: draft.attachmentIds,
      receivedAt: sentAt(ctx, update),
      intakeKey: `telegram:${update.updateId}`,
    });
    await saveDialogue(ctx, update.telegramUserId, null);
    return [
      {
        text: t('telegram.registered', {
          number: ticket.number,
          level: t(`levels.${ticket.level}`),
          responseDueAt: moscowDateTime(ticket.responseDueAt, language),
        }),
        aboutTicketId: ticket.id,
      },
    ];
  } catch (error) {
    if (!(error instanceof IntakeRefused)) throw error;
    await saveDialogue(ctx, update.telegramUserId, null);
    return [{ text: t('telegram.refused', { reason: t(`errors.${error.reason}`) }) }];
  }
}

/** When the user sent it, as Telegram stamped it, or now for an update without a date. */
const sentAt = (ctx: AppContext, update: ChatUpdate) => update.sentAt ?? ctx.clock.now();

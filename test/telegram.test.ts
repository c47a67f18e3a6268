import { and, eq, ne } from 'drizzle-orm';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot } from '../src/channels/telegram/bot.js';
import { attachments, intakeRejections, ticketMessages, tickets } from '../src/db/schema.js';
import { FakeBotApi } from './support/botApi.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  AGENT,
  caller,
  EXTENDED_CONTACT,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

const TOKEN = '123456:test-token-for-the-fake-bot-api';
const ANNA_USER = 5001;
const ANNA_PHONE = '78123334455';
const user = (id: number) => ({ id, is_bot: false, first_name: 'Анна', language_code: 'ru' });

/** The bot against a Bot API server on loopback, at the desk's injected time (Tuesday 24 November 2026). */
describe('the Telegram bot', () => {
  let desk: TestDesk;
  let api: FakeBotApi;
  let bot: TelegramBot;
  let messageId = 1;

  beforeAll(async () => {
    api = new FakeBotApi();
    await api.start();
    desk = await openTestDesk(pglite, {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_BOT_NAME: 'vendor_support_bot',
      TELEGRAM_API_ROOT: api.url,
    });
    bot = createTelegramBot(
      desk.ctx,
      pino({ level: 'silent' }),
      { token: TOKEN, botName: 'vendor_support_bot', apiRoot: api.url, webhook: null },
      {
        portalUrl: 'https://support.vendor.example',
        supportEmail: 'support@supportdesk.example',
      },
    );
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.stop();
    await desk?.close();
  });

  const now = () => Math.floor(desk.clock.now().getTime() / 1000);
  const say = (from: number, text: string, extra: Record<string, unknown> = {}) =>
    api.push({
      message: {
        message_id: messageId++,
        date: now(),
        chat: { id: from, type: 'private' },
        from: user(from),
        text,
        ...extra,
      },
    });
  const press = (from: number, data: string) =>
    api.push({
      callback_query: {
        id: String(messageId++),
        from: user(from),
        chat_instance: 'x',
        data,
        message: { message_id: messageId++, date: now(), chat: { id: from, type: 'private' }, text: '…' },
      },
    });
  const lastTo = (chat: number) => api.sent.filter((message) => message.chat_id === chat).at(-1);
  const after = (count: number) => (message: { message_id: number }) => message.message_id >= count;
  let mark = 0;
  const next = () => {
    mark = 1000 + api.sent.length;
    return after(mark);
  };

  it('asks for the phone, refuses someone else’s card, and binds the user to the contact of their own number', async () => {
    let wait = next();
    say(ANNA_USER, '/start', { entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    const welcome = await api.sentMatching(wait);
    expect(welcome.reply_markup?.keyboard?.[0]?.[0]).toMatchObject({ request_contact: true });

    wait = next();
    say(ANNA_USER, '', {
      text: undefined,
      contact: { phone_number: ANNA_PHONE, first_name: 'Анна', user_id: 7777 },
    });
    expect((await api.sentMatching(wait)).text).toContain('своим номером');

    wait = next();
    say(ANNA_USER, '', {
      text: undefined,
      contact: { phone_number: ANNA_PHONE, first_name: 'Анна', user_id: ANNA_USER },
    });
    expect((await api.sentMatching(wait)).text).toContain('Готово, Анна Петрова');
  });

  it('refuses an unknown number, naming the portal and e-mail, and keeps the attempt', async () => {
    const wait = next();
    say(6001, '', {
      text: undefined,
      contact: { phone_number: '+79990000000', first_name: 'X', user_id: 6001 },
    });
    const refusal = await api.sentMatching(wait);
    expect(refusal.text).toContain('https://support.vendor.example');
    expect(refusal.text).toContain('support@supportdesk.example');
    const log = await desk.ctx.db
      .select()
      .from(intakeRejections)
      .where(eq(intakeRejections.channel, 'telegram'));
    expect(log[0]).toMatchObject({ reason: 'contact_unknown', sender: 'telegram:6001 +79990000000' });
  });

  it('leads a request through instance, severity, subject and description with a photo, registered at the message date', async () => {
    let wait = next();
    say(ANNA_USER, '/new', { entities: [{ type: 'bot_command', offset: 0, length: 4 }] });
    const instances = await api.sentMatching(wait);
    const esb = instances.reply_markup?.inline_keyboard
      ?.flat()
      .find((button) => button.text === 'esb-prod-spb');
    expect(esb).toBeDefined();

    wait = next();
    press(ANNA_USER, esb?.callback_data ?? '');
    const severities = await api.sentMatching(wait);
    expect(severities.text).toContain('Критический: полная потеря работоспособности');

    wait = next();
    press(ANNA_USER, 'severity:high');
    expect((await api.sentMatching(wait)).text).toContain('тема запроса');

    wait = next();
    // A control character typed into the subject is dropped, not stored.
    say(ANNA_USER, 'Очередь сообщений\u0007 не обрабатывается');
    expect((await api.sentMatching(wait)).text).toContain('Опишите подробнее');

    api.files.set(
      'files/photo-1',
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
        'hex',
      ),
    );
    desk.clock.advance(60_000);
    wait = next();
    say(ANNA_USER, '', {
      text: undefined,
      caption: 'После обновления сообщения копятся в очереди orders.in.',
      photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 1, height: 1 }],
    });
    const registered = await api.sentMatching(wait);
    expect(registered.text).toMatch(
      /Запрос SD-2026-\d{5} зарегистрирован, уровень «Стандартная». Ответ — не позднее 25\.11\.2026 15:01:00 МСК\./,
    );
    const [ticket] = await desk.ctx.db.select().from(tickets).where(eq(tickets.channel, 'telegram'));
    expect(ticket).toMatchObject({
      severity: 'high',
      subject: 'Очередь сообщений не обрабатывается',
      description: 'После обновления сообщения копятся в очереди orders.in.',
      registeredAt: new Date('2026-11-24T09:01:00Z'),
    });
    const files = await desk.ctx.db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, ticket?.id ?? ''));
    expect(files.map((file) => file.contentType)).toEqual(['image/png']);
  });

  it('handles an update delivered twice once', async () => {
    const wait = next();
    const id = say(ANNA_USER, '/my', { entities: [{ type: 'bot_command', offset: 0, length: 3 }] });
    await api.sentMatching(wait);
    const before = api.sent.length;
    api.push(
      {
        message: {
          message_id: 1,
          date: now(),
          chat: { id: ANNA_USER, type: 'private' },
          from: user(ANNA_USER),
          text: '/my',
          entities: [{ type: 'bot_command', offset: 0, length: 3 }],
        },
      },
      id,
    );
    const probe = next();
    say(ANNA_USER, '/help', { entities: [{ type: 'bot_command', offset: 0, length: 5 }] });
    await api.sentMatching(probe);
    expect(api.sent.length).toBe(before + 1);
  });

  it('pushes support’s reply to the chat, long text split, and takes the customer’s answer to it into the ticket', async () => {
    const [ticket] = await desk.ctx.db.select().from(tickets).where(eq(tickets.channel, 'telegram'));
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    const long = `Проверьте пул потоков. ${'Подробности. '.repeat(400)}`;
    expect((await irina('POST', `/api/v1/tickets/${ticket?.id}/messages`, { body: long })).statusCode).toBe(
      201,
    );
    const wait = next();
    await deliverOutbox(desk.ctx);
    await api.sentMatching(wait);
    const pushed = api.sent.filter((message) => message.message_id >= mark);
    expect(pushed.length).toBe(2);
    expect(pushed[0]?.text).toContain(`Поддержка ответила по запросу ${ticket?.number}`);
    expect(pushed.every((message) => message.text.length <= 4096)).toBe(true);

    const added = next();
    say(ANNA_USER, 'Пул увеличили, помогло.', {
      reply_to_message: {
        message_id: pushed.at(-1)?.message_id,
        date: now(),
        chat: { id: ANNA_USER, type: 'private' },
      },
    });
    expect((await api.sentMatching(added)).text).toContain(`Добавлено в запрос ${ticket?.number}`);
    const messages = await desk.ctx.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket?.id ?? ''));
    expect(messages.find((message) => message.body === 'Пул увеличили, помогло.')).toMatchObject({
      channel: 'telegram',
      authorType: 'contact',
    });

    // The request is closed; the customer answers the same message again: nothing is dropped.
    expect((await irina('POST', `/api/v1/tickets/${ticket?.id}/close`, {})).statusCode).toBe(200);
    const followed = next();
    say(ANNA_USER, 'Проблема вернулась после перезапуска.', {
      reply_to_message: {
        message_id: pushed.at(-1)?.message_id,
        date: now(),
        chat: { id: ANNA_USER, type: 'private' },
      },
    });
    const answer = await api.sentMatching(followed);
    expect(answer.text).toMatch(new RegExp(`Запрос ${ticket?.number} закрыт.*новым запросом SD-2026-\\d{5}`));
    const [followUp] = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.followsUpId, ticket?.id ?? ''));
    expect(followUp).toMatchObject({
      description: 'Проблема вернулась после перезапуска.',
      subject: ticket?.subject,
      instanceId: ticket?.instanceId,
      channel: 'telegram',
      status: 'new',
    });
    const detail = (await irina('GET', `/api/v1/tickets/${followUp?.id}`)).json();
    expect(detail.followsUp).toEqual({ id: ticket?.id, number: ticket?.number });
    const original = (await irina('GET', `/api/v1/tickets/${ticket?.id}`)).json();
    expect(original.followedUpBy).toEqual([{ id: followUp?.id, number: followUp?.number }]);
  });

  it('keeps what is written outside hours as a draft and offers it when support opens', async () => {
    desk.clock.set(new Date('2026-11-24T17:30:00Z')); // 20:30 Moscow time
    let wait = next();
    say(ANNA_USER, 'Ночью упал планировщик отчётов');
    expect((await api.sentMatching(wait)).text).toContain('черновик');
    await bot.offerDrafts();
    expect(
      api.sent.filter((message) => message.text.includes('Зарегистрировать запрос из черновика')),
    ).toEqual([]);

    desk.clock.set(new Date('2026-11-25T06:05:00Z')); // 09:05 Moscow time, Wednesday
    wait = next();
    // Two instances look for drafts at the same moment: the draft is offered once.
    const passes = await Promise.all([bot.offerDrafts(), bot.offerDrafts()]);
    expect(passes.map((pass) => pass.offered).sort()).toEqual([0, 1]);
    const question = await api.sentMatching(wait);
    expect(
      api.sent.filter((message) => message.text.includes('Зарегистрировать запрос из черновика')),
    ).toHaveLength(1);
    expect(question.text).toContain('«Ночью упал планировщик отчётов»');
    wait = next();
    press(ANNA_USER, 'draft:yes');
    const instances = await api.sentMatching(wait);
    wait = next();
    press(ANNA_USER, instances.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data ?? '');
    await api.sentMatching(wait);
    wait = next();
    press(ANNA_USER, 'severity:medium');
    expect((await api.sentMatching(wait)).text).toMatch(/Запрос SD-2026-\d{5} зарегистрирован/);
    const registered = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.subject, 'Ночью упал планировщик отчётов'));
    expect(registered).toHaveLength(1);
    expect(registered[0]?.registeredAt).toEqual(new Date('2026-11-25T06:05:00Z'));
  });

  it('answers unknown input with help', async () => {
    const wait = next();
    say(ANNA_USER, 'что ты умеешь?');
    expect((await api.sentMatching(wait)).text).toContain('/new');
    expect(lastTo(ANNA_USER)?.text).toContain('/my');
  });

  it('asks for a rating with five buttons once the request is resolved, and takes one press only', async () => {
    const [ticket] = await desk.ctx.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.channel, 'telegram'), ne(tickets.status, 'closed')));
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    const resolved = await irina('POST', `/api/v1/tickets/${ticket?.id}/resolve`, { body: 'Пул увеличен.' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    desk.clock.advance(61_000);
    const wait = next();
    await deliverOutbox(desk.ctx);
    await api.sentMatching(wait);
    const question = api.sent.find(
      (message) => message.message_id >= mark && message.text.includes('Оцените от 1'),
    );
    const buttons = question?.reply_markup?.inline_keyboard?.flat() ?? [];
    expect(buttons.map((button) => button.text)).toEqual(['★', '★★', '★★★', '★★★★', '★★★★★']);

    let answered = next();
    press(ANNA_USER, buttons[3]?.callback_data ?? '');
    expect((await api.sentMatching(answered)).text).toContain(`оценён на 4 из 5`);
    answered = next();
    press(ANNA_USER, buttons[4]?.callback_data ?? '');
    expect((await api.sentMatching(answered)).text).toContain('уже оценён');
    const forSupport = (await irina('GET', `/api/v1/tickets/${ticket?.id}`)).json();
    expect(forSupport.satisfaction).toMatchObject({ score: 4, channel: 'telegram' });
  });

  it('lets the contact see and end the binding in the portal, and then the bot asks for the phone again', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const me = (await anna('GET', '/api/v1/me')).json().principal.id;
    expect((await anna('GET', `/api/v1/contacts/${me}/telegram`)).json()).toMatchObject({ linked: true });
    const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    expect((await sergey('DELETE', `/api/v1/contacts/${me}/telegram`)).statusCode).toBe(404);
    expect((await anna('DELETE', `/api/v1/contacts/${me}/telegram`)).statusCode).toBe(204);
    expect((await anna('GET', `/api/v1/contacts/${me}/telegram`)).json()).toMatchObject({ linked: false });
    const wait = next();
    say(ANNA_USER, '/my', { entities: [{ type: 'bot_command', offset: 0, length: 3 }] });
    expect((await api.sentMatching(wait)).text).toContain('/start');
  });

  it('names the bot in the profile and binds the chat of its one-time link after the phone check', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const me = (await anna('GET', '/api/v1/me')).json().principal.id;
    expect((await anna('GET', `/api/v1/contacts/${me}/telegram`)).json()).toMatchObject({
      linked: false,
      botName: 'vendor_support_bot',
    });
    const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    expect((await sergey('POST', `/api/v1/contacts/${me}/telegram/link`)).statusCode).toBe(404);
    const issued = await anna('POST', `/api/v1/contacts/${me}/telegram/link`);
    expect(issued.statusCode, issued.body).toBe(201);
    const { url } = issued.json();
    expect(url).toMatch(/^https:\/\/t\.me\/vendor_support_bot\?start=[A-Za-z0-9_-]{43}$/);
    const code = new URL(url).searchParams.get('start') ?? '';
    const start = (from: number) =>
      say(from, `/start ${code}`, { entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    const share = (from: number, phone: string) =>
      say(from, '', { text: undefined, contact: { phone_number: phone, first_name: 'А', user_id: from } });

    let wait = next();
    start(5009);
    expect((await api.sentMatching(wait)).text).toContain('связать этот чат с вашим профилем');
    // Someone's own number, but not the one of the profile the link came from.
    wait = next();
    share(5009, '+73432223344');
    expect((await api.sentMatching(wait)).text).toContain('не тот, что указан в профиле');
    expect((await anna('GET', `/api/v1/contacts/${me}/telegram`)).json().linked).toBe(false);
    wait = next();
    share(5009, ANNA_PHONE);
    expect((await api.sentMatching(wait)).text).toContain('Готово, Анна Петрова');
    expect((await anna('GET', `/api/v1/contacts/${me}/telegram`)).json().linked).toBe(true);
    // The code binds once.
    wait = next();
    start(5010);
    expect((await api.sentMatching(wait)).text).toContain('уже использована или устарела');
  });

  it('takes updates by webhook too, only with Telegram’s secret token', async () => {
    const secret = 'webhook-secret-for-the-test';
    const hooked = createTelegramBot(
      desk.ctx,
      pino({ level: 'silent' }),
      {
        token: TOKEN,
        botName: 'vendor_support_bot',
        apiRoot: api.url,
        webhook: { url: 'https://desk.vendor.example/telegram/webhook', secret },
      },
      { portalUrl: 'https://support.vendor.example', supportEmail: 'support@supportdesk.example' },
    );
    const app = Fastify();
    if (!hooked.webhook) throw new Error('webhook mode gives a handler');
    app.post('/telegram/webhook', hooked.webhook);
    const update = {
      update_id: 900_001,
      message: {
        message_id: 1,
        date: now(),
        chat: { id: 6002, type: 'private' },
        from: user(6002),
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    };
    const forged = await app.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload: update,
      headers: { 'x-telegram-bot-api-secret-token': 'wrong' },
    });
    expect(forged.statusCode).toBe(401);
    const wait = next();
    const genuine = await app.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload: update,
      headers: { 'x-telegram-bot-api-secret-token': secret },
    });
    expect(genuine.statusCode).toBe(200);
    expect((await api.sentMatching(wait)).chat_id).toBe(6002);
    await app.close();
  });
});

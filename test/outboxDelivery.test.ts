import { createServer, type Server, type Socket } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.js';
import { OUTBOX_HANDLERS } from '../src/app/outbox/deliveries.js';
import { pruneOutbox } from '../src/app/outbox/deliveryLog.js';
import { dispatchOutbox } from '../src/app/outbox/dispatch.js';
import { OUTBOX_CHANNELS } from '../src/app/outbox/topics.js';
import { rowsOf } from '../src/db/database.js';
import { notifications, outbox, telegramLinks, tickets } from '../src/db/schema.js';
import { startJobs } from '../src/jobs/scheduler.js';
import { FakeBotApi } from './support/botApi.js';
import { databaseBackends } from './support/databases.js';
import { SmtpSink } from './support/mail.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  DEMO_NOW,
  type DemoWorld,
  demoWorld,
  instanceNamed,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
} from './support/testDesk.js';

const TOKEN = '123456:test-token-for-the-fake-bot-api';
const ANNA_CHAT = 7001;
const silentLogger = pino({ level: 'silent' });

type Caller = ReturnType<typeof caller>;

/** A desk with the demo people signed in, and a request of Anna's to write about. */
async function deskWith(backend: (typeof databaseBackends)[number], environment: Record<string, string>) {
  const desk = await openTestDesk(backend, environment);
  const adminSession = await signIn(desk.app, ...ADMIN);
  const world = await demoWorld(desk.app, adminSession);
  const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
  const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
  return { desk, world, anna, irina, admin: caller(desk.app, adminSession) };
}

async function fileRequest(anna: Caller, world: DemoWorld, subject: string): Promise<string> {
  const created = await anna('POST', '/api/v1/tickets', {
    instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
    severity: 'high',
    subject,
    description: 'Сообщения копятся в очереди orders.in.',
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

async function reply(irina: Caller, ticketId: string, body: string) {
  const answer = await irina('POST', `/api/v1/tickets/${ticketId}/messages`, { body, visibility: 'public' });
  expect(answer.statusCode, answer.body).toBe(201);
}

/** A clock that runs in real time from the desk's instant, for leases that must expire while work runs. */
function runningClock(ctx: AppContext): AppContext {
  const from = ctx.clock.now().getTime();
  const start = performance.now();
  return { ...ctx, clock: { now: () => new Date(from + (performance.now() - start)) } };
}

describe.each(databaseBackends)('outbox delivery on $name', (backend) => {
  describe('mail', () => {
    const sink = new SmtpSink();
    let setup: Awaited<ReturnType<typeof deskWith>>;

    beforeAll(async () => {
      await sink.start();
      setup = await deskWith(backend, { SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
    });
    afterAll(async () => {
      await setup?.desk.close();
      await sink.stop();
    });

    it("keeps a ticket's mails in the order they were written, also after the relay was down", async () => {
      const { desk, world, anna, irina } = setup;
      await deliverOutbox(desk.ctx);
      sink.received.length = 0;
      const port = sink.port;
      await sink.stop();
      const ticketId = await fileRequest(anna, world, 'Порядок писем после сбоя');
      for (const n of [1, 2, 3]) await reply(irina, ticketId, `Ответ номер ${n}`);
      const down = await deliverOutbox(desk.ctx);
      // Only the acknowledgement was tried: the replies wait behind it rather than overtake it.
      expect(down.failed).toBe(1);
      await sink.start(port);
      for (let round = 0; round < 5; round += 1) {
        desk.clock.advance(3_600_000);
        await deliverOutbox(desk.ctx);
      }
      const texts = sink.received.map((mail) => mail.text ?? '');
      expect(texts).toHaveLength(4);
      expect(texts[0]).toMatch(/зарегистрирован|registered/i);
      expect(texts.slice(1).map((text) => text.match(/Ответ номер (\d)/)?.[1])).toEqual(['1', '2', '3']);
      // Delivered once each, also when the loops run again.
      await deliverOutbox(desk.ctx);
      expect(sink.received).toHaveLength(4);
      // The mail log counts the acknowledgement's two attempts, under its one Message-ID.
      const log = (await setup.admin('GET', '/api/v1/mail/outbound?limit=10')).json();
      const ofTicket = log.filter((mail: { ticketId: string }) => mail.ticketId === ticketId);
      expect(ofTicket.map((mail: { sendAttempts: number }) => mail.sendAttempts).sort()).toEqual([
        1, 1, 1, 2,
      ]);
      const acknowledged = ofTicket.find((mail: { sendAttempts: number }) => mail.sendAttempts === 2);
      expect(sink.received[0]?.messageId).toBe(acknowledged.messageId);
    });

    it('waits for a relay that answers the end of the data late, past 30 s, and sends the mail once', async () => {
      const { desk, world, anna } = setup;
      await deliverOutbox(desk.ctx);
      sink.received.length = 0;
      const ticketId = await fileRequest(anna, world, 'Медленный почтовый сервер');
      sink.stallAnswers(35_000);
      const first = await deliverOutbox(desk.ctx);
      expect(first).toMatchObject({ failed: 0 });
      desk.clock.advance(3_600_000);
      await deliverOutbox(desk.ctx);
      expect(sink.received.map((mail) => mail.subject)).toEqual([expect.stringContaining('Медленный')]);
      const log = (await setup.admin('GET', '/api/v1/mail/outbound?limit=5')).json();
      expect(log.find((mail: { ticketId: string }) => mail.ticketId === ticketId)).toMatchObject({
        sendAttempts: 1,
        sentAt: expect.any(String),
      });
    }, 60_000);

    it('never takes a Telegram push to a bound chat as sent on an instance without the bot token', async () => {
      const { desk, world } = setup;
      const [bound, unbound] = world.baltlog.contacts.map((contact) => contact.id);
      await desk.database.db.insert(telegramLinks).values({
        telegramUserId: 990_001,
        chatId: 990_001,
        contactId: bound ?? '',
        linkedAt: desk.clock.now(),
      });
      const pushTo = async (contactId: string) => {
        const [row] = await desk.database.db
          .insert(outbox)
          .values({
            topic: 'notice.telegram',
            payload: {
              recipient: { type: 'contact', id: contactId },
              template: 'ticket_reply',
              params: { number: 'SD-2026-00001', subject: 'Очередь стоит', body: 'Перезапустите узел.' },
              ticketId: null,
            },
            createdAt: desk.clock.now(),
            availableAt: desk.clock.now(),
          })
          .returning({ id: outbox.id });
        return row?.id ?? 0;
      };
      const waiting = await pushTo(bound ?? '');
      const nothingToSend = await pushTo(unbound ?? '');
      expect(desk.ctx.telegram).toBeNull();
      await dispatchOutbox(desk.ctx, OUTBOX_HANDLERS, OUTBOX_CHANNELS.telegram);
      const entry = async (id: number) =>
        (await desk.database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
      expect(await entry(waiting)).toMatchObject({ deliveredAt: null, failedAt: null, attempts: 0 });
      expect((await entry(waiting))?.lastError).toMatch(/no Telegram bot token/);
      expect((await entry(nothingToSend))?.deliveredAt).not.toBeNull();
      await desk.database.db.delete(outbox).where(eq(outbox.id, waiting));
      await desk.database.db.delete(telegramLinks).where(eq(telegramLinks.contactId, bound ?? ''));
    });

    it('sets aside an entry whose payload does not fit its topic, and an administrator sends a failed one again', async () => {
      const { desk, admin } = setup;
      const [bad] = await desk.database.db
        .insert(outbox)
        .values({
          topic: 'notice.mail',
          payload: { recipient: 'nobody' },
          createdAt: desk.clock.now(),
          availableAt: desk.clock.now(),
        })
        .returning({ id: outbox.id });
      const id = bad?.id ?? 0;
      await deliverOutbox(desk.ctx);
      const failed = (await admin('GET', '/api/v1/outbox?state=failed&limit=50')).json();
      const entry = failed.find((row: { id: number }) => row.id === id);
      expect(entry).toMatchObject({ state: 'failed', attempts: 1 });
      expect(entry.lastError).toMatch(/does not fit its schema/);
      expect((await admin('POST', `/api/v1/outbox/${id}/retry`)).statusCode).toBe(204);
      const [again] = await desk.database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(again).toMatchObject({ failedAt: null, attempts: 0 });
      const delivered = (await admin('GET', '/api/v1/outbox?state=delivered&limit=1')).json();
      const notFailed = await admin('POST', `/api/v1/outbox/${delivered[0].id}/retry`);
      expect(notFailed.statusCode).toBe(409);
      expect(notFailed.json().code).toBe('outbox_not_failed');
      await desk.database.db.delete(outbox).where(eq(outbox.id, id));

      // A notice of a known kind written without what it must carry is set aside by name too.
      const [untyped] = await desk.database.db
        .insert(outbox)
        .values({
          topic: 'notice.mail',
          payload: {
            recipient: { type: 'contact', id: setup.world.baltlog.contacts[0]?.id ?? '' },
            template: 'ticket_reply',
            params: { number: 'SD-2026-00001', subject: 'Без текста ответа' },
            ticketId: null,
          },
          createdAt: desk.clock.now(),
          availableAt: desk.clock.now(),
        })
        .returning({ id: outbox.id });
      await deliverOutbox(desk.ctx);
      const setAside = (await admin('GET', '/api/v1/outbox?state=failed&limit=50'))
        .json()
        .find((row: { id: number }) => row.id === untyped?.id);
      expect(setAside?.lastError).toMatch(/does not fit its schema[\s\S]*body[\s\S]*params/);
      await desk.database.db.delete(outbox).where(eq(outbox.id, untyped?.id ?? 0));
    });

    it('removes delivered entries after the retention period and keeps what they delivered', async () => {
      const { desk } = setup;
      await deliverOutbox(desk.ctx);
      const before = await desk.database.db.select({ id: notifications.id }).from(notifications);
      expect((await pruneOutbox(desk.ctx, 30 * 86_400_000)).removed).toBe(0);
      desk.clock.advance(31 * 86_400_000);
      expect((await pruneOutbox(desk.ctx, 30 * 86_400_000)).removed).toBeGreaterThan(0);
      const left = await rowsOf<{ count: number }>(
        desk.database.db,
        sql`select count(*)::int as count from outbox where delivered_at is not null`,
      );
      expect(left[0]?.count).toBe(0);
      expect(await desk.database.db.select({ id: notifications.id }).from(notifications)).toHaveLength(
        before.length,
      );
    });
  });

  describe('Telegram', () => {
    const api = new FakeBotApi();
    let setup: Awaited<ReturnType<typeof deskWith>>;

    beforeAll(async () => {
      await api.start();
      setup = await deskWith(backend, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url });
      const annaId = setup.world.baltlog.contacts.find(
        (contact) => contact.email === STANDARD_CONTACT[0],
      )?.id;
      await setup.desk.database.db.insert(telegramLinks).values({
        telegramUserId: ANNA_CHAT,
        chatId: ANNA_CHAT,
        contactId: annaId ?? '',
        linkedAt: DEMO_NOW,
      });
    });
    afterEach(() => {
      api.sendFault = null;
      api.sendDelayMs = 0;
    });
    afterAll(async () => {
      await setup?.desk.close();
      await api.stop();
    });

    it('sends each part of a long push once when a later part is answered 429, after the pause Telegram named', async () => {
      const { desk, world, anna, irina } = setup;
      const ticketId = await fileRequest(anna, world, 'Длинный ответ в Telegram');
      await deliverOutbox(desk.ctx);
      const long = Array.from(
        { length: 120 },
        (_, n) => `Строка ${n}: проверьте параметры очереди orders.in.`,
      );
      await reply(irina, ticketId, long.join('\n'));
      const sentBefore = api.sent.length;
      let limited = 0;
      api.sendFault = (text) =>
        text.includes('Строка 100') && limited++ === 0 ? { error_code: 429, retry_after: 7 } : null;
      const first = await deliverOutbox(desk.ctx);
      expect(first.failed).toBe(0);
      const [waiting] = await desk.database.db
        .select()
        .from(outbox)
        .where(sql`${outbox.topic} = 'notice.telegram' and ${outbox.deliveredAt} is null`);
      expect(waiting?.availableAt.getTime()).toBe(desk.clock.now().getTime() + 7_000);
      expect(waiting?.attempts).toBe(0);
      desk.clock.advance(7_000);
      await deliverOutbox(desk.ctx);
      const parts = api.sent.slice(sentBefore).filter((message) => message.chat_id === ANNA_CHAT);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      for (const line of ['Строка 0:', 'Строка 100:', 'Строка 119:']) {
        expect(parts.filter((part) => part.text.includes(line))).toHaveLength(1);
      }
    });

    it('holds its claim while a slow Bot API answers: two instances deliver every push once', async () => {
      const { desk, world, anna, irina } = setup;
      const ticketIds: string[] = [];
      for (const n of [1, 2, 3, 4, 5, 6])
        ticketIds.push(await fileRequest(anna, world, `Медленный Telegram ${n}`));
      await deliverOutbox(desk.ctx);
      for (const [n, ticketId] of ticketIds.entries()) await reply(irina, ticketId, `Медленный ответ ${n}`);
      api.sendDelayMs = 400;
      const sentBefore = api.sent.length;
      // The claim lasts 300 ms unless renewed, a push takes 400 ms and each instance sends one at a time:
      // an instance whose claim lapsed would let the other send its pushes a second time.
      const options = { leaseMs: 300, concurrency: 1, batchSize: 10 };
      const instances = [runningClock(desk.ctx), runningClock(desk.ctx)];
      let delivered = 0;
      const until = performance.now() + 8_000;
      await Promise.all(
        instances.map(async (ctx) => {
          // Each instance keeps looking, as its loop would, while the other one works.
          while (delivered < 6 && performance.now() < until) {
            const pass = await dispatchOutbox(ctx, OUTBOX_HANDLERS, ['notice.telegram'], options);
            delivered += pass.delivered;
            if (pass.delivered === 0) await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }),
      );
      expect(delivered).toBe(6);
      const pushed = api.sent
        .slice(sentBefore)
        .map((message) => message.text.match(/Медленный ответ (\d)/)?.[1]);
      expect(pushed.sort()).toEqual(['0', '1', '2', '3', '4', '5']);
    });
  });

  describe('job loops', () => {
    let setup: Awaited<ReturnType<typeof deskWith>>;
    let silent: Server;
    const held: Socket[] = [];

    beforeAll(async () => {
      // A relay that takes the connection and never greets.
      silent = createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
      const port = (silent.address() as { port: number }).port;
      setup = await deskWith(backend, { SMTP_URL: `smtp://127.0.0.1:${port}` });
    });
    afterAll(async () => {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await setup?.desk.close();
    });

    it('wakes at once when an entry is written, and a relay that never greets holds up only the mail', async () => {
      const { desk, world, anna } = setup;
      const jobs = startJobs(desk.ctx, silentLogger, {
        intervalMs: 200,
        // Without the wake-up, nothing would be delivered for a minute.
        outboxPollMs: 60_000,
        outboxRetentionMs: 30 * 86_400_000,
      });
      const unlisten = await desk.database.listen('supportdesk_outbox', jobs.outboxWritten);
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const ticketId = await fileRequest(anna, world, 'Пробуждение и молчащий сервер почты');
        await expect
          .poll(
            async () =>
              (
                await desk.database.db
                  .select()
                  .from(notifications)
                  .where(eq(notifications.ticketId, ticketId))
              ).length,
            { timeout: 5_000, interval: 50 },
          )
          .toBeGreaterThan(0);
        // The acknowledgement's mail is stuck on the silent relay; the SLA watch goes on regardless.
        const [ticket] = await desk.database.db.select().from(tickets).where(eq(tickets.id, ticketId));
        desk.clock.set(new Date((ticket?.responseDueAt.getTime() ?? 0) + 60_000));
        await expect
          .poll(
            async () =>
              (await desk.database.db.select().from(tickets).where(eq(tickets.id, ticketId)))[0]
                ?.slaBreachedAt,
            { timeout: 4_000, interval: 50 },
          )
          .not.toBeNull();
        const [mail] = await desk.database.db
          .select()
          .from(outbox)
          .where(sql`${outbox.topic} = 'notice.mail' and ${outbox.payload}->>'ticketId' = ${ticketId}`);
        expect(mail?.deliveredAt).toBeNull();
      } finally {
        await unlisten();
        for (const socket of held) socket.destroy();
        await jobs.stop();
      }
    });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailListener, startSmtpListener } from '../src/channels/email/smtpListener.js';
import { retryPendingMail } from '../src/channels/email/storedMailRetry.js';
import { createTelegramBot, type TelegramBot } from '../src/channels/telegram/bot.js';
import { inboundMail, telegramLinks, telegramUpdates, tickets } from '../src/db/schema.js';
import { FileSystemStore } from '../src/storage/fileSystemStore.js';
import { FakeBotApi } from './support/botApi.js';
import { databaseBackends } from './support/databases.js';
import { compose, SUPPORT, send, sendRaw } from './support/mail.js';
import {
  ADMIN,
  DEMO_NOW,
  demoWorld,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const ANNA = 'anna.petrova@baltlog.example';
const silent = pino({ level: 'silent' });

/** Every file under a folder, with its size: what a failed write left behind. */
function filesUnder(root: string): { path: string; size: number }[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return { path, size: statSync(path).size };
      });
  } catch {
    return [];
  }
}

describe.each(databaseBackends)('nothing a customer sends is lost, on $name', (backend) => {
  let desk: TestDesk;
  let listener: MailListener;
  const ticketsWithSubject = async (subject: string) =>
    desk.database.db.select().from(tickets).where(eq(tickets.subject, subject));
  /** A real fault for the step after the mail is stored: the table registration writes to is gone. */
  const withoutTickets = async <T>(work: () => Promise<T>): Promise<T> => {
    await desk.database.db.execute(sql`alter table tickets rename to tickets_away`);
    try {
      return await work();
    } finally {
      await desk.database.db.execute(sql`alter table tickets_away rename to tickets`);
    }
  };

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    listener = await startSmtpListener(desk.ctx, silent, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await listener?.close();
    await desk?.close();
  });

  it('stores a mail before it answers 250, and registers it once after processing failed half-way', async () => {
    const subject = '[high] [esb-prod-spb] Обработка прервалась на полпути';
    const letter = {
      from: ANNA,
      subject,
      text: 'Очередь orders.in стоит.',
      messageId: '<halfway.1@baltlog.example>',
    };
    const answered = await withoutTickets(() => send(listener.port, letter));
    expect(answered.response).toMatch(/^250/);
    const [stored] = await desk.database.db
      .select()
      .from(inboundMail)
      .where(eq(inboundMail.messageId, '<halfway.1@baltlog.example>'));
    expect(stored).toMatchObject({ outcome: 'received', attempts: 1 });
    expect(stored?.lastError).toMatch(/tickets/);
    // The sender tries again while the retry waits: taken as the same mail, not a duplicate to drop.
    expect((await send(listener.port, letter)).response).toMatch(/^250/);
    expect(await ticketsWithSubject('Обработка прервалась на полпути')).toHaveLength(0);
    desk.clock.advance(5 * 60_000);
    expect(await retryPendingMail(desk.ctx)).toEqual({ retried: 1, pending: 0 });
    expect((await send(listener.port, letter)).response).toMatch(/^250/);
    const registered = await ticketsWithSubject('Обработка прервалась на полпути');
    expect(registered).toHaveLength(1);
    expect(registered[0]?.registeredAt.getTime()).toBe(stored?.receivedAt.getTime());
    const [done] = await desk.database.db
      .select()
      .from(inboundMail)
      .where(eq(inboundMail.id, stored?.id ?? ''));
    expect(done).toMatchObject({ outcome: 'ticket', ticketId: registered[0]?.id, nextAttemptAt: null });
  });

  it('refuses for good, with the reason, a mail of 10,000 parts or 2,000 levels, and keeps it in the log', async () => {
    const parts = Array.from(
      { length: 10_000 },
      (_, n) => `--p\r\nContent-Type: text/plain\r\n\r\nчасть ${n}\r\n`,
    );
    const wide = Buffer.from(
      `From: ${ANNA}\r\nTo: ${SUPPORT}\r\nSubject: wide\r\nMessage-ID: <wide@baltlog.example>\r\n` +
        `Content-Type: multipart/mixed; boundary="p"\r\n\r\n${parts.join('')}--p--\r\n`,
    );
    let deep = 'Content-Type: text/plain\r\n\r\nвнутри\r\n';
    for (let level = 2_000; level > 0; level -= 1)
      deep = `Content-Type: multipart/mixed; boundary="d${level}"\r\n\r\n--d${level}\r\n${deep}--d${level}--\r\n`;
    const nested = Buffer.from(`From: ${ANNA}\r\nTo: ${SUPPORT}\r\nSubject: deep\r\n${deep}`);
    for (const raw of [wide, nested]) {
      const refused = await sendRaw(listener.port, raw, { from: ANNA, to: [SUPPORT] }).catch(
        (error) => error,
      );
      expect(refused.responseCode).toBe(554);
      expect(refused.response).toMatch(/cannot be read/);
    }
    const logged = await desk.database.db
      .select()
      .from(inboundMail)
      .where(sql`${inboundMail.reason} like 'mail_malformed%'`);
    expect(logged.map((row) => row.reason).sort()).toEqual([
      expect.stringMatching(/more than 500 MIME parts/),
      expect.stringMatching(/nesting 21 levels deep/),
    ]);
    expect(logged.every((row) => row.outcome === 'refused' && row.storedAs)).toBe(true);
  });

  it('refuses a From with two addresses as not verifiable, and strips control characters from mail', async () => {
    const raw = Buffer.from(
      `From: ${ANNA}, mallory@attacker.example\r\nTo: ${SUPPORT}\r\nSubject: two senders\r\n` +
        'Message-ID: <two.senders@baltlog.example>\r\n\r\nкто из нас?\r\n',
    );
    expect((await sendRaw(listener.port, raw, { from: ANNA, to: [SUPPORT] })).response).toMatch(/^250/);
    const [row] = await desk.database.db
      .select()
      .from(inboundMail)
      .where(eq(inboundMail.messageId, '<two.senders@baltlog.example>'));
    expect(row).toMatchObject({ outcome: 'refused', reason: 'sender_ambiguous', ticketId: null });

    const withNul = await compose({
      from: ANNA,
      subject: '[esb-prod-spb] Нулевой\u0000 байт\u0007 в теме',
      text: 'Тело\u0000 с нулём',
      messageId: '<nul.byte@baltlog.example>',
    });
    expect((await sendRaw(listener.port, withNul, { from: ANNA, to: [SUPPORT] })).response).toMatch(/^250/);
    const [clean] = await ticketsWithSubject('Нулевой байт в теме');
    expect(clean?.description).toBe('Тело с нулём');
  });

  it('answers 507 to an upload on a full disk and leaves no partial file; the mail carrying one gets 451 until there is room', async () => {
    const store = desk.ctx.files;
    // A full disk is the file-system driver's fault to survive; object storage answers for itself.
    if (!(store instanceof FileSystemStore)) throw new Error('this test needs the file-system store');
    const root = store.root;
    mkdirSync(root, { recursive: true });
    const before = filesUnder(root).length;
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', root]);
    try {
      const anna = await signIn(desk.app, ...STANDARD_CONTACT);
      const upload = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: {
          cookie: anna.cookie,
          'x-csrf-token': anna.csrfToken,
          'content-type': 'multipart/form-data; boundary=x',
          'accept-language': 'ru',
        },
        payload: Buffer.concat([
          Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="dump.bin"\r\n\r\n'),
          Buffer.alloc(512 * 1024, 7),
          Buffer.from('\r\n--x--\r\n'),
        ]),
      });
      expect(upload.statusCode, upload.body).toBe(507);
      expect(upload.json()).toMatchObject({
        code: 'storage_full',
        title: expect.stringMatching(/нет места/),
      });
      expect(filesUnder(root)).toEqual([]);

      const letter = {
        from: ANNA,
        subject: '[esb-prod-spb] Письмо на полный диск',
        text: 'Лог во вложении.',
        messageId: '<full.disk@baltlog.example>',
        attachments: [{ filename: 'server.log', content: Buffer.alloc(400 * 1024, 65) }],
      };
      const refused = await send(listener.port, letter).catch((error) => error);
      expect(refused.responseCode).toBe(451);
      expect(filesUnder(root)).toEqual([]);
    } finally {
      execFileSync('umount', [root]);
    }
    expect(filesUnder(root)).toHaveLength(before);
    const retried = await send(listener.port, {
      from: ANNA,
      subject: '[esb-prod-spb] Письмо на полный диск',
      text: 'Лог во вложении.',
      messageId: '<full.disk@baltlog.example>',
      attachments: [{ filename: 'server.log', content: Buffer.alloc(400 * 1024, 65) }],
    });
    expect(retried.response).toMatch(/^250/);
    expect(await ticketsWithSubject('Письмо на полный диск')).toHaveLength(1);
  });

  it('leaves no stored copy of a mail behind when the database refuses its row, and takes it on the retry', async () => {
    const store = desk.ctx.files;
    if (!(store instanceof FileSystemStore)) throw new Error('this test needs the file-system store');
    const before = filesUnder(store.root);
    // The database's own disk is full: its write fails after the mail's copy was stored.
    await desk.database.db.execute(sql`
      create function refuse_full_disk() returns trigger language plpgsql as $$
      begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$`);
    await desk.database.db.execute(sql`
      create trigger refuse_inbound before insert on inbound_mail
      for each row execute function refuse_full_disk()`);
    const letter = {
      from: ANNA,
      subject: '[esb-prod-spb] Диск базы переполнен',
      text: 'Короткое письмо.',
      messageId: '<database.full@baltlog.example>',
    };
    try {
      const refused = await send(listener.port, letter).catch((error) => error);
      expect(refused.responseCode).toBe(451);
      expect(filesUnder(store.root)).toEqual(before);
    } finally {
      await desk.database.db.execute(sql`drop trigger refuse_inbound on inbound_mail`);
      await desk.database.db.execute(sql`drop function refuse_full_disk()`);
    }
    expect((await send(listener.port, letter)).response).toMatch(/^250/);
    expect(await ticketsWithSubject('Диск базы переполнен')).toHaveLength(1);
  });

  it('stores a Telegram update before handling it, and handles it again after a failure', async () => {
    const api = new FakeBotApi();
    await api.start();
    const token = '123456:test-token-for-the-fake-bot-api';
    const bot: TelegramBot = createTelegramBot(
      desk.ctx,
      silent,
      { token, botName: null, apiRoot: api.url, webhook: null },
      { portalUrl: 'https://support.vendor.example', supportEmail: SUPPORT },
    );
    try {
      const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
      const annaId = world.baltlog.contacts.find((contact) => contact.email === ANNA)?.id ?? '';
      await desk.database.db
        .insert(telegramLinks)
        .values({ telegramUserId: 8001, chatId: 8001, contactId: annaId, linkedAt: DEMO_NOW })
        .onConflictDoNothing();
      await desk.database.db.execute(sql`alter table telegram_conversations rename to conversations_away`);
      let updateId = 0;
      try {
        await bot.start();
        updateId = api.push({
          message: {
            message_id: 1,
            date: Math.floor(desk.clock.now().getTime() / 1000),
            chat: { id: 8001, type: 'private' },
            from: { id: 8001, is_bot: false, first_name: 'Анна' },
            text: 'Добрый день',
          },
        });
        await expect
          .poll(
            async () =>
              (
                await desk.database.db
                  .select()
                  .from(telegramUpdates)
                  .where(eq(telegramUpdates.updateId, updateId))
              )[0]?.attempts,
          )
          .toBe(1);
      } finally {
        await desk.database.db.execute(sql`alter table conversations_away rename to telegram_conversations`);
      }
      const [failed] = await desk.database.db
        .select()
        .from(telegramUpdates)
        .where(eq(telegramUpdates.updateId, updateId));
      expect(failed).toMatchObject({
        handledAt: null,
        payload: expect.objectContaining({ update_id: updateId }),
      });
      const repliesBefore = api.sent.filter((message) => message.chat_id === 8001).length;
      desk.clock.advance(10 * 60_000);
      expect(await bot.retryPending()).toEqual({ retried: 1 });
      const [handled] = await desk.database.db
        .select()
        .from(telegramUpdates)
        .where(eq(telegramUpdates.updateId, updateId));
      expect(handled?.handledAt).not.toBeNull();
      expect(api.sent.filter((message) => message.chat_id === 8001).length).toBe(repliesBefore + 1);
      expect(await bot.retryPending()).toEqual({ retried: 0 });
    } finally {
      await bot.stop();
      await api.stop();
    }
  });
});

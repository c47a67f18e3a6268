import { eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailPoller, startImapPoller } from '../src/channels/email/imapPoller.js';
import { inboundMail, outboundMail, tickets } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { startDovecot } from './support/dovecot.js';
import { compose } from './support/mail.js';
import { deliverOutbox } from './support/outbox.js';
import { openTestDesk, type TestDesk } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** The support mailbox on a real IMAP server (Dovecot), read by the desk's poller. */
describe('the IMAP poller against Dovecot', () => {
  let desk: TestDesk;
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let poller: MailPoller;
  let mailbox: ImapFlow;

  /** The test's own client of the mailbox, putting mail in as the vendor's mail server would. */
  const openMailbox = async () => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'support', pass: 'mailbox-password' },
      logger: false,
    });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    dovecot = await startDovecot({ support: 'mailbox-password' });
    desk = await openTestDesk(pglite, { MAIL_MAX_MB: '1' });
    mailbox = await openMailbox();
  });
  afterAll(async () => {
    await poller?.stop();
    await mailbox?.logout();
    await desk?.close();
    await dovecot?.stop();
  });

  const arrived = async (messageId: string) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const [row] = await desk.ctx.db.select().from(inboundMail).where(eq(inboundMail.messageId, messageId));
      if (row && row.outcome !== 'received') return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`mail ${messageId} was not taken from the mailbox`);
  };

  it('registers what waits in the mailbox at its INTERNALDATE, and marks it seen', async () => {
    await mailbox.append(
      'INBOX',
      await compose({
        from: 'anna.petrova@baltlog.example',
        subject: '[critical] [esb-prod-spb] Шина не отвечает',
        text: 'С 03:10 шина не принимает сообщения.',
        messageId: '<night@baltlog.example>',
      }),
      [],
      new Date('2026-11-24T00:10:00Z'),
    );
    poller = startImapPoller(desk.ctx, pino({ level: 'silent' }), {
      url: `imap://support:mailbox-password@127.0.0.1:${dovecot.port}/INBOX`,
      processedMailbox: null,
      retryMs: 200,
    });
    const mail = await arrived('<night@baltlog.example>');
    expect(mail).toMatchObject({
      via: 'imap',
      outcome: 'ticket',
      receivedAt: new Date('2026-11-24T00:10:00Z'),
    });
    const [ticket] = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, mail.ticketId ?? ''));
    // Registered at 03:10 Moscow time, before the working day: the 8 hours count from 09:00.
    expect(ticket).toMatchObject({
      severity: 'critical',
      channel: 'email',
      responseDueAt: new Date('2026-11-24T14:00:00Z'),
    });
    await mailbox.mailboxOpen('INBOX');
    expect(await mailbox.search({ seen: false })).toEqual([]);
  });

  it('wakes up for new mail while it waits (IDLE)', async () => {
    await mailbox.append(
      'INBOX',
      await compose({
        from: 'anna.petrova@baltlog.example',
        subject: `Re: [${'SD-2026-00001'}] Шина`,
        text: 'Заработало.',
        messageId: '<later@baltlog.example>',
      }),
      [],
      new Date('2026-11-24T09:30:00Z'),
    );
    expect(await arrived('<later@baltlog.example>')).toMatchObject({ outcome: 'message' });
  });

  it('refuses a mail over the size limit with the limit in words, once, and still clears it from the mailbox', async () => {
    await mailbox.append(
      'INBOX',
      await compose({
        from: 'anna.petrova@baltlog.example',
        subject: 'Дамп памяти',
        text: 'Во вложении дамп.',
        messageId: '<huge@baltlog.example>',
        attachments: [{ filename: 'heap.bin', content: Buffer.alloc(2 * 1_048_576, 7) }],
      }),
    );
    expect(await arrived('<huge@baltlog.example>')).toMatchObject({
      outcome: 'refused',
      reason: 'mail_too_large',
    });
    await deliverOutbox(desk.ctx);
    const [refusal] = await desk.ctx.db
      .select()
      .from(outboundMail)
      .where(eq(outboundMail.inReplyTo, '<huge@baltlog.example>'));
    expect(refusal?.text).toContain('Письмо больше 1 МБ');
    expect(refusal?.text).toContain('larger than 1 MB');
    await mailbox.mailboxOpen('INBOX');
    expect(await mailbox.search({ seen: false })).toEqual([]);
  });

  it('connects again after the IMAP server restarts, and takes what arrived meanwhile once', async () => {
    await expect.poll(() => poller.connected()).toBe(true);
    // The server going away breaks every connection, the test's own client's too.
    mailbox.on('error', () => {});
    await dovecot.restart();
    mailbox = await openMailbox();
    await mailbox.append(
      'INBOX',
      await compose({
        from: 'anna.petrova@baltlog.example',
        subject: '[high] [esb-prod-spb] После перезапуска почтового сервера',
        text: 'Письмо пришло, пока сервер перезапускался.',
        messageId: '<after.restart@baltlog.example>',
      }),
    );
    expect(await arrived('<after.restart@baltlog.example>')).toMatchObject({ outcome: 'ticket' });
    await expect.poll(() => poller.connected()).toBe(true);
    const registered = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.subject, 'После перезапуска почтового сервера'));
    expect(registered).toHaveLength(1);
    // The poller flags the mail seen just after storing it: the flag may land a moment after the row.
    await expect
      .poll(async () => {
        await mailbox.mailboxOpen('INBOX');
        return mailbox.search({ seen: false });
      })
      .toEqual([]);
  });
});

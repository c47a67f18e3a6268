import { desc, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTicket } from '../src/app/tickets/closeTicket.js';
import { type MailListener, startSmtpListener } from '../src/channels/email/smtpListener.js';
import {
  contacts,
  inboundMail,
  intakeRejections,
  outboundMail,
  ticketMessages,
  tickets,
} from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { compose, dkimDomain, SmtpSink, SUPPORT, send, sendRaw } from './support/mail.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  demoWorld,
  instanceNamed,
  openTestDesk,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const ANNA = 'anna.petrova@baltlog.example';
const SERGEY = 'sergey.ivanov@uralenergo.example';
const silent = pino({ level: 'silent' });

describe.each(databaseBackends)('requests and replies by mail, on $name', (backend) => {
  let desk: TestDesk;
  let listener: MailListener;

  beforeAll(async () => {
    desk = await openTestDesk(backend, { MAIL_MAX_MB: '1' });
    listener = await startSmtpListener(desk.ctx, silent, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await listener?.close();
    await desk?.close();
  });

  const latestTicket = async () =>
    (await desk.ctx.db.select().from(tickets).orderBy(desc(tickets.createdAt)).limit(1))[0];
  const inbound = async (messageId: string) =>
    (await desk.ctx.db.select().from(inboundMail).where(eq(inboundMail.messageId, messageId)))[0];
  const deliver = () => deliverOutbox(desk.ctx);

  it('registers a mail from an authorized contact as a request, at the SMTP receipt time, by the subject convention', async () => {
    await send(listener.port, {
      from: `Анна Петрова <${ANNA}>`,
      subject: '[high] [esb-prod-spb] Очередь сообщений не обрабатывается',
      text: 'После обновления ESB сообщения копятся в очереди orders.in.',
      messageId: '<first.1@baltlog.example>',
      attachments: [{ filename: 'esb.log', content: Buffer.from('2026-11-24 ERROR queue stalled\n') }],
    });
    const ticket = await latestTicket();
    expect(ticket).toMatchObject({
      channel: 'email',
      severity: 'high',
      subject: 'Очередь сообщений не обрабатывается',
      registeredAt: new Date('2026-11-24T09:00:00Z'),
      responseDueAt: new Date('2026-11-25T12:00:00Z'),
    });
    expect(await inbound('<first.1@baltlog.example>')).toMatchObject({
      outcome: 'ticket',
      ticketId: ticket?.id,
      via: 'smtp',
    });
    const [message] = await desk.ctx.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket?.id ?? ''));
    expect(message?.kind).toBe('attachments');
  });

  it('acknowledges by mail, threaded under the customer’s mail, with the number in the subject', async () => {
    await deliver();
    const ticket = await latestTicket();
    const [ack] = await desk.ctx.db
      .select()
      .from(outboundMail)
      .where(eq(outboundMail.ticketId, ticket?.id ?? ''));
    expect(ack).toMatchObject({
      recipient: ANNA,
      subject: `[${ticket?.number}] Очередь сообщений не обрабатывается`,
      inReplyTo: '<first.1@baltlog.example>',
      transport: 'stored',
    });
    expect(ack?.text).toContain(`Запрос ${ticket?.number} зарегистрирован`);
    expect(ack?.sentAt).not.toBeNull();
    await deliver();
    expect(
      await desk.ctx.db
        .select()
        .from(outboundMail)
        .where(eq(outboundMail.ticketId, ticket?.id ?? '')),
    ).toHaveLength(1);
  });

  it('threads a reply to its ticket by In-Reply-To, shows it without the quoted history, and keeps the original', async () => {
    const ticket = await latestTicket();
    const [ack] = await desk.ctx.db
      .select()
      .from(outboundMail)
      .where(eq(outboundMail.ticketId, ticket?.id ?? ''));
    await send(listener.port, {
      from: ANNA,
      subject: 'Re: Очередь сообщений не обрабатывается',
      text: 'Журнал за час во вложении.\n\n-- \nАнна\n\n> Запрос зарегистрирован',
      messageId: '<reply.2@baltlog.example>',
      inReplyTo: ack?.messageId,
      references: [ack?.messageId ?? ''],
    });
    const messages = await desk.ctx.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket?.id ?? ''));
    expect(messages.map((message) => message.body)).toContain('Журнал за час во вложении.');
    const stored = await inbound('<reply.2@baltlog.example>');
    expect(stored).toMatchObject({ outcome: 'message', ticketId: ticket?.id });
    const original = await simpleParser(await desk.ctx.files.read(stored?.storedAs ?? ''));
    expect(original.messageId).toBe('<reply.2@baltlog.example>');
    expect(original.text).toContain('> Запрос зарегистрирован');
  });

  it('threads by the [SD-…] tag in the subject too, and makes nothing twice of the same Message-ID', async () => {
    const ticket = await latestTicket();
    const letter = {
      from: ANNA,
      subject: `Re: [${ticket?.number}] Очередь`,
      text: 'Перезапуск не помог.',
      messageId: '<again.3@baltlog.example>',
    };
    await send(listener.port, letter);
    await send(listener.port, letter);
    const messages = await desk.ctx.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket?.id ?? ''));
    expect(messages.filter((message) => message.body === 'Перезапуск не помог.')).toHaveLength(1);
    expect((await desk.ctx.db.select().from(tickets)).length).toBe(1);
  });

  it('refuses a stranger politely once a day, in both languages, and keeps the mail in the intake log', async () => {
    const stranger = { from: 'someone@elsewhere.example', subject: 'Помогите', text: 'Не работает.' };
    await send(listener.port, { ...stranger, messageId: '<s.1@elsewhere.example>' });
    await send(listener.port, { ...stranger, messageId: '<s.2@elsewhere.example>' });
    expect(await inbound('<s.1@elsewhere.example>')).toMatchObject({
      outcome: 'refused',
      reason: 'contact_unknown',
    });
    await deliver();
    const refusals = await desk.ctx.db
      .select()
      .from(outboundMail)
      .where(eq(outboundMail.recipient, 'someone@elsewhere.example'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.text).toContain('не зарегистрировано');
    expect(refusals[0]?.text).toContain('was not registered');
    const log = await desk.ctx.db
      .select()
      .from(intakeRejections)
      .where(eq(intakeRejections.sender, 'someone@elsewhere.example'));
    expect(log.map((entry) => entry.reason)).toEqual(['contact_unknown', 'contact_unknown']);
  });

  it('never answers machines: auto-replies, lists and bounces are kept and ignored', async () => {
    await send(listener.port, {
      from: 'robot@elsewhere.example',
      subject: 'Out of office',
      text: 'I am away.',
      messageId: '<ooo@elsewhere.example>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await sendRaw(
      listener.port,
      await compose({ from: 'mailer-daemon@elsewhere.example', subject: 'Undelivered', text: 'Bounce' }),
      {
        from: '',
        to: [SUPPORT],
      },
    );
    expect(await inbound('<ooo@elsewhere.example>')).toMatchObject({
      outcome: 'ignored',
      reason: 'auto_submitted',
    });
    await deliver();
    expect(
      await desk.ctx.db
        .select()
        .from(outboundMail)
        .where(eq(outboundMail.recipient, 'robot@elsewhere.example')),
    ).toEqual([]);
  });

  it('refuses mail for other addresses at RCPT and oversized mail with a clear reason, and keeps listening', async () => {
    await expect(
      send(listener.port, { from: ANNA, to: 'sales@supportdesk.example', subject: 'x', text: 'x' }),
    ).rejects.toThrow(/support desk only/);
    await expect(
      send(listener.port, { from: ANNA, subject: 'big', text: 'x'.repeat(2 * 1_048_576) }),
    ).rejects.toThrow(/too large: the limit is 1 MB/);
    await send(listener.port, {
      from: ANNA,
      subject: '[low] [esb-prod-spb] Ещё вопрос',
      text: 'Работаем дальше.',
      messageId: '<after@baltlog.example>',
    });
    expect(await inbound('<after@baltlog.example>')).toMatchObject({ outcome: 'ticket' });
  });

  it('shows an HTML-only mail as its text, never its markup or scripts, and survives mail that is not mail', async () => {
    await sendRaw(
      listener.port,
      Buffer.from(
        [
          `From: ${ANNA}`,
          `To: ${SUPPORT}`,
          'Subject: [esb-prod-spb] HTML',
          'Message-ID: <html@baltlog.example>',
          'MIME-Version: 1.0',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<html><body><script>alert(1)</script><p onclick="steal()">Очередь <b>стоит</b></p><img src="https://tracker.example/p.gif"></body></html>',
          '',
        ].join('\r\n'),
      ),
      { from: ANNA, to: [SUPPORT] },
    );
    const stored = await inbound('<html@baltlog.example>');
    const [ticket] = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, stored?.ticketId ?? ''));
    expect(ticket?.description).toContain('Очередь');
    expect(ticket?.description).not.toMatch(/<script|onclick|<p|<img|alert/);

    await sendRaw(listener.port, Buffer.from('\u0000\u0001 not a mail at all \r\n\r\n\u00ff'), {
      from: ANNA,
      to: [SUPPORT],
    });
    await send(listener.port, {
      from: ANNA,
      subject: '[esb-prod-spb] Всё ещё здесь',
      text: 'Да.',
      messageId: '<alive@baltlog.example>',
    });
    expect(await inbound('<alive@baltlog.example>')).toMatchObject({ outcome: 'ticket' });
  });

  it('shows administrators the mail in and out, and nobody else', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const sent = (await admin('GET', '/api/v1/mail/outbound?limit=50')).json();
    expect(
      sent.some(
        (mail: { recipient: string; transport: string }) =>
          mail.recipient === ANNA && mail.transport === 'stored',
      ),
    ).toBe(true);
    const received = (await admin('GET', '/api/v1/mail/inbound?limit=50')).json();
    expect(
      received.find((mail: { messageId: string }) => mail.messageId === '<s.1@elsewhere.example>'),
    ).toMatchObject({
      outcome: 'refused',
      reason: 'contact_unknown',
      via: 'smtp',
      authentication: 'off',
    });
    const agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    expect((await agent('GET', '/api/v1/mail/inbound')).statusCode).toBe(403);
  });

  it('registers a mail that names no instance from a customer with several, and asks which', async () => {
    await send(listener.port, {
      from: SERGEY,
      subject: 'Планировщик не запускает задания',
      text: 'С утра.',
      messageId: '<which@uralenergo.example>',
    });
    const stored = await inbound('<which@uralenergo.example>');
    expect(stored?.outcome).toBe('ticket');
    await deliver();
    const [ack] = await desk.ctx.db
      .select()
      .from(outboundMail)
      .where(eq(outboundMail.ticketId, stored?.ticketId ?? ''));
    expect(ack?.text).toMatch(/К какому экземпляру относится запрос\? Ответьте, указав его имя: .+, .+\./);

    // Support names it; the level and the deadline follow the certificate covering it.
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    const scheduler = instanceNamed(world.uralenergo, 'scheduler-prod-ekb');
    const named = await agent('POST', `/api/v1/tickets/${stored?.ticketId}/instance`, {
      instanceId: scheduler,
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ instanceId: scheduler, level: 'extended' });
    const foreign = await agent('POST', `/api/v1/tickets/${stored?.ticketId}/instance`, {
      instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
    });
    expect(foreign.json()).toMatchObject({ code: 'instance_unknown', field: 'instanceId' });
    const annaTicket = await inbound('<first.1@baltlog.example>');
    const uncovered = await agent('POST', `/api/v1/tickets/${annaTicket?.ticketId}/instance`, {
      instanceId: instanceNamed(world.baltlog, 'esb-test-spb'),
    });
    expect(uncovered.statusCode).toBe(409);
    expect(uncovered.json()).toMatchObject({ code: 'instance_not_covered', field: 'instanceId' });
  });

  it('turns a reply to a closed request into a new request that continues it, once', async () => {
    const [ticket] = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.subject, 'Очередь сообщений не обрабатывается'));
    await closeTicket(desk.ctx, { type: 'system', name: 'test' }, ticket?.id ?? '', {});
    const letter = {
      from: ANNA,
      subject: `Re: [${ticket?.number}] Очередь`,
      text: 'Очередь снова растёт.',
      messageId: '<after.close@baltlog.example>',
    };
    await send(listener.port, letter);
    await send(listener.port, letter);
    const followUps = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.followsUpId, ticket?.id ?? ''));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({
      channel: 'email',
      description: 'Очередь снова растёт.',
      instanceId: ticket?.instanceId,
      status: 'new',
    });
  });

  it("never answers a mail that claims to come from the desk's own address, and files nothing of it", async () => {
    const ticketsBefore = await desk.ctx.db.$count(tickets);
    await send(listener.port, {
      from: SUPPORT,
      subject: 'Письмо от самой поддержки',
      text: 'Ответьте мне.',
      messageId: '<own.address@supportdesk.example>',
    });
    expect(await inbound('<own.address@supportdesk.example>')).toMatchObject({
      outcome: 'ignored',
      reason: 'own_address',
    });
    await deliver();
    expect(await desk.ctx.db.select().from(outboundMail).where(eq(outboundMail.recipient, SUPPORT))).toEqual(
      [],
    );
    expect(await desk.ctx.db.$count(tickets)).toBe(ticketsBefore);
  });

  it("answers a mail naming another organization's request as one naming no request at all", async () => {
    const [anna] = await desk.ctx.db.select().from(contacts).where(eq(contacts.email, ANNA));
    const [annas] = await desk.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.contactId, anna?.id ?? ''));
    if (!annas) throw new Error('Anna has a request by now');
    const before = await desk.ctx.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, annas.id));
    const outcomes = [];
    for (const [number, messageId] of [
      [annas.number, '<foreign.number@uralenergo.example>'],
      ['SD-2026-99999', '<unknown.number@uralenergo.example>'],
    ] as const) {
      await send(listener.port, {
        from: SERGEY,
        subject: `Re: [${number}] Вопрос`,
        text: 'Что с запросом?',
        messageId,
      });
      outcomes.push(await inbound(messageId));
    }
    for (const [number, messageId] of [
      [annas.number, '<foreign.number@elsewhere.example>'],
      ['SD-2026-99999', '<unknown.number@elsewhere.example>'],
    ] as const) {
      await send(listener.port, {
        from: 'nobody@elsewhere.example',
        subject: `Re: [${number}] Вопрос`,
        text: '?',
        messageId,
      });
      outcomes.push(await inbound(messageId));
    }
    const [foreign, unknown, strangerForeign, strangerUnknown] = outcomes;
    // Each of Sergey's mails became a request of his own organization; the stranger's were refused alike.
    expect(foreign?.outcome).toBe('ticket');
    expect(unknown?.outcome).toBe('ticket');
    for (const mail of [foreign, unknown]) {
      const [made] = await desk.ctx.db
        .select()
        .from(tickets)
        .where(eq(tickets.id, mail?.ticketId ?? ''));
      expect(made?.organizationId).not.toBe(annas.organizationId);
    }
    expect(strangerForeign).toMatchObject({ outcome: 'refused', reason: 'contact_unknown' });
    expect(strangerUnknown).toMatchObject({ outcome: 'refused', reason: 'contact_unknown' });
    const after = await desk.ctx.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, annas.id));
    expect(after).toHaveLength(before.length);
    await deliver();
    const toSergey = await desk.ctx.db.select().from(outboundMail).where(eq(outboundMail.recipient, SERGEY));
    expect(toSergey.every((mail) => !mail.text.includes(annas.number))).toBe(true);
  });
});

describe('sender authentication with MAIL_AUTH=enforce', () => {
  let desk: TestDesk;
  let listener: MailListener;
  const baltlog = dkimDomain('baltlog.example');

  beforeAll(async () => {
    const [pglite] = databaseBackends;
    if (!pglite) throw new Error('PGlite is always a backend');
    desk = await openTestDesk(pglite, { MAIL_AUTH: 'enforce' });
    listener = await startSmtpListener(desk.ctx, silent, {
      host: '127.0.0.1',
      port: 0,
      resolver: baltlog.resolver,
    });
  });
  afterAll(async () => {
    await listener?.close();
    await desk?.close();
  });

  it('takes a mail whose DKIM signature the domain vouches for, and refuses the same mail unsigned', async () => {
    const letter = { from: ANNA, subject: '[esb-prod-spb] Подписанное письмо', text: 'Подписано DKIM.' };
    const signed = await baltlog.sign(await compose({ ...letter, messageId: '<signed@baltlog.example>' }));
    await sendRaw(listener.port, signed, { from: ANNA, to: [SUPPORT] });
    await send(listener.port, { ...letter, messageId: '<forged@baltlog.example>' });
    const verdicts = await desk.ctx.db.select().from(inboundMail);
    expect(verdicts.find((mail) => mail.messageId === '<signed@baltlog.example>')).toMatchObject({
      authentication: 'pass',
      outcome: 'ticket',
    });
    expect(verdicts.find((mail) => mail.messageId === '<forged@baltlog.example>')).toMatchObject({
      authentication: 'fail',
      outcome: 'refused',
      reason: 'sender_not_verified',
    });
  });
});

describe('outbound mail through an SMTP server that goes down', () => {
  it('keeps the mail while the server is down and delivers each mail once when it is back', async () => {
    const [pglite] = databaseBackends;
    if (!pglite) throw new Error('PGlite is always a backend');
    const sink = new SmtpSink();
    await sink.start();
    const port = sink.port;
    const desk = await openTestDesk(pglite, { SMTP_URL: `smtp://127.0.0.1:${port}` });
    const listener = await startSmtpListener(desk.ctx, silent, { host: '127.0.0.1', port: 0 });
    try {
      await sink.stop();
      await send(listener.port, {
        from: ANNA,
        subject: '[esb-prod-spb] Пока сервер лежит',
        text: 'Текст.',
        messageId: '<down@baltlog.example>',
      });
      const first = await deliverOutbox(desk.ctx);
      expect(first.failed).toBe(1);
      await sink.start(port);
      desk.clock.advance(60_000);
      expect(await deliverOutbox(desk.ctx)).toEqual({ delivered: 1, failed: 0 });
      desk.clock.advance(3_600_000);
      await deliverOutbox(desk.ctx);
      expect(sink.received).toHaveLength(1);
      const [mail] = sink.received;
      expect(mail?.subject).toMatch(/^\[SD-2026-\d{5}\] Пока сервер лежит$/);
      expect(mail?.inReplyTo).toBe('<down@baltlog.example>');
      expect(mail?.headers.get('auto-submitted')).toBe('auto-replied');
      expect(mail?.headers.get('x-loop')).toBe(SUPPORT);
    } finally {
      await listener.close();
      await sink.stop();
      await desk.close();
    }
  });
});

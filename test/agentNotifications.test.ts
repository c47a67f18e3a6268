import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaWatch } from '../src/app/tickets/sweeps.js';
import { notifications, outboundMail } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const IRINA = 'irina.sokolova@supportdesk.example';
const PAVEL = 'pavel.orlov@supportdesk.example';

describe.each(databaseBackends)("support's notifications on $name", (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let irina: ReturnType<typeof caller>;
  let pavel: ReturnType<typeof caller>;
  let anna: ReturnType<typeof caller>;
  let pavelId: string;

  const mailTo = async (address: string) =>
    (
      await desk.ctx.db
        .select({ subject: outboundMail.subject, text: outboundMail.text })
        .from(outboundMail)
        .where(eq(outboundMail.recipient, address))
        .orderBy(asc(outboundMail.createdAt), asc(outboundMail.outboxId))
    ).map((mail) => ({ ...mail, text: mail.text ?? '' }));
  const file = (subject: string) => fileOnBaltlog(anna, world, subject, 'medium');
  const unread = async (who: ReturnType<typeof caller>) =>
    (await who('GET', '/api/v1/notifications/unread-count')).json().unread as number;

  beforeAll(async () => {
    desk = await openTestDesk(backend, { PUBLIC_URL: 'https://desk.vendor.example' });
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    irina = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
    pavel = caller(desk.app, await signIn(desk.app, PAVEL, 'agent-demo-2026'), 'ru');
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    pavelId = (await pavel('GET', '/api/v1/me')).json().principal.id;
    await deliverOutbox(desk.ctx);
  });
  afterAll(() => desk?.close());

  it('keeps each agent their mail choices: all but new requests by default, changed one by one', async () => {
    expect((await pavel('GET', '/api/v1/me/notification-settings')).json()).toEqual({
      mail: {
        customer_reply: true,
        assignment: true,
        sla_warning: true,
        sla_breach: true,
        new_request: false,
      },
    });
    const changed = await irina('PUT', '/api/v1/me/notification-settings', { mail: { new_request: true } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().mail).toMatchObject({ new_request: true, customer_reply: true });
    expect((await irina('GET', '/api/v1/me/notification-settings')).json().mail.new_request).toBe(true);

    const wrong = await irina('PUT', '/api/v1/me/notification-settings', { mail: { new_request: 'yes' } });
    expect(wrong.json()).toMatchObject({ code: 'validation_failed', field: 'mail.new_request' });
    const unknown = await irina('PUT', '/api/v1/me/notification-settings', { mail: { weekly_digest: true } });
    expect(unknown.statusCode).toBe(400);
    expect((await anna('GET', '/api/v1/me/notification-settings')).statusCode).toBe(403);
  });

  it('mails a new request to the agents who chose it, with a link to the request, once', async () => {
    const ticket = await file('Новый запрос для очереди');
    await deliverOutbox(desk.ctx);
    await deliverOutbox(desk.ctx);
    const toIrina = (await mailTo(IRINA)).filter((mail) => mail.subject.includes(ticket.number));
    expect(toIrina).toHaveLength(1);
    expect(toIrina[0]?.subject).toBe(
      `[${ticket.number}] Новый запрос ${ticket.number} в очереди: «Новый запрос для очереди», АО «Балтийская логистика».`,
    );
    expect(toIrina[0]?.text).toContain(`https://desk.vendor.example/requests/${ticket.number}`);
    expect((await mailTo(PAVEL)).filter((mail) => mail.subject.includes(ticket.number))).toEqual([]);
  });

  it("mails an assignment and the customer's replies to the assignee, as they chose", async () => {
    const ticket = await file('Назначенный запрос');
    const assigned = await irina('POST', `/api/v1/tickets/${ticket.id}/assignee`, { assigneeId: pavelId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await anna('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Журнал приложен, посмотрите.' });
    await deliverOutbox(desk.ctx);
    const toPavel = (await mailTo(PAVEL)).filter((mail) => mail.subject.includes(ticket.number));
    expect(toPavel.map((mail) => mail.subject)).toEqual([
      // Each says what happened, to which request of which customer, and who did it.
      `[${ticket.number}] Вам назначен запрос ${ticket.number} «Назначенный запрос», АО «Балтийская логистика». Кто назначил: Ирина Соколова.`,
      `[${ticket.number}] Новое сообщение по запросу ${ticket.number} «Назначенный запрос», АО «Балтийская логистика». Автор: Анна Петрова.`,
    ]);
    expect(toPavel[1]?.text).toContain('Журнал приложен, посмотрите.');
    // Irina neither has it nor chose it: no mail, and no notice of the customer's reply.
    expect((await mailTo(IRINA)).filter((mail) => mail.subject.includes(ticket.number))).toHaveLength(1);

    await pavel('PUT', '/api/v1/me/notification-settings', { mail: { customer_reply: false } });
    const before = await unread(pavel);
    await anna('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Ещё одно дополнение.' });
    await deliverOutbox(desk.ctx);
    expect((await mailTo(PAVEL)).filter((mail) => mail.subject.includes(ticket.number))).toHaveLength(2);
    expect(await unread(pavel)).toBe(before + 1);
  });

  it("tells the whole queue of a customer's reply on an unassigned request in the bell alone", async () => {
    const ticket = await file('Без исполнителя');
    await deliverOutbox(desk.ctx);
    const [irinaBefore, pavelBefore] = [await unread(irina), await unread(pavel)];
    await anna('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Дополнение без исполнителя.' });
    await deliverOutbox(desk.ctx);
    expect(await unread(irina)).toBe(irinaBefore + 1);
    expect(await unread(pavel)).toBe(pavelBefore + 1);
    const mailed = [...(await mailTo(IRINA)), ...(await mailTo(PAVEL))].filter((mail) =>
      mail.subject.includes(`Новое сообщение по запросу ${ticket.number}`),
    );
    expect(mailed).toEqual([]);
  });

  it("marks a request's notices read when it is opened, or all at once", async () => {
    const ticket = await file('Прочитать при открытии');
    await anna('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Ответьте, пожалуйста.' });
    await deliverOutbox(desk.ctx);
    const before = await unread(irina);
    const list = (await irina('GET', '/api/v1/notifications?unread=true')).json() as { ticketId: string }[];
    const ofTicket = list.filter((notice) => notice.ticketId === ticket.id).length;
    expect(ofTicket).toBeGreaterThan(0);
    const marked = await irina('POST', '/api/v1/notifications/read', { ticketId: ticket.id });
    expect(marked.json()).toEqual({ marked: ofTicket });
    expect(await unread(irina)).toBe(before - ofTicket);
    await irina('POST', '/api/v1/notifications/read', { all: true });
    expect(await unread(irina)).toBe(0);
    // Another person's notices are not theirs to read.
    expect(await unread(pavel)).toBeGreaterThan(0);
    const neither = await irina('POST', '/api/v1/notifications/read', { ids: [], all: true });
    expect(neither.statusCode).toBe(400);
  });
  it('tells a request found already past its deadline as a breach alone, once to each person', async () => {
    const ticket = await file('Зарегистрирован с опозданием');
    await deliverOutbox(desk.ctx);
    // No sweep ran while it was due soon: the desk finds it past its deadline at once.
    desk.clock.advance(10 * 24 * 3_600_000);
    await runSlaWatch(desk.ctx);
    await deliverOutbox(desk.ctx);
    const told = await desk.ctx.db
      .select({ recipientId: notifications.recipientId, template: notifications.template })
      .from(notifications)
      .where(eq(notifications.ticketId, ticket.id));
    const aboutDeadline = told.filter((notice) => notice.template.startsWith('sla_'));
    expect(aboutDeadline.map((notice) => notice.template)).not.toContain('sla_warning');
    expect(aboutDeadline.length).toBeGreaterThan(1);
    expect(new Set(aboutDeadline.map((notice) => notice.recipientId)).size).toBe(aboutDeadline.length);
    const mails = (await mailTo(IRINA)).filter(
      (mail) => mail.subject.includes(ticket.number) && !mail.subject.includes('Новый запрос'),
    );
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringContaining(
        `Запрос ${ticket.number} «Зарегистрирован с опозданием», АО «Балтийская логистика»: срок ответа`,
      ),
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  contacts,
  inboundMail,
  outboundMail,
  telegramLinks,
  ticketMessages,
} from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const MARIA = ['maria.kotova@baltlog.example', 'maria-portal-2026'] as const;
const PHONE = '+79123456789';

describe.each(databaseBackends)('personal data of a contact (152-FZ) on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let agent: Caller;
  let maria: Caller;
  let world: DemoWorld;
  let mariaId: string;
  let ticketNumber: string;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'en');
    agent = caller(desk.app, await signIn(desk.app, ...AGENT), 'en');
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const created = await admin('POST', `/api/v1/organizations/${world.baltlog.id}/contacts`, {
      name: 'Мария Котова',
      email: MARIA[0],
      phone: '+7 912 345-67-89',
      password: MARIA[1],
    });
    expect(created.statusCode, created.body).toBe(201);
    mariaId = created.json().id;
    maria = caller(desk.app, await signIn(desk.app, ...MARIA));
    const ticket = await fileOnBaltlog(maria, world, 'Не приходят счета из 1С');
    ticketNumber = ticket.number;
    await agent('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Проверяем обмен.',
      visibility: 'public',
    });
    await maria('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Спасибо, жду.' });
    await desk.database.db
      .insert(telegramLinks)
      .values({ telegramUserId: 770_001, chatId: 770_001, contactId: mariaId, linkedAt: desk.clock.now() });
    await deliverOutbox(desk.ctx);
  });
  afterAll(() => desk.close());

  it('exports everything the desk holds about the contact as one JSON file, for administrators only', async () => {
    expect((await agent('GET', `/api/v1/contacts/${mariaId}/personal-data`)).statusCode).toBe(403);
    expect((await maria('GET', `/api/v1/contacts/${mariaId}/personal-data`)).statusCode).toBe(403);
    const exported = await admin('GET', `/api/v1/contacts/${mariaId}/personal-data`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-disposition']).toBe(
      `attachment; filename="personal-data-${mariaId}.json"`,
    );
    const document = exported.json();
    expect(document.contact).toMatchObject({ name: 'Мария Котова', email: MARIA[0], phone: PHONE });
    expect(document.organization.name).toBe(world.baltlog.name);
    expect(document.telegram).toEqual([expect.objectContaining({ telegramUserId: 770_001 })]);
    expect(document.sessions.length).toBeGreaterThan(0);
    expect(document.requests).toHaveLength(1);
    expect(document.requests[0].subject).toBe('Не приходят счета из 1С');
    expect(document.requests[0].messages.map((message: { body: string }) => message.body)).toEqual(
      expect.arrayContaining(['Проверяем обмен.', 'Спасибо, жду.']),
    );
    expect(document.mailSent.length).toBeGreaterThan(0);
    expect(document.audit.some((event: { action: string }) => event.action === 'create')).toBe(true);
    const audit = (await admin('GET', `/api/v1/audit-events?entity=contact&entityId=${mariaId}`)).json();
    expect(JSON.stringify(audit)).toContain('"action":"export"');
  });

  it("erases the departed contact's data while the request stays, marked as from an erased contact", async () => {
    // Two of her mails kept as received: one the desk took in, one still waiting to be processed.
    const keptMail = [];
    for (const outcome of ['message', 'received']) {
      const id = randomUUID();
      const raw = Buffer.from(
        `From: Мария Котова <${MARIA[0]}>\r\nSubject: ${outcome}\r\n\r\nТелефон ${PHONE}\r\n`,
      );
      const storedAs = await desk.ctx.files.save(id, desk.clock.now(), raw);
      await desk.database.db.insert(inboundMail).values({
        id,
        messageId: `<${id}@baltlog.example>`,
        receivedAt: desk.clock.now(),
        via: 'smtp',
        sender: MARIA[0],
        subject: outcome,
        authentication: 'pass',
        outcome,
        storedAs,
        returnPath: MARIA[0],
        nextAttemptAt: outcome === 'received' ? new Date(desk.clock.now().getTime() + 3_600_000) : null,
      });
      keptMail.push({ id, storedAs });
    }
    const wrong = await admin('POST', `/api/v1/contacts/${mariaId}/erasure`, {
      email: 'anna.petrova@baltlog.example',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'erasure_confirmation_mismatch', field: 'email' });
    expect((await agent('POST', `/api/v1/contacts/${mariaId}/erasure`, { email: MARIA[0] })).statusCode).toBe(
      403,
    );

    const erased = await admin('POST', `/api/v1/contacts/${mariaId}/erasure`, {
      email: MARIA[0].toUpperCase(),
    });
    expect(erased.statusCode, erased.body).toBe(204);

    const contact = (await admin('GET', `/api/v1/contacts/${mariaId}`)).json();
    expect(contact).toMatchObject({
      name: 'Контакт удалён',
      email: `erased-${mariaId}@erased.invalid`,
      phone: null,
      active: false,
      canSignIn: false,
      erased: true,
    });
    // No way in any more: the session ended, the password is gone, the Telegram chat is unbound.
    expect((await maria('GET', '/api/v1/me')).statusCode).toBe(401);
    const login = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: MARIA[0], password: MARIA[1] },
    });
    expect(login.statusCode).toBe(401);
    expect(await desk.database.db.select().from(telegramLinks)).toHaveLength(0);

    // The request stays for the reports, from an erased contact.
    const found = (await agent('GET', `/api/v1/tickets?q=${encodeURIComponent('счета')}`)).json();
    const ticket = found.items.find((item: { number: string }) => item.number === ticketNumber);
    expect(ticket).toBeDefined();
    const detail = (await agent('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(detail.contact.name).toBe('Контакт удалён');
    expect(
      detail.messages.filter((message: { authorType: string }) => message.authorType === 'contact')[0]
        .authorName,
    ).toBe('Контакт удалён');

    // Nowhere the desk copied them does the name, address or phone remain.
    const copies = JSON.stringify([
      await desk.database.db.select().from(contacts),
      await desk.database.db.select().from(ticketMessages),
      await desk.database.db.select().from(outboundMail),
      await desk.database.db.select().from(auditEvents),
    ]);
    for (const datum of [MARIA[0], 'Мария Котова', PHONE]) expect(copies).not.toContain(datum);

    // Her mails as received leave the file store, and the one not yet processed is set aside.
    await deliverOutbox(desk.ctx);
    for (const kept of keptMail) {
      await expect(desk.ctx.files.open(kept.storedAs)).rejects.toThrow();
      const [row] = await desk.database.db.select().from(inboundMail).where(eq(inboundMail.id, kept.id));
      expect(row).toMatchObject({
        storedAs: null,
        returnPath: null,
        sender: `erased-${mariaId}@erased.invalid`,
      });
      expect(row?.outcome).not.toBe('received');
    }

    const again = await admin('POST', `/api/v1/contacts/${mariaId}/erasure`, {
      email: `erased-${mariaId}@erased.invalid`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('contact_erased');
    // Other contacts are untouched.
    await signIn(desk.app, ...STANDARD_CONTACT);
  });
});

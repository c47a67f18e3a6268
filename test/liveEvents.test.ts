import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/contract/events.js';
import { openDatabase } from '../src/db/database.js';
import { createPostgresDatabase, type DatabaseBackend, databaseBackends } from './support/databases.js';
import { type EventStream, openEventStream } from './support/eventStream.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  fileOnBaltlog,
  instanceNamed,
  openTestDesk,
  PARTNER,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const QUIET_MS = 300;
const about = (ticketId: string) => (event: LiveEvent) => 'ticketId' in event && event.ticketId === ticketId;

describe.each(databaseBackends)('live updates on $name', (backend) => {
  let desk: TestDesk;
  let baseUrl: string;
  let world: DemoWorld;
  let sessions: Record<'agent' | 'partner' | 'anna' | 'sergey' | 'pavel', Session>;
  const streams: EventStream[] = [];

  const cookieOf = (session: Session) => ({ cookie: session.cookie });
  const stream = async (session: Session, headers: Record<string, string> = {}) => {
    const opened = await openEventStream(baseUrl, { ...cookieOf(session), ...headers });
    streams.push(opened);
    return opened;
  };
  const fileForAnna = (subject: string) =>
    fileOnBaltlog(caller(desk.app, sessions.anna), world, subject, 'medium');

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    await desk.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    const admin = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, admin);
    sessions = {
      agent: await signIn(desk.app, ...AGENT),
      partner: await signIn(desk.app, ...PARTNER),
      anna: await signIn(desk.app, ...STANDARD_CONTACT),
      sergey: await signIn(desk.app, ...EXTENDED_CONTACT),
      pavel: await signIn(desk.app, 'pavel.orlov@supportdesk.example', 'agent-demo-2026'),
    };
    const partnerId = (await caller(desk.app, sessions.partner)('GET', '/api/v1/me')).json().principal.id;
    await caller(desk.app, admin)('PUT', `/api/v1/partners/${partnerId}/organizations`, {
      organizationIds: [world.uralenergo.id],
    });
  });
  afterAll(async () => {
    for (const opened of streams) opened.close();
    await desk?.close();
  });

  it('refuses a stream without a sign-in', async () => {
    const anonymous = await openEventStream(baseUrl, {});
    expect(anonymous.status).toBe(401);
  });

  it('carries each change to the readers who may see it, and only what they may see', async () => {
    const [agent, anna, sergey, partner] = [
      await stream(sessions.agent),
      await stream(sessions.anna),
      await stream(sessions.sergey),
      await stream(sessions.partner),
    ];
    const ticket = await fileForAnna('Живое обновление');
    await agent.next((event) => event.type === 'ticket.changed' && event.ticketId === ticket.id);
    await anna.next((event) => event.type === 'ticket.changed' && event.ticketId === ticket.id);

    const support = caller(desk.app, sessions.agent);
    await support('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Заметка',
      visibility: 'internal',
    });
    await agent.next((event) => event.type === 'message.added' && event.ticketId === ticket.id);
    await support('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Ответ клиенту' });
    const reply = await anna.next((event) => event.type === 'message.added' && event.ticketId === ticket.id);

    await agent.settle(QUIET_MS);
    // The contact heard of the public reply once, and never of the internal note.
    const annaMessages = anna.received.filter(
      (item) => item.event.type === 'message.added' && item.event.ticketId === ticket.id,
    );
    expect(annaMessages).toEqual([reply]);
    const agentMessages = agent.received.filter(
      (item) => item.event.type === 'message.added' && item.event.ticketId === ticket.id,
    );
    expect(agentMessages).toHaveLength(2);
    // Another organization's contact, and a partner working for another organization, hear nothing of it.
    expect(sergey.received.filter((item) => about(ticket.id)(item.event))).toEqual([]);
    expect(partner.received.filter((item) => about(ticket.id)(item.event))).toEqual([]);
    // Event ids grow along the stream.
    const sequence = agent.received.map((item) => Number(item.id.split('-')[1]));
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
  });

  it('tells a person of their own notifications as they arrive', async () => {
    const agent = await stream(sessions.agent);
    const pavel = await stream(sessions.pavel);
    const ticket = await fileForAnna('Уведомление в консоли');
    const written = await caller(desk.app, sessions.anna)('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Дополнение к запросу',
    });
    expect(written.statusCode, written.body).toBe(201);
    await deliverOutbox(desk.ctx);
    await agent.next((event) => event.type === 'notification.changed' && event.ticketId === ticket.id);
    await pavel.next((event) => event.type === 'notification.changed' && event.ticketId === ticket.id);
    const anna = await stream(sessions.anna);
    await anna.settle(QUIET_MS);
    expect(anna.received.filter((item) => item.event.type === 'notification.changed')).toEqual([]);
  });

  it('resumes from the last event id, and asks for a refetch when it cannot', async () => {
    const first = await stream(sessions.anna);
    const before = await fileForAnna('До обрыва');
    await first.next(about(before.id));
    const lastEventId = first.lastEventId ?? '';
    first.close();
    const missed = await fileForAnna('Во время обрыва');

    const resumed = await stream(sessions.anna, { 'last-event-id': lastEventId });
    const caughtUp = await resumed.next(about(missed.id));
    expect(Number(caughtUp.id.split('-')[1])).toBeGreaterThan(Number(lastEventId.split('-')[1]));
    expect(resumed.received.some((item) => item.event.type === 'resync')).toBe(false);
    expect(resumed.received.some((item) => about(before.id)(item.event))).toBe(false);

    const elsewhere = await stream(sessions.anna, { 'last-event-id': 'another-instance-7' });
    await elsewhere.next((event) => event.type === 'resync');
  });

  it('shows support who is viewing or typing on a request, and never shows it to customers', async () => {
    const ticket = await fileForAnna('Кто смотрит');
    const pavelStream = await stream(sessions.pavel);
    const partnerStream = await stream(sessions.partner);
    const irina = caller(desk.app, sessions.agent);
    const viewing = await irina('POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'viewing' });
    expect(viewing.statusCode, viewing.body).toBe(200);
    expect(viewing.json()).toMatchObject([{ name: 'Ирина Соколова', state: 'viewing' }]);
    await pavelStream.next(
      (event) =>
        event.type === 'presence.changed' &&
        event.ticketId === ticket.id &&
        event.people.some((person) => person.state === 'viewing'),
    );
    await irina('POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'typing' });
    await pavelStream.next(
      (event) =>
        event.type === 'presence.changed' &&
        event.ticketId === ticket.id &&
        event.people.some((person) => person.state === 'typing'),
    );
    const listed = await caller(desk.app, sessions.pavel)('GET', `/api/v1/tickets/${ticket.id}/presence`);
    expect(listed.json()).toMatchObject([{ name: 'Ирина Соколова', state: 'typing' }]);
    await irina('POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'left' });
    await pavelStream.next(
      (event) =>
        event.type === 'presence.changed' && event.ticketId === ticket.id && event.people.length === 0,
    );
    // Not the partner's organization, not the customer's business.
    expect(partnerStream.received.filter((item) => about(ticket.id)(item.event))).toEqual([]);
    const anna = caller(desk.app, sessions.anna);
    expect(
      (await anna('POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'viewing' })).statusCode,
    ).toBe(403);
    expect((await anna('GET', `/api/v1/tickets/${ticket.id}/presence`)).statusCode).toBe(403);
    const partner = caller(desk.app, sessions.partner);
    expect((await partner('GET', `/api/v1/tickets/${ticket.id}/presence`)).statusCode).toBe(404);
    const bad = await irina('POST', `/api/v1/tickets/${ticket.id}/presence`, { state: 'dancing' });
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'state' });
  });

  it('lets presence fade when it is not repeated', async () => {
    const ticket = await fileForAnna('Закрытая вкладка');
    const pavelStream = await stream(sessions.pavel);
    await caller(desk.app, sessions.agent)('POST', `/api/v1/tickets/${ticket.id}/presence`, {
      state: 'viewing',
    });
    await pavelStream.next((event) => event.type === 'presence.changed' && event.ticketId === ticket.id);
    desk.clock.advance(31_000);
    await pavelStream.next(
      (event) =>
        event.type === 'presence.changed' && event.ticketId === ticket.id && event.people.length === 0,
      // The sweep runs every five seconds of real time; a busy machine may hold a timer back a while.
      20_000,
    );
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.each(serverUrl ? [serverUrl] : [])('live updates across two instances on PostgreSQL', (url) => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let desks: TestDesk[];

  beforeAll(async () => {
    created = await createPostgresDatabase(url);
    const backend: DatabaseBackend = {
      name: 'postgres',
      open: () => openDatabase({ kind: 'postgres', url: created.url, poolSize: 3 }),
    };
    const first = await openTestDesk(backend);
    desks = [first, await openTestDesk(backend, {}, { joining: true })];
    for (const desk of desks) await desk.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const desk of desks ?? []) await desk.close();
    await created?.drop();
  });

  it('a change written through one instance reaches a stream on the other, and so does presence', async () => {
    const [writer, reader] = desks as [TestDesk, TestDesk];
    const world = await demoWorld(writer.app, await signIn(writer.app, ...ADMIN));
    const agentOnReader = await signIn(reader.app, ...AGENT);
    const listening = await openEventStream(
      `http://127.0.0.1:${(reader.app.server.address() as AddressInfo).port}`,
      { cookie: agentOnReader.cookie },
    );
    try {
      const anna = caller(writer.app, await signIn(writer.app, ...STANDARD_CONTACT));
      const filed = await anna('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'low',
        subject: 'Через другой экземпляр',
        description: 'Подробности',
      });
      const ticketId = filed.json().id as string;
      await listening.next((event) => event.type === 'ticket.changed' && event.ticketId === ticketId);
      const pavel = caller(
        writer.app,
        await signIn(writer.app, 'pavel.orlov@supportdesk.example', 'agent-demo-2026'),
      );
      await pavel('POST', `/api/v1/tickets/${ticketId}/presence`, { state: 'typing' });
      await listening.next(
        (event) =>
          event.type === 'presence.changed' && event.ticketId === ticketId && event.people.length === 1,
      );
      const seen = await caller(reader.app, agentOnReader)('GET', `/api/v1/tickets/${ticketId}/presence`);
      expect(seen.json()).toMatchObject([{ name: 'Павел Орлов', state: 'typing' }]);
    } finally {
      listening.close();
    }
  });
});

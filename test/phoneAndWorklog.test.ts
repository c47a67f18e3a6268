import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  DEMO_NOW,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  fileOnBaltlog,
  fileOnUralenergo,
  instanceNamed,
  openTestDesk,
  partnerFor,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const HOUR = 3_600_000;

describe.each(databaseBackends)(
  'phoned-in requests, the customer context and time spent on $name',
  (backend) => {
    let desk: TestDesk;
    let admin: Caller;
    let agent: Caller;
    let anna: Caller;
    let world: DemoWorld;
    let annaId: string;

    beforeAll(async () => {
      desk = await openTestDesk(backend);
      const adminSession = await signIn(desk.app, ...ADMIN);
      world = await demoWorld(desk.app, adminSession);
      admin = caller(desk.app, adminSession);
      agent = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
      anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
      annaId = (await anna('GET', '/api/v1/me')).json().principal.id;
    });
    afterAll(() => desk.close());

    const phoned = (calledAt: Date, extra: Record<string, unknown> = {}) =>
      agent('POST', '/api/v1/tickets/phone', {
        contactId: annaId,
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'critical',
        subject: 'Позвонили: стоит обмен с 1С',
        description: 'Со слов Анны: с 9 утра заказы не уходят в 1С.',
        calledAt: calledAt.toISOString(),
        ...extra,
      });

    it('registers a phoned-in request at the call, on the phone channel, audited with both times', async () => {
      const calledAt = new Date(DEMO_NOW.getTime() - 2 * HOUR);
      const created = await phoned(calledAt);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({
        channel: 'phone',
        registeredAt: calledAt.toISOString(),
        contactId: annaId,
      });
      const detail = (await agent('GET', `/api/v1/tickets/${created.json().id}`)).json();
      const registered = detail.history.find((event: { action: string }) => event.action === 'create');
      expect(registered.after).toMatchObject({
        channel: 'phone',
        calledAt: calledAt.toISOString(),
        recordedAt: DEMO_NOW.toISOString(),
      });
      expect(registered.actor).toContain('irina.sokolova');
      // The customer sees it as theirs.
      expect((await anna('GET', `/api/v1/tickets/${created.json().id}`)).statusCode).toBe(200);
    });

    it('refuses a call in the future or more than a day back, a customer, and a contact without entitlement', async () => {
      const future = await phoned(new Date(DEMO_NOW.getTime() + 60_000));
      expect(future.statusCode).toBe(400);
      expect(future.json()).toMatchObject({ code: 'phone_call_in_future', field: 'calledAt' });
      const old = await phoned(new Date(DEMO_NOW.getTime() - 25 * HOUR));
      expect(old.json()).toMatchObject({ code: 'phone_call_too_old', field: 'calledAt' });
      expect(old.json().title).toContain('больше суток');
      expect((await anna('POST', '/api/v1/tickets/phone', {})).statusCode).toBe(400);
      const asCustomer = await anna('POST', '/api/v1/tickets/phone', {
        contactId: annaId,
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'low',
        subject: 'Я сама',
        description: 'Текст',
        calledAt: DEMO_NOW.toISOString(),
      });
      expect(asCustomer.statusCode).toBe(403);
      // Sergey's instance is not Anna's organization's: the entitlement check refuses as for any channel.
      const foreign = await phoned(DEMO_NOW, { instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb') });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().code).toBe('instance_not_of_contact_org');
    });

    it("shows support the customer's certificates, other requests and channels, and nobody else", async () => {
      const ticket = await fileOnBaltlog(anna, world, 'Контекст клиента');
      const other = await fileOnBaltlog(anna, world, 'Второй открытый');
      await agent('POST', `/api/v1/tickets/${other.id}/close`, {});
      const context = await agent('GET', `/api/v1/tickets/${ticket.id}/context`);
      expect(context.statusCode, context.body).toBe(200);
      const body = context.json();
      expect(body.organization.name).toContain('Балтийская');
      expect(body.certificates.length).toBe(world.baltlog.certificates.length);
      const covering = body.certificates.find(
        (certificate: { coversThisRequest: boolean }) => certificate.coversThisRequest,
      );
      expect(covering).toMatchObject({ level: 'standard', status: 'active' });
      expect(covering.instances.map((instance: { name: string }) => instance.name)).toContain('esb-prod-spb');
      expect(body.openRequests.some((line: { id: string }) => line.id === ticket.id)).toBe(false);
      expect(body.recentRequests.some((line: { id: string }) => line.id === other.id)).toBe(true);
      expect(body.contact).toMatchObject({ id: annaId, email: STANDARD_CONTACT[0] });
      const channels = body.contact.requestsByChannel as { channel: string; count: number }[];
      expect(channels.find((line) => line.channel === 'phone')?.count).toBe(1);
      expect((await anna('GET', `/api/v1/tickets/${ticket.id}/context`)).statusCode).toBe(403);
      const partner = await partnerFor(desk.app, admin, [world.uralenergo.id]);
      const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
      const sergeys = await fileOnUralenergo(sergey, world, 'Уралэнерго', 'low');
      // The partner works for Uralenergo only: Baltic Logistics' context is not found, as if absent.
      expect((await partner('GET', `/api/v1/tickets/${sergeys.id}/context`)).statusCode).toBe(200);
      expect((await partner('GET', `/api/v1/tickets/${ticket.id}/context`)).statusCode).toBe(404);
    });

    it('logs time by hand and from a remote session, totals it, and reports it by month and certificate', async () => {
      const ticket = await fileOnBaltlog(anna, world, 'Трудозатраты');
      const logged = await agent('POST', `/api/v1/tickets/${ticket.id}/worklog`, {
        minutes: 45,
        note: 'Разбор журналов',
      });
      expect(logged.statusCode, logged.body).toBe(201);
      expect(logged.json()).toMatchObject({
        minutes: 45,
        billable: true,
        workedOn: '2026-11-24',
        agentName: 'Ирина Соколова',
      });
      await agent('POST', `/api/v1/tickets/${ticket.id}/worklog`, {
        minutes: 30,
        note: 'Внутреннее совещание',
        billable: false,
        workedOn: '2026-11-23',
      });
      const future = await agent('POST', `/api/v1/tickets/${ticket.id}/worklog`, {
        minutes: 5,
        note: 'x',
        workedOn: '2026-11-25',
      });
      expect(future.json()).toMatchObject({ code: 'worklog_in_future', field: 'workedOn' });
      const tooLong = await agent('POST', `/api/v1/tickets/${ticket.id}/worklog`, {
        minutes: 1441,
        note: 'x',
      });
      expect(tooLong.json().field).toBe('minutes');
      expect(
        (await anna('POST', `/api/v1/tickets/${ticket.id}/worklog`, { minutes: 5, note: 'x' })).statusCode,
      ).toBe(403);
      expect((await anna('GET', `/api/v1/tickets/${ticket.id}/worklog`)).statusCode).toBe(403);

      const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
      const extended = await fileOnUralenergo(sergey, world, 'Нужна удалённая диагностика', 'high');
      const session = await agent('POST', `/api/v1/tickets/${extended.id}/remote-sessions`, {
        startedAt: '2026-11-24T10:00:00+03:00',
        durationMinutes: 90,
        outcome: 'Перезапущен брокер',
        recommendations: 'Увеличить память',
      });
      expect(session.statusCode, session.body).toBe(201);
      const sessionLog = (await agent('GET', `/api/v1/tickets/${extended.id}/worklog`)).json();
      expect(sessionLog).toMatchObject({ totalMinutes: 90, billableMinutes: 90 });
      expect(sessionLog.entries[0]).toMatchObject({
        remoteSessionId: session.json().id,
        note: 'Перезапущен брокер',
      });

      const worklog = (await agent('GET', `/api/v1/tickets/${ticket.id}/worklog`)).json();
      expect(worklog).toMatchObject({ totalMinutes: 75, billableMinutes: 45 });
      expect(worklog.entries.map((entry: { workedOn: string }) => entry.workedOn)).toEqual([
        '2026-11-23',
        '2026-11-24',
      ]);

      const report = (
        await admin('GET', '/api/v1/reports/time?from=2026-11-01&to=2026-11-30')
      ).json() as Record<string, unknown>[];
      const baltlogRow = report.find((row) => String(row.organization).includes('Балтийская'));
      expect(baltlogRow).toMatchObject({
        month: '2026-11',
        agent: 'Ирина Соколова',
        entries: 2,
        hours: 1.25,
        billableHours: 0.75,
      });
      expect(report.find((row) => String(row.organization).includes('Уралэнерго'))).toMatchObject({
        hours: 1.5,
        billableHours: 1.5,
      });
      const csv = await admin('GET', '/api/v1/reports/time?from=2026-11-01&to=2026-11-30&format=csv');
      expect(csv.headers['content-disposition']).toContain('time-2026-11-01-2026-11-30.csv');
      expect(csv.body.split('\n')[0]).toContain('Billable hours');
      expect((await anna('GET', '/api/v1/reports/time?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
    });
  },
);

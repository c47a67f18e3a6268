import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutoClose, runSlaWatch } from '../src/app/tickets/sweeps.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  everyPage,
  instanceNamed,
  openTestDesk,
  PARTNER,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const msk = (local: string) => new Date(`${local.replace(' ', 'T')}+03:00`);

describe.each(databaseBackends)(
  'requests through their whole life over simulated weeks, on $name',
  (backend) => {
    let desk: TestDesk;
    let world: DemoWorld;
    let anna: ReturnType<typeof caller>;
    let annaRu: ReturnType<typeof caller>;
    let sergey: ReturnType<typeof caller>;
    let irina: ReturnType<typeof caller>;
    let admin: ReturnType<typeof caller>;
    let irinaId: string;
    const ids: Record<string, string> = {};

    const at = (local: string) => desk.clock.set(msk(local));
    const deliver = () => deliverOutbox(desk.ctx);
    const notificationsOf = async (who: ReturnType<typeof caller>) => {
      await deliver();
      return (await who('GET', '/api/v1/notifications?limit=200')).json() as {
        template: string;
        text: string;
        ticketId: string | null;
      }[];
    };
    const ticket = async (who: ReturnType<typeof caller>, key: string) =>
      (await who('GET', `/api/v1/tickets/${ids[key]}`)).json();

    beforeAll(async () => {
      // Sessions outlive the simulated weeks: they slide with each use, and the longest quiet gap is nine days.
      desk = await openTestDesk(backend, { SESSION_TTL_HOURS: '720' });
      const adminSession = await signIn(desk.app, ...ADMIN);
      admin = caller(desk.app, adminSession);
      world = await demoWorld(desk.app, adminSession);
      const annaSession = await signIn(desk.app, ...STANDARD_CONTACT);
      anna = caller(desk.app, annaSession);
      annaRu = caller(desk.app, annaSession, 'ru');
      sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
      irina = caller(desk.app, await signIn(desk.app, ...AGENT));
      irinaId = (await irina('GET', '/api/v1/me')).json().principal.id;
    });
    afterAll(() => desk?.close());

    it('registers a request with its level, policy, deadline and number, and acknowledges it', async () => {
      at('2026-11-24 12:00:00');
      const created = await anna('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'high',
        subject: 'Очередь сообщений не обрабатывается',
        description: 'После обновления ESB сообщения копятся в очереди orders.in.',
      });
      expect(created.statusCode, created.body).toBe(201);
      const body = created.json();
      expect(body).toMatchObject({
        number: expect.stringMatching(/^SD-2026-\d{5}$/),
        level: 'standard',
        severity: 'high',
        status: 'new',
        channel: 'portal',
        category: 'problem',
        policyVersion: '2025-07-10',
        registeredAt: '2026-11-24T09:00:00.000Z',
        responseDueAt: '2026-11-25T12:00:00.000Z',
        firstResponseAt: null,
      });
      ids.t1 = body.id;

      const mine = await notificationsOf(annaRu);
      expect(mine.find((note) => note.template === 'ticket_acknowledged')?.text).toBe(
        `Запрос ${body.number} зарегистрирован, уровень «Стандартная». Ответ — не позднее 25.11.2026 15:00:00 МСК.`,
      );
      const queue = (await irina('GET', '/api/v1/tickets?status=new')).json().items;
      expect(queue.map((item: { id: string }) => item.id)).toContain(body.id);
      const [registered] = (
        await admin('GET', `/api/v1/audit-events?entity=ticket&entityId=${body.id}`)
      ).json();
      expect(registered).toMatchObject({
        action: 'create',
        actor: { type: 'contact', label: expect.stringContaining('anna.petrova@baltlog.example') },
        after: { number: body.number, level: 'standard', severity: 'high', channel: 'portal' },
      });
    });

    it('refuses an uncovered instance with the reason in the contact language, and keeps the attempt', async () => {
      const refused = await annaRu('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-test-spb'),
        severity: 'medium',
        subject: 'Тестовый стенд',
        description: 'Не стартует тестовый стенд.',
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        code: 'instance_not_covered',
        title: 'Этот экземпляр не покрыт сертификатом технической поддержки.',
      });
      const log = (await admin('GET', '/api/v1/intake-rejections')).json();
      expect(log[0]).toMatchObject({
        reason: 'instance_not_covered',
        channel: 'portal',
        subject: 'Тестовый стенд',
        description: 'Не стартует тестовый стенд.',
        sender: 'anna.petrova@baltlog.example',
      });
      expect((await notificationsOf(anna)).some((note) => note.template === 'ticket_refused')).toBe(true);
      expect((await anna('GET', '/api/v1/intake-rejections')).statusCode).toBe(403);
    });

    it('warns the queue at 75% of the response window and records the breach, once each', async () => {
      at('2026-11-25 11:59:59');
      expect(await runSlaWatch(desk.ctx)).toEqual({ warned: 0, breached: 0 });
      at('2026-11-25 12:00:00');
      expect(await runSlaWatch(desk.ctx)).toEqual({ warned: 1, breached: 0 });
      expect(await runSlaWatch(desk.ctx)).toEqual({ warned: 0, breached: 0 });
      expect((await notificationsOf(irina)).filter((note) => note.template === 'sla_warning')).toHaveLength(
        1,
      );
      const countdown = (await ticket(irina, 't1')).sla;
      expect(countdown).toMatchObject({ remainingMs: 3 * 3_600_000, used: 0.75, breached: false });

      at('2026-11-25 15:00:00');
      expect(await runSlaWatch(desk.ctx)).toEqual({ warned: 0, breached: 1 });
      expect(await runSlaWatch(desk.ctx)).toEqual({ warned: 0, breached: 0 });
      const breached = (await irina('GET', '/api/v1/tickets?breached=true')).json();
      expect(breached.items.map((item: { id: string }) => item.id)).toEqual([ids.t1]);
    });

    it('counts the first public reply by support as the response, never a note', async () => {
      at('2026-11-25 16:00:00');
      const assigned = await irina('POST', `/api/v1/tickets/${ids.t1}/assignee`, { assigneeId: irinaId });
      expect(assigned.json()).toMatchObject({ status: 'in_progress', assigneeId: irinaId });
      const note = await irina('POST', `/api/v1/tickets/${ids.t1}/messages`, {
        body: 'Похоже на блокировку в БД.',
        visibility: 'internal',
      });
      expect(note.json()).toMatchObject({ respondedNow: false });
      at('2026-11-25 16:30:00');
      const reply = await irina('POST', `/api/v1/tickets/${ids.t1}/messages`, {
        body: 'Смотрим журналы, ответим сегодня.',
      });
      expect(reply.json()).toMatchObject({ respondedNow: true, status: 'in_progress' });
      const seen = await ticket(anna, 't1');
      expect(seen.firstResponseAt).toBe('2026-11-25T13:30:00.000Z');
      expect(seen.messages.map((message: { kind: string }) => message.kind)).toEqual(['reply']);
      expect(seen).not.toHaveProperty('history');
      const staff = await ticket(irina, 't1');
      expect(staff.messages.map((message: { kind: string }) => message.kind)).toEqual(['note', 'reply']);
      expect(staff.sla).toMatchObject({ respondedAt: '2026-11-25T13:30:00.000Z', breached: true });
    });

    it('recomputes the deadline from the registration on a severity change before the response, not after', async () => {
      at('2026-11-24 13:00:00');
      const created = await anna('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'registry-prod-spb'),
        severity: 'low',
        category: 'consultation',
        subject: 'Как настроить репликацию справочников?',
        description: 'Нужна консультация по настройке.',
      });
      ids.t2 = created.json().id;
      at('2026-11-24 14:00:00');
      const missingReason = await irina('POST', `/api/v1/tickets/${ids.t2}/severity`, {
        severity: 'critical',
      });
      expect(missingReason.json()).toMatchObject({ code: 'validation_failed', field: 'reason' });
      const raised = await irina('POST', `/api/v1/tickets/${ids.t2}/severity`, {
        severity: 'critical',
        reason: 'Останов репликации блокирует продуктив',
      });
      expect(raised.json()).toMatchObject({
        severity: 'critical',
        responseDueAt: '2026-11-25T09:00:00.000Z',
      });

      const lowered = await irina('POST', `/api/v1/tickets/${ids.t1}/severity`, {
        severity: 'low',
        reason: 'Обходной путь есть',
      });
      expect(lowered.json()).toMatchObject({ severity: 'low', responseDueAt: '2026-11-25T12:00:00.000Z' });
      const history = (await ticket(irina, 't1')).history;
      expect(history[0]).toMatchObject({
        actor: expect.stringContaining('Ирина Соколова'),
        before: { severity: 'high' },
        after: { severity: 'low', reason: 'Обходной путь есть' },
      });
      // One entry, rendered from its data in each reader's language: no note written beside it.
      expect(
        history.filter((event: { before: { severity?: string } | null }) => event.before?.severity),
      ).toHaveLength(1);
      expect(
        (await ticket(irina, 't1')).messages.map((message: { kind: string }) => message.kind),
      ).not.toContain('severity_change');
      expect(
        (await anna('POST', `/api/v1/tickets/${ids.t1}/severity`, { severity: 'critical', reason: 'x' }))
          .statusCode,
      ).toBe(403);
    });

    it('asks for the configuration, reminds an inactive customer, stops when they answer', async () => {
      at('2026-11-26 10:00:00');
      const asked = await irina('POST', `/api/v1/tickets/${ids.t1}/info-request`, {
        body: 'Пришлите, пожалуйста:',
      });
      expect(asked.json()).toMatchObject({
        status: 'waiting_for_customer',
        autoCloseAt: '2026-12-16T07:00:00.000Z',
      });
      const checklist = (await ticket(annaRu, 't1')).messages.at(-1);
      expect(checklist).toMatchObject({ kind: 'info_request' });
      expect(checklist.body).toContain('операционная система и её версия');

      at('2026-12-07 09:59:59');
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 0, closed: 0 });
      at('2026-12-07 10:00:00');
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 1, closed: 0 });
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 0, closed: 0 });
      const reminder = (await notificationsOf(annaRu)).find(
        (note) => note.template === 'inactivity_reminder',
      );
      expect(reminder?.text).toContain('16.12.2026 10:00:00 МСК');

      at('2026-12-07 11:00:00');
      const answered = await anna('POST', `/api/v1/tickets/${ids.t1}/messages`, {
        body: 'Версия 4.2.1, PostgreSQL 15.',
      });
      expect(answered.json()).toMatchObject({ status: 'in_progress' });
      expect((await ticket(irina, 't1')).autoCloseAt).toBeNull();
      expect((await notificationsOf(irina)).some((note) => note.template === 'customer_message')).toBe(true);
    });

    it('closes a resolved request after 14 working days without the customer, reminding at 7 and 12', async () => {
      at('2026-12-07 12:00:00');
      const resolved = await irina('POST', `/api/v1/tickets/${ids.t1}/resolve`, {
        body: 'Увеличьте max_connections до 200.',
      });
      expect(resolved.json()).toMatchObject({ status: 'resolved', autoCloseAt: '2026-12-25T09:00:00.000Z' });
      at('2026-12-16 12:00:00');
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 1, closed: 0 });
      at('2026-12-23 12:00:00');
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 1, closed: 0 });
      at('2026-12-25 11:59:59');
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 0, closed: 0 });
      at('2026-12-25 12:00:00');
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 0, closed: 1 });
      expect(await runAutoClose(desk.ctx)).toEqual({ reminded: 0, closed: 0 });
      const closed = await ticket(annaRu, 't1');
      expect(closed).toMatchObject({
        status: 'closed',
        closeReason: 'auto',
        closedAt: '2026-12-25T09:00:00.000Z',
      });
      expect(closed.messages.at(-1).body).toContain('14 рабочих дней без ответа');
      const notes = await notificationsOf(anna);
      expect(
        notes.filter((note) => note.template === 'inactivity_reminder' && note.ticketId === ids.t1),
      ).toHaveLength(3);
      expect(notes.some((note) => note.template === 'ticket_auto_closed')).toBe(true);

      const reopen = await annaRu('POST', `/api/v1/tickets/${ids.t1}/reopen`);
      expect(reopen.statusCode).toBe(409);
      expect(reopen.json()).toMatchObject({
        code: 'transition_not_allowed',
        title: 'Это нельзя сделать: запрос в состоянии «Закрыт».',
      });
    });

    it('lets the customer reopen within the window and close it themselves', async () => {
      at('2026-12-28 10:00:00');
      expect((await anna('POST', `/api/v1/tickets/${ids.t2}/reopen`)).statusCode).toBe(409);
      await irina('POST', `/api/v1/tickets/${ids.t2}/resolve`, {
        body: 'Настройте параметр replication.mode.',
      });
      expect((await anna('GET', `/api/v1/tickets/${ids.t2}`)).json().allowedActions).toEqual([
        'reply',
        'reopen',
        'close',
      ]);
      const reopened = await anna('POST', `/api/v1/tickets/${ids.t2}/reopen`);
      expect(reopened.json()).toMatchObject({ status: 'in_progress', autoCloseAt: null });
      expect(reopened.json().allowedActions).toEqual(['reply', 'close']);
      const closed = await anna('POST', `/api/v1/tickets/${ids.t2}/close`, {
        reason: 'Разобрались сами, спасибо.',
      });
      expect(closed.json()).toMatchObject({ status: 'closed', closeReason: 'customer', allowedActions: [] });
      expect((await irina('GET', `/api/v1/tickets/${ids.t2}`)).json().allowedActions).toEqual([
        'assign',
        'tag',
        'logTime',
      ]);
      expect((await anna('POST', `/api/v1/tickets/${ids.t2}/reopen`)).statusCode).toBe(409);
      expect(
        (await anna('POST', `/api/v1/tickets/${ids.t2}/messages`, { body: 'ещё вопрос' })).statusCode,
      ).toBe(409);
    });

    it('marks a consultation outside installation and configuration out of scope, with the explanation', async () => {
      // A month has passed in the simulation: those who were away sign in again.
      sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
      admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
      const consultation = await sergey('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.uralenergo, 'etl-prod-ekb'),
        severity: 'low',
        category: 'consultation',
        subject: 'Спроектируйте нам кластер',
        description: 'Нужна архитектура отказоустойчивого кластера.',
      });
      const id = consultation.json().id;
      const problem = await irina('POST', `/api/v1/tickets/${ids.t2}/out-of-scope`, {});
      expect(problem.statusCode).toBe(409);
      const marked = await irina('POST', `/api/v1/tickets/${id}/out-of-scope`, {});
      expect(marked.json()).toMatchObject({ status: 'resolved', outOfScope: true });
      const explanation = (await sergey('GET', `/api/v1/tickets/${id}`)).json().messages.at(-1);
      expect(explanation).toMatchObject({ kind: 'out_of_scope' });
      expect(explanation.body).toContain('п. 4.4');
    });

    it('splits a request into parts that keep its registration, contact, instance and level', async () => {
      at('2026-12-28 12:00:00');
      const created = await sergey('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb'),
        severity: 'medium',
        subject: 'Две проблемы после обновления',
        description: 'Падает адаптер SAP и медленно работает мониторинг.',
      });
      ids.t3 = created.json().id;
      expect(created.json()).toMatchObject({ level: 'extended', responseDueAt: '2026-12-29T12:00:00.000Z' });
      await sergey('POST', `/api/v1/tickets/${ids.t3}/messages`, { body: 'Журнал адаптера SAP приложен.' });
      await sergey('POST', `/api/v1/tickets/${ids.t3}/messages`, { body: 'Мониторинг отвечает 30 секунд.' });
      const [sapMessage, monitoringMessage] = (await ticket(irina, 't3')).messages;

      at('2026-12-28 13:00:00');
      const split = await irina('POST', `/api/v1/tickets/${ids.t3}/split`, {
        parts: [
          { subject: 'Падает адаптер SAP', severity: 'critical', messageIds: [sapMessage.id] },
          { subject: 'Медленный мониторинг', severity: 'low', messageIds: [monitoringMessage.id] },
        ],
      });
      expect(split.statusCode, split.body).toBe(201);
      const [sap, monitoring] = split.json();
      for (const part of [sap, monitoring]) {
        expect(part).toMatchObject({
          registeredAt: '2026-12-28T09:00:00.000Z',
          contactId: created.json().contactId,
          instanceId: created.json().instanceId,
          level: 'extended',
          splitFromId: ids.t3,
        });
      }
      expect(sap).toMatchObject({ severity: 'critical', responseDueAt: '2026-12-28T13:00:00.000Z' });
      expect(monitoring).toMatchObject({ severity: 'low', responseDueAt: '2026-12-30T09:00:00.000Z' });
      const sapDetail = (await sergey('GET', `/api/v1/tickets/${sap.id}`)).json();
      expect(sapDetail.messages.map((message: { body: string }) => message.body)).toEqual([
        'Журнал адаптера SAP приложен.',
      ]);
      expect(sapDetail.splitFrom).toMatchObject({ id: ids.t3 });
      const original = await ticket(irina, 't3');
      expect(original.splitInto.map((part: { id: string }) => part.id).sort()).toEqual(
        [sap.id, monitoring.id].sort(),
      );

      const badMessage = await irina('POST', `/api/v1/tickets/${ids.t3}/split`, {
        parts: [{ subject: 'x', severity: 'low', messageIds: [sap.id] }],
      });
      expect(badMessage.json()).toMatchObject({ code: 'message_unknown', field: 'parts.0.messageIds.0' });
    });

    it('logs remote sessions on Extended requests only', async () => {
      const session = await irina('POST', `/api/v1/tickets/${ids.t3}/remote-sessions`, {
        startedAt: '2026-12-28T14:00:00+03:00',
        durationMinutes: 45,
        outcome: 'Найдена утечка соединений в адаптере',
        recommendations: 'Обновить адаптер до 4.2.2 и перезапустить узел.',
      });
      expect(session.statusCode, session.body).toBe(201);
      expect(session.json()).toMatchObject({ engineerId: irinaId, durationMinutes: 45 });
      const seen = (await sergey('GET', `/api/v1/tickets/${ids.t3}`)).json();
      expect(seen.remoteSessions).toHaveLength(1);
      expect(seen.messages.at(-1).body).toContain('Обновить адаптер до 4.2.2');

      const standard = await irina('POST', `/api/v1/tickets/${ids.t2}/remote-sessions`, {
        startedAt: '2026-12-28T14:00:00+03:00',
        durationMinutes: 30,
        outcome: 'x',
        recommendations: 'y',
      });
      expect(standard.statusCode).toBe(400);
      expect(standard.json()).toMatchObject({ code: 'remote_session_requires_extended', field: 'ticketId' });
    });

    it('shows each customer its own requests only, and a partner those of its organizations only', async () => {
      expect((await sergey('GET', `/api/v1/tickets/${ids.t1}`)).statusCode).toBe(404);
      expect((await sergey('POST', `/api/v1/tickets/${ids.t1}/messages`, { body: 'чужой' })).statusCode).toBe(
        404,
      );
      const sergeyQueue = (await sergey('GET', '/api/v1/tickets?limit=200')).json().items;
      expect(
        sergeyQueue.every((item: { organizationId: string }) => item.organizationId === world.uralenergo.id),
      ).toBe(true);

      const partner = caller(desk.app, await signIn(desk.app, ...PARTNER));
      expect((await partner('GET', '/api/v1/tickets')).json().items).toEqual([]);
      const partnerId = (await partner('GET', '/api/v1/me')).json().principal.id;
      const assigned = await admin('PUT', `/api/v1/partners/${partnerId}/organizations`, {
        organizationIds: [world.uralenergo.id],
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
      const visible = (await partner('GET', '/api/v1/tickets?limit=200')).json().items;
      expect(visible.length).toBeGreaterThan(0);
      expect(
        visible.every((item: { organizationId: string }) => item.organizationId === world.uralenergo.id),
      ).toBe(true);
      expect((await partner('GET', `/api/v1/tickets/${ids.t1}`)).statusCode).toBe(404);
      const wrongAssignee = await irina('POST', `/api/v1/tickets/${ids.t2}/assignee`, {
        assigneeId: partnerId,
      });
      expect(wrongAssignee.json()).toMatchObject({ code: 'assignee_not_for_organization' });
    });

    it('pages the queue in its order with a cursor, and filters it', async () => {
      const first = (await irina('GET', '/api/v1/tickets?limit=2')).json();
      const second = (await irina('GET', `/api/v1/tickets?limit=2&cursor=${first.nextCursor}`)).json();
      const all = (await irina('GET', '/api/v1/tickets?limit=200')).json().items;
      expect([...first.items, ...second.items]).toEqual(all.slice(0, 4));
      // A page reads its bands in one statement, each band only while the page is short: the pages,
      // walked to the end at every size, hold each request once, in the queue's order.
      for (const size of [1, 2, 3, 5]) {
        expect(await everyPage(irina, '/api/v1/tickets?sort=queue', size), `pages of ${size}`).toEqual(all);
      }
      // Breached unanswered requests first, then the others awaiting support, then the rest by deadline.
      type Item = {
        breached: boolean;
        status: string;
        firstResponseAt: string | null;
        awaitingSupportSince: string | null;
        responseDueAt: string;
      };
      const owed = (item: Item) => item.status !== 'closed' && item.status !== 'resolved';
      const band = (item: Item) =>
        owed(item) && item.breached && !item.firstResponseAt
          ? 0
          : owed(item) && item.awaitingSupportSince
            ? 1
            : 2;
      const bands = all.map(band);
      expect(bands).toEqual([...bands].sort());
      expect(new Set(bands).size).toBeGreaterThan(1);
      const dues = all.filter((item: Item) => band(item) === 2).map((item: Item) => item.responseDueAt);
      expect(dues).toEqual([...dues].sort());
      const closed = (await irina('GET', '/api/v1/tickets?status=closed')).json().items;
      expect(closed.map((item: { id: string }) => item.id).sort()).toEqual([ids.t1, ids.t2].sort());
      const critical = (
        await irina('GET', '/api/v1/tickets?severity=critical&status=new&status=in_progress')
      ).json().items;
      expect(critical.every((item: { severity: string }) => item.severity === 'critical')).toBe(true);
      expect((await irina('GET', '/api/v1/tickets?cursor=garbage')).json()).toMatchObject({
        code: 'cursor_invalid',
      });
    });
  },
);
